import type { Database } from '../db/client.ts';

/** Demo neighborhoods (six, covering East Hartford) and address points. Filled in by the geocoding work. */
export async function seedDemoGeography(_db: Database): Promise<Record<string, number>> {
  return {};
}
