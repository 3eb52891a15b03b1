import { type ListServiceRequestsQuery, listServiceRequestsQuerySchema } from '@nsp/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database } from '../src/db/client.ts';
import * as schema from '../src/db/schema/index.ts';
import { anonymizeExpiredRequests } from '../src/modules/service-requests/jobs/retention.ts';
import { recordSlaBreaches } from '../src/modules/service-requests/jobs/sla-breach-sweep.ts';
import { listServiceRequests } from '../src/modules/service-requests/list-requests.ts';
import { generateServiceRequests } from '../scripts/generate-requests.ts';
import { firstNames, lastNames } from '../scripts/request-generator-data.ts';
import {
  type BenchApp,
  createBenchDatabase,
  describeMachineLoad,
  ms,
  percentiles,
  print,
  startBenchApp,
  table,
  timeMs,
} from './service-requests-bench-support.ts';

/**
 * The triage queue at 1,000,000 requests in real PostgreSQL. For each of the queue's common queries
 * it measures, with the same parameters:
 *   - service: listServiceRequests in process (what GET /api/v1/service-requests runs, minus HTTP),
 *   - sql:     each SQL statement that call sent (captured through drizzle's logger), replayed with pg,
 *   - http:    GET /api/v1/service-requests on loopback, logged in as staff,
 * and prints p50/p95 against the 50 ms target, then EXPLAIN (ANALYZE, BUFFERS) of every statement.
 *
 *   npx tsx bench/service-requests-queue.bench.ts
 *   NSP_BENCH_REQUESTS=200000 NSP_BENCH_ITERATIONS=50 npx tsx bench/service-requests-queue.bench.ts
 *   NSP_BENCH_SCENARIOS="caller,a neighborhood" npx tsx bench/service-requests-queue.bench.ts
 */

const requestCount = Number(process.env.NSP_BENCH_REQUESTS ?? 1_000_000);
const iterations = Number(process.env.NSP_BENCH_ITERATIONS ?? 100);
const warmupIterations = 10;
const targetMs = 50;
const pageDepth = 20;

type QueryString = Record<string, string>;

interface Scenario {
  name: string;
  /** The query string of variant `index` (parameters rotate so no single cached row set is measured). */
  variant(index: number): QueryString;
  /** Pages to walk before the measured one (keyset: each walk hands the next cursor on). */
  pagesBefore: number;
}

// What staff type into the queue's search box: mostly a thing and a street or an address (they are
// looking for one request), sometimes a single word.
const searches = [
  'fireworks main st',
  'blue pickup',
  'mattress burnside',
  'hydrant chapel',
  'loose dog forbes',
  'dirt bikes elm',
  'shopping carts prospect',
  '"stop sign" school',
  '235 connecticut blvd',
  '51 greenlawn',
  'graffiti',
  'tires dumped',
];

// Single common words: each matches 1-2 % of all requests (10,000-14,000 rows at 1,000,000).
const broadSearches = ['fireworks', 'hydrant', 'loud music', 'van circling'];

function scenarios(neighborhoodIds: string[], serviceCodes: string[]): Scenario[] {
  return [
    {
      name: "a neighborhood's open requests by due time",
      pagesBefore: 0,
      variant: (index) => ({
        neighborhoodId: neighborhoodIds[index % neighborhoodIds.length]!,
        status: 'new,triaged,assigned,in_progress',
        sort: 'dueAt',
      }),
    },
    {
      name: 'overdue across the town',
      pagesBefore: 0,
      variant: () => ({ overdue: 'true', sort: 'dueAt' }),
    },
    {
      name: 'full-text search',
      pagesBefore: 0,
      variant: (index) => ({ q: searches[index % searches.length]! }),
    },
    {
      name: 'full-text search, one common word (stress)',
      pagesBefore: 0,
      variant: (index) => ({ q: broadSearches[index % broadSearches.length]! }),
    },
    {
      name: 'same, counts=false',
      pagesBefore: 0,
      variant: (index) => ({ q: broadSearches[index % broadSearches.length]!, counts: 'false' }),
    },
    {
      // Callbacks (#17): the caller gives a name; staff search with matchRequester.
      name: "caller's name (words and requester)",
      pagesBefore: 0,
      variant: (index) => ({
        q: `${firstNames[(index * 7) % firstNames.length]} ${lastNames[(index * 11) % lastNames.length]}`,
        matchRequester: 'true',
        status: 'new,triaged,assigned,in_progress,resolved,closed,rejected,duplicate',
      }),
    },
    {
      name: "caller's phone number, as they say it",
      pagesBefore: 0,
      variant: (index) => ({
        q: `860-555-${String((index * 389) % 10_000).padStart(4, '0')}`,
        matchRequester: 'true',
      }),
    },
    {
      name: `filtered page ${pageDepth} pages deep (keyset)`,
      pagesBefore: pageDepth - 1,
      variant: (index) => ({
        neighborhoodId: neighborhoodIds[index % neighborhoodIds.length]!,
        serviceCode: serviceCodes[(index * 5) % serviceCodes.length]!,
        sort: '-createdAt',
      }),
    },
  ];
}

interface CapturedStatement {
  label: string;
  text: string;
  params: unknown[];
}

interface ScenarioResult {
  name: string;
  service: number[];
  http: number[] | null;
  statements: Map<string, number[]>;
  plans: CapturedStatement[];
}

async function main() {
  const database = await createBenchDatabase('nsp_bench_queue');
  let app: BenchApp | undefined;
  try {
    const pool = database.handle.pool!;
    if (!database.reused) {
      print(`Generating ${requestCount.toLocaleString('en-US')} requests in ${database.name}…`);
      let reported = 0;
      const summary = await generateServiceRequests(pool, {
        count: requestCount,
        onProgress(done, total) {
          if (done - reported >= total / 10 || done === total) {
            reported = done;
            print(`  ${done.toLocaleString('en-US')}`);
          }
        },
      });
      print(`Generated in ${(summary.milliseconds / 1000).toFixed(1)} s; vacuum (analyze)…`);
      const vacuumMs = await timeMs(() => pool.query('vacuum (analyze) service_requests'));
      print(`vacuum (analyze) took ${(vacuumMs / 1000).toFixed(1)} s`);
    }
    const { rows: facts } = await pool.query(
      `select (select count(*) from service_requests)::int as total,
              (select count(*) from service_requests where status in ('new','triaged','assigned','in_progress'))::int as open,
              (select count(*) from service_requests where status in ('new','triaged','assigned','in_progress') and resolution_due_at < now())::int as overdue,
              pg_size_pretty(pg_total_relation_size('service_requests')) as size`,
    );
    print(`Data: ${JSON.stringify(facts[0])}`);
    const matches: string[] = [];
    for (const term of [...searches, ...broadSearches]) {
      const { rows } = await pool.query(
        `select count(*)::int as n from service_requests where search_vector @@ websearch_to_tsquery('english', $1)`,
        [term],
      );
      matches.push(`${term}: ${rows[0].n}`);
    }
    print(`Search terms and the requests they match: ${matches.join('; ')}`);
    const neighborhoodIds = (await pool.query('select id from neighborhoods order by code')).rows.map(
      (row) => row.id,
    );
    const serviceCodes = (await pool.query('select code from service_types order by code')).rows.map(
      (row) => row.code,
    );

    // The same pool, with a logger: what listServiceRequests sends is captured to be replayed and explained.
    let captured: CapturedStatement[] = [];
    const capturingDb = drizzle(pool, {
      schema,
      casing: 'snake_case',
      logger: {
        logQuery(text, params) {
          captured.push({ label: /group by/i.test(text) ? 'counts' : 'rows', text, params });
        },
      },
    }) as unknown as Database;

    app = await startBenchApp(database);
    const probe = await fetch(`${app.baseUrl}/api/v1/service-requests?limit=1`, {
      headers: { authorization: `Bearer ${app.token}` },
    });
    const httpAvailable = probe.status === 200;
    if (!httpAvailable) print(`GET /api/v1/service-requests answered ${probe.status}: HTTP figures skipped.`);

    const results: ScenarioResult[] = [];
    // NSP_BENCH_SCENARIOS=caller,overdue runs only the scenarios whose names contain one of the words.
    const only = (process.env.NSP_BENCH_SCENARIOS ?? '').split(',').filter(Boolean);
    for (const scenario of scenarios(neighborhoodIds, serviceCodes).filter(
      (candidate) => only.length === 0 || only.some((word) => candidate.name.includes(word)),
    )) {
      // Resolve each variant to its final query string (walking pages for the keyset cursor).
      const variants: QueryString[] = [];
      for (let index = 0; index < Math.min(iterations, 24); index += 1) {
        let query = scenario.variant(index);
        for (let page = 0; page < scenario.pagesBefore; page += 1) {
          const result = await listServiceRequests(database.handle.db, 'staff', parse(query), new Date());
          if (!result.nextCursor) throw new Error(`${scenario.name}: ran out of rows on page ${page + 1}`);
          query = { ...query, cursor: result.nextCursor };
        }
        variants.push(query);
      }
      const variantOf = (index: number) => variants[index % variants.length]!;

      for (let index = 0; index < warmupIterations; index += 1) {
        await listServiceRequests(capturingDb, 'staff', parse(variantOf(index)), new Date());
      }
      const service: number[] = [];
      const replays: CapturedStatement[][] = [];
      for (let index = 0; index < iterations; index += 1) {
        captured = [];
        service.push(
          await timeMs(() => listServiceRequests(capturingDb, 'staff', parse(variantOf(index)), new Date())),
        );
        replays.push(captured);
      }

      const statements = new Map<string, number[]>();
      for (const replay of replays) {
        for (const statement of replay) {
          const samples = statements.get(statement.label) ?? [];
          samples.push(await timeMs(() => pool.query(statement.text, statement.params)));
          statements.set(statement.label, samples);
        }
      }

      let http: number[] | null = null;
      if (httpAvailable) {
        http = [];
        const get = (query: QueryString) =>
          fetch(`${app!.baseUrl}/api/v1/service-requests?${new URLSearchParams(query)}`, {
            headers: { authorization: `Bearer ${app!.token}` },
          }).then(async (response) => {
            if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
            await response.arrayBuffer();
          });
        for (let index = 0; index < warmupIterations; index += 1) await get(variantOf(index));
        for (let index = 0; index < iterations; index += 1)
          http.push(await timeMs(() => get(variantOf(index))));
      }
      results.push({ name: scenario.name, service, http, statements, plans: replays[0]! });
    }

    print();
    print(
      `Queue queries at ${Number(facts[0].total).toLocaleString('en-US')} requests, ${iterations} runs each (target p95 < ${targetMs} ms)`,
    );
    print();
    const rows: string[][] = [];
    for (const result of results) {
      const line = (level: string, samples: number[]) => {
        const p = percentiles(samples);
        rows.push([result.name, level, ms(p.p50), ms(p.p95), ms(p.max), p.p95 < targetMs ? 'yes' : 'NO']);
      };
      for (const [label, samples] of result.statements) line(`sql: ${label}`, samples);
      line('service (in process)', result.service);
      if (result.http) line('http GET', result.http);
    }
    print(table(['query', 'measured', 'p50', 'p95', 'max', 'p95 < 50 ms'], rows));
    print(`Machine: ${describeMachineLoad()}.`);

    for (const result of results) {
      for (const statement of result.plans) {
        print();
        print(`── ${result.name} — ${statement.label} ──`);
        print(statement.text);
        print(`params: ${JSON.stringify(statement.params)}`);
        const { rows: plan } = await pool.query(
          `explain (analyze, buffers) ${statement.text}`,
          statement.params,
        );
        print(plan.map((row) => row['QUERY PLAN']).join('\n'));
      }
    }

    // The background jobs at this volume: the first breach sweep records the generated backlog, the
    // next one (every minute in production) finds nothing new; retention runs nightly.
    print();
    print('Background jobs at this volume:');
    for (const run of ['SLA breach sweep (first)', 'SLA breach sweep (steady state)']) {
      let outcome: unknown;
      const took = await timeMs(async () => {
        outcome = await recordSlaBreaches({ db: database.handle.db });
      });
      print(`  ${run}: ${ms(took)} ${JSON.stringify(outcome)}`);
    }
    let retention: unknown;
    const retentionTook = await timeMs(async () => {
      retention = await anonymizeExpiredRequests({ db: database.handle.db, retentionDays: 730 });
    });
    print(`  retention run: ${ms(retentionTook)} ${JSON.stringify(retention)}`);
  } finally {
    await app?.close();
    await database.dispose();
  }
}

function parse(query: QueryString): ListServiceRequestsQuery {
  return listServiceRequestsQuerySchema.parse(query);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
