import { openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { databaseUrl, templateName, testServerUrl, withAdminClient } from './postgres.ts';

/**
 * Builds the migrated template database once per run; each test file then copies it. Needs a
 * PostgreSQL server (NSP_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
export default async function setup() {
  const template = templateName();
  try {
    await withAdminClient(async (client) => {
      const existing = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (existing.rowCount) return;
      await client.query(`CREATE DATABASE ${template}`);
      const handle = await openDatabase({ databaseUrl: databaseUrl(template), dataDir: '' });
      try {
        await applyMigrations(handle);
      } finally {
        await handle.close();
      }
    });
  } catch (error) {
    throw new Error(
      `The tests need a PostgreSQL server at ${testServerUrl} (set NSP_TEST_DATABASE_URL): ${(error as Error).message}`,
    );
  }
  return async () => {
    // Leftover databases from crashed runs are dropped; templates of other migration sets too.
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like 'nsp_test_template_%' and datname <> $1",
        [template],
      );
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    });
  };
}
