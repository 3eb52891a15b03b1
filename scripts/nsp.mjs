#!/usr/bin/env node
// The README's commands (npm start, npm test, npm run bench) run this file. It needs nothing but
// Node.js: it fetches the pinned pnpm through npx, installs the workspace when needed, builds the
// admin app when its sources changed, then runs the API or the test suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const apiDir = path.join(root, 'apps/api');
const adminDir = path.join(root, 'apps/admin');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpm(args, options) {
  // Inside `pnpm <script>` the running pnpm is reused; otherwise npx brings the pinned version.
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath)) && execPath.endsWith('.cjs')) {
    return run(process.execPath, [execPath, ...args], options);
  }
  return run(
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    ['-y', `pnpm@${pnpmVersion}`, ...args],
    options,
  );
}

function must(status, what) {
  if (status !== 0) {
    console.error(`\n${what} failed (exit ${status}).`);
    process.exit(status);
  }
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules/.pnpm/lock.yaml');
  const lockfile = path.join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  console.log('Installing dependencies (first run only)…');
  must(pnpm(['install', '--frozen-lockfile']), 'pnpm install');
}

function ensureAdminBuilt() {
  const built = path.join(adminDir, 'dist/index.html');
  const sources = Math.max(newestMtime(adminDir), newestMtime(path.join(root, 'packages/contracts/src')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the admin app…');
  must(pnpm(['--filter', '@nsp/admin', 'build']), 'admin build');
}

/** The API compiled to JavaScript (apps/api/dist), rebuilt when its sources or the contracts changed. */
function ensureApiBuilt() {
  const built = path.join(apiDir, 'dist/server.js');
  const sources = Math.max(
    newestMtime(path.join(apiDir, 'src')),
    newestMtime(path.join(apiDir, 'scripts/build.mjs')),
    newestMtime(path.join(apiDir, 'package.json')),
    newestMtime(path.join(root, 'packages/contracts/src')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the API…');
  must(pnpm(['--filter', '@nsp/api', 'build']), 'API build');
}

function startApi() {
  // The data folder defaults to ./.data of the directory the command was started from.
  const env = { NSP_DATA_DIR: process.env.NSP_DATA_DIR ?? path.join(process.cwd(), '.data') };
  // NSP_RUNTIME=tsx runs the TypeScript sources directly (no build), e.g. while changing them.
  const fromSources = process.env.NSP_RUNTIME === 'tsx';
  if (!fromSources) ensureApiBuilt();
  const args = fromSources ? ['--import', 'tsx', 'src/server.ts'] : ['dist/server.js'];
  const status = run(process.execPath, args, { cwd: apiDir, env });
  process.exit(status);
}

/** Runs the suites one after another and prints one "N passed, N failed" line for all of them. */
function runTests() {
  const reports = path.join(root, 'test-results');
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const suites = [
    { name: 'api', cwd: apiDir, args: ['exec', 'vitest', 'run'] },
    { name: 'admin', cwd: adminDir, args: ['exec', 'vitest', 'run'] },
  ];
  if (existsSync(path.join(adminDir, 'e2e/vitest.config.ts'))) {
    suites.push({
      name: 'e2e',
      cwd: adminDir,
      args: ['exec', 'vitest', 'run', '--config', 'e2e/vitest.config.ts'],
    });
  }
  let passed = 0;
  let failed = 0;
  const failedSuites = [];
  const recap = [];
  for (const suite of suites) {
    console.log(`\n▶ ${suite.name} tests`);
    const report = path.join(reports, `${suite.name}.json`);
    const status = pnpm(
      [...suite.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
      {
        cwd: suite.cwd,
      },
    );
    if (existsSync(report)) {
      const summary = JSON.parse(readFileSync(report, 'utf8'));
      passed += summary.numPassedTests ?? 0;
      failed += summary.numFailedTests ?? 0;
      recap.push(...failuresIn(suite.name, summary));
    }
    if (status !== 0) failedSuites.push(suite.name);
  }
  // The failures again at the very end: a long run's log is often read from its tail only.
  if (recap.length > 0) console.log(`\nFailed:\n${recap.join('\n')}`);
  console.log(`\nAll suites: ${failedSuites.length === 0 ? 'green' : `failing: ${failedSuites.join(', ')}`}`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failedSuites.length === 0 && failed === 0 ? 0 : 1);
}

/** One line per failed test (suite, file, name) and the first lines of its first failure message. */
function failuresIn(suiteName, summary) {
  const lines = [];
  for (const file of summary.testResults ?? []) {
    const relative = path.relative(root, file.name ?? '');
    const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (tests.length === 0 && file.status === 'failed') {
      lines.push(`✗ ${suiteName} ${relative}: ${firstLines(file.message)}`);
    }
    for (const test of tests) {
      lines.push(
        `✗ ${suiteName} ${relative} > ${test.fullName}\n    ${firstLines(test.failureMessages?.[0])}`,
      );
    }
  }
  return lines;
}

function firstLines(text = '', count = 6) {
  return String(text).split('\n').slice(0, count).join('\n    ');
}

const command = process.argv[2];
switch (command) {
  case 'start':
    ensureInstalled();
    ensureAdminBuilt();
    startApi();
    break;
  case 'start:api':
    ensureInstalled();
    startApi();
    break;
  case 'test':
    ensureInstalled();
    ensureAdminBuilt();
    runTests();
    break;
  case 'bench':
    ensureInstalled();
    process.exit(pnpm(['--filter', '@nsp/api', 'bench']));
    break;
  case 'dev':
    ensureInstalled();
    process.exit(pnpm(['-r', '--parallel', 'dev']));
    break;
  default:
    console.error('usage: node scripts/nsp.mjs start|start:api|test|bench|dev');
    process.exit(2);
}
