import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { queryRows } from '../src/db/rows.ts';
import { seedDemoData } from '../src/demo/seed.ts';
import { access } from '../src/lib/access.ts';
import { createLogger } from '../src/lib/logger.ts';
import { createBenchDatabase, describeMachineLoad, print } from './service-requests-bench-support.ts';

/**
 * The public surface (issue #12), on the demo data (six neighborhoods, ~11,400 address points):
 * 1. throughput over HTTP of GET /api/v1/public/neighborhoods and GET /api/v1/public/locate (a mix of
 *    addresses and points) next to a trivial public route of the same process (same plugins, no
 *    login on any of them); target: each ≥ 30% of the trivial route;
 * 2. the open-data export streamed to a client: 20,000 and 200,000 requests as CSV (and 200,000 as
 *    GeoJSON), with the server's heap and RSS sampled during the download; target: memory flat (the
 *    200,000-row export peaks no higher than the 20,000-row one plus a few MB).
 *
 *   npx tsx bench/public.bench.ts
 *   NSP_BENCH_SECONDS=20 NSP_BENCH_CONNECTIONS=20 NSP_BENCH_EXPORT_ROWS=200000 npx tsx bench/public.bench.ts
 */

const HTTP_SECONDS = Number(process.env.NSP_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.NSP_BENCH_ROUNDS ?? 3);
const SKIP_HTTP = process.env.NSP_BENCH_SKIP_HTTP === 'true';
const HTTP_CONNECTIONS = Number(process.env.NSP_BENCH_CONNECTIONS ?? 10);
const EXPORT_ROWS = Number(process.env.NSP_BENCH_EXPORT_ROWS ?? 200_000);
const MB = 1024 * 1024;

async function main() {
  const database = await createBenchDatabase('nsp_bench_public', 12);
  try {
    const db = database.handle.db;
    await seedDemoData(db, {
      passwordFor: () => `Bench-${randomBytes(9).toString('base64url')}`,
      timeZone: 'America/New_York',
    });
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATABASE_URL: database.url,
        LOG_LEVEL: 'info',
      }),
      demoData: false,
      runJobs: false,
      publicRateLimit: 1_000_000_000,
      publicExportRateLimit: 1_000_000,
    };
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const app = await buildApp({ config, database: database.handle, logger: createLogger('info', sink) });
    app.get('/bench/trivial', { config: { access: access.public() } }, async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const base = `http://127.0.0.1:${address.port}`;

    // 1. Throughput.
    const addresses = await queryRows<{ address: string; lat: number; lon: number }>(
      db,
      sql`select address, lat, lon from address_points order by random() limit 300`,
    );
    const locatePaths = addresses.flatMap((point, index) => [
      `/api/v1/public/locate?address=${encodeURIComponent(point.address.toLowerCase())}&lang=${['en', 'es', 'pt', 'pl'][index % 4]}`,
      `/api/v1/public/locate?lat=${point.lat}&lon=${point.lon}`,
    ]);
    const run = async (title: string, paths: string[]) => {
      const result = await autocannon({
        url: base,
        connections: HTTP_CONNECTIONS,
        duration: HTTP_SECONDS,
        workers: 1,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      });
      const failed = result.non2xx + result.errors;
      print(
        `    ${title.padEnd(34)} ${Math.round(result.requests.average).toLocaleString('en-US').padStart(7)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${failed ? `, ${failed} failed` : ''}`,
      );
      return result.requests.average;
    };
    print(`\n  Over HTTP (autocannon, ${HTTP_CONNECTIONS} connections, ${HTTP_SECONDS} s each, no login):`);
    // Warm the caches once (the first call of each loads the directory and the geocoder's index).
    for (const path of ['/api/v1/public/neighborhoods', locatePaths[0]!, locatePaths[1]!])
      await fetch(`${base}${path}`);
    // Round robin: trivial, neighborhoods, locate, ROUNDS times, each route's median taken, so a burst of
    // load from elsewhere on the machine hits all three alike instead of one phase.
    const rates = { trivial: [] as number[], neighborhoods: [] as number[], locate: [] as number[] };
    for (let round = 1; round <= ROUNDS && !SKIP_HTTP; round++) {
      rates.trivial.push(await run(`trivial route (round ${round})`, ['/bench/trivial']));
      rates.neighborhoods.push(
        await run(`/api/v1/public/neighborhoods (${round})`, [
          '/api/v1/public/neighborhoods?lang=en',
          '/api/v1/public/neighborhoods?lang=es',
        ]),
      );
      rates.locate.push(await run(`/api/v1/public/locate mix (${round})`, locatePaths));
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const trivial = median(rates.trivial);
    print(`    ${describeMachineLoad()}`);
    for (const name of SKIP_HTTP ? [] : (['neighborhoods', 'locate'] as const)) {
      const ratio = median(rates[name]) / trivial;
      print(
        `    ${name}: median ${Math.round(median(rates[name]))} req/s / trivial median ${Math.round(trivial)} req/s = ${(ratio * 100).toFixed(0)}% — target ≥ 30%: ${ratio >= 0.3 ? 'met' : 'NOT met'}`,
      );
    }

    // 2. The open-data export of EXPORT_ROWS requests: generated in SQL, over the last 360 days, at
    // the demo's address points, with requesters' contact data (which the export must leave out).
    print(`\n  Open-data export (${EXPORT_ROWS.toLocaleString('en-US')} generated requests):`);
    const started = performance.now();
    // In slices of 20,000 rows: one statement per slice keeps each transaction (and its trigger's
    // transition table) modest.
    for (let first = 1; first <= EXPORT_ROWS; first += 20_000) {
      const last = Math.min(EXPORT_ROWS, first + 19_999);
      await database.handle.db.execute(sql`
      with points as (select address, lat, lon, row_number() over (order by id) as n from address_points),
           counted as (select count(*) as total from points),
           types as (select array_agg(code order by code) as codes from service_types)
      insert into service_requests (tracking_number, service_code, status, priority, channel, description,
        address, lat, lon, requester_name, requester_email, requester_phone, first_response_due_at,
        resolution_due_at, first_responded_at, created_by_type, created_at, updated_at)
      select 'BENCH-' || g, types.codes[1 + g % array_length(types.codes, 1)], 'assigned', 'P3', 'phone',
        'Generated for the export benchmark', p.address, p.lat, p.lon, 'Bench Requester', 'bench@example.org',
        '+1 860 555 0100', now() - (g % 8640) * interval '1 hour' + interval '4 hours',
        now() - (g % 8640) * interval '1 hour' + interval '72 hours',
        now() - (g % 8640) * interval '1 hour' + interval '2 hours', 'system',
        now() - (g % 8640) * interval '1 hour', now()
      from generate_series(${sql.raw(String(first))}, ${sql.raw(String(last))}) g
      cross join counted cross join types
      join points p on p.n = 1 + g % counted.total`);
    }
    print(`    generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // The download runs in a separate process (curl, writing to /dev/null), so only the server's
    // memory is measured. Every 250 ms a full garbage collection (node --expose-gc) and a sample: the
    // live heap is what the export holds, not garbage the collector has not reached yet.
    const measureExport = async (title: string, path: string) => {
      const collect = () => (globalThis as { gc?: () => void }).gc?.();
      collect();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakLiveHeap = before.heapUsed;
      const sampler = setInterval(() => {
        collect();
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakLiveHeap = Math.max(peakLiveHeap, now.heapUsed);
      }, 250);
      const t0 = performance.now();
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn('curl', [
          '-sS',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code} %{size_download}',
          `${base}${path}`,
        ]);
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      clearInterval(sampler);
      const [status, size] = output.split(' ');
      if (status !== '200') throw new Error(`${path}: HTTP ${status}`);
      const bytes = Number(size);
      const seconds = (performance.now() - t0) / 1000;
      print(
        `    ${title.padEnd(26)} ${(bytes / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s; live heap ${(before.heapUsed / MB).toFixed(0)} → peak ${(peakLiveHeap / MB).toFixed(0)} MB (+${((peakLiveHeap - before.heapUsed) / MB).toFixed(1)}), RSS ${(before.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB (+${((peakRss - before.rss) / MB).toFixed(1)})`,
      );
      return { peakHeapDelta: peakLiveHeap - before.heapUsed, bytes };
    };
    const countRows = async (from: string | null) =>
      (
        await queryRows<{ n: number }>(
          db,
          from
            ? sql`select count(*)::int as n from service_requests where created_at >= ${from}::date`
            : sql`select count(*)::int as n from service_requests where created_at >= now() - interval '366 days'`,
        )
      )[0]!.n;
    const today = new Date();
    const daysAgo = (days: number) =>
      new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    // About a tenth of the rows: the last 36 days.
    const small = await measureExport(
      'CSV, last 36 days',
      `/api/v1/public/service-requests.csv?from=${daysAgo(35)}`,
    );
    const large = await measureExport('CSV, last 365 days', '/api/v1/public/service-requests.csv');
    const geojson = await measureExport('GeoJSON, last 365 days', '/api/v1/public/service-requests.geojson');
    const smallRows = await countRows(daysAgo(35));
    const largeRows = await countRows(null);
    const flat = Math.max(large.peakHeapDelta, geojson.peakHeapDelta) <= small.peakHeapDelta + 16 * MB;
    print(
      `    live-heap growth ${(small.peakHeapDelta / MB).toFixed(1)} MB for ~${smallRows.toLocaleString('en-US')} rows vs ${(large.peakHeapDelta / MB).toFixed(1)} MB (CSV) and ${(geojson.peakHeapDelta / MB).toFixed(1)} MB (GeoJSON) for ~${largeRows.toLocaleString('en-US')} rows — flat: ${flat ? 'yes' : 'NO'}\n`,
    );
    await app.close();
  } finally {
    await database.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  if (error instanceof Error && error.cause) process.stderr.write(`cause: ${String(error.cause)}\n`);
  process.exit(1);
});
