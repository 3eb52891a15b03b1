import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import WebSocket from 'ws';
import { queryRows } from '../src/db/rows.ts';
import { seedDemoData } from '../src/demo/seed.ts';
import type { BenchDatabase } from './service-requests-bench-support.ts';

/**
 * Pieces shared by report.bench.ts and soak.bench.ts: the demo data in a bench database, the API as
 * production runs it (a child process: the compiled dist/server.js when built, else src/server.ts
 * through tsx), logins, the machine's description and the Markdown report file both write into.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
export const apiDir = path.resolve(here, '..');
export const reportFile = path.join(apiDir, 'bench/REPORT.md');

export interface DemoLogins {
  /** Bearer tokens by demo role. */
  tokens: Record<string, string>;
}

export async function seedDemo(database: BenchDatabase): Promise<Record<string, string>> {
  const passwords: Record<string, string> = {};
  await seedDemoData(database.handle.db, {
    passwordFor: (role) => {
      passwords[role] = `Bench-${randomBytes(9).toString('base64url')}-Pw`;
      return passwords[role]!;
    },
    timeZone: 'America/New_York',
  });
  await database.handle.pool!.query('vacuum analyze');
  return passwords;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  runtime: string;
  /** RSS and heap of the server, read from its /metrics (prom-client process metrics). */
  memory(): Promise<{ rssMb: number; heapMb: number }>;
  /**
   * What the server's heap holds after a full garbage collection (started with `inspect`): what it
   * keeps, without the garbage not yet collected that makes RSS and "heap used" see-saw.
   */
  retainedHeapMb(): Promise<number>;
  stop(): Promise<void>;
}

/** One DevTools-protocol exchange with the server's inspector: collect garbage, read the heap. */
async function retainedHeap(inspectPort: number): Promise<number> {
  const [target] = (await fetch(`http://127.0.0.1:${inspectPort}/json/list`).then((response) =>
    response.json(),
  )) as Array<{ webSocketDebuggerUrl: string }>;
  if (!target) throw new Error('the server has no inspector target');
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(String(data)) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize) / (1024 * 1024);
  } finally {
    socket.close();
  }
}

const metricsToken = randomBytes(24).toString('hex');

/**
 * Starts the API on the bench database as `npm start` runs it in production (NODE_ENV=production,
 * info logs, background jobs on), with the rate limits lifted so the load generator is not refused.
 * NSP_BENCH_NODE_ARGS adds node flags (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
export async function startServer(
  database: BenchDatabase,
  jwtSecret: string,
  options: { inspect?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const inspectPort = options.inspect ? await freePort() : undefined;
  const compiled = path.join(apiDir, 'dist/server.js');
  const useCompiled = process.env.NSP_BENCH_RUNTIME !== 'tsx' && existsSync(compiled);
  const nodeArgs = [
    ...(process.env.NSP_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []),
  ];
  const args = useCompiled
    ? [...nodeArgs, compiled]
    : [...nodeArgs, '--import', 'tsx', path.join(apiDir, 'src/server.ts')];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-bench-'));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: apiDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: jwtSecret,
      NSP_DATA_DIR: dataDir,
      NSP_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      NSP_METRICS_TOKEN: metricsToken,
      NSP_LOGIN_RATE_LIMIT: '1000000',
      NSP_PUBLIC_RATE_LIMIT: '1000000',
      NSP_API_CLIENT_RATE_LIMIT: '1000000',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() - started > 60_000) throw new Error(`server not ready after 60 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    runtime: useCompiled ? 'compiled (dist/server.js)' : 'tsx (src/server.ts)',
    async memory() {
      if (child.exitCode !== null)
        throw new Error(`server exited (${child.exitCode}): ${stderr.slice(-2000)}`);
      const text = await fetch(`${baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${metricsToken}` },
      }).then((response) => response.text());
      const metric = (name: string) => {
        const line = text.split('\n').find((row) => row.startsWith(`${name} `) || row.startsWith(`${name}{`));
        return line ? Number(line.split(' ').pop()) / (1024 * 1024) : Number.NaN;
      };
      return {
        rssMb: metric('nsp_process_resident_memory_bytes'),
        heapMb: metric('nsp_nodejs_heap_size_used_bytes'),
      };
    },
    async retainedHeapMb() {
      if (!inspectPort) throw new Error('start the server with { inspect: true } to read its retained heap');
      return retainedHeap(inspectPort);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function loginDemoUsers(baseUrl: string, passwords: Record<string, string>) {
  const tokens: Record<string, string> = {};
  for (const [role, password] of Object.entries(passwords)) {
    tokens[role] = await login(baseUrl, `${role}@demo.example.org`, password);
  }
  return tokens;
}

/** What the routes of the report are called with: real ids and addresses of the demo data. */
export interface DemoFixtures {
  neighborhoodIds: string[];
  serviceCodes: string[];
  requestIds: string[];
  /** Open requests (edits of closed ones may be refused). */
  openRequestIds: string[];
  trackingNumbers: string[];
  addresses: string[];
  points: Array<{ lat: number; lon: number }>;
}

export async function demoFixtures(database: BenchDatabase): Promise<DemoFixtures> {
  const db = database.handle.db;
  const neighborhoods = await queryRows<{ id: string }>(db, sql`select id from neighborhoods order by code`);
  const requests = await queryRows<{ id: string; tracking_number: string }>(
    db,
    sql`select id, tracking_number from service_requests order by created_at desc limit 200`,
  );
  const open = await queryRows<{ id: string }>(
    db,
    sql`select id from service_requests where status in ('new', 'triaged', 'assigned', 'in_progress')
        order by created_at desc limit 100`,
  );
  const addresses = await queryRows<{ address: string; lat: number; lon: number }>(
    db,
    sql`select address, lat, lon from address_points order by md5(address) limit 300`,
  );
  // Categories that ask no required questions: a create with just a description is valid.
  const types = await queryRows<{ code: string }>(
    db,
    sql`select code from service_types t where active and not exists (
          select 1 from jsonb_array_elements(coalesce(t.attributes, '[]'::jsonb)) a
          where (a->>'required')::boolean) order by code`,
  );
  return {
    neighborhoodIds: neighborhoods.map((row) => row.id),
    serviceCodes: types.map((row) => row.code),
    requestIds: requests.map((row) => row.id),
    openRequestIds: open.map((row) => row.id),
    trackingNumbers: requests.map((row) => row.tracking_number),
    addresses: addresses.map((row) => row.address),
    points: addresses.map((row) => ({ lat: row.lat, lon: row.lon })),
  };
}

/** Cores, load and versions: figures mean little without them. */
export async function describeMachine(database: BenchDatabase, runtime: string): Promise<string[]> {
  const [one, five, fifteen] = loadavg();
  const { rows } = await database.handle.pool!.query<{ server_version: string }>('show server_version');
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: apiDir, encoding: 'utf8' }).trim();
  } catch {}
  return [
    `- Machine: ${cpus().length} cores (${cpu}), load average ${one!.toFixed(2)} / ${five!.toFixed(2)} / ${fifteen!.toFixed(2)} (1/5/15 min) at the start`,
    `- Node ${process.version}, PostgreSQL ${rows[0]?.server_version} (on the same machine), commit ${commit}`,
    `- Server: ${runtime}, NODE_ENV=production, log level info, background jobs on, pool ${process.env.NSP_DB_POOL_SIZE ?? 10} connections`,
  ];
}

export function loadNow(): string {
  const [one] = loadavg();
  return one!.toFixed(2);
}

/**
 * The report holds one section per bench script between markers, so report.bench.ts and
 * soak.bench.ts each replace their own part and keep the other's.
 */
export function writeReportSection(name: string, markdown: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const header =
    '# NSP benchmark report\n\nWritten by `npm run bench` (apps/api/bench/report.bench.ts and soak.bench.ts). Each section says when and on what it was measured.\n';
  let text = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : header;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(reportFile, text);
}

export { pg };
