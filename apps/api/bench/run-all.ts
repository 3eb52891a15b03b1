import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm bench`: runs every benchmark in turn, each in its own process (so one's memory and event
 * loop never colour another's figures), and fails when one fails. Add a line per benchmark file.
 */
const benchmarks = [
  'address-import.bench.ts',
  'geocode.bench.ts',
  'service-requests-queue.bench.ts',
  'service-requests-create.bench.ts',
  'assignments.bench.ts',
  'notifications.bench.ts',
  'sara-candidates.bench.ts',
  'public.bench.ts',
  // Issue #18: the route-by-route report and the 5-minute mixed load, both written to bench/REPORT.md.
  'report.bench.ts',
  'soak.bench.ts',
];

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, '../node_modules/.bin/tsx');
const failed: string[] = [];
for (const file of benchmarks) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const result = spawnSync(tsx, [path.join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  process.stderr.write(`\nFailed benchmarks: ${failed.join(', ')}\n`);
  process.exit(1);
}
