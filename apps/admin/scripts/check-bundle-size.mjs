// Checks the initial-load JavaScript of the built admin app against its budget.
// Usage (after `vite build`): node scripts/check-bundle-size.mjs [budgetKiB=250]
// "Initial" = the entry script plus every chunk index.html modulepreloads; lazy route chunks
// (map, users, API clients, …) are listed but do not count. Also checks the boot script (src/boot.ts):
// an async module of index.html, small and without React, and its map of each screen's files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const budgetBytes = Number(process.argv[2] ?? 250) * 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]));
const gzipSize = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

// The boot script runs as soon as its own files arrive, long before React: that holds only while it
// is an async module script and everything it imports is small and React-free.
const boot = html.match(/<script type="module" async crossorigin src="\/(assets\/boot-[^"]+\.js)"/)?.[1];
if (!boot) {
  console.error('index.html has no async boot script (src/boot.ts).');
  process.exit(1);
}
const bootGraph = new Set();
const visit = (file) => {
  if (bootGraph.has(file)) return;
  bootGraph.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const match of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(`assets/${match[1]}`);
};
visit(boot);
const bootBytes = [...bootGraph].reduce((total, file) => total + gzipSize(file), 0);
console.log(`boot script gzipped: ${kib(bootBytes)} (budget 16.0 KiB): ${[...bootGraph].join(', ')}`);
if (bootBytes > 16 * 1024) {
  console.error('The boot script and its imports are over their budget: it would no longer run early.');
  process.exit(1);
}
if ([...bootGraph].some((file) => /\/(react|router|query)-/.test(file))) {
  console.error('The boot script imports React, the router or React Query: it would wait for them.');
  process.exit(1);
}
const routeCodeContent = html.match(/<meta name="nsp-route-code" content="([^"]+)"/)?.[1];
const routeCode = JSON.parse((routeCodeContent ?? '{}').replaceAll('&quot;', '"'));
if (Object.keys(routeCode).length === 0) {
  console.error('index.html has no map of the screens’ files for the boot script.');
  process.exit(1);
}
for (const [module, files] of Object.entries(routeCode)) {
  const missing = files.filter((file) => !existsSync(join(dist, file)));
  if (files.length === 0 || missing.length > 0) {
    console.error(`The boot script's files for ${module} are wrong: ${missing.join(', ') || 'none listed'}`);
    process.exit(1);
  }
  console.log(`fetched early for ${module}: ${files.length} files`);
}

let initialTotal = 0;
for (const file of initial) {
  const size = gzipSize(file);
  initialTotal += size;
  console.log(`initial  ${kib(size).padStart(10)}  ${file}`);
}
for (const file of readdirSync(join(dist, 'assets'))) {
  const path = `assets/${file}`;
  if (file.endsWith('.js') && !initial.has(path))
    console.log(`lazy     ${kib(gzipSize(path)).padStart(10)}  ${path}`);
}
console.log(`initial JS gzipped: ${kib(initialTotal)} (budget ${kib(budgetBytes)})`);
if (initialTotal > budgetBytes) {
  console.error('Initial JS is over budget.');
  process.exit(1);
}

// The public page (/public/) has its own entry and a budget of its own: under 60 KiB of JavaScript,
// gzipped, everything it loads (it has no lazy chunks), and none of the staff app's code.
const publicHtml = readFileSync(join(dist, 'public-page', 'index.html'), 'utf8');
const publicScripts = [...publicHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
  (match) => match[1],
);
const publicTotal = publicScripts.reduce((total, file) => total + gzipSize(file), 0);
console.log(`public page JS gzipped: ${kib(publicTotal)} (budget 60.0 KiB): ${publicScripts.join(', ')}`);
if (publicTotal > 60 * 1024) {
  console.error('The public page is over its JavaScript budget.');
  process.exit(1);
}
if (publicScripts.some((file) => initial.has(file) && !/public-paths|modulepreload-polyfill/.test(file))) {
  console.error('The public page loads a script of the staff app.');
  process.exit(1);
}
