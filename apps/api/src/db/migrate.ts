import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { DatabaseHandle } from './client.ts';

/**
 * The repository's migrations/ folder, found upwards from this module: src/db/ when run from the
 * sources, dist/ (or dist/chunks/) when compiled, /app/apps/api/dist in the image.
 */
export const migrationsFolder = findMigrationsFolder(path.dirname(fileURLToPath(import.meta.url)));

function findMigrationsFolder(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations');
    if (existsSync(path.join(candidate, 'meta/_journal.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No migrations/meta/_journal.json above ${start}`);
  }
}

/** Arbitrary constant: serialises migrations when several API instances start at once. */
const MIGRATION_LOCK_ID = 727_001;

/** Applies the committed SQL migrations in migrations/ (idempotent; run at every start). */
export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'embedded') {
    await migratePglite(drizzlePglite(handle.pglite!), { migrationsFolder });
    return;
  }
  // A client of its own, without the pool's query timeout: a migration that rewrites a large
  // table may rightly take longer than any request should.
  const client = new pg.Client({ connectionString: handle.connectionString! });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}
