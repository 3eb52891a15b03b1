import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  boundaryImports,
  neighborhoodBoundaries,
  requestEvents,
  serviceRequests,
} from '../../src/db/schema/index.ts';
import {
  feature,
  featureCollection,
  insertServiceRequest,
  insertServiceType,
  polygon,
  rectangle,
  region,
  square,
  uniqueUpper,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let admin: TestUser;
let serviceCode: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithRoles(t, ['admin']);
  serviceCode = await insertServiceType(t.database.db);
});
afterAll(async () => {
  await t.close();
});

const importBoundaries = (body: object, dryRun: boolean) =>
  t.http.post(`/api/v1/neighborhoods/boundaries?dryRun=${dryRun}`).set(bearer(admin)).send(body);

/** Where a request is routed now, read straight from the table. */
async function requestNeighborhood(id: string): Promise<string | null> {
  const [row] = await t.database.db
    .select({ neighborhoodId: serviceRequests.neighborhoodId })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, id));
  return row?.neighborhoodId ?? null;
}

/** Two neighbours side by side, sharing the border at lon + 0.1, applied through the import. */
async function twoNeighbours() {
  const { lon, lat } = region();
  const west = `W${uniqueUpper()}`;
  const east = `E${uniqueUpper()}`;
  const reply = await importBoundaries(
    featureCollection([
      feature(west, polygon(rectangle(lon, lat, lon + 0.1, lat + 0.1)), { name: 'West Side' }),
      feature(east, polygon(rectangle(lon + 0.1, lat, lon + 0.2, lat + 0.1)), { name: 'East Side' }),
    ]),
    false,
  ).expect(200);
  expect(reply.body.applied).toBe(true);
  const listed = await t.http.get('/api/v1/neighborhoods?limit=500').set(bearer(admin)).expect(200);
  const idOf = (code: string) =>
    listed.body.items.find((n: { code: string }) => n.code === code).id as string;
  return { lon, lat, west, east, westId: idOf(west), eastId: idOf(east) };
}

describe('boundary import dry run', () => {
  it('names an overlap, a self-intersecting ring, an unknown code, a non-polygon and a new code', async () => {
    const { lon, lat, west, east, westId } = await twoNeighbours();
    const newCode = `N${uniqueUpper()}`;
    const bowTie = [
      [lon + 0.5, lat],
      [lon + 0.6, lat + 0.1],
      [lon + 0.6, lat],
      [lon + 0.5, lat + 0.1],
      [lon + 0.5, lat],
    ];
    const body = featureCollection([
      // East pushed 0.02° into West.
      feature(east, polygon(rectangle(lon + 0.08, lat, lon + 0.2, lat + 0.1))),
      feature(`X${uniqueUpper()}`, polygon(bowTie as [number, number][]), { name: 'Crossed' }),
      feature(`U${uniqueUpper()}`, polygon(square(lon + 0.7, lat, 0.05))),
      feature(`P${uniqueUpper()}`, { type: 'Point', coordinates: [lon + 0.9, lat] }, { name: 'A point' }),
      feature(newCode, polygon(square(lon + 0.3, lat, 0.05)), { name: 'Brand New' }),
    ]);
    const reply = await importBoundaries(body, true).expect(200);
    const report = reply.body;
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      canApply: false,
      featureCount: 5,
      invalidCount: 3,
    });
    const [overlapping, crossed, unknownCode, point, fresh] = report.features;

    expect(overlapping).toMatchObject({ code: east, codeStatus: 'existing', valid: true });
    expect(overlapping.overlaps).toHaveLength(1);
    expect(overlapping.overlaps[0]).toMatchObject({ code: west, name: 'West Side', neighborhoodId: westId });
    // 0.02° × 0.1° at 40°S is about 1.7 km × 11.1 km.
    expect(overlapping.overlaps[0].areaSquareMeters).toBeGreaterThan(15_000_000);
    expect(overlapping.overlaps[0].areaSquareMeters).toBeLessThan(20_000_000);
    expect(report.overlaps).toEqual([
      { codes: [east, west], areaSquareMeters: overlapping.overlaps[0].areaSquareMeters },
    ]);

    expect(crossed.valid).toBe(false);
    expect(crossed.reasons.join()).toMatch(/intersects itself at \[/);
    expect(unknownCode).toMatchObject({ valid: false, codeStatus: 'new' });
    expect(unknownCode.reasons.join()).toMatch(
      /is unknown; give properties.name to create a new neighborhood/,
    );
    expect(point.valid).toBe(false);
    expect(point.reasons.join()).toMatch(/is a Point; a boundary must be a Polygon or MultiPolygon/);
    expect(fresh).toMatchObject({
      code: newCode,
      codeStatus: 'new',
      valid: true,
      name: 'Brand New',
      neighborhoodId: null,
    });
    expect(report.newCodes).toEqual([newCode]);
    expect(report.summary).toMatch(/5 features: 2 valid, 3 invalid; 1 overlap/);

    // A dry run changes nothing; applying the same set is refused with the same findings.
    const refused = await importBoundaries(body, false).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.report.features[0].overlaps[0].code).toBe(west);
    expect(refused.body.report.applied).toBe(false);
    const versions = await t.database.db
      .select()
      .from(neighborhoodBoundaries)
      .where(eq(neighborhoodBoundaries.neighborhoodId, westId));
    expect(versions).toHaveLength(1);
    const listed = await t.http.get('/api/v1/neighborhoods?limit=500').set(bearer(admin)).expect(200);
    expect(listed.body.items.some((n: { code: string }) => n.code === newCode)).toBe(false);
    const stored = await t.database.db
      .select()
      .from(boundaryImports)
      .where(eq(boundaryImports.id, refused.body.report.importId));
    expect(stored[0]).toMatchObject({ dryRun: false, applied: false });
  });

  it('reports a gap inside the area the neighborhoods cover', async () => {
    const { lon, lat } = region();
    const ring = (code: string, r: [number, number][]) =>
      feature(`${code}${uniqueUpper()}`, polygon(r), { name: code });
    const reply = await importBoundaries(
      featureCollection([
        ring('S', rectangle(lon, lat, lon + 0.3, lat + 0.1)),
        ring('N', rectangle(lon, lat + 0.2, lon + 0.3, lat + 0.3)),
        ring('W', rectangle(lon, lat + 0.1, lon + 0.1, lat + 0.2)),
        ring('E', rectangle(lon + 0.2, lat + 0.1, lon + 0.3, lat + 0.2)),
      ]),
      true,
    ).expect(200);
    expect(reply.body.canApply).toBe(true);
    expect(reply.body.gaps).toHaveLength(1);
    const [gapLon, gapLat] = reply.body.gaps[0].point;
    expect(gapLon).toBeGreaterThan(lon + 0.1);
    expect(gapLon).toBeLessThan(lon + 0.2);
    expect(gapLat).toBeGreaterThan(lat + 0.1);
    expect(gapLat).toBeLessThan(lat + 0.2);
  });

  it('answers 400 naming the field for a body that is not a FeatureCollection', async () => {
    const reply = await importBoundaries({ type: 'Feature', features: [] }, true).expect(400);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain('type');
    const empty = await importBoundaries(featureCollection([]), true).expect(400);
    expect(empty.body.errors[0]).toMatchObject({ path: 'features', message: 'needs at least one feature' });
  });
});

describe('applying a boundary import', () => {
  it('stores new versions, creates new neighborhoods and re-routes the open requests that moved', async () => {
    const { lon, lat, west, east, westId, eastId } = await twoNeighbours();
    // Just east of the shared border: in East today, in West once the border moves 0.02° east.
    const { id: moving } = await insertServiceRequest(t.database.db, {
      serviceCode,
      lat: lat + 0.05,
      lon: lon + 0.11,
      neighborhoodId: eastId,
    });
    const { id: staying } = await insertServiceRequest(t.database.db, {
      serviceCode,
      lat: lat + 0.05,
      lon: lon + 0.18,
      neighborhoodId: eastId,
    });
    const { id: finished } = await insertServiceRequest(t.database.db, {
      serviceCode,
      lat: lat + 0.06,
      lon: lon + 0.11,
      neighborhoodId: eastId,
      status: 'closed',
    });
    // Elsewhere, a request staff routed by hand to the neighbour of where it lies: an import that
    // does not touch that area leaves it alone.
    const elsewhere = await twoNeighbours();
    const { id: handRouted } = await insertServiceRequest(t.database.db, {
      serviceCode,
      lat: elsewhere.lat + 0.05,
      lon: elsewhere.lon + 0.05,
      neighborhoodId: elsewhere.eastId,
    });
    const newCode = `S${uniqueUpper()}`;
    // A request south of both, in no neighborhood yet, inside the new one.
    const { id: orphan } = await insertServiceRequest(t.database.db, {
      serviceCode,
      lat: lat - 0.05,
      lon: lon + 0.05,
      neighborhoodId: null,
    });
    const body = featureCollection([
      feature(west, polygon(rectangle(lon, lat, lon + 0.12, lat + 0.1))),
      feature(east, polygon(rectangle(lon + 0.12, lat, lon + 0.2, lat + 0.1)), {
        name: 'East Side (renamed)',
      }),
      feature(newCode, polygon(rectangle(lon, lat - 0.1, lon + 0.2, lat)), { name: 'South Side' }),
    ]);

    const preview = await importBoundaries(body, true).expect(200);
    expect(preview.body.requests).toMatchObject({ moving: 2 });
    expect(preview.body.features[0]).toMatchObject({ code: west, requestsMovingIn: 1, requestsMovingOut: 0 });
    expect(preview.body.features[1]).toMatchObject({ code: east, requestsMovingIn: 0, requestsMovingOut: 1 });
    expect(preview.body.features[2]).toMatchObject({ code: newCode, requestsMovingIn: 1 });
    expect(await requestNeighborhood(moving)).toBe(eastId);

    const applied = await importBoundaries(body, false).expect(200);
    expect(applied.body).toMatchObject({ dryRun: false, applied: true, canApply: true, newCodes: [newCode] });
    expect(applied.body.requests.moving).toBe(2);

    expect(await requestNeighborhood(moving)).toBe(westId);
    expect(await requestNeighborhood(staying)).toBe(eastId);
    expect(await requestNeighborhood(finished)).toBe(eastId);
    expect(await requestNeighborhood(handRouted)).toBe(elsewhere.eastId);
    const southId = await requestNeighborhood(orphan);
    expect(southId).not.toBeNull();

    const events = await t.database.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, moving));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'rerouted',
      actorType: 'user',
      actorId: admin.id,
      before: { neighborhoodId: eastId, neighborhoodCode: east },
      after: { neighborhoodId: westId, neighborhoodCode: west },
    });
    expect(events[0]!.body).toContain(applied.body.importId);
    expect(
      await t.database.db.select().from(requestEvents).where(eq(requestEvents.requestId, finished)),
    ).toHaveLength(0);

    // The old versions stay queryable, closed at the moment the new ones start.
    const history = await t.http
      .get(`/api/v1/neighborhoods/${westId}/boundaries`)
      .set(bearer(admin))
      .expect(200);
    expect(history.body.items.map((v: { versionNumber: number }) => v.versionNumber)).toEqual([2, 1]);
    const [current, previous] = history.body.items;
    expect(current).toMatchObject({ validTo: null, importId: applied.body.importId });
    expect(previous.validTo).toBe(current.validFrom);
    expect(previous.geometry.coordinates[0]).toContainEqual([lon + 0.1, lat + 0.1]);
    const renamed = await t.http.get(`/api/v1/neighborhoods/${eastId}`).set(bearer(admin)).expect(200);
    expect(renamed.body).toMatchObject({ name: 'East Side (renamed)', boundaryVersion: 2 });

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'boundary_import'), eq(auditLog.entityId, applied.body.importId)));
    expect(audits.map((a) => a.action)).toEqual(['boundary_import.applied']);
    const [stored] = await t.database.db
      .select()
      .from(boundaryImports)
      .where(eq(boundaryImports.id, applied.body.importId));
    expect(stored).toMatchObject({ dryRun: false, applied: true });

    // Applying the same file again changes nothing: no new versions, no moves.
    const repeated = await importBoundaries(body, false).expect(200);
    expect(repeated.body.features.map((f: { boundaryChanged: boolean }) => f.boundaryChanged)).toEqual([
      false,
      false,
      false,
    ]);
    expect(repeated.body.requests.moving).toBe(0);
    const afterRepeat = await t.http
      .get(`/api/v1/neighborhoods/${westId}/boundaries`)
      .set(bearer(admin))
      .expect(200);
    expect(afterRepeat.body.items).toHaveLength(2);

    // The applied map is what locate uses from now on.
    const located = await t.http
      .get(`/api/v1/locate?lat=${lat + 0.05}&lon=${lon + 0.11}`)
      .set(bearer(admin))
      .expect(200);
    expect(located.body.neighborhood.code).toBe(west);
  });
});
