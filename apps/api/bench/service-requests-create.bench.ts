import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import * as schema from '../src/db/schema/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import { systemActor } from '../src/modules/audit/audit-log.ts';
import { anonymizeExpiredRequests } from '../src/modules/service-requests/jobs/retention.ts';
import { recordSlaBreaches } from '../src/modules/service-requests/jobs/sla-breach-sweep.ts';
import { createUser } from '../src/modules/users/service.ts';
import { generateServiceRequests } from '../scripts/generate-requests.ts';
import { townBox } from '../scripts/request-generator-data.ts';
import {
  createBenchDatabase,
  describeMachineLoad,
  ms,
  percentiles,
  print,
  table,
  timeMs,
} from './service-requests-bench-support.ts';

/**
 * Create throughput: POST /api/v1/service-requests (coordinates, requester contact) against the API
 * running as its own process, next to raw `pg` running the same SQL statements (captured from the
 * create path through drizzle's logger) in a transaction, in one run, rounds alternating. Raw gets its
 * best case: every statement prepared (named), the reads before the transaction sent side by side.
 *
 *   npx tsx bench/service-requests-create.bench.ts
 *   NSP_BENCH_CREATES=2000 NSP_BENCH_CONCURRENCY=8 NSP_BENCH_BASE_REQUESTS=200000 npx tsx bench/…
 *   NSP_BENCH_CPU_PROF=/tmp/prof …   (also writes the API process's CPU profile)
 */

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const createsPerRound = Number(process.env.NSP_BENCH_CREATES ?? 1500);
const rounds = Number(process.env.NSP_BENCH_ROUNDS ?? 3);
/** One request at a time shows the per-request cost; eight at a time, throughput under load. */
const concurrencyLevels = (process.env.NSP_BENCH_CONCURRENCY ?? '1,8').split(',').map(Number);
const baseRequests = Number(process.env.NSP_BENCH_BASE_REQUESTS ?? 200_000);
const poolSize = 10; // the API's default NSP_DB_POOL_SIZE; raw gets the same
const targetRatio = 0.6;

interface Statement {
  text: string;
  params: unknown[];
}

/** The create path as SQL: reads before the transaction, the statements inside it, anything after. */
interface CreateScript {
  before: Statement[];
  inside: Statement[];
  after: Statement[];
  /** The id and tracking number the captured request got, to be swapped for each replay's own. */
  capturedId: string;
  capturedTrackingNumber: string;
}

const serviceCodes = [
  'noise',
  'parking',
  'abandoned-vehicle',
  'speeding',
  'graffiti',
  'illegal-dumping',
  'animal',
];

function createBody(index: number) {
  // A hash of the index: every create gets its own place, spread over the town, the same on each run.
  const random = (n: number) => {
    let x = Math.imul(index ^ 0x5bd1e995, 0x45d9f3b) + n * 0x9e3779b9;
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
    return ((x ^ (x >>> 16)) >>> 0) / 4_294_967_296;
  };
  return {
    serviceCode: serviceCodes[index % serviceCodes.length],
    description: `Benchmark request ${index}: car parked across the sidewalk again, blocking the ramp.`,
    lat: townBox.minLat + 0.002 + random(1) * (townBox.maxLat - townBox.minLat - 0.004),
    lon: townBox.minLon + 0.002 + random(2) * (townBox.maxLon - townBox.minLon - 0.004),
    channel: 'phone',
    priority: (['P2', 'P3', 'P4'] as const)[index % 3],
    requester: {
      name: 'Ana Rivera',
      email: `ana.rivera${index}@example.com`,
      phone: '(860) 555-0142',
      preferredLanguage: 'es',
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The API as production runs it: its own process (src/server.ts), logging at info (to nowhere). */
async function startServer(databaseUrl: string, adminEmail: string, adminPassword: string) {
  const port = await freePort();
  // NSP_BENCH_CPU_PROF=<dir> writes the API's CPU profile there (open it in Chrome DevTools).
  const profile = process.env.NSP_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.NSP_BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server.ts'], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      NSP_ADMIN_EMAIL: adminEmail,
      NSP_ADMIN_PASSWORD: adminPassword,
      NSP_DEMO_DATA: 'false',
      NSP_DATA_DIR: '/tmp/nsp-bench-server',
      NSP_DB_POOL_SIZE: String(poolSize),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}): ${stderr}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`API did not get ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, baseUrl };
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Logs the create path's SQL by running one create through an in-process app whose drizzle logs. */
async function captureCreateScript(
  pool: pg.Pool,
  handle: Parameters<typeof buildApp>[0]['database'],
  databaseUrl: string,
): Promise<CreateScript> {
  let captured: Statement[] = [];
  const capturingDb = drizzle(pool, {
    schema,
    casing: 'snake_case',
    logger: { logQuery: (text, params) => captured.push({ text, params }) },
  }) as unknown as Database;
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: databaseUrl,
    }),
    demoData: false,
    runJobs: false,
    loginRateLimit: 1_000_000,
  };
  const app = await buildApp({
    config,
    database: { ...handle, db: capturingDb },
    logger: createLogger('error'),
  });
  try {
    await app.ready();
    const email = `capture-${randomBytes(4).toString('hex')}@bench.example.org`;
    const password = `Capture-${randomBytes(12).toString('base64url')}-Pw`;
    await createUser(
      { db: handle.db, actor: systemActor },
      { email, name: 'Capture', password, roles: ['staff'] },
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    const token = login.json().accessToken as string;
    let reply: { id: string; trackingNumber: string } | undefined;
    // The first creates fill the app's caches (categories, desk settings); the last one is the steady state.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      captured = [];
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/service-requests',
        headers: { authorization: `Bearer ${token}` },
        payload: createBody(attempt === 3 ? capturedBodyIndex : attempt),
      });
      if (response.statusCode !== 201)
        throw new Error(`capture create: ${response.statusCode} ${response.body}`);
      reply = response.json();
    }
    const begin = captured.findIndex((statement) => /^\s*begin/i.test(statement.text));
    const commit = captured.findIndex((statement) => /^\s*commit/i.test(statement.text));
    if (begin < 0 || commit < begin) throw new Error('the create path ran no transaction');
    return {
      before: captured.slice(0, begin),
      inside: captured.slice(begin + 1, commit),
      after: captured.slice(commit + 1),
      capturedId: reply!.id,
      capturedTrackingNumber: reply!.trackingNumber,
    };
  } finally {
    await app.close();
  }
}

const statementNames = new Map<string, string>();
/** Every raw statement is a named prepared statement: parsed and planned once per connection. */
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `raw_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** The request body the captured statements were sent for (the last capture attempt). */
const capturedBodyIndex = 3;

/**
 * The captured parameters turned into those of request `index`, as the API would send them: its own
 * place, category and text (so raw pg, like the API, does not pile every request onto one spot, which
 * would make the duplicate search ever slower), and the ids the database gave this request.
 */
function parametersFor(index: number, script: CreateScript, ids: { id: string; trackingNumber: string }) {
  const captured = createBody(capturedBodyIndex);
  const wanted = createBody(index);
  const latShift = wanted.lat - captured.lat;
  const lonShift = wanted.lon - captured.lon;
  const texts: Array<[string, string]> = [
    [script.capturedId, ids.id],
    [script.capturedTrackingNumber, ids.trackingNumber],
    [captured.description, wanted.description],
    [captured.requester.email, wanted.requester.email],
  ];
  const shift = (value: number) =>
    Math.abs(value - captured.lat) < 0.01
      ? value + latShift
      : Math.abs(value - captured.lon) < 0.01
        ? value + lonShift
        : value;
  return (params: unknown[]) =>
    params.map((value) => {
      if (typeof value === 'number') return shift(value);
      if (typeof value !== 'string') return value;
      if (value === captured.serviceCode) return wanted.serviceCode;
      if (value === captured.priority) return wanted.priority;
      if (/^-?\d+\.\d+$/.test(value)) return String(shift(Number(value)));
      let replaced = value;
      for (const [from, to] of texts) replaced = replaced.replaceAll(from, to);
      return replaced;
    });
}

/** One create as raw pg: the same statements, with request `index`'s own values swapped in. */
async function rawCreate(pool: pg.Pool, script: CreateScript, index: number) {
  const ids = { id: script.capturedId, trackingNumber: script.capturedTrackingNumber };
  const swap = parametersFor(index, script, ids);
  await Promise.all(
    script.before.map((statement) => pool.query(prepared(statement.text, swap(statement.params)))),
  );
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (const statement of script.inside) {
      const result = await client.query(prepared(statement.text, swap(statement.params)));
      // The request insert returns the new id and tracking number; later statements refer to them.
      const inserted = result.rows[0];
      if (inserted?.id && inserted.tracking_number) {
        ids.id = inserted.id;
        ids.trackingNumber = inserted.tracking_number;
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  for (const statement of script.after) await pool.query(prepared(statement.text, swap(statement.params)));
}

/** POST over a keep-alive connection pool, one socket per worker. */
function apiCreate(agent: http.Agent, baseUrl: string, token: string, index: number): Promise<void> {
  const body = JSON.stringify(createBody(index));
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}/api/v1/service-requests`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          response.statusCode === 201 ? resolve() : reject(new Error(`HTTP ${response.statusCode}: ${text}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface LoadResult {
  perSecond: number;
  latencies: number[];
}

/** `count` operations, `concurrency` at a time; bounded in count, so it always ends. */
async function load(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
  offset: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        latencies.push(await timeMs(() => operation(offset + index)));
      }
    }),
  );
  return { perSecond: count / ((performance.now() - started) / 1000), latencies };
}

async function main() {
  const database = await createBenchDatabase('nsp_bench_create', poolSize + 2);
  const rawPool = new pg.Pool({
    connectionString: database.url,
    max: poolSize,
    application_name: 'nsp-bench-raw',
  });
  let server: ChildProcess | undefined;
  try {
    const pool = database.handle.pool!;
    if (!database.reused) {
      print(`Generating ${baseRequests.toLocaleString('en-US')} existing requests in ${database.name}…`);
      const summary = await generateServiceRequests(pool, { count: baseRequests });
      await pool.query('vacuum (analyze) service_requests');
      print(`  done in ${(summary.milliseconds / 1000).toFixed(1)} s`);
    }
    // The server's jobs would otherwise record the generated backlog's breaches in the middle of a round.
    const sweepMs = await timeMs(async () => {
      const breaches = await recordSlaBreaches({ db: database.handle.db });
      print(`SLA breach sweep over the existing requests: ${JSON.stringify(breaches)}`);
    });
    const retentionMs = await timeMs(async () => {
      const retention = await anonymizeExpiredRequests({ db: database.handle.db, retentionDays: 730 });
      print(`Retention run: ${JSON.stringify(retention)}`);
    });
    print(`  sweep ${ms(sweepMs)}, retention ${ms(retentionMs)}`);

    print(`Machine: ${describeMachineLoad()}.`);
    const script = await captureCreateScript(pool, database.handle, database.url);
    print();
    print('The create path’s SQL (replayed by raw pg, each as a named prepared statement):');
    const show = (label: string, statements: Statement[]) => {
      for (const statement of statements)
        print(`  [${label}] ${statement.text.replace(/\s+/g, ' ').slice(0, 220)}`);
    };
    show('before', script.before);
    print('  [tx] begin');
    show('tx', script.inside);
    print('  [tx] commit');
    show('after', script.after);

    const adminEmail = `bench-admin-${randomBytes(3).toString('hex')}@bench.example.org`;
    const adminPassword = `Bench-admin-${randomBytes(12).toString('base64url')}`;
    const started = await startServer(database.url, adminEmail, adminPassword);
    server = started.child;
    const login = await fetch(`${started.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(...concurrencyLevels) });
    const api = (index: number) => apiCreate(agent, started.baseUrl, token, index);
    const raw = (index: number) => rawCreate(rawPool, script, index);
    print();
    print(
      `Warming up (200 each), then per concurrency ${rounds} rounds of ${createsPerRound} creates each way…`,
    );
    await load(200, 4, api, 1_000_000);
    await load(200, 4, raw, 1_500_000);

    const verdicts: string[] = [];
    let offset = 2_000_000;
    for (const concurrency of concurrencyLevels) {
      const results: Array<{ round: number; api: LoadResult; raw: LoadResult }> = [];
      for (let round = 1; round <= rounds; round += 1) {
        // Alternate who goes first, so table growth and autovacuum fall on both sides alike.
        // Each side its own run of indexes (so its own places), drawn the same way.
        const runRaw = () => load(createsPerRound, concurrency, raw, offset + 5_000_000);
        const runApi = () => load(createsPerRound, concurrency, api, offset);
        offset += createsPerRound;
        const rawFirst = round % 2 === 1 ? await runRaw() : undefined;
        const apiResult = await runApi();
        results.push({ round, api: apiResult, raw: rawFirst ?? (await runRaw()) });
      }
      const rows = results.map(({ round, api: a, raw: r }) => {
        const ap = percentiles(a.latencies);
        const rp = percentiles(r.latencies);
        return [
          String(round),
          `${r.perSecond.toFixed(0)}/s`,
          `${ms(rp.p50)} / ${ms(rp.p95)}`,
          `${a.perSecond.toFixed(0)}/s`,
          `${ms(ap.p50)} / ${ms(ap.p95)}`,
          `${((a.perSecond / r.perSecond) * 100).toFixed(0)} %`,
        ];
      });
      const apiMean = results.reduce((sum, result) => sum + result.api.perSecond, 0) / results.length;
      const rawMean = results.reduce((sum, result) => sum + result.raw.perSecond, 0) / results.length;
      const ratio = apiMean / rawMean;
      rows.push([
        'mean',
        `${rawMean.toFixed(0)}/s`,
        '',
        `${apiMean.toFixed(0)}/s`,
        '',
        `${(ratio * 100).toFixed(0)} %`,
      ]);
      print();
      print(`Concurrency ${concurrency}, ${createsPerRound} creates per round, pool ${poolSize} each side:`);
      print(table(['round', 'raw pg', 'raw p50 / p95', 'API (HTTP)', 'API p50 / p95', 'API / raw'], rows));
      verdicts.push(
        `concurrency ${concurrency}: API ${(ratio * 100).toFixed(0)} % of raw — ${ratio >= targetRatio ? 'target met' : 'target NOT met'}`,
      );
    }
    agent.destroy();
    print();
    print(`Target: API >= ${targetRatio * 100} % of raw. ${verdicts.join('; ')}.`);
    print(`Machine: ${describeMachineLoad()}.`);
  } finally {
    if (server) await stopServer(server);
    await rawPool.end().catch(() => {});
    await database.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
