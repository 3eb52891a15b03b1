import type { Database } from '../db/client.ts';

/** Demo service types and service requests. */
export async function seedDemoRequests(_db: Database, _options: { timeZone: string }): Promise<Record<string, number>> {
  return {};
}
