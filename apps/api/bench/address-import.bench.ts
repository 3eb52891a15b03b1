import { systemActor } from '../src/modules/audit/audit-log.ts';
import { importAddressPoints } from '../src/modules/geocoding/address-import.ts';
import { rowsFromCsv } from '../src/modules/geocoding/address-rows.ts';
import { GeoService } from '../src/modules/geocoding/geo-service.ts';
import { createBenchDatabase } from './service-requests-bench-support.ts';

/**
 * Importing a town's address file: 100,000 generated points (issue 3 target: under 30 s on this
 * machine) through the import service — normalising every address and upserting in batches in one
 * transaction — first as fresh inserts, then the same file again (all updates), then as CSV text
 * (parsing included). Finally how long an API instance takes to reload its address index.
 *
 *   npx tsx bench/address-import.bench.ts
 *   NSP_BENCH_POINTS=250000 npx tsx bench/address-import.bench.ts
 */

const POINTS = Number(process.env.NSP_BENCH_POINTS ?? 100_000);

const WORDS = [
  'Burnside',
  'Main',
  'Silver',
  'Forbes',
  'Tolland',
  'Prospect',
  'Brewer',
  'Governor',
  'Oak',
  'Maple',
  'High',
  'School',
  'Church',
  'Park',
  'Center',
  'Elm',
  'Chestnut',
  'Walnut',
  'Ridge',
  'Hills',
  'Ellington',
  'Hockanum',
  'Mayberry',
  'Sunset',
  'Roberts',
  'Woodycrest',
  'Nutmeg',
  'Pitkin',
  'Orchard',
  'Beacon',
];
const SUFFIXES = ['St', 'Ave', 'Rd', 'Ln', 'Dr', 'Ct', 'Pl', 'Ter', 'Blvd', 'Way'];
const DIRECTIONS = ['', 'N ', 'S ', 'E ', 'W '];

/** Realistic rows: directionals, every suffix, letter suffixes ('12A') and apartments now and then. */
function generate(count: number) {
  const rows: Array<{ row: number; address: string; lat: number; lon: number }> = [];
  let street = 0;
  while (rows.length < count) {
    const name = `${DIRECTIONS[street % DIRECTIONS.length]}${WORDS[Math.floor(street / 5) % WORDS.length]}${
      street >= 150
        ? ` ${Math.floor(street / 150) + 1}${['st', 'nd', 'rd'][Math.floor(street / 150)] ?? 'th'}`
        : ''
    } ${SUFFIXES[street % SUFFIXES.length]}`;
    const baseLat = 41.72 + (street % 40) * 0.002;
    const baseLon = -72.66 + Math.floor(street / 40) * 0.002;
    for (let n = 1; n <= 400 && rows.length < count; n++) {
      const unit = n % 97 === 0 ? ' Apt 2' : n % 89 === 0 ? 'A' : '';
      const address = unit === 'A' ? `${n}A ${name}` : `${n} ${name}${unit}`;
      rows.push({
        row: rows.length + 2,
        address,
        lat: baseLat + n * 0.00001,
        lon: baseLon + (n % 2) * 0.0001,
      });
    }
    street++;
  }
  return rows;
}

async function main() {
  const database = await createBenchDatabase('nsp_bench_address_import', 4);
  const db = database.handle.db;
  const ctx = { db, actor: systemActor, onAddressesChanged: async () => {} };
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const rows = generate(POINTS);
    print(`\nAddress points import (${rows.length.toLocaleString('en-US')} generated points)`);

    let started = performance.now();
    const fresh = await importAddressPoints(ctx, rows, { source: 'csv' });
    const freshSeconds = (performance.now() - started) / 1000;
    print(
      `  fresh import:   ${freshSeconds.toFixed(2)} s  (${Math.round(rows.length / freshSeconds).toLocaleString('en-US')} rows/s) inserted ${fresh.inserted}, updated ${fresh.updated}, rejected ${fresh.rejected.length} — target < 30 s: ${freshSeconds < 30 ? 'met' : 'NOT met'}`,
    );
    if (fresh.rejected.length > 0) print(`    first rejection: ${JSON.stringify(fresh.rejected[0])}`);

    started = performance.now();
    const again = await importAddressPoints(ctx, rows, { source: 'csv' });
    const againSeconds = (performance.now() - started) / 1000;
    print(
      `  same file again: ${againSeconds.toFixed(2)} s  inserted ${again.inserted}, updated ${again.updated}`,
    );

    const csv = `address,lat,lon\n${rows.map((r) => `"${r.address}",${r.lat},${r.lon}`).join('\n')}\n`;
    started = performance.now();
    const parsed = rowsFromCsv(csv);
    const parseSeconds = (performance.now() - started) / 1000;
    const viaCsv = await importAddressPoints(ctx, parsed, { source: 'csv' });
    const csvSeconds = (performance.now() - started) / 1000;
    print(
      `  as CSV text (${(csv.length / 1e6).toFixed(1)} MB): ${csvSeconds.toFixed(2)} s including ${parseSeconds.toFixed(2)} s of parsing; updated ${viaCsv.updated}`,
    );

    const geo = new GeoService({ db, pollIntervalMs: 0 });
    started = performance.now();
    await geo.start();
    print(
      `  address index reload: ${(performance.now() - started).toFixed(0)} ms ${JSON.stringify(geo.stats)}\n`,
    );
    geo.stop();
  } finally {
    await database.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
