import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { demoNeighborhoods } from '../src/demo/east-hartford/neighborhoods.ts';
import { demoJurisdiction } from '../src/demo/east-hartford/jurisdiction.ts';
import { demoPlaces } from '../src/demo/east-hartford/places.ts';
import { generateDemoAddressPoints } from '../src/demo/east-hartford/streets.ts';
import { createLogger } from '../src/lib/logger.ts';
import { systemActor } from '../src/modules/audit/audit-log.ts';
import { importAddressPoints } from '../src/modules/geocoding/address-import.ts';
import { GeoService } from '../src/modules/geocoding/geo-service.ts';
import { updateJurisdiction } from '../src/modules/geocoding/jurisdiction-service.ts';
import { importPlaces } from '../src/modules/geocoding/places-service.ts';
import { importBoundaries } from '../src/modules/neighborhoods/boundary-import.ts';
import { NeighborhoodLocator } from '../src/modules/neighborhoods/neighborhood-locator.ts';
import { access } from '../src/lib/access.ts';
import { createUser } from '../src/modules/users/service.ts';
import { createBenchDatabase } from './service-requests-bench-support.ts';

/**
 * Geocoding speed, in one run:
 * 1. in process: geocode + locate (app.geo.geocode) per second, with the six demo neighborhoods
 *    densified to at least 1,000 vertices each and 50,000 address points; target ≥ 20,000/s, for the
 *    staff mix and for one-letter typos only (typo correction on), plus intersections and places;
 *    reverse geocoding (app.geo.reverse) and generalise by coordinates; target ≥ 10,000/s;
 * 2. over HTTP: requests per second of GET /api/v1/geocode next to a trivial route of the same app
 *    (same plugins, same auth), measured with autocannon; target: geocode ≥ half the trivial route.
 *
 *   npx tsx bench/geocode.bench.ts
 *   NSP_BENCH_SECONDS=20 NSP_BENCH_CONNECTIONS=20 npx tsx bench/geocode.bench.ts
 */

const MIN_VERTICES = 1_000;
const ADDRESS_POINTS = 50_000;
const IN_PROCESS_LOOKUPS = Number(process.env.NSP_BENCH_LOOKUPS ?? 300_000);
const HTTP_SECONDS = Number(process.env.NSP_BENCH_SECONDS ?? 10);
const HTTP_CONNECTIONS = Number(process.env.NSP_BENCH_CONNECTIONS ?? 10);

type Position = [number, number];

/**
 * Adds points along every edge so each ring has at least `minimum` vertices. The points of an edge
 * are computed from its endpoints in a fixed order, so neighbours that share an edge get exactly the
 * same new vertices and stay gap- and overlap-free.
 */
function densify(ring: Position[], minimum: number): Position[] {
  const edges = ring.length - 1;
  const perEdge = Math.ceil(minimum / edges);
  const result: Position[] = [];
  for (let i = 0; i < edges; i++) {
    const from = ring[i]!;
    const to = ring[i + 1]!;
    const forward = from[0] < to[0] || (from[0] === to[0] && from[1] <= to[1]);
    const [a, b] = forward ? [from, to] : [to, from];
    const inner: Position[] = [];
    for (let k = 1; k < perEdge; k++) {
      inner.push([a[0] + ((b[0] - a[0]) * k) / perEdge, a[1] + ((b[1] - a[1]) * k) / perEdge]);
    }
    if (!forward) inner.reverse();
    result.push(from, ...inner);
  }
  result.push(ring[0]!);
  return result;
}

const STREET_WORDS = [
  'Alder',
  'Beacon',
  'Birch',
  'Brook',
  'Cedar',
  'Chestnut',
  'Church',
  'Cliff',
  'Cottage',
  'Dogwood',
  'Elmwood',
  'Fairview',
  'Forest',
  'Garden',
  'Glen',
  'Grove',
  'Harbor',
  'Hawthorne',
  'Hickory',
  'Highland',
  'Holly',
  'Juniper',
  'Lakeview',
  'Laurel',
  'Linden',
  'Magnolia',
  'Meadow',
  'Mill',
  'Mulberry',
  'Orchard',
  'Park',
  'Pleasant',
  'Poplar',
  'Prospect',
  'Quarry',
  'Ridge',
  'River',
  'Rosewood',
  'Sassafras',
  'Spring',
  'Spruce',
  'Summit',
  'Sycamore',
  'Valley',
  'Walnut',
  'Willow',
  'Windsor',
  'Woodland',
  'Yew',
  'Aspen',
];
const SUFFIXES = ['St', 'Ave', 'Rd', 'Ln', 'Dr'];

/** Demo address points plus generated streets inside the demo neighborhoods, 50,000 in all. */
function addressBook(locator: NeighborhoodLocator) {
  const points = generateDemoAddressPoints().map((p) => ({ address: p.address, lat: p.lat, lon: p.lon }));
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const generatedStreets: string[] = [];
  outer: for (const word of STREET_WORDS) {
    for (const suffix of SUFFIXES) {
      for (const prefix of ['', 'Upper ', 'Old ']) {
        const street = `${prefix}${word} ${suffix}`;
        if (points.some((p) => p.address.endsWith(` ${street}`))) continue; // a real demo street
        generatedStreets.push(street);
        // A straight street of 200 houses through a random point of town.
        let start: Position;
        do {
          start = [-72.66 + 0.1 * random(), 41.73 + 0.08 * random()];
        } while (!locator.locate(start[1], start[0]));
        const heading = random() * Math.PI;
        // Numbers step by 4 on each side (1, 5, 9… and 2, 6, 10…), so 3 or 4 fall between two points.
        for (let k = 1; k <= 100 && points.length < ADDRESS_POINTS; k++) {
          for (const side of [0, 1]) {
            const along = k * 0.00024;
            const offset = side === 0 ? 0.00008 : -0.00008;
            points.push({
              address: `${side === 0 ? 4 * k - 2 : 4 * k - 3} ${street}`,
              lat: start[1] + along * Math.sin(heading) + offset * Math.cos(heading),
              lon: start[0] + along * Math.cos(heading) - offset * Math.sin(heading),
            });
          }
        }
        if (points.length >= ADDRESS_POINTS) break outer;
      }
    }
  }
  return { points: points.slice(0, ADDRESS_POINTS), generatedStreets };
}

/** What staff type: exact points in several spellings, in-between numbers, bare streets, typos. */
function queries(points: Array<{ address: string }>, streets: string[]) {
  const mix: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const point = points[(i * 7_919) % points.length]!.address;
    const street = streets[i % streets.length]!;
    switch (i % 10) {
      case 0:
        mix.push(point.toLowerCase());
        break;
      case 1:
        mix.push(`${point}, East Hartford, CT 06108`);
        break;
      case 2:
        mix.push(point.replace(/ St$/, ' Street').replace(/ Ave$/, ' Avenue'));
        break;
      case 3:
        mix.push(`${point} Apt 2`);
        break;
      case 4:
      case 5:
        mix.push(point);
        break;
      case 6:
      case 7:
        mix.push(`${4 * (i % 90) + 3 + (i % 2)} ${street}`); // between two numbered points
        break;
      case 8:
        mix.push(street);
        break;
      default:
        mix.push(`${i % 300} ${street.replace(/[aeiou]/, '')}`); // a typo: quality none with candidates
    }
  }
  return mix;
}

/** One slip (insertion, deletion, substitution, swap) in the street name of address points. */
function typos(points: Array<{ address: string }>) {
  const result: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const [number, ...words] = points[(i * 7_919) % points.length]!.address.split(' ');
    const name = words[0]!;
    const at = i % Math.max(1, name.length - 1);
    const letter = 'etaoinshrdlu'[i % 12]!;
    const misspelt = [
      name.slice(0, at) + letter + name.slice(at),
      name.slice(0, at) + name.slice(at + 1),
      name.slice(0, at) + (name[at] === letter ? 'x' : letter) + name.slice(at + 1),
      name.slice(0, at) + (name[at + 1] ?? '') + name[at] + name.slice(at + 2),
    ][i % 4]!;
    result.push([number, misspelt, ...words.slice(1)].join(' '));
  }
  return result;
}

function intersectionQueries() {
  const pairs = [
    ['Main St', 'School St'],
    ['Main St', 'Pitkin St'],
    ['Burnside Ave', 'Tolland St'],
    ['Forbes St', 'Silver Ln'],
  ];
  return pairs.flatMap(([a, b]) => [
    `${a} & ${b}`,
    `corner of ${a} and ${b}`,
    `${a!.split(' ')[0]} and ${b!.split(' ')[0]}`,
  ]);
}

async function main() {
  const database = await createBenchDatabase('nsp_bench_geocode', 12);
  const db = database.handle.db;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const features = demoNeighborhoods.features.map((f) => ({
      ...f,
      geometry: {
        type: 'Polygon' as const,
        coordinates: [densify(f.geometry.coordinates[0]!, MIN_VERTICES)],
      },
    }));
    const vertexCounts = features.map((f) => f.geometry.coordinates[0]!.length - 1);
    const ctx = { db, actor: systemActor, actorName: 'bench', onGeographyChanged: async () => {} };
    let started = performance.now();
    const preview = await importBoundaries(ctx, features, { dryRun: true });
    const previewMs = performance.now() - started;
    started = performance.now();
    const applied = await importBoundaries(ctx, features, { dryRun: false });
    const applyMs = performance.now() - started;
    if (!applied.applied) throw new Error(`boundaries not applied: ${applied.summary}`);

    const locator = new NeighborhoodLocator(
      features.map((f) => ({
        id: f.properties.code,
        code: f.properties.code,
        name: f.properties.name,
        geometry: f.geometry,
      })),
    );
    const book = addressBook(locator);
    started = performance.now();
    const imported = await importAddressPoints(
      { db, actor: systemActor, onAddressesChanged: async () => {} },
      book.points.map((p, row) => ({ row, ...p })),
      { source: 'demo' },
    );
    const importMs = performance.now() - started;
    // The demo gazetteer and jurisdiction names, as the demo seed loads them.
    await importPlaces(
      { db, actor: systemActor, onPlacesChanged: async () => {} },
      demoPlaces(generateDemoAddressPoints()).map((place, row) => ({ row, ...place })),
      { source: 'demo' },
    );
    await updateJurisdiction(db, systemActor, demoJurisdiction, { kind: 'none' });

    const geo = new GeoService({ db, pollIntervalMs: 0 });
    started = performance.now();
    await geo.start();
    const loadMs = performance.now() - started;

    print('\nGeocoding benchmark');
    print(`  neighborhoods: ${features.length}, vertices each: ${vertexCounts.join(', ')}`);
    print(
      `  boundary import of that set: dry run ${previewMs.toFixed(0)} ms, applied ${applyMs.toFixed(0)} ms (${preview.summary})`,
    );
    print(
      `  address points: ${imported.inserted + imported.updated} imported in ${importMs.toFixed(0)} ms, ${imported.rejected.length} rejected`,
    );
    for (const rejection of imported.rejected.slice(0, 3))
      print(`    rejected: ${JSON.stringify(rejection)}`);
    print(`  in-memory indexes loaded in ${loadMs.toFixed(0)} ms: ${JSON.stringify(geo.stats)}`);

    // 1. In process.
    const mix = queries(book.points, [...book.generatedStreets, 'Main St', 'Burnside Ave', 'Silver Ln']);
    const qualities: Record<string, number> = {};
    let located = 0;
    for (const address of mix) {
      const result = await geo.geocode(address);
      qualities[result.match?.quality ?? 'none'] = (qualities[result.match?.quality ?? 'none'] ?? 0) + 1;
      if (result.neighborhood) located++;
    }
    for (let i = 0; i < 20_000; i++) await geo.geocode(mix[i % mix.length]!); // warm-up
    started = performance.now();
    for (let i = 0; i < IN_PROCESS_LOOKUPS; i++) await geo.geocode(mix[i % mix.length]!);
    const inProcessSeconds = (performance.now() - started) / 1000;
    const perSecond = IN_PROCESS_LOOKUPS / inProcessSeconds;
    started = performance.now();
    for (let i = 0; i < IN_PROCESS_LOOKUPS; i++) {
      geo.locatePoint(41.73 + ((i * 37) % 800) / 10_000, -72.66 + ((i * 53) % 1000) / 10_000);
    }
    const locatesPerSecond = IN_PROCESS_LOOKUPS / ((performance.now() - started) / 1000);
    print('\n  In process (geocode + locate, one core):');
    print(
      `    query mix of ${mix.length}: ${JSON.stringify(qualities)}, ${located} located in a neighborhood`,
    );
    print(
      `    ${Math.round(perSecond).toLocaleString('en-US')} addresses/s (${IN_PROCESS_LOOKUPS.toLocaleString('en-US')} lookups, ${(1e6 / perSecond).toFixed(1)} µs each) — target ≥ 20,000/s: ${perSecond >= 20_000 ? 'met' : 'NOT met'}`,
    );
    print(`    locatePoint alone: ${Math.round(locatesPerSecond).toLocaleString('en-US')} points/s`);

    const rate = async (title: string, inputs: string[], target: number) => {
      const tally: Record<string, number> = {};
      for (const input of inputs) {
        const quality = (await geo.geocode(input)).match?.quality ?? 'none';
        tally[quality] = (tally[quality] ?? 0) + 1;
      }
      const started = performance.now();
      for (let i = 0; i < IN_PROCESS_LOOKUPS; i++) await geo.geocode(inputs[i % inputs.length]!);
      const perSecond = IN_PROCESS_LOOKUPS / ((performance.now() - started) / 1000);
      print(
        `    ${title}: ${Math.round(perSecond).toLocaleString('en-US')}/s ${JSON.stringify(tally)} — target ≥ ${target.toLocaleString('en-US')}/s: ${perSecond >= target ? 'met' : 'NOT met'}`,
      );
    };
    await rate('one-letter typos only (typo correction on)', typos(book.points), 20_000);
    await rate('intersections ("A & B", "corner of A and B")', intersectionQueries(), 20_000);
    await rate('place names', ['Town Hall', 'Goodwin College', 'EHHS', 'Rentschler Field'], 20_000);

    const probes = Array.from({ length: 4_096 }, (_, i) => ({
      lat: 41.73 + ((i * 37) % 800) / 10_000,
      lon: -72.66 + ((i * 53) % 1000) / 10_000,
    }));
    for (let i = 0; i < 20_000; i++)
      await geo.reverse(probes[i % probes.length]!.lat, probes[i % probes.length]!.lon);
    started = performance.now();
    let withAddress = 0;
    for (let i = 0; i < IN_PROCESS_LOOKUPS; i++) {
      const probe = probes[i % probes.length]!;
      if ((await geo.reverse(probe.lat, probe.lon)).address) withAddress++;
    }
    const reversePerSecond = IN_PROCESS_LOOKUPS / ((performance.now() - started) / 1000);
    print(
      `    reverse (app.geo.reverse): ${Math.round(reversePerSecond).toLocaleString('en-US')}/s, ${((withAddress / IN_PROCESS_LOOKUPS) * 100).toFixed(0)}% with an address within 250 m — target ≥ 10,000/s: ${reversePerSecond >= 10_000 ? 'met' : 'NOT met'}`,
    );
    started = performance.now();
    for (let i = 0; i < IN_PROCESS_LOOKUPS; i++) {
      const probe = probes[i % probes.length]!;
      geo.generalise({ lat: probe.lat, lon: probe.lon });
    }
    const generalisePerSecond = IN_PROCESS_LOOKUPS / ((performance.now() - started) / 1000);
    print(
      `    generalise by coordinates: ${Math.round(generalisePerSecond).toLocaleString('en-US')}/s — target ≥ 10,000/s: ${generalisePerSecond >= 10_000 ? 'met' : 'NOT met'}`,
    );
    geo.stop();

    // 2. Over HTTP, the real app with a trivial route of the same access policy next to geocode.
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATABASE_URL: database.url,
        LOG_LEVEL: 'info',
      }),
      demoData: false,
      runJobs: false,
      loginRateLimit: 1_000_000,
    };
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const app = await buildApp({ config, database: database.handle, logger: createLogger('info', sink) });
    app.get('/bench/trivial', { config: { access: access.roles(['staff']) } }, async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const email = `bench-${randomBytes(4).toString('hex')}@bench.example.org`;
    const password = `Bench-${randomBytes(12).toString('base64url')}-Pw`;
    await createUser({ db, actor: systemActor }, { email, name: 'Bench staff', password, roles: ['staff'] });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    const headers = { authorization: `Bearer ${login.json().accessToken}` };

    const run = async (title: string, paths: string[]) => {
      const result = await autocannon({
        url: `http://127.0.0.1:${address.port}`,
        connections: HTTP_CONNECTIONS,
        duration: HTTP_SECONDS,
        // The load generator runs on its own thread, off the server's event loop.
        workers: 1,
        requests: paths.map((path) => ({ method: 'GET' as const, path, headers })),
      });
      const non2xx = result.non2xx + result.errors;
      print(
        `    ${title.padEnd(16)} ${Math.round(result.requests.average).toLocaleString('en-US').padStart(7)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${non2xx ? `, ${non2xx} failed` : ''}`,
      );
      return result.requests.average;
    };
    print(
      `\n  Over HTTP (autocannon, ${HTTP_CONNECTIONS} connections, ${HTTP_SECONDS} s each, bearer-token auth on both):`,
    );
    const trivial = await run('trivial route', ['/bench/trivial']);
    const geocodePaths = mix.slice(0, 200).map((a) => `/api/v1/geocode?address=${encodeURIComponent(a)}`);
    const geocodeRate = await run('/api/v1/geocode', geocodePaths);
    const ratio = geocodeRate / trivial;
    print(
      `    geocode / trivial = ${(ratio * 100).toFixed(0)}% — target ≥ 50%: ${ratio >= 0.5 ? 'met' : 'NOT met'}\n`,
    );
    await app.close();
  } finally {
    await database.dispose();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
