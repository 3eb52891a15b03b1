import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the journeys' database is created on: the same one the API's integration tests use. */
export const testServerUrl =
  process.env.NSP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface E2eDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database of its own for one run; the API migrates it and loads the demo data at start. */
export async function createE2eDatabase(): Promise<E2eDatabase> {
  const name = `nsp_e2e_${randomBytes(6).toString('hex')}`;
  try {
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    throw new Error(
      `The end-to-end tests need a PostgreSQL server at ${testServerUrl} (set NSP_TEST_DATABASE_URL): ${(error as Error).message}`,
    );
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => {},
      ),
  };
}

/**
 * Best effort: drops databases left by runs that crashed before their teardown (created over an hour
 * ago and unused, so never a run in progress). Reading file dates needs a superuser; without one the
 * leftovers simply stay.
 */
export async function dropAbandonedE2eDatabases(): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select d.datname from pg_database d
        where d.datname like 'nsp\\_e2e\\_%'
          and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)
          and (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
    );
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
  }).catch(() => {});
}
