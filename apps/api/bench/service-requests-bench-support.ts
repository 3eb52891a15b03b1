import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { type AppConfig, loadConfig } from '../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createLogger } from '../src/lib/logger.ts';
import { systemActor } from '../src/modules/audit/audit-log.ts';
import { createUser } from '../src/modules/users/service.ts';

/**
 * Shared pieces of the service-request benchmarks: a dedicated database that is dropped at the end
 * (also on Ctrl-C), the app on loopback with a logged-in user, timing and percentile tables.
 *
 * NSP_BENCH_DATABASE_URL   server to create the benchmark database on (default: the test server)
 * NSP_BENCH_REUSE_DB       keep and reuse a database of this name between runs (skips generating)
 */

export const benchServerUrl =
  process.env.NSP_BENCH_DATABASE_URL ??
  process.env.NSP_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrlFor(name: string): string {
  const url = new URL(benchServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  handle: DatabaseHandle;
  /** True when an existing database was reused (NSP_BENCH_REUSE_DB) and already holds the data. */
  reused: boolean;
  /** Closes the connections and drops the database (unless it is kept for reuse). */
  dispose(): Promise<void>;
}

/** A fresh, migrated database for one benchmark run. */
export async function createBenchDatabase(prefix: string, poolSize = 12): Promise<BenchDatabase> {
  const reuseName = process.env.NSP_BENCH_REUSE_DB;
  const name = reuseName ?? `${prefix}_${randomBytes(5).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const reused = await onServer(async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return true;
    await client.query(`create database ${name}`);
    return false;
  });
  const url = databaseUrlFor(name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize });
  await applyMigrations(handle);

  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await handle.close().catch(() => {});
    if (!reuseName) await onServer((client) => client.query(`drop database if exists ${name} with (force)`));
  };
  // Ctrl-C must not leave a multi-gigabyte database behind.
  process.once('SIGINT', () => {
    process.stderr.write(`\nInterrupted: dropping ${name}\n`);
    dispose().finally(() => process.exit(130));
  });
  return { name, url, handle, reused: reused && Boolean(reuseName), dispose };
}

export interface BenchApp {
  app: FastifyInstance;
  baseUrl: string;
  token: string;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real app on loopback, as production runs it (log level info, written to a sink that drops the
 * lines so the terminal stays readable), with a logged-in user of the given role.
 */
export async function startBenchApp(
  database: BenchDatabase,
  role: 'staff' | 'supervisor' = 'staff',
): Promise<BenchApp> {
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: database.url,
      NSP_DATA_DIR: '/tmp/nsp-bench',
      LOG_LEVEL: 'info',
    }),
    demoData: false,
    runJobs: false,
    loginRateLimit: 1_000_000,
  };
  const sink = new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  const app = await buildApp({ config, database: database.handle, logger: createLogger('info', sink) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const email = `bench-${randomBytes(4).toString('hex')}@bench.example.org`;
  const password = `Bench-${randomBytes(12).toString('base64url')}-Pw`;
  await createUser(
    { db: database.handle.db, actor: systemActor },
    { email, name: 'Bench user', password, roles: [role] },
  );
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { app, baseUrl, token: accessToken, config, close: () => app.close() };
}

export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** A plain-text table whose columns line up (also readable when pasted into a note). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export const print = (text = '') => process.stdout.write(`${text}\n`);

/** Figures mean little on a busy machine; every report says how busy it was. */
export function describeMachineLoad(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${cpus().length} cores`;
}
