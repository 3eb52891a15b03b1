import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polygon, rectangle, uniqueUpper } from '../support/factories/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

// Two API instances on ONE PostgreSQL database, as behind a load balancer: a change made through one
// must be used by the other's in-memory indexes within a second.
let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let admin: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({ testDatabase: database });
  second = await startTestApp({ testDatabase: database });
  admin = await userWithRoles(first, ['admin']);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
});

/** Asks until the answer satisfies `done`, for at most `withinMs`; returns the elapsed time. */
async function waitFor(ask: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await ask()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not seen within ${withinMs} ms`);
}

const locateOn = async (app: TestApp, lat: number, lon: number) =>
  (await app.http.get('/api/v1/locate').query({ lat, lon }).set(bearer(admin)).expect(200)).body;

describe('geography changes across API instances', () => {
  it('uses a boundary change made through one instance on the other within a second', async () => {
    const code = `M${uniqueUpper()}`;
    const probe = { lat: 10.05, lon: 10.15 };
    // The second instance has loaded its (empty) map before the change.
    expect((await locateOn(second, probe.lat, probe.lon)).neighborhood).toBeNull();

    const created = await first.http
      .post('/api/v1/neighborhoods')
      .set(bearer(admin))
      .send({ code, name: 'Meadow', boundary: polygon(rectangle(10, 10, 10.1, 10.1)) })
      .expect(201);
    const createdSeenAfter = await waitFor(
      async () => (await locateOn(second, 10.05, 10.05)).neighborhood?.code === code,
      1000,
    );
    expect(createdSeenAfter).toBeLessThan(1000);

    // Grow it east over the probe point through the first instance; the second follows.
    await first.http
      .patch(`/api/v1/neighborhoods/${created.body.id}`)
      .set(bearer(admin))
      .send({ boundary: polygon(rectangle(10, 10, 10.2, 10.1)) })
      .expect(200);
    const elapsed = await waitFor(
      async () => (await locateOn(second, probe.lat, probe.lon)).neighborhood?.code === code,
      1000,
    );
    expect(elapsed).toBeLessThan(1000);
  });

  it('uses address points imported through one instance on the other within a second', async () => {
    const street = `Linden${uniqueUpper().replace(/\d/g, 'q')}`;
    const geocodeOnSecond = async () =>
      (
        await second.http
          .get('/api/v1/geocode')
          .query({ address: `5 ${street} St` })
          .set(bearer(admin))
          .expect(200)
      ).body;
    expect((await geocodeOnSecond()).match).toBeNull();
    await first.http
      .post('/api/v1/address-points')
      .set(bearer(admin))
      .set('Content-Type', 'text/csv')
      .send(`address,lat,lon\n5 ${street} St,10.05,10.05\n`)
      .expect(200);
    const elapsed = await waitFor(async () => (await geocodeOnSecond()).match?.quality === 'exact', 1000);
    expect(elapsed).toBeLessThan(1000);
  });
});
