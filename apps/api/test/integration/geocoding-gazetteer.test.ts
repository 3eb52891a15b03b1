import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, offsetMeters, region } from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let admin: TestUser;
let staff: TestUser;
let analyst: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithRoles(t, ['admin']);
  staff = await userWithRoles(t, ['staff']);
  analyst = await userWithRoles(t, ['analyst']);
});
afterAll(async () => {
  await t.close();
});

/** A name nobody else in this file uses, letters only ('Quarryqzkx'). */
const uniqueName = (base: string) =>
  base + Array.from({ length: 4 }, () => String.fromCharCode(97 + randomInt(26))).join('');

const importCsv = (path: string, csv: string) =>
  t.http.post(path).set(bearer(admin)).set('Content-Type', 'text/csv').send(csv);
const geocode = (address: string) =>
  t.http.get('/api/v1/geocode').query({ address }).set(bearer(staff)).expect(200);

/**
 * A street of houses every 20 m eastward, odd numbers on the north side, even on the south, from
 * `origin`; and a second street crossing it northward at its 5th pair of houses.
 */
async function crossingStreets() {
  const origin = region();
  const east = uniqueName('Quarry');
  const north = uniqueName('Hollow');
  const rows = ['address,lat,lon'];
  for (let k = 0; k < 12; k++) {
    const north12 = offsetMeters(origin, 12, k * 20);
    const south12 = offsetMeters(origin, -12, k * 20);
    rows.push(`${101 + 2 * k} ${east} St,${north12.lat},${north12.lon}`);
    rows.push(`${100 + 2 * k} ${east} St,${south12.lat},${south12.lon}`);
  }
  // The crossing street runs north-south through x = 90 m.
  for (let k = -5; k <= 5; k++) {
    if (k === 0) continue;
    const west = offsetMeters(origin, k * 20, 90 - 12);
    const eastSide = offsetMeters(origin, k * 20, 90 + 12);
    rows.push(`${(k + 6) * 10 + 1} ${north} Ave,${west.lat},${west.lon}`);
    rows.push(`${(k + 6) * 10} ${north} Ave,${eastSide.lat},${eastSide.lon}`);
  }
  await importCsv('/api/v1/address-points', rows.join('\n')).expect(200);
  return { origin, east, north, meeting: offsetMeters(origin, 0, 90) };
}

const meters = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  Math.hypot((a.lat - b.lat) * 111_320, (a.lon - b.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180));

describe('who may use the new geocoding routes', () => {
  it('answers 401 without credentials on every route, and 403 to the wrong role or scope', async () => {
    for (const [method, path] of [
      ['get', '/api/v1/reverse?lat=1&lon=1'],
      ['get', '/api/v1/places'],
      ['post', '/api/v1/places'],
      ['delete', '/api/v1/places/00000000-0000-4000-8000-000000000000'],
      ['get', '/api/v1/jurisdiction'],
      ['patch', '/api/v1/jurisdiction'],
    ] as const) {
      const reply = await t.http[method](path).send(method === 'get' || method === 'delete' ? undefined : {});
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(reply.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    for (const user of [staff, analyst]) {
      await t.http
        .post('/api/v1/places')
        .set(bearer(user))
        .set('Content-Type', 'text/csv')
        .send('name,lat,lon\nX,1,1')
        .expect(403);
      await t.http
        .delete('/api/v1/places/00000000-0000-4000-8000-000000000000')
        .set(bearer(user))
        .expect(403);
      await t.http.patch('/api/v1/jurisdiction').set(bearer(user)).send({ zipCodes: [] }).expect(403);
    }
    // Integrations read locations with a requests scope; a client without one is refused.
    const reader = await createApiClient(t, admin, ['requests:read']);
    await t.http.get('/api/v1/reverse?lat=1&lon=1').set('X-Api-Key', reader).expect(200);
    await t.http.get('/api/v1/places').set('X-Api-Key', reader).expect(200);
    const unscoped = await createApiClient(t, admin, ['public:read']);
    await t.http.get('/api/v1/reverse?lat=1&lon=1').set('X-Api-Key', unscoped).expect(403);
    await t.http.get('/api/v1/jurisdiction').set('X-Api-Key', reader).expect(403);
    // Every staff role reads the jurisdiction (the intake screen explains "outside" with it).
    await t.http.get('/api/v1/jurisdiction').set(bearer(analyst)).expect(200);
  });
});

describe('input checks on every geocoding route', () => {
  it('answers 400 problem+json naming the field for empty, non-numeric, out-of-range or over-long input', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/locate?lat=&lon=', 'lat'],
      ['/api/v1/locate?lat=41.7&lon=', 'lon'],
      ['/api/v1/locate?lat=abc&lon=-72', 'lat'],
      ['/api/v1/locate?lat=41.7&lon=0x10', 'lon'],
      ['/api/v1/locate?lat=1e400&lon=1', 'lat'],
      ['/api/v1/locate?lat=91&lon=0', 'lat'],
      ['/api/v1/locate?lat=0&lon=-180.5', 'lon'],
      ['/api/v1/reverse?lat=&lon=', 'lat'],
      ['/api/v1/reverse?lat=41.7', 'lon'],
      ['/api/v1/reverse?lat=NaN&lon=1', 'lat'],
      ['/api/v1/reverse?lat=41.7&lon=Infinity', 'lon'],
      ['/api/v1/reverse?lat=-90.01&lon=1', 'lat'],
      ['/api/v1/reverse?lat=1&lon=181', 'lon'],
      [`/api/v1/geocode?address=${'9'.repeat(301)}`, 'address'],
      [`/api/v1/locate?address=${'a'.repeat(301)}`, 'address'],
      ['/api/v1/geocode?address=', 'address'],
      ['/api/v1/places?limit=0', 'limit'],
      [`/api/v1/places?q=${'q'.repeat(201)}`, 'q'],
      ['/api/v1/places?cursor=garbage', 'cursor'],
    ];
    for (const [path, field] of cases) {
      const reply = await t.http.get(path).set(bearer(staff));
      expect(reply.status, path).toBe(400);
      expect(reply.headers['content-type'], path).toMatch(/application\/problem\+json/);
      expect(
        reply.body.errors.map((e: { path: string }) => e.path),
        path,
      ).toContain(field);
    }
    const badPatch = await t.http
      .patch('/api/v1/jurisdiction')
      .set(bearer(admin))
      .send({ zipCodes: ['6108'], state: 'Connecticut' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['state', 'zipCodes.0']);
    const badDelete = await t.http.delete('/api/v1/places/not-a-uuid').set(bearer(admin));
    expect(badDelete.status).toBe(400);
    expect(badDelete.body.errors[0].path).toBe('id');
    await t.http.delete('/api/v1/places/00000000-0000-4000-8000-000000000000').set(bearer(admin)).expect(404);
  });
});

describe('reverse geocoding and intersections over HTTP', () => {
  it('answers the nearest address point, its street and hundred-block, and nothing far from every house', async () => {
    const { origin, east } = await crossingStreets();
    const house = offsetMeters(origin, 12, 20); // 103 <east> St
    const reply = await t.http
      .get('/api/v1/reverse')
      .query({ lat: house.lat, lon: house.lon })
      .set(bearer(staff))
      .expect(200);
    expect(reply.body).toMatchObject({
      address: { address: `103 ${east} St`, distanceMeters: 0 },
      street: { name: `${east} St` },
      hundredBlock: { label: `100 block of ${east} St`, block: 100 },
      neighborhood: null,
      reason: 'No neighborhood boundaries are loaded.',
    });
    expect(reply.body.street.distanceMeters).toBeLessThan(15);
    // Between two houses of one side: the block of both.
    const between = offsetMeters(origin, 10, 50);
    const halfway = await t.http
      .get('/api/v1/reverse')
      .query({ lat: between.lat, lon: between.lon })
      .set(bearer(staff))
      .expect(200);
    expect(halfway.body.hundredBlock.label).toBe(`100 block of ${east} St`);
    const far = offsetMeters(origin, 5000, 0);
    const nowhere = await t.http
      .get('/api/v1/reverse')
      .query({ lat: far.lat, lon: far.lon })
      .set(bearer(staff))
      .expect(200);
    expect(nowhere.body).toMatchObject({ address: null, street: null, hundredBlock: null });
    expect(nowhere.body.reason).toMatch(/No address point is within 250 m/);
  });

  it('finds where two streets cross, in the ways people write it', async () => {
    const { east, north, meeting } = await crossingStreets();
    for (const text of [
      `${east} St & ${north} Ave`,
      `${east} and ${north}`,
      `corner of ${east} St and ${north} Avenue`,
      `${north} Ave at ${east} St`,
    ]) {
      const reply = await geocode(text);
      expect(reply.body.match, text).toMatchObject({ quality: 'intersection' });
      expect(meters(reply.body.match, meeting), text).toBeLessThan(15);
    }
    const { east: other } = await crossingStreets();
    const apart = await geocode(`${east} St & ${other} St`);
    expect(apart.body.match).toBeNull();
    expect(apart.body.reason).toBe(`${east} St and ${other} St do not meet in the address data.`);
  });

  it('corrects a one-letter slip in a street name, lists candidates, and leaves a two-letter one alone', async () => {
    const { east } = await crossingStreets();
    const slip = `${east.slice(0, 2)}${east[3]}${east[2]}${east.slice(4)}`; // two letters swapped
    const corrected = await geocode(`105 ${slip} St`);
    expect(corrected.body.match).toMatchObject({
      address: `105 ${east} St`,
      quality: 'corrected',
      precision: 'exact',
      correctedFrom: `${slip.toUpperCase()} ST`,
    });
    expect(corrected.body.candidates[0].address).toBe(`105 ${east} St`);
    const twoSlips = await geocode(`105 ${slip}x St`);
    expect(twoSlips.body.match).toBeNull();
    expect(twoSlips.body.candidates.length).toBeGreaterThan(0);
  });
});

describe('the places gazetteer', () => {
  it('imports places from CSV with aliases, geocodes them by name or alias, and refuses clashing names', async () => {
    const origin = region();
    const hall = uniqueName('Hall');
    const park = uniqueName('Park');
    const csv = [
      'name,lat,lon,aliases,kind,address',
      `${hall} Civic Center,${origin.lat},${origin.lon},"${hall} Centre; ${hall} CC",government,1 Civic Plaza`,
      `${park} Meadows,${origin.lat + 0.01},${origin.lon},,park,`,
      `${park} Fields,${origin.lat + 0.02},${origin.lon},${hall} CC,park,`,
      `,${origin.lat},${origin.lon},,park,`,
      `${park} Pond,95,${origin.lon},,park,`,
      `${park} Lake,${origin.lat},${origin.lon},,lake,`,
    ].join('\n');
    const reply = await importCsv('/api/v1/places', csv).expect(200);
    expect(reply.body).toMatchObject({ total: 6, inserted: 2, updated: 0 });
    expect(reply.body.rejected).toEqual([
      {
        row: 4,
        name: `${park} Fields`,
        reason: `the name or alias ${hall.toUpperCase()} CC is already used in row 2`,
      },
      { row: 5, name: null, reason: 'the name is missing' },
      { row: 6, name: `${park} Pond`, reason: 'lat 95 is outside -90..90 (are lat and lon swapped?)' },
      {
        row: 7,
        name: `${park} Lake`,
        reason:
          'kind "lake" is not one of government, police, fire, school, college, library, park, station, venue, other',
      },
    ]);

    for (const text of [
      `${hall} Civic Center`,
      `the ${hall.toLowerCase()} centre`,
      `${hall} CC, Springfield`,
    ]) {
      const found = await geocode(text);
      expect(found.body.match, text).toMatchObject({
        address: `${hall} Civic Center, 1 Civic Plaza`,
        lat: origin.lat,
        lon: origin.lon,
        quality: 'place',
        place: { name: `${hall} Civic Center`, kind: 'government' },
      });
    }
    const slip = await geocode(`${park} Medows`);
    expect(slip.body.match).toMatchObject({ quality: 'place', address: `${park} Meadows` });

    // A later import whose alias names a stored place is refused for that row; the same name updates.
    const again = await t.http
      .post('/api/v1/places')
      .set(bearer(admin))
      .set('Content-Type', 'application/geo+json')
      .send(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: `${park} Meadows`, aliases: [`${park} Green`], kind: 'park' },
              geometry: { type: 'Point', coordinates: [origin.lon, origin.lat + 0.015] },
            },
            {
              type: 'Feature',
              properties: { name: `${park} Commons`, aliases: `${hall} Centre` },
              geometry: { type: 'Point', coordinates: [origin.lon, origin.lat] },
            },
            {
              type: 'Feature',
              properties: { name: 'Line' },
              geometry: { type: 'LineString', coordinates: [] },
            },
          ],
        }),
      )
      .expect(200);
    expect(again.body).toMatchObject({ total: 3, inserted: 0, updated: 1 });
    expect(again.body.rejected).toEqual([
      {
        row: 1,
        name: `${park} Commons`,
        reason: `${hall.toUpperCase()} CENTRE already names the place "${hall} Civic Center"`,
      },
      { row: 2, name: 'Line', reason: 'the geometry is a LineString; expected a Point' },
    ]);
    const moved = await geocode(`${park} Green`);
    expect(moved.body.match).toMatchObject({ quality: 'place', lat: origin.lat + 0.015 });

    const listed = await t.http
      .get('/api/v1/places')
      .query({ q: park, limit: 1 })
      .set(bearer(staff))
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      name: `${park} Meadows`,
      aliases: [`${park} Green`],
      kind: 'park',
    });
    expect(listed.body.nextCursor).toBeNull();

    await t.http.delete(`/api/v1/places/${listed.body.items[0].id}`).set(bearer(admin)).expect(204);
    const gone = await geocode(`${park} Green`);
    expect(gone.body.match).toBeNull();
  });

  it('pages the list by name with an opaque cursor', async () => {
    const base = uniqueName('Page');
    const origin = region();
    await importCsv(
      '/api/v1/places',
      ['name,lat,lon', ...[1, 2, 3].map((n) => `${base} ${n},${origin.lat},${origin.lon}`)].join('\n'),
    ).expect(200);
    const first = await t.http
      .get('/api/v1/places')
      .query({ q: base, limit: 2 })
      .set(bearer(staff))
      .expect(200);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual([`${base} 1`, `${base} 2`]);
    const second = await t.http
      .get('/api/v1/places')
      .query({ q: base, limit: 2, cursor: first.body.nextCursor })
      .set(bearer(staff))
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ name: `${base} 3` }], nextCursor: null });
  });
});

describe('the gazetteer in the database', () => {
  it('imports the same file twice (an update in place), and refuses an alias naming two places even past the service', async () => {
    const origin = region();
    const name = uniqueName('Twice');
    const csv = `name,lat,lon,aliases\n${name} Hall,${origin.lat},${origin.lon},${name} H; ${name} Main Hall\n`;
    await importCsv('/api/v1/places', csv).expect(200);
    const again = await importCsv('/api/v1/places', csv).expect(200);
    expect(again.body).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    // The database's own rule (trigger), for any writer that skips the import's check.
    const refused = await t.database.db
      .execute(
        sql`insert into places (name_key, name, alias_keys, lat, lon)
            values (${`${name.toUpperCase()} OTHER`}, 'Other', array[${`${name.toUpperCase()} H`}], 0, 0)`,
      )
      .then(
        () => null,
        (error: { cause?: { code?: string; message?: string } }) => error.cause,
      );
    expect(refused).toMatchObject({ code: '23505', message: expect.stringMatching(/already names place/) });
  });
});
