import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import {
  demoFixtures,
  describeMachine,
  loadNow,
  loginDemoUsers,
  seedDemo,
  startServer,
  writeReportSection,
} from './report-support.ts';
import { createBenchDatabase, print, table } from './service-requests-bench-support.ts';

/**
 * Issue #18, done-when 5: a mixed load at a steady 200 requests/s for 5 minutes against the API as
 * production runs it (child process, real PostgreSQL, demo data): queue reads, creates, updates
 * (PATCH priority), public lookups and Open311. Requests are paced (sent on a schedule whatever the
 * replies do, so a slow reply cannot slow the load down and hide itself). Reports p50/p99, errors, and
 * the server's memory after the warm-up against the end: the heap it keeps after a full garbage
 * collection (read over the inspector), and RSS. Writes the "soak" section of REPORT.md.
 *
 *   npx tsx bench/soak.bench.ts                      (300 s)
 *   NSP_SOAK_SECONDS=60 NSP_SOAK_RATE=200 npx tsx bench/soak.bench.ts
 */

const SECONDS = Number(process.env.NSP_SOAK_SECONDS ?? 300);
const RATE = Number(process.env.NSP_SOAK_RATE ?? 200);
const WARMUP_SECONDS = Math.min(30, Math.max(5, Math.round(SECONDS / 10)));

interface Call {
  kind: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  token?: string | undefined;
  body?: unknown;
}

async function main() {
  const database = await createBenchDatabase('nsp_bench_soak', 20);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    print('Loading the demo data…');
    const passwords = await seedDemo(database);
    const fixtures = await demoFixtures(database);
    server = await startServer(database, randomBytes(32).toString('hex'), { inspect: true });
    const tokens = await loginDemoUsers(server.baseUrl, passwords);
    const machine = await describeMachine(database, server.runtime);
    print(machine.join('\n'));
    const url = new URL(server.baseUrl);
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });

    const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
    const priorities = ['P2', 'P3', 'P4'];
    // The mix, per 20 requests: 8 queue reads, 2 creates, 2 updates, 5 public lookups, 3 Open311.
    const mix = (n: number): Call => {
      const slot = n % 20;
      if (slot < 8)
        return {
          kind: 'queue read',
          method: 'GET',
          path: `/api/v1/service-requests?neighborhoodId=${pick(fixtures.neighborhoodIds, n)}&status=${slot % 2 ? 'new' : 'new,triaged,assigned,in_progress'}&limit=50`,
          token: tokens.staff,
        };
      if (slot < 10)
        return {
          kind: 'create',
          method: 'POST',
          path: '/api/v1/service-requests',
          token: tokens.staff,
          body: {
            serviceCode: pick(fixtures.serviceCodes, n),
            description: `Soak request ${n}: shopping carts left on the sidewalk`,
            address: pick(fixtures.addresses, n * 7),
            channel: 'phone',
          },
        };
      if (slot < 12)
        return {
          kind: 'update',
          method: 'PATCH',
          path: `/api/v1/service-requests/${pick(fixtures.openRequestIds, n)}`,
          token: tokens.supervisor,
          body: { priority: pick(priorities, n) },
        };
      if (slot < 17)
        return {
          kind: 'public lookup',
          method: 'GET',
          path:
            slot % 2
              ? `/api/v1/public/requests/${pick(fixtures.trackingNumbers, n)}`
              : `/api/v1/public/locate?address=${encodeURIComponent(pick(fixtures.addresses, n * 3))}`,
        };
      return {
        kind: 'Open311',
        method: 'GET',
        path:
          slot % 2
            ? '/open311/v2/services.json'
            : `/open311/v2/requests/${pick(fixtures.trackingNumbers, n)}.json`,
      };
    };

    const send = (call: Call) =>
      new Promise<number>((resolve) => {
        const body = call.body === undefined ? undefined : JSON.stringify(call.body);
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method: call.method,
            path: call.path,
            headers: {
              'accept-encoding': 'br, gzip',
              ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
              ...(body
                ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
                : {}),
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
            response.on('error', () => resolve(0));
          },
        );
        req.setTimeout(10_000, () => req.destroy());
        req.on('error', () => resolve(0));
        req.end(body);
      });

    interface Sample {
      at: number;
      kind: string;
      ms: number;
      status: number;
    }
    const samples: Sample[] = [];
    const memory: Array<{ at: number; rssMb: number; heapMb: number }> = [];
    const started = performance.now();
    const total = SECONDS * RATE;
    const pending: Promise<void>[] = [];
    let lastMemory = -1;
    let retainedAfterWarmup: Promise<number> | undefined;
    print(`\n${RATE} requests/s for ${SECONDS} s (warm-up ${WARMUP_SECONDS} s)…`);
    for (let n = 0; n < total; n += 1) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const call = mix(n);
      const sentAt = performance.now();
      pending.push(
        send(call).then((status) => {
          samples.push({
            at: (sentAt - started) / 1000,
            kind: call.kind,
            ms: performance.now() - sentAt,
            status,
          });
        }),
      );
      const second = Math.floor((performance.now() - started) / 1000);
      if (second >= WARMUP_SECONDS && retainedAfterWarmup === undefined) {
        retainedAfterWarmup = server.retainedHeapMb();
      }
      if (second % 10 === 0 && second !== lastMemory) {
        lastMemory = second;
        server
          .memory()
          .then((m) => memory.push({ at: second, ...m }))
          .catch(() => {});
        if (second % 60 === 0 && second > 0) print(`  ${second} s, load ${loadNow()}`);
      }
      if (pending.length > 5_000) await Promise.all(pending.splice(0, pending.length));
    }
    await Promise.all(pending);
    // Two settled readings at the end (after a collection would be a different figure; this is what runs).
    memory.push({ at: SECONDS, ...(await server.memory()) });
    const retained = { afterWarmup: await retainedAfterWarmup!, end: await server.retainedHeapMb() };
    agent.destroy();

    const measured = samples.filter((sample) => sample.at >= WARMUP_SECONDS);
    const quantile = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    };
    const errors = (list: Sample[]) =>
      list.filter((sample) => sample.status < 200 || sample.status >= 300).length;
    const rows = [...new Set(measured.map((sample) => sample.kind)), 'all'].map((kind) => {
      const list = kind === 'all' ? measured : measured.filter((sample) => sample.kind === kind);
      const ms = list.map((sample) => sample.ms);
      return [
        kind,
        String(list.length),
        quantile(ms, 0.5).toFixed(1),
        quantile(ms, 0.99).toFixed(1),
        quantile(ms, 1).toFixed(1),
        String(errors(list)),
      ];
    });
    const afterWarmup = memory.find((reading) => reading.at >= WARMUP_SECONDS) ?? memory[0]!;
    const end = memory[memory.length - 1]!;
    const growth = (from: number, to: number) => `${(((to - from) / from) * 100).toFixed(1)} %`;
    const p99 = quantile(
      measured.map((sample) => sample.ms),
      0.99,
    );
    const allErrors = errors(measured);
    const retainedGrowth = (retained.end - retained.afterWarmup) / retained.afterWarmup;
    // RSS see-saws with the collector (±25 % within a minute here): the mean of the first minute after
    // the warm-up against the mean of the last minute.
    const meanRss = (from: number, to: number) => {
      const readings = memory.filter((reading) => reading.at >= from && reading.at <= to);
      return readings.reduce((sum, reading) => sum + reading.rssMb, 0) / Math.max(1, readings.length);
    };
    const firstMinuteRss = meanRss(WARMUP_SECONDS, WARMUP_SECONDS + 60);
    const lastMinuteRss = meanRss(SECONDS - 60, SECONDS);
    const markdown = [
      '## Mixed load (soak.bench.ts)',
      '',
      `Measured ${new Date().toISOString()}: ${RATE} requests/s paced for ${SECONDS} s (the first ${WARMUP_SECONDS} s are warm-up and not counted), per 20 requests 8 queue reads, 2 creates, 2 updates, 5 public lookups and 3 Open311 reads. Load average at the end: ${loadNow()}.`,
      '',
      ...machine,
      '',
      table(['requests', 'count', 'p50 ms', 'p99 ms', 'max ms', 'errors'], rows),
      '',
      `Memory of the server (RSS / heap used): ${afterWarmup.rssMb.toFixed(0)} / ${afterWarmup.heapMb.toFixed(0)} MB after the warm-up (${afterWarmup.at} s), ${end.rssMb.toFixed(0)} / ${end.heapMb.toFixed(0)} MB at the end: ${growth(afterWarmup.rssMb, end.rssMb)} / ${growth(afterWarmup.heapMb, end.heapMb)}.`,
      '',
      `Heap kept after a full garbage collection (DevTools protocol, HeapProfiler.collectGarbage): ${retained.afterWarmup.toFixed(1)} MB after the warm-up, ${retained.end.toFixed(1)} MB at the end: ${growth(retained.afterWarmup, retained.end)}. Mean RSS of the first minute after the warm-up ${firstMinuteRss.toFixed(0)} MB, of the last minute ${lastMinuteRss.toFixed(0)} MB: ${growth(firstMinuteRss, lastMinuteRss)}.`,
      '',
      `Done-when 5 (p99 < 200 ms, no errors, memory growth < 10 %, judged on the heap kept after a full collection, which is what a leak grows; single RSS readings land anywhere on the collector's see-saw): p99 ${p99.toFixed(1)} ms ${p99 < 200 ? '✅' : '❌'}, errors ${allErrors} ${allErrors === 0 ? '✅' : '❌'}, heap kept ${growth(retained.afterWarmup, retained.end)} ${retainedGrowth < 0.1 ? '✅' : '❌'}.`,
      '',
      `Memory readings (s: RSS/heap MB): ${memory.map((reading) => `${reading.at}: ${reading.rssMb.toFixed(0)}/${reading.heapMb.toFixed(0)}`).join(', ')}`,
    ].join('\n');
    print(`\n${markdown}`);
    writeReportSection('soak', markdown);
  } finally {
    await server?.stop();
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
