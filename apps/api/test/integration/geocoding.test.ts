import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressPoints } from '../../src/db/schema/index.ts';
import {
  feature,
  featureCollection,
  insertLieutenant,
  polygon,
  rectangle,
  region,
  uniqueUpper,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let admin: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithRoles(t, ['admin']);
  staff = await userWithRoles(t, ['staff']);
});
afterAll(async () => {
  await t.close();
});

/** A street name nobody else in this file uses, letters only ('Birchqzk'). */
const streetName = (base: string) =>
  base + Array.from({ length: 4 }, () => String.fromCharCode(97 + randomInt(26))).join('');

const importCsv = (csv: string) =>
  t.http.post('/api/v1/address-points').set(bearer(admin)).set('Content-Type', 'text/csv').send(csv);
const geocode = (address: string) =>
  t.http.get('/api/v1/geocode').query({ address }).set(bearer(staff)).expect(200);

/** Neighborhoods A… (west) and B… (east) sharing the border at lon + 0.1. */
async function twoNeighborhoods() {
  const { lon, lat } = region();
  const suffix = uniqueUpper();
  const reply = await t.http
    .post('/api/v1/neighborhoods/boundaries?dryRun=false')
    .set(bearer(admin))
    .send(
      featureCollection([
        feature(`A${suffix}`, polygon(rectangle(lon, lat, lon + 0.1, lat + 0.1)), { name: 'Alpha' }),
        feature(`B${suffix}`, polygon(rectangle(lon + 0.1, lat, lon + 0.2, lat + 0.1)), { name: 'Bravo' }),
      ]),
    )
    .expect(200);
  expect(reply.body.applied).toBe(true);
  return { lon, lat, west: `A${suffix}`, east: `B${suffix}` };
}

describe('address points import', () => {
  it('imports the good rows of a CSV and lists every bad one with its line and reason', async () => {
    const street = streetName('Birch');
    const csv = [
      'address,lat,lon',
      `1 ${street} St,-40.01,-100.01`,
      `3 ${street} St,-40.01,-100.02`,
      ',-40.01,-100.03',
      `5 ${street} St,abc,-100.04`,
      `7 ${street} St,95,-100.05`,
      'Apt 3,-40.01,-100.06',
      `${street} St,-40.01,-100.07`,
      `1 ${street} Street,-40.01,-100.08`,
      `"9 ${street} St, Apt 2",-40.01,-100.09`,
    ].join('\n');
    const reply = await importCsv(csv).expect(200);
    expect(reply.body).toMatchObject({ total: 9, inserted: 3, updated: 0 });
    expect(reply.body.rejected).toEqual([
      { row: 4, address: null, reason: 'the address is missing' },
      { row: 5, address: `5 ${street} St`, reason: 'lat is missing or not a number' },
      { row: 6, address: `7 ${street} St`, reason: 'lat 95 is outside -90..90 (are lat and lon swapped?)' },
      { row: 7, address: 'Apt 3', reason: 'the address cannot be read as a street address' },
      { row: 8, address: `${street} St`, reason: 'the address has no house number' },
      {
        row: 9,
        address: `1 ${street} Street`,
        reason: `the same address (1 ${street.toUpperCase()} ST) is already in row 2`,
      },
    ]);
    const stored = await t.database.db
      .select()
      .from(addressPoints)
      .where(eq(addressPoints.street, `${street.toUpperCase()} ST`));
    expect(stored.map((p) => p.addressKey).sort()).toEqual(
      [
        `1 ${street.toUpperCase()} ST`,
        `3 ${street.toUpperCase()} ST`,
        `9 ${street.toUpperCase()} ST #2`,
      ].sort(),
    );
    expect(stored.find((p) => p.houseNumber === '9')).toMatchObject({ unit: 'APT 2', source: 'csv' });

    // Upserts: the same address again moves the point, and the geocoder sees the new one at once.
    const again = await importCsv(`address,lat,lon\n1 ${street} St,-40.5,-100.5\n`).expect(200);
    expect(again.body).toMatchObject({ total: 1, inserted: 0, updated: 1, rejected: [] });
    const found = await geocode(`1 ${street} St`);
    expect(found.body.match).toEqual({
      address: `1 ${street} St`,
      lat: -40.5,
      lon: -100.5,
      quality: 'exact',
    });
  });

  it('imports a GeoJSON FeatureCollection of Points and rejects the features that are not', async () => {
    const street = streetName('Cedar');
    const point = (address: unknown, coordinates: unknown, type = 'Point') => ({
      type: 'Feature',
      properties: address === undefined ? {} : { address },
      geometry: { type, coordinates },
    });
    const reply = await t.http
      .post('/api/v1/address-points')
      .set(bearer(admin))
      .set('Content-Type', 'application/geo+json')
      .send(
        JSON.stringify(
          featureCollection([
            point(`2 ${street} Ave`, [-101.01, -41.01]),
            point(
              `4 ${street} Ave`,
              [
                [-101.01, -41.01],
                [-101.02, -41.02],
              ],
              'LineString',
            ),
            point(undefined, [-101.01, -41.01]),
            point(`6 ${street} Ave`, [-101.01]),
            point(`8 ${street} Ave`, [-101.02, -41.02]),
          ]),
        ),
      )
      .expect(200);
    expect(reply.body).toMatchObject({ total: 5, inserted: 2, updated: 0 });
    expect(reply.body.rejected).toEqual([
      { row: 1, address: `4 ${street} Ave`, reason: 'the geometry is a LineString; expected a Point' },
      { row: 2, address: null, reason: 'the address is missing' },
      { row: 3, address: `6 ${street} Ave`, reason: 'lat is missing or not a number' },
    ]);
  });

  it('answers 400 for a CSV without the required columns, and 413 beyond the size limit', async () => {
    const reply = await importCsv('address,latitude,longitude\n1 Main St,1,2\n').expect(400);
    expect(reply.body.detail).toBe(
      'The CSV header must name the columns address, lat and lon; missing: lat, lon.',
    );
    const huge = `address,lat,lon\n${'1 Main St,1,2\n'.repeat(4_000_000)}`;
    await importCsv(huge).expect(413);
  });
});

describe('geocoding and locating', () => {
  it('answers exact, interpolated, street and none, each with the neighborhood of the point', async () => {
    const { lon, lat, west } = await twoNeighborhoods();
    const street = streetName('Elm');
    await importCsv(
      [
        'address,lat,lon',
        `10 ${street} St,${lat + 0.05},${lon + 0.02}`,
        `30 ${street} St,${lat + 0.05},${lon + 0.04}`,
        `11 ${street} St,${lat + 0.049},${lon + 0.02}`,
        `51 ${street} St,${lat + 0.049},${lon + 0.06}`,
      ].join('\n'),
    ).expect(200);

    const exact = await geocode(`10 ${street.toLowerCase()} street, Springfield, ZZ 99999`);
    expect(exact.body).toMatchObject({
      match: { address: `10 ${street} St`, lat: lat + 0.05, lon: lon + 0.02, quality: 'exact' },
      neighborhood: { code: west, name: 'Alpha' },
      candidates: [],
      normalized: `10 ${street.toUpperCase()} ST`,
    });
    const between = await geocode(`20 ${street} St`);
    expect(between.body.match).toMatchObject({ address: `20 ${street} St`, quality: 'interpolated' });
    expect(between.body.match.lon).toBeCloseTo(lon + 0.03, 9);
    expect(between.body.neighborhood.code).toBe(west);
    const streetOnly = await geocode(`${street} St`);
    expect(streetOnly.body.match).toMatchObject({ address: `${street} St`, quality: 'street' });
    expect(streetOnly.body.neighborhood.code).toBe(west);

    const misspelt = await geocode(`10 ${street.slice(0, 3)}${street.slice(4)}x St`);
    expect(misspelt.body.match).toBeNull();
    expect(misspelt.body.neighborhood).toBeNull();
    expect(misspelt.body.reason).toMatch(/candidates/);
    expect(misspelt.body.candidates[0]).toMatchObject({ address: `10 ${street} St`, lat: lat + 0.05 });
    expect(misspelt.body.candidates[0].score).toBeGreaterThan(0.3);

    const nothing = await geocode('4 Xylophonequartz Blvd');
    expect(nothing.body).toMatchObject({ match: null, neighborhood: null, candidates: [] });
    const unreadable = await geocode('#$%');
    expect(unreadable.body).toMatchObject({
      match: null,
      normalized: null,
      reason: 'The text could not be read as a street address.',
    });
  });

  it('says why a matched point has no neighborhood when it lies outside every one', async () => {
    const street = streetName('Far');
    await importCsv(`address,lat,lon\n1 ${street} Rd,-89.5,179.5\n`).expect(200);
    const reply = await geocode(`1 ${street} Rd`);
    expect(reply.body.match.quality).toBe('exact');
    expect(reply.body.neighborhood).toBeNull();
    expect(reply.body.reason).toBe('The point is outside every active neighborhood.');
    const located = await t.http
      .get('/api/v1/locate')
      .query({ lat: -89.5, lon: 179.5 })
      .set(bearer(staff))
      .expect(200);
    expect(located.body).toEqual({
      neighborhood: null,
      lieutenant: null,
      reason: 'The point is outside every active neighborhood.',
    });
  });

  it('resolves a point on a shared border to the same neighborhood every time (lowest code)', async () => {
    const { lon, lat, west } = await twoNeighborhoods();
    for (const [pointLat, pointLon] of [
      [lat + 0.05, lon + 0.1],
      [lat, lon + 0.1],
      [lat + 0.1, lon + 0.1],
    ]) {
      for (let i = 0; i < 3; i++) {
        const reply = await t.http
          .get('/api/v1/locate')
          .query({ lat: pointLat, lon: pointLon })
          .set(bearer(staff))
          .expect(200);
        expect(reply.body.neighborhood.code).toBe(west);
      }
    }
  });

  it('locates by address with the current lieutenant, and checks its query', async () => {
    const { lon, lat, east } = await twoNeighborhoods();
    const neighborhoods = await t.http.get('/api/v1/neighborhoods?limit=500').set(bearer(staff)).expect(200);
    const eastId = neighborhoods.body.items.find((n: { code: string }) => n.code === east).id;
    const person = await insertLieutenant(t.database.db, eastId, { name: 'Lt. Sam Brooks' });
    const street = streetName('Oak');
    await importCsv(`address,lat,lon\n15 ${street} Ln,${lat + 0.02},${lon + 0.15}\n`).expect(200);

    const reply = await t.http
      .get('/api/v1/locate')
      .query({ address: `15 ${street} Lane` })
      .set(bearer(staff))
      .expect(200);
    expect(reply.body).toMatchObject({
      neighborhood: { id: eastId, code: east, name: 'Bravo' },
      lieutenant: { personnelId: person.id, name: 'Lt. Sam Brooks', phone: '860-555-0142' },
      match: { address: `15 ${street} Ln`, quality: 'exact' },
    });
    const byPoint = await t.http
      .get('/api/v1/locate')
      .query({ lat: lat + 0.02, lon: lon + 0.15 })
      .set(bearer(staff))
      .expect(200);
    expect(byPoint.body.lieutenant.personnelId).toBe(person.id);
    expect(byPoint.body).not.toHaveProperty('match');

    const half = await t.http.get('/api/v1/locate').query({ lat: 1 }).set(bearer(staff)).expect(400);
    expect(half.body.errors[0]).toMatchObject({ path: 'lon', in: 'querystring' });
    const outOfRange = await t.http
      .get('/api/v1/locate')
      .query({ lat: 91, lon: 0 })
      .set(bearer(staff))
      .expect(400);
    expect(outOfRange.body.errors[0].path).toBe('lat');
    await t.http.get('/api/v1/locate').set(bearer(staff)).expect(400);
    const noAddress = await t.http.get('/api/v1/geocode').set(bearer(staff)).expect(400);
    expect(noAddress.body.errors[0].path).toBe('address');
  });
});
