import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { PreparingClient } from './prepared-statements.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A drizzle database over either driver; repositories take this or a transaction. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

export type NotificationHandler = (payload: string) => void;

/** The database plus what the app needs beyond queries: readiness, LISTEN/NOTIFY, shutdown. */
export interface DatabaseHandle {
  kind: 'postgres' | 'embedded';
  db: Database;
  /**
   * Where statistics, dashboards and exports read: a streaming replica when
   * NSP_DATABASE_REPLICA_URL is set (so long aggregate scans never compete with the queue for the
   * primary), otherwise the same handle as `db`. Never write through it; it may lag the primary.
   */
  reporting: Database;
  /** Whether `reporting` is a replica (for logs and tests). */
  reportingFromReplica: boolean;
  /** Resolves when the database answers within the timeout; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Subscribes to a NOTIFY channel (cross-instance cache invalidation, live events). */
  listen(channel: string, handler: NotificationHandler): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** The underlying pg pool (postgres only), for the job queue and benchmarks. */
  pool?: pg.Pool;
  /** The replica's pool (postgres with a replica only). */
  replicaPool?: pg.Pool;
  /** The connection string (postgres only), for connections that must not share the pool's limits. */
  connectionString?: string;
  pglite?: PGlite;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  /** A streaming replica of `databaseUrl` for statistics, dashboards and exports (postgres only). */
  replicaUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Called when a background connection (LISTEN) fails, so the app can log it. */
  onBackgroundError?: (error: Error) => void;
}

const CONNECT_TIMEOUT_MS = 1500;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openEmbedded(options.dataDir);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what} timed out`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class DatabaseUnavailableError extends Error {
  readonly code = 'NSP_DB_UNAVAILABLE';
}

/**
 * pg's pool, made to heal when a connection breaks while it is checked out (the server restarts,
 * the network is cut, a proxy drops it):
 * - the pool takes its error listener off a client while lending it out, so a drop would emit an
 *   unhandled 'error' and crash the process; here the client is released with that error at once,
 *   which makes the pool discard it and open a fresh one when needed;
 * - releasing becomes idempotent, because whoever borrowed the client releases it again later, and
 *   drizzle's transaction() never releases a client whose BEGIN failed (it runs BEGIN outside its
 *   try/finally), which would otherwise leak one pool slot for good at every outage.
 * Tested by test/integration/database-faults.test.ts (creates under a cut, then a full pool).
 */
class HealingPool extends pg.Pool {
  private readonly lent = new WeakSet<pg.PoolClient>();

  constructor(config: pg.PoolConfig) {
    super(config);
    this.on('acquire', (client) => this.lent.add(client));
    this.on('release', (_error, client) => this.lent.delete(client));
    this.on('connect', (client) =>
      client.on('error', (error) => {
        if (this.lent.has(client)) client.release(error);
      }),
    );
  }

  /** pg-pool's own `_releaseOnce` throws on a second release; this one ignores it. */
  _releaseOnce(client: pg.PoolClient, idleListener: unknown) {
    let released = false;
    return (error?: Error | boolean) => {
      if (released) return;
      released = true;
      (this as unknown as PoolInternals)._release(client, idleListener, error);
    };
  }
}

interface PoolInternals {
  _release(client: pg.PoolClient, idleListener: unknown, error?: Error | boolean): void;
}

function openPool(url: string, options: DatabaseOptions, applicationName: string): pg.Pool {
  const pool = new HealingPool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Fail fast when the server is gone, or every connection is busy, instead of queueing requests
    // forever: the wait for a connection ends after this long and the caller gets a 503.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // A server that stops answering without closing the connection (a cut network) is given up on
    // after this long; the broken client is discarded and the pool opens a fresh one when needed.
    query_timeout: 30_000,
    application_name: applicationName,
    // Parameterized statements run as named prepared statements: planned once per connection.
    Client: PreparingClient,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.onBackgroundError?.(error));
  return pool;
}

function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const pool = openPool(url, options, 'nsp-api');
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Database;
  const replicaPool = options.replicaUrl
    ? openPool(options.replicaUrl, options, 'nsp-api-reporting')
    : undefined;
  const reporting = replicaPool
    ? (drizzlePg(replicaPool, { schema, casing: 'snake_case' }) as unknown as Database)
    : db;

  const listeners = new Map<string, Set<NotificationHandler>>();
  let listenClient: pg.Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let closed = false;

  async function connectListener(): Promise<void> {
    if (closed || listeners.size === 0) return;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('notification', (message) => {
      for (const handler of listeners.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    const retry = (error: Error) => {
      options.onBackgroundError?.(error);
      if (listenClient === client) listenClient = undefined;
      client.end().catch(() => {});
      if (!closed && !reconnectTimer) {
        reconnectTimer = setTimeout(() => {
          reconnectTimer = undefined;
          connectListener().catch(() => {});
        }, 1000);
      }
    };
    client.on('error', retry);
    try {
      await client.connect();
      for (const channel of listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listenClient = client;
    } catch (error) {
      retry(error as Error);
    }
  }

  return {
    kind: 'postgres',
    db,
    reporting,
    reportingFromReplica: replicaPool !== undefined,
    pool,
    ...(replicaPool ? { replicaPool } : {}),
    connectionString: url,
    async ping(timeoutMs = CONNECT_TIMEOUT_MS) {
      await withTimeout(pool.query('select 1'), timeoutMs, 'database ping');
    },
    async listen(channel, handler) {
      const isNewChannel = !listeners.has(channel);
      const handlers = listeners.get(channel) ?? new Set();
      handlers.add(handler);
      listeners.set(channel, handlers);
      if (listenClient && isNewChannel) await listenClient.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      else if (!listenClient && !reconnectTimer) await connectListener();
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      await listenClient?.end().catch(() => {});
      await Promise.all([pool.end(), replicaPool?.end()]);
    },
  };
}

async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  const pgdataDir = path.join(dataDir, 'pgdata');
  mkdirSync(pgdataDir, { recursive: true });
  const pglite = await PGlite.create(pgdataDir, { extensions: { btree_gist, pg_trgm } });
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' }) as unknown as Database;
  return {
    kind: 'embedded',
    db,
    reporting: db,
    reportingFromReplica: false,
    pglite,
    async ping(timeoutMs = CONNECT_TIMEOUT_MS) {
      await withTimeout(pglite.query('select 1'), timeoutMs, 'database ping');
    },
    async listen(channel, handler) {
      await pglite.listen(channel, handler);
    },
    async notify(channel, payload) {
      await pglite.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await pglite.close();
    },
  };
}
