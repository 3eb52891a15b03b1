import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/lib/logger.ts';
import {
  demoFixtures,
  describeMachine,
  loadNow,
  loginDemoUsers,
  pg,
  seedDemo,
  startServer,
  writeReportSection,
} from './report-support.ts';
import { createBenchDatabase, print, table } from './service-requests-bench-support.ts';

/**
 * Issue #18's report: the API as production runs it (a child process on real PostgreSQL with the
 * demo data), loaded by autocannon with 16 connections, route by route. Each route's figure stands
 * next to two baselines measured in the same run:
 *   - /healthz of the same process (everything a request costs outside the route's own work);
 *   - the SQL alone: the statements the route sends (captured from one request of an in-process
 *     app on the same database, in the same order and on as many connections), replayed with raw
 *     `pg` by 16 concurrent callers; writes are rolled back instead of committed.
 * Writes the "routes" section of bench/REPORT.md.
 *
 *   npx tsx bench/report.bench.ts
 *   NSP_BENCH_SECONDS=5 NSP_BENCH_ONLY=queue,detail npx tsx bench/report.bench.ts
 *   NSP_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" NSP_BENCH_ONLY=queue npx tsx bench/report.bench.ts
 */

const SECONDS = Number(process.env.NSP_BENCH_SECONDS ?? 8);
const SQL_SECONDS = Number(process.env.NSP_BENCH_SQL_SECONDS ?? 4);
const WARMUP_SECONDS = Number(process.env.NSP_BENCH_WARMUP_SECONDS ?? 2);
const BASELINE_SECONDS = Number(process.env.NSP_BENCH_BASELINE_SECONDS ?? 4);
const CONNECTIONS = 16;
const only = (process.env.NSP_BENCH_ONLY ?? '').split(',').filter(Boolean);

interface RouteRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  token?: string;
}

interface Scenario {
  key: string;
  title: string;
  /** The ratio to /healthz done-when 1 asks for, when it names this route. */
  target?: number;
  /** The nth request of the run (autocannon keeps no per-connection state we could use). */
  next(index: number): RouteRequest & { id?: string };
  /** Told each reply (the transition scenario follows each request's status). */
  replied?(id: string | undefined, status: number): void;
  write?: boolean;
}

interface Measured {
  scenario: Scenario;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** /healthz measured just before this route (routes with a target). */
  adjacent: number | undefined;
  sql: { rps: number; p50: number; statements: number } | null;
}

async function main() {
  const database = await createBenchDatabase('nsp_bench_report', 20);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    print('Loading the demo data…');
    const passwords = await seedDemo(database);
    const fixtures = await demoFixtures(database);
    const jwtSecret = randomBytes(32).toString('hex');
    server = await startServer(database, jwtSecret);
    const tokens = await loginDemoUsers(server.baseUrl, passwords);
    const machine = await describeMachine(database, server.runtime);
    print(machine.join('\n'));

    // Requests the transition scenario moves between triaged and assigned: each connection owns its
    // own four, so no two connections ever change the same request.
    const owned = await prepareTransitionRequests(server.baseUrl, tokens.supervisor!, fixtures);
    const transitionState = new Map(owned.flat().map((id) => [id, 'assigned']));
    const inFlight = new Set<string>();
    const asked = new Map<string, string>();

    const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
    const healthz: Scenario = {
      key: 'healthz',
      title: '`/healthz` (baseline)',
      next: () => ({ method: 'GET', path: '/healthz' }),
    };
    const allScenarios: Scenario[] = [
      healthz,
      {
        key: 'me',
        title: '`/api/v1/me`',
        next: () => ({ method: 'GET', path: '/api/v1/me', token: tokens.staff }),
      },
      {
        key: 'queue',
        title: 'queue page (neighborhood, status new, up to 50 rows, counts)',
        target: 0.15,
        next: (index) => ({
          method: 'GET',
          path: `/api/v1/service-requests?neighborhoodId=${pick(fixtures.neighborhoodIds, index)}&status=new&limit=50`,
          token: tokens.staff,
        }),
      },
      {
        // The issue's queue page returns the few new requests of one neighborhood (1-5 rows on the
        // demo data); this one is a full page: the open requests of the whole town, 50 rows.
        key: 'queue50',
        title: 'queue page, full (open requests, 50 rows, counts)',
        target: 0.15,
        next: () => ({
          method: 'GET',
          path: '/api/v1/service-requests?status=new,triaged,assigned,in_progress&limit=50',
          token: tokens.staff,
        }),
      },
      {
        key: 'detail',
        title: 'request detail (with timeline)',
        target: 0.3,
        next: (index) => ({
          method: 'GET',
          path: `/api/v1/service-requests/${pick(fixtures.requestIds, index)}`,
          token: tokens.staff,
        }),
      },
      {
        key: 'neighborhoods',
        title: '`/api/v1/neighborhoods`',
        target: 0.3,
        next: () => ({ method: 'GET', path: '/api/v1/neighborhoods', token: tokens.staff }),
      },
      {
        key: 'service-types',
        title: '`/api/v1/service-types`',
        target: 0.3,
        next: () => ({ method: 'GET', path: '/api/v1/service-types', token: tokens.staff }),
      },
      {
        key: 'geocode',
        title: 'geocode (an address as typed)',
        target: 0.5,
        next: (index) => ({
          method: 'GET',
          path: `/api/v1/geocode?address=${encodeURIComponent(pick(fixtures.addresses, index).toLowerCase())}`,
          token: tokens.staff,
        }),
      },
      {
        key: 'create',
        title: 'create (POST, by address)',
        write: true,
        next: (index) => ({
          method: 'POST',
          path: '/api/v1/service-requests',
          token: tokens.staff,
          body: {
            serviceCode: pick(fixtures.serviceCodes, index),
            description: `Benchmark request ${index}: shopping carts left on the sidewalk`,
            address: pick(fixtures.addresses, index),
            channel: 'phone',
          },
        }),
      },
      {
        key: 'transition',
        title: 'transition (POST, assigned ↔ triaged)',
        write: true,
        next: () => {
          // The next request no connection is changing; it moves to the other of its two statuses.
          const id = [...transitionState.keys()].find((candidate) => !inFlight.has(candidate))!;
          inFlight.add(id);
          transitionState.set(id, transitionState.get(id)!);
          const to = transitionState.get(id) === 'assigned' ? 'triaged' : 'assigned';
          asked.set(id, to);
          // Least recently used first: move it to the end of the map's order.
          const status = transitionState.get(id)!;
          transitionState.delete(id);
          transitionState.set(id, status);
          return {
            id,
            method: 'POST',
            path: `/api/v1/service-requests/${id}/transitions`,
            token: tokens.supervisor,
            body: { to },
          };
        },
        replied: (id, status) => {
          if (!id) return;
          inFlight.delete(id);
          if (status === 200) transitionState.set(id, asked.get(id)!);
        },
      },
      {
        key: 'public-request',
        title: 'public lookup by tracking number',
        next: (index) => ({
          method: 'GET',
          path: `/api/v1/public/requests/${pick(fixtures.trackingNumbers, index)}`,
        }),
      },
      {
        key: 'public-locate',
        title: 'public locate (address)',
        next: (index) => ({
          method: 'GET',
          path: `/api/v1/public/locate?address=${encodeURIComponent(pick(fixtures.addresses, index))}`,
        }),
      },
      {
        key: 'open311-services',
        title: 'Open311 `services.json`',
        next: () => ({ method: 'GET', path: '/open311/v2/services.json' }),
      },
      {
        key: 'open311-request',
        title: 'Open311 `requests/:id.json`',
        next: (index) => ({
          method: 'GET',
          path: `/open311/v2/requests/${pick(fixtures.trackingNumbers, index)}.json`,
        }),
      },
    ];
    const scenarios = allScenarios.filter(
      (scenario) => only.length === 0 || scenario.key === 'healthz' || only.includes(scenario.key),
    );

    // The transition scenario's requests must start assigned for the first round (to: triaged).
    const captured = await captureStatements(database.url, jwtSecret, scenarios);
    await resetTransitionRequests(database.url, owned);
    for (const id of transitionState.keys()) transitionState.set(id, 'assigned');
    if (process.env.NSP_BENCH_EXPLAIN === 'true') await explainAll(database.url, captured);

    const results: Measured[] = [];
    for (const scenario of scenarios) {
      print(`\n${scenario.title}…`);
      if (WARMUP_SECONDS > 0 && !scenario.write) await load(server.baseUrl, scenario, WARMUP_SECONDS);
      // A route with a target is compared with /healthz measured just before it, on the process as
      // it is then (heap, caches, JIT): over a run the baseline drifts by up to ±20 %.
      const adjacent =
        scenario.target !== undefined
          ? (await load(server.baseUrl, healthz, BASELINE_SECONDS)).rps
          : undefined;
      const http = await load(server.baseUrl, scenario, SECONDS);
      const statements = captured.get(scenario.key);
      const sql =
        statements && statements.count > 0
          ? await replay(database.url, statements, scenario.write ?? false, SQL_SECONDS, [
              ...transitionState.keys(),
            ])
          : null;
      const result = { scenario, ...http, adjacent, sql: sql && { ...sql, statements: statements!.count } };
      results.push(result);
      print(
        `  ${http.rps.toFixed(0)} req/s, p50 ${http.p50} ms, p99 ${http.p99} ms, errors ${http.errors}; SQL alone ${sql ? `${sql.rps.toFixed(0)} req/s` : '—'} (load ${loadNow()})`,
      );
    }

    const baseline = results.find((result) => result.scenario.key === 'healthz')!;
    const header = [
      'route',
      'req/s',
      'p50 ms',
      'p99 ms',
      '× /healthz',
      '/healthz just before',
      'target',
      'SQL alone req/s (statements)',
      'SQL p50 ms',
      'errors',
    ];
    const rows = results.map((result) => {
      const ratio = result.rps / (result.adjacent ?? baseline.rps);
      const target = result.scenario.target;
      return [
        result.scenario.title,
        result.rps.toFixed(0),
        String(result.p50),
        String(result.p99),
        ratio.toFixed(3),
        result.adjacent === undefined ? '' : result.adjacent.toFixed(0),
        target === undefined ? '' : `≥ ${target} ${ratio >= target ? '✅' : '❌'}`,
        result.sql ? `${result.sql.rps.toFixed(0)} (${result.sql.statements})` : '—',
        result.sql ? result.sql.p50.toFixed(2) : '—',
        String(result.errors),
      ];
    });
    const markdown = [
      '## Routes (report.bench.ts)',
      '',
      `Measured ${new Date().toISOString()}: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARMUP_SECONDS} s of warm-up (reads), on the demo data in real PostgreSQL. A route with a target is compared with \`/healthz\` measured for ${BASELINE_SECONDS} s just before it (its own baseline, same process, same moment); the others with the first \`/healthz\` row. "SQL alone" replays the statements one request of that route sends (captured in the same run) with raw \`pg\`, ${CONNECTIONS} concurrent callers, ${SQL_SECONDS} s; writes are rolled back. Load average at the end: ${loadNow()}.`,
      '',
      ...machine,
      '',
      table(header, rows),
      '',
    ].join('\n');
    print(`\n${markdown}`);
    writeReportSection('routes', markdown);
  } finally {
    await server?.stop();
    await database.dispose();
  }
}

async function load(baseUrl: string, scenario: Scenario, seconds: number) {
  let nextIndex = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request, state) => {
          const next = scenario.next(nextIndex++);
          (state as { id?: string }).id = next.id;
          const headers: Record<string, string> = { 'accept-encoding': 'br, gzip' };
          if (next.token) headers.authorization = `Bearer ${next.token}`;
          if (next.body !== undefined) headers['content-type'] = 'application/json';
          return {
            ...request,
            method: next.method,
            path: next.path,
            headers,
            body: next.body === undefined ? undefined : JSON.stringify(next.body),
          };
        },
        onResponse: (status, _body, state) => scenario.replied?.((state as { id?: string }).id, status),
      },
    ],
  });
  if (result.non2xx > 0) print(`  status codes: ${JSON.stringify(result.statusCodeStats)}`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** One request's statements, by the connection that ran them (drizzle runs some in parallel). */
interface CapturedRequest {
  groups: Array<Array<Record<string, unknown>>>;
  count: number;
  /** The request the statements changed (replays give each caller its own, see replay()). */
  id?: string | undefined;
}

/**
 * Runs one request of each scenario through an in-process app on the same database, with pg's
 * Client.query wrapped to record what it sends. The second request of each route is kept (the first
 * fills the caches every later request finds warm, as on a running server).
 */
async function captureStatements(databaseUrl: string, jwtSecret: string, scenarios: Scenario[]) {
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: jwtSecret,
      DATABASE_URL: databaseUrl,
      NSP_DATA_DIR: '/tmp/nsp-bench',
      LOG_LEVEL: 'warn',
    }),
    demoData: false,
    runJobs: false,
    loginRateLimit: 1_000_000,
    publicRateLimit: 1_000_000,
  };
  const { openDatabase } = await import('../src/db/client.ts');
  const handle = await openDatabase({ databaseUrl, dataDir: '', poolSize: 10 });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await buildApp({ config, database: handle, logger: createLogger('warn', sink) });
  await app.ready();
  const original = pg.Client.prototype.query;
  let recording: Map<unknown, Array<Record<string, unknown>>> | null = null;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    if (recording) {
      const [first, values] = args;
      const statement: Record<string, unknown> =
        typeof first === 'string'
          ? { text: first, values }
          : { ...(first as object), ...(Array.isArray(values) ? { values } : {}) };
      const list = recording.get(this) ?? [];
      list.push(statement);
      recording.set(this, list);
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  const captured = new Map<string, CapturedRequest>();
  try {
    for (const scenario of scenarios) {
      for (const round of [0, 1]) {
        const request = scenario.next(round);
        recording = round === 1 ? new Map() : null;
        const reply = await app.inject({
          method: request.method,
          url: request.path,
          headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
          ...(request.body === undefined ? {} : { payload: request.body as object }),
        });
        scenario.replied?.(request.id, reply.statusCode);
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (reply.statusCode >= 300) {
          throw new Error(
            `${scenario.key}: ${request.method} ${request.path} → ${reply.statusCode} ${reply.body}`,
          );
        }
        if (recording) {
          const groups = [...recording.values()].map((list) =>
            list.filter((statement) => !/^\s*(listen|select pg_notify)/i.test(String(statement.text))),
          );
          captured.set(scenario.key, {
            groups: groups.filter((group) => group.length > 0),
            count: groups.reduce((sum, group) => sum + group.length, 0),
            id: request.id,
          });
        }
      }
    }
  } finally {
    recording = null;
    pg.Client.prototype.query = original;
    await app.close();
    await handle.close();
  }
  return captured;
}

/** The captured statements, replayed by 16 concurrent callers for `seconds`: requests/s of SQL alone. */
async function replay(
  databaseUrl: string,
  captured: CapturedRequest,
  write: boolean,
  seconds: number,
  /** Each caller changes its own request of these, as the HTTP run does (no lock waits between them). */
  ids: string[],
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  pool.on('error', () => {});
  // A transaction that the app committed is rolled back here, so replays never change the data.
  const groups = captured.groups.map((group) =>
    group.map((statement) =>
      write && /^\s*commit\s*$/i.test(String(statement.text)) ? { text: 'rollback' } : statement,
    ),
  );
  if (process.env.NSP_BENCH_NAME_ALL === 'true') {
    for (const group of groups)
      for (const statement of group)
        if (!statement.name && Array.isArray(statement.values))
          statement.name = `x${createHash('sha1').update(String(statement.text)).digest('hex').slice(0, 16)}`;
  }
  const forCaller = (statement: Record<string, unknown>, caller: number) => {
    if (!captured.id || !Array.isArray(statement.values)) return statement;
    const id = ids[caller % ids.length];
    return { ...statement, values: statement.values.map((value) => (value === captured.id ? id : value)) };
  };
  const runOnce = (caller: number) =>
    Promise.all(
      groups.map(async (group) => {
        const client = await pool.connect();
        try {
          for (const statement of group)
            await client.query(forCaller(statement, caller) as unknown as pg.QueryConfig);
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      }),
    );
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const warmUntil = performance.now() + 500;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, caller) => {
      while (performance.now() < until) {
        const started = performance.now();
        await runOnce(caller);
        if (started >= warmUntil) {
          latencies.push(performance.now() - started);
          done += 1;
        }
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { rps: done / (seconds - 0.5), p50: latencies[Math.floor(latencies.length / 2)] ?? 0 };
}

/** NSP_BENCH_EXPLAIN=true: EXPLAIN (ANALYZE, BUFFERS) of every captured read statement. */
async function explainAll(databaseUrl: string, captured: Map<string, CapturedRequest>) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [key, request] of captured) {
      for (const statement of request.groups.flat()) {
        const text = String(statement.text);
        if (!/^\s*(select|with)/i.test(text) || /\b(insert|update|delete)\b/i.test(text)) continue;
        const { rows } = await client.query(
          `explain (analyze, buffers) ${text}`,
          statement.values as unknown[],
        );
        print(`\n── ${key} ──\n${text}\n${JSON.stringify(statement.values)}`);
        print(rows.map((row) => row['QUERY PLAN']).join('\n'));
      }
    }
  } finally {
    await client.end();
  }
}

/** Four requests per connection, created through the API and moved to assigned. */
async function prepareTransitionRequests(
  baseUrl: string,
  token: string,
  fixtures: Awaited<ReturnType<typeof demoFixtures>>,
) {
  const owned: string[][] = [];
  for (let slot = 0; slot < CONNECTIONS + 4; slot += 1) {
    const mine: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const response = await fetch(`${baseUrl}/api/v1/service-requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceCode: fixtures.serviceCodes[n % fixtures.serviceCodes.length],
          description: 'Benchmark request for transitions',
          address: fixtures.addresses[(slot * 4 + n) % fixtures.addresses.length],
          channel: 'phone',
        }),
      });
      if (response.status !== 201) throw new Error(`create: ${response.status} ${await response.text()}`);
      mine.push(((await response.json()) as { id: string }).id);
    }
    owned.push(mine);
  }
  return owned;
}

/** Every transition request assigned again (the capture moved one; a run leaves them half-way). */
async function resetTransitionRequests(databaseUrl: string, owned: string[][]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `update service_requests set status = 'assigned',
              assignee_id = coalesce(assignee_id, (select id from personnel where active order by name limit 1))
        where id = any($1::uuid[])`,
      [owned.flat()],
    );
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
