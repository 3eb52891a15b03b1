import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import {
  feature,
  featureCollection,
  insertLieutenant,
  polygon,
  rectangle,
  region,
  square,
  uniqueUpper,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let users: Users;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
});
afterAll(async () => {
  await t.close();
});

async function createNeighborhood(ring: [number, number][], overrides: Record<string, unknown> = {}) {
  const code = `C${uniqueUpper()}`;
  const reply = await t.http
    .post('/api/v1/neighborhoods')
    .set(bearer(users.admin))
    .send({ code, name: `Hill ${code}`, description: 'Up the hill', boundary: polygon(ring), ...overrides })
    .expect(201);
  return reply.body as { id: string; code: string; version: number };
}

describe('neighborhood records', () => {
  it('creates a neighborhood with its first boundary, normalised, and reads it back with an ETag', async () => {
    const { lon, lat } = region();
    const clockwise = [...square(lon, lat, 0.1)].reverse();
    const created = await createNeighborhood(clockwise);
    expect(created).toMatchObject({ status: 'active', boundaryVersion: 1, lieutenant: null, version: 1 });

    const reply = await t.http
      .get(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.analyst))
      .expect(200);
    expect(reply.headers.etag).toBe('W/"1"');
    expect(reply.body.boundary.type).toBe('Polygon');
    // Stored counter-clockwise (RFC 7946) whatever the input winding.
    expect(reply.body.boundary.coordinates[0]).toEqual(square(lon, lat, 0.1));
    expect(reply.body.bbox[0]).toBe(lon);
    expect(reply.body.areaSquareMeters).toBeGreaterThan(90_000_000);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'neighborhood'), eq(auditLog.entityId, created.id)));
    expect(audit).toMatchObject({ action: 'neighborhood.created', actorId: users.admin.id });
  });

  it('lists neighborhoods with their current lieutenant, boundaries only when asked, filtered by status', async () => {
    const { lon, lat } = region();
    const created = await createNeighborhood(square(lon, lat, 0.1));
    const lieutenant = await insertLieutenant(t.database.db, created.id);
    const list = await t.http.get('/api/v1/neighborhoods?limit=500').set(bearer(users.staff)).expect(200);
    const listed = list.body.items.find((n: { id: string }) => n.id === created.id);
    expect(listed.lieutenant).toEqual({
      personnelId: lieutenant.id,
      name: 'Lt. Ana Ortiz',
      title: 'Lieutenant',
      phone: '860-555-0142',
      email: 'a.ortiz@pd.example.org',
    });
    expect(listed).not.toHaveProperty('boundary');
    const withBoundaries = await t.http
      .get('/api/v1/neighborhoods?includeBoundary=true&limit=500')
      .set(bearer(users.staff))
      .expect(200);
    expect(withBoundaries.body.items.find((n: { id: string }) => n.id === created.id).boundary.type).toBe(
      'Polygon',
    );

    const codes = list.body.items.map((n: { code: string }) => n.code.toUpperCase());
    expect(codes).toEqual([...codes].sort());
    const page = await t.http.get('/api/v1/neighborhoods?limit=1').set(bearer(users.staff)).expect(200);
    expect(page.body.items).toHaveLength(1);
    const next = await t.http
      .get(`/api/v1/neighborhoods?limit=1&cursor=${page.body.nextCursor}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(next.body.items[0].code).not.toBe(page.body.items[0].code);

    await t.http
      .patch(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.admin))
      .send({ status: 'retired' })
      .expect(200);
    const retired = await t.http
      .get('/api/v1/neighborhoods?status=retired&limit=500')
      .set(bearer(users.staff))
      .expect(200);
    expect(retired.body.items.map((n: { id: string }) => n.id)).toContain(created.id);
    const active = await t.http
      .get('/api/v1/neighborhoods?status=active&limit=500')
      .set(bearer(users.staff))
      .expect(200);
    expect(active.body.items.map((n: { id: string }) => n.id)).not.toContain(created.id);
  });

  it('edits name and description with optimistic concurrency (If-Match or version)', async () => {
    const { lon, lat } = region();
    const created = await createNeighborhood(square(lon, lat, 0.1));
    const stale = await t.http
      .patch(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.admin))
      .set('If-Match', 'W/"7"')
      .send({ name: 'Never' })
      .expect(412);
    expect(stale.body.currentVersion).toBe(1);
    const renamed = await t.http
      .patch(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.admin))
      .set('If-Match', 'W/"1"')
      .send({ name: 'Riverside', description: 'Along the river' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Riverside', description: 'Along the river', version: 2 });
    expect(renamed.headers.etag).toBe('W/"2"');
    await t.http
      .patch(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.admin))
      .send({ name: 'Again', version: 1 })
      .expect(412);
    const empty = await t.http
      .patch(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.admin))
      .send({})
      .expect(400);
    expect(empty.body.errors[0].message).toBe('nothing to change');
  });

  it('changes a boundary through a new version, keeping the old one', async () => {
    const { lon, lat } = region();
    const created = await createNeighborhood(square(lon, lat, 0.1));
    const changed = await t.http
      .patch(`/api/v1/neighborhoods/${created.id}`)
      .set(bearer(users.admin))
      .send({ boundary: polygon(square(lon, lat, 0.2)) })
      .expect(200);
    expect(changed.body).toMatchObject({ boundaryVersion: 2, version: 2 });
    const history = await t.http
      .get(`/api/v1/neighborhoods/${created.id}/boundaries`)
      .set(bearer(users.lieutenant))
      .expect(200);
    expect(
      history.body.items.map((v: { versionNumber: number; validTo: string | null }) => [
        v.versionNumber,
        v.validTo === null,
      ]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const located = await t.http
      .get(`/api/v1/locate?lat=${lat + 0.15}&lon=${lon + 0.15}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(located.body.neighborhood.id).toBe(created.id);
  });

  it('refuses a bad boundary with the reason, a taken code, and an overlap naming the neighbour', async () => {
    const { lon, lat } = region();
    const first = await createNeighborhood(square(lon, lat, 0.1));
    const open = await t.http
      .post('/api/v1/neighborhoods')
      .set(bearer(users.admin))
      .send({
        code: `B${uniqueUpper()}`,
        name: 'Open ring',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + 1, lat],
              [lon + 1, lat + 1],
              [lon, lat + 1],
            ],
          ],
        },
      })
      .expect(400);
    expect(open.body.errors[0]).toMatchObject({ path: 'boundary', in: 'body' });
    expect(open.body.errors[0].message).toMatch(/exterior ring is not closed/);
    const point = await t.http
      .post('/api/v1/neighborhoods')
      .set(bearer(users.admin))
      .send({
        code: `B${uniqueUpper()}`,
        name: 'Point',
        boundary: { type: 'Point', coordinates: [lon, lat] },
      })
      .expect(400);
    expect(point.body.errors[0]).toMatchObject({
      path: 'boundary.type',
      message: 'must be a Polygon or MultiPolygon',
    });
    await t.http
      .post('/api/v1/neighborhoods')
      .set(bearer(users.admin))
      .send({
        code: first.code.toLowerCase(),
        name: 'Same code',
        boundary: polygon(square(lon + 0.5, lat, 0.1)),
      })
      .expect(409);
    const overlap = await t.http
      .post('/api/v1/neighborhoods')
      .set(bearer(users.admin))
      .send({
        code: `O${uniqueUpper()}`,
        name: 'Overlapping',
        boundary: polygon(rectangle(lon + 0.05, lat, lon + 0.15, lat + 0.1)),
      })
      .expect(409);
    expect(overlap.body.detail).toContain(first.code);
    expect(overlap.body.overlaps[0]).toMatchObject({ code: first.code, neighborhoodId: first.id });

    // A retired neighborhood leaves the map; bringing it back must not overlap whoever took its place.
    await t.http
      .patch(`/api/v1/neighborhoods/${first.id}`)
      .set(bearer(users.admin))
      .send({ status: 'retired' })
      .expect(200);
    await createNeighborhood(rectangle(lon + 0.05, lat, lon + 0.15, lat + 0.1));
    const back = await t.http
      .patch(`/api/v1/neighborhoods/${first.id}`)
      .set(bearer(users.admin))
      .send({ status: 'active' })
      .expect(409);
    expect(back.body.detail).toMatch(/overlaps/);
  });

  it('creates once for a retried POST with the same Idempotency-Key', async () => {
    const { lon, lat } = region();
    const body = { code: `I${uniqueUpper()}`, name: 'Retried', boundary: polygon(square(lon, lat, 0.1)) };
    const first = await t.http
      .post('/api/v1/neighborhoods')
      .set(bearer(users.admin))
      .set('Idempotency-Key', `create-${body.code}`)
      .send(body)
      .expect(201);
    const retry = await t.http
      .post('/api/v1/neighborhoods')
      .set(bearer(users.admin))
      .set('Idempotency-Key', `create-${body.code}`)
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const located = await t.http
      .get(`/api/v1/locate?lat=${lat + 0.05}&lon=${lon + 0.05}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(located.body.neighborhood.id).toBe(first.body.id);
  });

  it('answers 404 for an unknown neighborhood', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await t.http.get(`/api/v1/neighborhoods/${missing}`).set(bearer(users.staff)).expect(404);
    await t.http.get(`/api/v1/neighborhoods/${missing}/boundaries`).set(bearer(users.staff)).expect(404);
    await t.http
      .patch(`/api/v1/neighborhoods/${missing}`)
      .set(bearer(users.admin))
      .send({ name: 'X' })
      .expect(404);
  });
});

describe('who may change boundary and address data', () => {
  const { lon, lat } = { lon: 170, lat: 60 };
  const writeRoutes = [
    {
      method: 'post',
      path: () => '/api/v1/neighborhoods',
      body: () => ({ code: `R${uniqueUpper()}`, name: 'Nope', boundary: polygon(square(lon, lat, 0.1)) }),
    },
    { method: 'patch', path: () => `/api/v1/neighborhoods/${targetId}`, body: () => ({ name: 'Renamed' }) },
    {
      method: 'post',
      path: () => '/api/v1/neighborhoods/boundaries?dryRun=true',
      body: () =>
        featureCollection([feature(`R${uniqueUpper()}`, polygon(square(lon, lat, 0.1)), { name: 'N' })]),
    },
    {
      method: 'post',
      path: () => '/api/v1/address-points',
      body: () =>
        featureCollection([
          {
            type: 'Feature',
            properties: { address: '1 Main St' },
            geometry: { type: 'Point', coordinates: [lon, lat] },
          },
        ]),
    },
  ] as const;
  let targetId: string;
  beforeAll(async () => {
    targetId = (await createNeighborhood(square(lon + 1, lat, 0.1))).id;
  });

  for (const role of ['supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
    it(`refuses ${role} with 403 on every write route, and lets them read`, async () => {
      for (const route of writeRoutes) {
        const reply = await t.http[route.method](route.path()).set(bearer(users[role])).send(route.body());
        expect(reply.status, `${route.method} ${route.path()}`).toBe(403);
      }
      await t.http.get('/api/v1/neighborhoods').set(bearer(users[role])).expect(200);
      await t.http.get(`/api/v1/neighborhoods/${targetId}`).set(bearer(users[role])).expect(200);
      await t.http.get(`/api/v1/neighborhoods/${targetId}/boundaries`).set(bearer(users[role])).expect(200);
      await t.http.get('/api/v1/geocode?address=1%20Main%20St').set(bearer(users[role])).expect(200);
      await t.http.get(`/api/v1/locate?lat=${lat}&lon=${lon}`).set(bearer(users[role])).expect(200);
    });
  }

  it('refuses callers without credentials with 401, reads included', async () => {
    for (const route of writeRoutes) {
      const reply = await t.http[route.method](route.path()).send(route.body());
      expect(reply.status).toBe(401);
    }
    await t.http.get('/api/v1/neighborhoods').expect(401);
    await t.http.get('/api/v1/geocode?address=1%20Main%20St').expect(401);
    await t.http.get('/api/v1/locate?lat=1&lon=1').expect(401);
  });
});
