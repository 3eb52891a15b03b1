import { sql } from 'drizzle-orm';
import { scanCandidates } from '../src/modules/sara/candidates.ts';
import { createBenchDatabase, describeMachineLoad, print, table } from './service-requests-bench-support.ts';

/**
 * SARA candidate detection (#10): a scan of NSP_BENCH_REQUESTS requests (default 100,000) from the last
 * 90 days in real PostgreSQL: read them, find repeat places, DBSCAN clusters per category and spikes,
 * and replace the stored candidates. The goal is under 10 s. The town is a 5.5 km × 7 km box in six
 * neighborhoods and twelve categories, uniform except for a planted repeat place, cluster and spike.
 *
 *   npx tsx bench/sara-candidates.bench.ts
 *   NSP_BENCH_REQUESTS=200000 npx tsx bench/sara-candidates.bench.ts
 */
const requestCount = Number(process.env.NSP_BENCH_REQUESTS ?? 100_000);
const runs = Number(process.env.NSP_BENCH_ITERATIONS ?? 3);
const goalMs = 10_000;

async function main() {
  print(`Machine: ${describeMachineLoad()}`);
  const bench = await createBenchDatabase('nsp_bench_sara');
  const db = bench.handle.db;
  try {
    await db.execute(sql`
      insert into neighborhoods (code, name)
      select 'B' || n, 'Bench ' || n from generate_series(1, 6) n`);
    await db.execute(sql`
      insert into service_types (code, name, description, sla)
      select 'bench-' || n, jsonb_build_object('en', 'Bench ' || n), jsonb_build_object('en', 'Bench'),
             '{"clock":"calendar","targets":{"P1":{"firstResponseHours":1,"resolutionHours":4},"P2":{"firstResponseHours":4,"resolutionHours":24},"P3":{"firstResponseHours":24,"resolutionHours":72},"P4":{"firstResponseHours":48,"resolutionHours":168}}}'::jsonb
      from generate_series(1, 12) n`);
    const started = Date.now();
    // Uniform background; the neighborhood is the east–west strip the point falls in.
    await db.execute(sql`
      with points as (
        select n, 41.73 + random() * 0.07 as lat, -72.67 + random() * 0.07 as lon,
               now() - random() * interval '89 days' as created, 1 + floor(random() * 12)::int as category
        from generate_series(1, ${requestCount - 450}) n
      )
      insert into service_requests (tracking_number, service_code, channel, description, address, lat, lon,
        neighborhood_id, first_response_due_at, resolution_due_at, created_by_type, created_at, updated_at)
      select 'BENCH-' || n, 'bench-' || category, 'phone', 'Bench request', n || ' Generated St', lat, lon,
        (select id from neighborhoods where code = 'B' || (1 + least(5, floor((lon + 72.67) / 0.07 * 6)::int))),
        created + interval '1 hour', created + interval '3 days', 'system', created, created
      from points`);
    // Planted: 10 requests at one address, 40 of one category within ~100 m, 400 of one category in one
    // neighborhood in the last 4 weeks.
    await db.execute(sql`
      insert into service_requests (tracking_number, service_code, channel, description, address, lat, lon,
        neighborhood_id, first_response_due_at, resolution_due_at, created_by_type, created_at, updated_at)
      select 'PLANT-R-' || n, 'bench-' || (1 + n % 12), 'phone', 'Planted', '77 Planted Rd', 41.75, -72.65,
        (select id from neighborhoods where code = 'B2'), now(), now(), 'system', now() - n * interval '8 days', now()
      from generate_series(1, 10) n
      union all
      select 'PLANT-C-' || n, 'bench-3', 'phone', 'Planted', n || ' Cluster Ave',
        41.785 + (random() - 0.5) * 0.0018, -72.61 + (random() - 0.5) * 0.0024,
        (select id from neighborhoods where code = 'B6'), now(), now(), 'system', now() - random() * interval '89 days', now()
      from generate_series(1, 40) n
      union all
      select 'PLANT-S-' || n, 'bench-5', 'phone', 'Planted', n || ' Spike St', 41.73 + random() * 0.07,
        -72.67 + (3 + random()) * 0.07 / 6, (select id from neighborhoods where code = 'B4'), now(), now(), 'system',
        now() - random() * interval '27 days', now()
      from generate_series(1, 400) n`);
    await db.execute(sql`analyze service_requests`);
    print(
      `Generated ${requestCount.toLocaleString('en-US')} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const rows: string[][] = [];
    let worst = 0;
    for (let run = 1; run <= runs; run++) {
      const result = await scanCandidates(db);
      worst = Math.max(worst, result.durationMs);
      rows.push([
        String(run),
        result.scannedRequests.toLocaleString('en-US'),
        String(result.found.repeat_place),
        String(result.found.cluster),
        String(result.found.spike),
        `${(result.durationMs / 1000).toFixed(2)} s`,
      ]);
    }
    print(table(['run', 'scanned', 'repeat places', 'clusters', 'spikes', 'time'], rows));
    print(
      `Slowest scan ${(worst / 1000).toFixed(2)} s against a goal of ${goalMs / 1000} s: ${worst < goalMs ? 'met' : 'NOT met'}`,
    );
    if (worst >= goalMs) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
