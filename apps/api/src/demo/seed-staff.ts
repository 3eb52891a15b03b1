import type { Database } from '../db/client.ts';

/** Demo personnel and their assignments (a coordination lieutenant per neighborhood). */
export async function seedDemoStaff(
  _db: Database,
  _options: { users: Record<string, string> },
): Promise<Record<string, number>> {
  return {};
}
