import { currentLieutenants } from '../src/modules/assignments/current-lieutenant.ts';
import {
  createBenchDatabase,
  ms,
  percentiles,
  print,
  startBenchApp,
  table,
  timeMs,
} from './service-requests-bench-support.ts';

/**
 * Assignments and workload at a large department's scale, in real PostgreSQL: many neighborhoods with
 * years of lieutenant history, officers' assignments, and a big request table for the workload view.
 * Measures currentLieutenants (what every neighborhood list, locate and new request calls), the
 * `?at=` answer with coverage gaps, a neighborhood's history, the workload view, and reassignments
 * (one at a time, and bursts of 20 concurrent ones of one neighborhood). About 5% of the requests are
 * open; NSP_BENCH_REQUESTS scales the table.
 *
 *   npx tsx bench/assignments.bench.ts
 *   NSP_BENCH_NEIGHBORHOODS=200 NSP_BENCH_REQUESTS=500000 npx tsx bench/assignments.bench.ts
 */

const neighborhoodCount = Number(process.env.NSP_BENCH_NEIGHBORHOODS ?? 60);
const historyPerNeighborhood = Number(process.env.NSP_BENCH_HISTORY ?? 40);
const otherAssignmentsPerNeighborhood = 300;
const personnelCount = 1_000;
const requestCount = Number(process.env.NSP_BENCH_REQUESTS ?? 200_000);
const iterations = Number(process.env.NSP_BENCH_ITERATIONS ?? 100);

async function main() {
  const database = await createBenchDatabase('nsp_bench_assignments', 24);
  const pool = database.handle.pool!;
  try {
    const started = performance.now();
    if (!database.reused) {
      await pool.query(
        `insert into neighborhoods (code, name) select 'B' || n, 'Bench neighborhood ' || n from generate_series(1, $1) n`,
        [neighborhoodCount],
      );
      await pool.query(
        `insert into personnel (name, title, kind, badge_number)
         select 'Person ' || n, 'Officer', (array['lieutenant','sergeant','officer','nro','cso'])[1 + n % 5], 'BB' || n
         from generate_series(1, $1) n`,
        [personnelCount],
      );
      // Consecutive lieutenant intervals, 30 days each, the last one open-ended and current.
      await pool.query(
        `with hood as (select id, row_number() over (order by code) as rn from neighborhoods),
              person as (select id, row_number() over (order by badge_number) as rn from personnel)
         insert into assignments (neighborhood_id, personnel_id, role, starts_at, ends_at, reason)
         select hood.id, person.id, 'coordination_lieutenant',
                now() - (($2 - k) * interval '30 days') - interval '1 day',
                case when k = $2 - 1 then null else now() - (($2 - k - 1) * interval '30 days') - interval '1 day' end,
                'bench history'
         from hood cross join generate_series(0, $2 - 1) k
         join person on person.rn = 1 + ((hood.rn * 7 + k) % $1)`,
        [personnelCount, historyPerNeighborhood],
      );
      await pool.query(
        `with hood as (select id, row_number() over (order by code) as rn from neighborhoods),
              person as (select id, row_number() over (order by badge_number) as rn from personnel)
         insert into assignments (neighborhood_id, personnel_id, role, starts_at, ends_at, reason)
         select hood.id, person.id, (array['nro','cso','officer'])[1 + k % 3],
                now() - (k * interval '5 days'), case when k % 4 = 0 then null else now() - (k * interval '5 days') + interval '20 days' end,
                'bench roster'
         from hood cross join generate_series(1, $2) k
         join person on person.rn = 1 + ((hood.rn * 13 + k) % $1)`,
        [personnelCount, otherAssignmentsPerNeighborhood],
      );
      await pool.query(
        `insert into service_types (code, name, description, sla)
         values ('bench', '{"en":"Bench"}', '{"en":"Bench"}',
                 '{"clock":"calendar","targets":{"P1":{"firstResponseHours":1,"resolutionHours":4},"P2":{"firstResponseHours":4,"resolutionHours":24},"P3":{"firstResponseHours":24,"resolutionHours":72},"P4":{"firstResponseHours":48,"resolutionHours":168}}}')`,
      );
      await pool.query(
        `with hood as (select id, row_number() over (order by code) as rn from neighborhoods),
              person as (select id, row_number() over (order by badge_number) as rn from personnel)
         insert into service_requests (tracking_number, service_code, status, channel, description, neighborhood_id,
                                       assignee_id, first_response_due_at, resolution_due_at, created_by_type)
         select 'BENCH-' || n, 'bench',
                -- About 5% open, as in a department whose backlog is a few weeks of intake.
                case when n % 20 = 0 then (array['new','triaged','assigned','in_progress'])[1 + (n / 20) % 4]
                     else (array['resolved','closed'])[1 + n % 2] end,
                'phone', 'bench request', hood.id, person.id,
                now() + ((n % 50) - 25) * interval '1 hour', now() + ((n % 100) - 30) * interval '1 hour', 'system'
         from generate_series(1, $1) n
         join hood on hood.rn = 1 + n % $2
         join person on person.rn = 1 + (n * 31) % $3`,
        [requestCount, neighborhoodCount, personnelCount],
      );
      await pool.query('analyze');
    }
    const { rows: counts } = await pool.query(
      'select (select count(*) from assignments)::int as assignments, (select count(*) from service_requests)::int as requests',
    );
    print(
      `Data: ${neighborhoodCount} neighborhoods, ${counts[0].assignments} assignments, ${counts[0].requests} service requests, ${personnelCount} people (${((performance.now() - started) / 1000).toFixed(1)} s to generate)`,
    );

    const app = await startBenchApp(database, 'supervisor');
    const headers = { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' };
    const { rows: hoods } = await pool.query<{ id: string }>('select id from neighborhoods order by code');
    const ids = hoods.map((row) => row.id);
    const { rows: people } = await pool.query<{ id: string }>(
      'select id from personnel order by badge_number',
    );
    const get = async (path: string) => {
      const reply = await fetch(`${app.baseUrl}${path}`, { headers });
      if (!reply.ok) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
      await reply.arrayBuffer();
    };

    const results: string[][] = [];
    const measure = async (name: string, work: (index: number) => Promise<unknown>, runs = iterations) => {
      for (let i = 0; i < 5; i++) await work(i);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await timeMs(() => work(i)));
      const p = percentiles(samples);
      results.push([name, String(p.n), ms(p.p50), ms(p.p95), ms(p.max)]);
    };

    const day = 86_400_000;
    await measure(`currentLieutenants, all ${neighborhoodCount} (in process)`, () =>
      currentLieutenants(database.handle.db, ids),
    );
    await measure('currentLieutenants, one neighborhood at a past instant', (i) =>
      currentLieutenants(database.handle.db, [ids[i % ids.length]!], new Date(Date.now() - (i % 900) * day)),
    );
    await measure('GET /assignments?at= (first page + coverage gaps)', (i) =>
      get(`/api/v1/assignments?at=${new Date(Date.now() - (i % 900) * day).toISOString()}`),
    );
    await measure('GET /assignments?at=&neighborhoodId=', (i) =>
      get(
        `/api/v1/assignments?neighborhoodId=${ids[i % ids.length]}&at=${new Date(Date.now() - (i % 900) * day).toISOString()}`,
      ),
    );
    await measure('GET /neighborhoods/:id/assignments (history page)', (i) =>
      get(`/api/v1/neighborhoods/${ids[i % ids.length]}/assignments`),
    );
    await measure('GET /personnel/workload (all active)', () => get('/api/v1/personnel/workload'), 30);
    await measure(
      'GET /personnel/workload?neighborhoodId=',
      (i) => get(`/api/v1/personnel/workload?neighborhoodId=${ids[i % ids.length]}`),
      30,
    );

    let personIndex = 0;
    await measure(
      'POST /neighborhoods/:id/lieutenant (one at a time, transferOpenWork)',
      async (i) => {
        const reply = await fetch(`${app.baseUrl}/api/v1/neighborhoods/${ids[i % ids.length]}/lieutenant`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            personnelId: people[personIndex++ % people.length]!.id,
            reason: 'bench',
            transferOpenWork: true,
          }),
        });
        // A 409 (the same person drawn again) is a fair sample too: it ran the same checks.
        if (reply.status !== 201 && reply.status !== 409)
          throw new Error(`reassign: ${reply.status} ${await reply.text()}`);
        await reply.arrayBuffer();
      },
      50,
    );

    const bursts: number[] = [];
    let exactlyOne = 0;
    for (let burst = 0; burst < 10; burst++) {
      const neighborhoodId = ids[burst % ids.length]!;
      const effectiveAt = new Date().toISOString();
      const wall = await timeMs(async () => {
        const statuses = await Promise.all(
          Array.from({ length: 20 }, async (_, k) => {
            const reply = await fetch(`${app.baseUrl}/api/v1/neighborhoods/${neighborhoodId}/lieutenant`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                personnelId: people[(personIndex++ + k) % people.length]!.id,
                effectiveAt,
                reason: 'bench burst',
              }),
            });
            await reply.arrayBuffer();
            return reply.status;
          }),
        );
        if (statuses.filter((status) => status === 201).length === 1) exactlyOne++;
      });
      bursts.push(wall);
    }
    const burst = percentiles(bursts);
    results.push([
      '20 concurrent reassignments of one neighborhood (wall)',
      String(burst.n),
      ms(burst.p50),
      ms(burst.p95),
      ms(burst.max),
    ]);

    print();
    print(table(['operation', 'n', 'p50', 'p95', 'max'], results));
    print(`\nBursts with exactly one success: ${exactlyOne} of ${bursts.length}`);
    await app.close();
  } finally {
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
