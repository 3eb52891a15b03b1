// Checks the initial-load JavaScript of the built admin app against its budget.
// Usage (after `vite build`): node scripts/check-bundle-size.mjs [budgetKiB=250]
// "Initial" = the entry script plus every chunk index.html modulepreloads; lazy route chunks
// (map, users, API clients, …) are listed but do not count.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const budgetBytes = Number(process.argv[2] ?? 250) * 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]));
const gzipSize = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

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
