import { randomBytes } from 'node:crypto';
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
      // Built under a name of its own and renamed when complete: another run starting at the same
      // moment (a second checkout of the same commit) never copies a half-migrated template.
      const building = `${template}_${randomBytes(3).toString('hex')}`;
      await client.query(`CREATE DATABASE ${building}`);
      // Other checkouts (git worktrees, a colleague's branch) share this server and may be using
      // their own template right now: the creation time lets cleanup leave recent ones alone.
      await client.query(`COMMENT ON DATABASE ${building} IS 'nsp test template created ${Date.now()}'`);
      const handle = await openDatabase({ databaseUrl: databaseUrl(building), dataDir: '' });
      try {
        await applyMigrations(handle);
      } finally {
        await handle.close();
      }
      try {
        await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      } catch {
        // The other run finished first: its template is the same.
        await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      }
    });
  } catch (error) {
    throw new Error(
      `The tests need a PostgreSQL server at ${testServerUrl} (set NSP_TEST_DATABASE_URL): ${(error as Error).message}`,
    );
  }
  return async () => {
    // Templates of other migration sets are dropped once they are a day old: a run on another
    // branch of this server may be copying a younger one at this moment.
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string; comment: string | null }>(
        `select datname, shobj_description(oid, 'pg_database') as comment from pg_database
          where datname ~ '^nsp_test_template_[0-9a-f]{12}$' and datname <> $1`,
        [template],
      );
      const dayAgo = Date.now() - 24 * 3600_000;
      for (const row of rows) {
        const created = Number(/created (\d+)/.exec(row.comment ?? '')?.[1] ?? 0);
        if (created < dayAgo) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      }
    });
  };
}
