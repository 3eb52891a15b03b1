import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { sqlStateOf } from '../../src/lib/sql-state.ts';
import { insertServiceType } from '../support/factories/index.ts';
import { type ReplicatedClusters, startReplicatedClusters } from '../support/local-cluster.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/**
 * NSP_DATABASE_REPLICA_URL against a real streaming replica: a primary cluster and a
 * `pg_basebackup -R` copy of it streaming on another port, both created (and removed) here so the
 * shared server is never reconfigured. One API reads statistics, dashboards and exports from the
 * replica; a second one on the same primary without a replica is the reference.
 */

let clusters: ReplicatedClusters | undefined;
let withReplica: TestApp;
let primaryOnly: TestApp;
let admin: TestUser;
let serviceCode: string;

beforeAll(async () => {
  clusters = await startReplicatedClusters();
  const setup = await openDatabase({ databaseUrl: clusters.primary.url, dataDir: '' });
  try {
    await applyMigrations(setup);
    serviceCode = await insertServiceType(setup.db);
  } finally {
    await setup.close();
  }
  const replicated: DatabaseHandle = await openDatabase({
    databaseUrl: clusters.primary.url,
    replicaUrl: clusters.replica.url,
    dataDir: '',
  });
  withReplica = await startTestApp({
    database: replicated,
    config: { databaseUrl: clusters.primary.url, databaseReplicaUrl: clusters.replica.url },
  });
  primaryOnly = await startTestApp({
    database: await openDatabase({ databaseUrl: clusters.primary.url, dataDir: '' }),
    config: { databaseUrl: clusters.primary.url },
  });
  admin = await userWithRoles(withReplica, ['admin']);
}, 60_000);

afterAll(async () => {
  for (const app of [withReplica, primaryOnly]) {
    if (!app) continue;
    await app.close().catch(() => {});
    await app.database.close().catch(() => {});
  }
  await clusters?.destroy();
});

async function createRequests(count: number) {
  for (let i = 0; i < count; i++) {
    const reply = await withReplica.http
      .post('/api/v1/service-requests')
      .set(bearer(admin))
      .send({
        serviceCode,
        description: `Replica test request ${i}`,
        channel: 'phone',
        lat: 41.77,
        lon: -72.64,
      });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
}

/** What the statistics, dashboards and exports routes answer, without the parts that move with the clock. */
async function reports(app: TestApp) {
  const period = {
    from: new Date(Date.now() - 86_400_000).toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
  };
  const byCategory = await app.http
    .get('/api/v1/stats/response-times')
    .query({ ...period, groupBy: 'category' })
    .set(bearer(admin))
    .expect(200);
  const scorecards = await app.http
    .get('/api/v1/stats/scorecards')
    .query(period)
    .set(bearer(admin))
    .expect(200);
  const sara = await app.http.get('/api/v1/sara-cases/figures').set(bearer(admin)).expect(200);
  const csv = await app.http.get('/api/v1/public/service-requests.csv').expect(200);
  const row = (byCategory.body.rows as Array<{ key: string; requests: number }>).find(
    (r) => r.key === serviceCode,
  );
  return {
    requests: row?.requests ?? 0,
    byCategory: byCategory.body.rows,
    scorecards: scorecards.body.rows,
    sara: sara.body,
    csvLines: csv.text.trim().split('\n').length,
  };
}

const queueCount = async (app: TestApp) => {
  const reply = await app.http
    .get('/api/v1/service-requests')
    .query({ serviceCode, limit: 100 })
    .set(bearer(admin))
    .expect(200);
  return (reply.body.items as unknown[]).length;
};

describe('a read replica (NSP_DATABASE_REPLICA_URL)', () => {
  it('serves statistics, dashboards and exports from the replica and everything else from the primary', async () => {
    expect(withReplica.database.reportingFromReplica).toBe(true);
    await createRequests(3);
    await clusters!.caughtUp();
    const caughtUp = await reports(withReplica);
    expect(caughtUp.requests).toBe(3);
    expect(caughtUp).toEqual(await reports(primaryOnly));

    // Replay stopped on the replica: new writes reach the primary (the queue shows them at once)
    // but not the replica, so the replica-backed reports lag while the primary-backed ones do not.
    const replicaAdmin = new pg.Client({ connectionString: clusters!.replica.url });
    await replicaAdmin.connect();
    try {
      await replicaAdmin.query('select pg_wal_replay_pause()');
      await createRequests(2);
      expect(await queueCount(withReplica)).toBe(5);
      const lagging = await reports(withReplica);
      const current = await reports(primaryOnly);
      expect(lagging.requests).toBe(3);
      expect(lagging.csvLines).toBe(caughtUp.csvLines);
      expect(current.requests).toBe(5);
      expect(current.csvLines).toBe(caughtUp.csvLines + 2);
    } finally {
      await replicaAdmin.query('select pg_wal_replay_resume()');
      await replicaAdmin.end();
    }

    // Once the replica has replayed the primary's WAL the figures are the primary's again.
    await clusters!.caughtUp();
    const after = await reports(withReplica);
    expect(after.requests).toBe(5);
    expect(after).toEqual(await reports(primaryOnly));
  });

  it('refuses writes through the reporting handle: it is the replica, read-only', async () => {
    const refused = await withReplica.database.reporting.execute('create table never_here (id int)').then(
      () => undefined,
      (error: unknown) => error,
    );
    // 25006: read_only_sql_transaction, what a hot standby answers to any write.
    expect(sqlStateOf(refused)?.code).toBe('25006');
  });
});
