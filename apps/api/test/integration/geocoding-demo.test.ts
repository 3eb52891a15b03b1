import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoGeography } from '../../src/demo/seed-geography.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * The issue's own examples, through the HTTP API, on the demo geography as `npm start` loads it
 * (neighborhoods, address points, places and the jurisdiction's names).
 */
let t: TestApp;
let admin: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemoGeography(t.database.db);
  for (const kind of ['boundaries', 'addresses', 'places', 'jurisdiction'] as const)
    await t.app.geo.changed(kind);
  admin = await userWithRoles(t, ['admin']);
  staff = await userWithRoles(t, ['staff']);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const geocode = (address: string) =>
  t.http.get('/api/v1/geocode').query({ address }).set(bearer(staff)).expect(200);

describe('the demo town', () => {
  it('geocodes Town Hall and Goodwin College as places, at their addresses', async () => {
    const townHall = await geocode('Town Hall');
    const address = await geocode('740 Main St');
    expect(townHall.body.match).toMatchObject({
      address: 'Town Hall, 740 Main St',
      quality: 'place',
      lat: address.body.match.lat,
      lon: address.body.match.lon,
      place: { name: 'Town Hall', kind: 'government' },
    });
    expect(townHall.body.neighborhood).toEqual(address.body.neighborhood);
    const college = await geocode('Goodwin College, East Hartford, CT');
    expect(college.body.match).toMatchObject({ quality: 'place', place: { name: 'Goodwin College' } });
    expect((await geocode('goodwin university')).body.match.place.name).toBe('Goodwin College');
    const places = await t.http.get('/api/v1/places?limit=500').set(bearer(staff)).expect(200);
    expect(places.body.items.length).toBeGreaterThanOrEqual(12);
  });

  it('tells East Hartford from Hartford by town name and ZIP code', async () => {
    const inside = await geocode('14 Burnside Ave, East Hartford 06108');
    expect(inside.body.match).toMatchObject({ address: '14 Burnside Ave', quality: 'exact' });
    expect(inside.body.jurisdiction).toEqual({ status: 'inside', town: 'EAST HARTFORD', zip: '06108' });
    for (const text of [
      '14 Burnside Ave, Hartford',
      '14 Burnside Ave Hartford CT 06106',
      '14 Burnside Ave, Boston, MA',
    ]) {
      const outside = await geocode(text);
      expect(outside.body, text).toMatchObject({ match: null, neighborhood: null, candidates: [] });
      expect(outside.body.jurisdiction.status, text).toBe('outside');
      expect(outside.body.reason, text).toMatch(/outside the department's jurisdiction \(East Hartford\)/);
    }
    // A village of the town, an alias, a slip in the town's name, or no town at all are inside.
    for (const text of [
      '14 Burnside Ave, Burnside',
      '14 Burnside Ave E. Hartford',
      '14 Burnside Ave, East Harford CT',
      '14 Burnside Ave',
    ]) {
      const reply = await geocode(text);
      expect(reply.body.match, text).toMatchObject({ address: '14 Burnside Ave', quality: 'exact' });
    }
    const located = await t.http
      .get('/api/v1/locate')
      .query({ address: '14 Burnside Ave, Hartford' })
      .set(bearer(staff))
      .expect(200);
    expect(located.body).toMatchObject({ neighborhood: null, lieutenant: null });
    expect(located.body.reason).toMatch(/outside the department's jurisdiction/);
  });

  it('lets the administrator edit the names, with If-Match, and applies them at once', async () => {
    const read = await t.http.get('/api/v1/jurisdiction').set(bearer(staff)).expect(200);
    expect(read.body).toMatchObject({ state: 'CT', zipCodes: ['06108', '06118', '06128', '06138'] });
    expect(read.body.towns[0].name).toBe('East Hartford');
    const etag = String(read.headers.etag);
    const villages = [...read.body.villages, { name: 'Hartford', aliases: [] }];
    const updated = await t.http
      .patch('/api/v1/jurisdiction')
      .set(bearer(admin))
      .set('If-Match', etag)
      .send({ villages })
      .expect(200);
    expect(updated.body.version).toBe(read.body.version + 1);
    expect((await geocode('14 Burnside Ave, Hartford')).body.match).toMatchObject({ quality: 'exact' });
    // The stale ETag is refused; a name given twice is a conflict.
    await t.http
      .patch('/api/v1/jurisdiction')
      .set(bearer(admin))
      .set('If-Match', etag)
      .send({ villages })
      .expect(412);
    const twice = await t.http
      .patch('/api/v1/jurisdiction')
      .set(bearer(admin))
      .send({
        villages: [
          { name: 'Burnside', aliases: [] },
          { name: 'burnside', aliases: [] },
        ],
      })
      .expect(409);
    expect(twice.body.detail).toMatch(/BURNSIDE is given twice/);
    await t.http
      .patch('/api/v1/jurisdiction')
      .set(bearer(admin))
      .send({ villages: read.body.villages, version: updated.body.version })
      .expect(200);
    expect((await geocode('14 Burnside Ave, Hartford')).body.jurisdiction.status).toBe('outside');
  });

  it('reads a misspelt street, an intersection and a point back to an address', async () => {
    const corrected = await geocode('14 Burnsde Ave, East Hartford');
    expect(corrected.body.match).toMatchObject({
      address: '14 Burnside Ave',
      quality: 'corrected',
      precision: 'exact',
    });
    expect(corrected.body.neighborhood).toEqual((await geocode('14 Burnside Ave')).body.neighborhood);
    const corner = await geocode('corner of Main St and School St');
    expect(corner.body.match).toMatchObject({ quality: 'intersection', address: 'Main St & School St' });
    expect(corner.body.neighborhood).not.toBeNull();
    const point = (await geocode('31 School St')).body.match;
    const reverse = await t.http
      .get('/api/v1/reverse')
      .query({ lat: point.lat, lon: point.lon })
      .set(bearer(staff))
      .expect(200);
    expect(reverse.body).toMatchObject({
      address: { address: '31 School St', distanceMeters: 0 },
      street: { name: 'School St' },
      hundredBlock: { label: '0 block of School St' },
    });
    expect(reverse.body.neighborhood).not.toBeNull();
    expect(t.app.geo.generalise({ lat: point.lat, lon: point.lon })?.label).toBe('0 block of School St');
  });
});
