import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, personnel } from '../../src/db/schema/index.ts';
import {
  createNeighborhood,
  insertServiceRequest,
  insertServiceType,
  offsetMeters,
  polygon,
  square,
  type TestNeighborhood,
  unique,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser } from '../support/test-app.ts';

/*
 * SARA cases (#10): every stage gate both ways (a refusal lists every missing item by field), no
 * skipping, going back with a reason, evidence on both sides, response actions, who may do what, and
 * computed measures checked against hand-computed counts and weighted displacement quotients.
 */

let t: TestApp;
let users: Users;
let area: TestNeighborhood;
let other: TestNeighborhood;
let category: string;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  area = await createNeighborhood(t, users.admin, { lat: 41.6, lon: -72.9 });
  other = await createNeighborhood(t, users.admin, { lat: 41.65, lon: -72.9 });
  // The lieutenant user is the person leading `area`.
  await t.database.db
    .update(personnel)
    .set({ userId: users.lieutenant.id })
    .where(eq(personnel.id, area.lieutenant!.id));
  category = await insertServiceType(t.database.db);
});
afterAll(async () => {
  await t.close();
});

const send = (user: TestUser, method: 'post' | 'patch' | 'get' | 'delete', path: string, body?: unknown) => {
  const call = t.http[method](path).set(bearer(user));
  return body === undefined ? call : call.send(body as object);
};

async function newCase(user: TestUser = users.lieutenant, body: Record<string, unknown> = {}) {
  const reply = await send(user, 'post', '/api/v1/sara-cases', {
    title: `Late-night noise on Main St ${unique()}`,
    neighborhoodId: area.id,
    ...body,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; version: number; stage: string; [key: string]: unknown };
}

const stage = (user: TestUser, id: string, to: string, reason?: string) =>
  send(user, 'post', `/api/v1/sara-cases/${id}/stage`, reason ? { to, reason } : { to });
const paths = (body: { errors?: Array<{ path: string }> }) =>
  (body.errors ?? []).map((error) => error.path).sort();

describe('stage gates', () => {
  it('refuses each move until its gate holds, listing every missing item, then allows it', async () => {
    const created = await newCase();
    expect(created.stage).toBe('scanning');
    expect(created.gate).toEqual([
      expect.objectContaining({ path: 'scanning.problemStatement', met: false }),
      expect.objectContaining({ path: 'evidence', met: false }),
    ]);

    // Scanning → analysis: problem statement and evidence.
    let refused = await stage(users.lieutenant, created.id, 'analysis').expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(paths(refused.body)).toEqual(['evidence', 'scanning.problemStatement']);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}`, {
      scanning: { problemStatement: 'Parties at 12 Main St keep neighbours awake', problemType: 'place' },
    }).expect(200);
    refused = await stage(users.lieutenant, created.id, 'analysis').expect(409);
    expect(paths(refused.body)).toEqual(['evidence']);
    const request = await insertServiceRequest(t.database.db, {
      serviceCode: category,
      neighborhoodId: area.id,
    });
    await send(users.staff, 'post', `/api/v1/sara-cases/${created.id}/requests/${request.id}`).expect(200);
    // No skipping: scanning → response is refused even now.
    const skipped = await stage(users.lieutenant, created.id, 'response').expect(409);
    expect(paths(skipped.body)).toEqual(['to']);
    await stage(users.lieutenant, created.id, 'analysis').expect(200);

    // Analysis → response: a hypothesis and one side of the triangle.
    refused = await stage(users.lieutenant, created.id, 'response').expect(409);
    expect(paths(refused.body)).toEqual(['analysis.hypotheses', 'analysis.triangle']);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}`, {
      analysis: { hypotheses: ['An absentee landlord lets the unit as a party house'] },
    }).expect(200);
    refused = await stage(users.lieutenant, created.id, 'response').expect(409);
    expect(paths(refused.body)).toEqual(['analysis.triangle']);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}`, {
      analysis: {
        triangle: { places: 'One rented house' },
        controllers: { managers: { effectiveness: 'weak' } },
      },
    }).expect(200);
    await stage(users.lieutenant, created.id, 'response').expect(200);

    // Response → assessment: an action started (a planned one is not enough).
    refused = await stage(users.lieutenant, created.id, 'assessment').expect(409);
    expect(paths(refused.body)).toEqual(['responses']);
    const action = await send(users.lieutenant, 'post', `/api/v1/sara-cases/${created.id}/responses`, {
      title: 'Letter to the owner',
      ownerId: area.lieutenant!.id,
      partner: 'Town Inspections',
      dueDate: '2026-12-20',
    }).expect(201);
    expect(action.body).toMatchObject({ status: 'planned', ownerName: area.lieutenant!.name });
    refused = await stage(users.lieutenant, created.id, 'assessment').expect(409);
    expect(paths(refused.body)).toEqual(['responses']);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}/responses/${action.body.id}`, {
      status: 'started',
    }).expect(200);
    await stage(users.lieutenant, created.id, 'assessment').expect(200);

    // Assessment → closed: an outcome and a measure.
    refused = await stage(users.lieutenant, created.id, 'closed').expect(409);
    expect(paths(refused.body)).toEqual(['assessment.outcome', 'measures']);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}`, {
      assessment: {
        outcome: 'fewer_incidents',
        publicSummary: 'Fewer noise complaints after the owner acted.',
      },
    }).expect(200);
    refused = await stage(users.lieutenant, created.id, 'closed').expect(409);
    expect(paths(refused.body)).toEqual(['measures']);
    await send(users.analyst, 'post', `/api/v1/sara-cases/${created.id}/measures`, {
      kind: 'manual',
      metric: 'Noise calls to dispatch',
      baselineValue: 14,
      baselinePeriod: { from: '2026-06-01T00:00:00Z', to: '2026-09-01T00:00:00Z' },
      followUpValue: 3,
      followUpPeriod: { from: '2026-09-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
    }).expect(201);
    const closed = await stage(users.lieutenant, created.id, 'closed').expect(200);
    expect(closed.body.stage).toBe('closed');
    expect(closed.body.measures[0]).toMatchObject({ baselineValue: 14, followUpValue: 3 });
    expect(closed.body.measures[0].change).toBeCloseTo(-11 / 14, 10);

    // The stage history says who, when and why; the audit log has every change.
    const history = closed.body.history.filter((event: { kind: string }) => event.kind === 'stage_changed');
    expect(history.map((event: { toStage: string }) => event.toStage)).toEqual([
      'closed',
      'assessment',
      'response',
      'analysis',
    ]);
    expect(history[0].actorName).toBeTruthy();
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['sara_case.created', 'sara_case.stage_changed', 'sara_case.measure_added']),
    );
  });

  it('goes back a stage only with a reason, and keeps the reason in the history', async () => {
    const created = await newCase(users.lieutenant, {
      scanning: { problemStatement: 'Speeding on Forbes St' },
    });
    const request = await insertServiceRequest(t.database.db, {
      serviceCode: category,
      neighborhoodId: area.id,
    });
    await send(users.lieutenant, 'post', `/api/v1/sara-cases/${created.id}/requests/${request.id}`).expect(
      200,
    );
    await stage(users.lieutenant, created.id, 'analysis').expect(200);
    const noReason = await stage(users.lieutenant, created.id, 'scanning').expect(400);
    expect(paths(noReason.body)).toEqual(['reason']);
    const back = await stage(
      users.lieutenant,
      created.id,
      'scanning',
      'The problem is wider than one street',
    ).expect(200);
    expect(back.body.stage).toBe('scanning');
    expect(back.body.history[0]).toMatchObject({
      kind: 'stage_changed',
      fromStage: 'analysis',
      toStage: 'scanning',
      reason: 'The problem is wider than one street',
    });
  });
});

describe('who may do what', () => {
  it('lets a lieutenant open cases only in a neighborhood they lead; staff and analysts not at all', async () => {
    const elsewhere = await send(users.lieutenant, 'post', '/api/v1/sara-cases', {
      title: 'Not my neighborhood',
      neighborhoodId: other.id,
    });
    expect(elsewhere.status).toBe(403);
    for (const role of ['staff', 'analyst'] as const)
      await send(users[role], 'post', '/api/v1/sara-cases', { title: 'x', neighborhoodId: area.id }).expect(
        403,
      );
    await send(users.supervisor, 'post', '/api/v1/sara-cases', {
      title: 'Any',
      neighborhoodId: other.id,
    }).expect(201);
  });

  it('lets staff add evidence and notes but not edit or move a case; analysts read and measure', async () => {
    const created = await newCase();
    await send(users.staff, 'patch', `/api/v1/sara-cases/${created.id}`, { title: 'Renamed' }).expect(403);
    await stage(users.staff, created.id, 'analysis').expect(403);
    await stage(users.analyst, created.id, 'analysis').expect(403);
    await send(users.staff, 'post', `/api/v1/sara-cases/${created.id}/notes`, {
      body: 'Caller says it is weekly',
    }).expect(201);
    await send(users.analyst, 'get', `/api/v1/sara-cases/${created.id}`).expect(200);
    await send(users.staff, 'post', `/api/v1/sara-cases/${created.id}/measures`, {
      kind: 'manual',
      metric: 'x',
      baselineValue: 1,
      baselinePeriod: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      followUpValue: 1,
      followUpPeriod: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    }).expect(403);
    // A lieutenant of another neighborhood may read but not work the case.
    const [otherLieutenantUser] = [
      await (await import('../support/test-app.ts')).userWithRoles(t, ['lieutenant']),
    ];
    await t.database.db
      .update(personnel)
      .set({ userId: otherLieutenantUser!.id })
      .where(eq(personnel.id, other.lieutenant!.id));
    await send(otherLieutenantUser!, 'get', `/api/v1/sara-cases/${created.id}`).expect(200);
    const foreign = await send(otherLieutenantUser!, 'patch', `/api/v1/sara-cases/${created.id}`, {
      title: 'Mine now',
    });
    expect(foreign.status).toBe(403);
  });

  it('answers 412 to a stale version', async () => {
    const created = await newCase();
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}`, {
      title: 'First edit',
      version: created.version,
    }).expect(200);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${created.id}`, {
      title: 'Stale edit',
      version: created.version,
    }).expect(412);
  });
});

describe('evidence', () => {
  it('links requests from the queue at creation and one by one, shown on both sides, and unlinks them', async () => {
    const first = await insertServiceRequest(t.database.db, {
      serviceCode: category,
      neighborhoodId: area.id,
    });
    const second = await insertServiceRequest(t.database.db, {
      serviceCode: category,
      neighborhoodId: area.id,
    });
    const created = await newCase(users.lieutenant, { requestIds: [first.id] });
    expect(created.requests).toEqual([
      expect.objectContaining({ id: first.id, trackingNumber: first.trackingNumber }),
    ]);
    await send(users.staff, 'post', `/api/v1/sara-cases/${created.id}/requests/${second.id}`).expect(200);
    const fromRequest = await send(
      users.staff,
      'get',
      `/api/v1/service-requests/${second.id}/sara-cases`,
    ).expect(200);
    expect(fromRequest.body.items).toEqual([expect.objectContaining({ id: created.id, stage: 'scanning' })]);
    const listed = await send(users.staff, 'get', `/api/v1/sara-cases?requestId=${second.id}`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    const unlinked = await send(
      users.staff,
      'delete',
      `/api/v1/sara-cases/${created.id}/requests/${second.id}`,
    ).expect(200);
    expect(unlinked.body.requests.map((item: { id: string }) => item.id)).toEqual([first.id]);
    await send(users.staff, 'delete', `/api/v1/sara-cases/${created.id}/requests/${second.id}`).expect(404);
    await send(
      users.staff,
      'post',
      `/api/v1/sara-cases/${created.id}/requests/${crypto.randomUUID()}`,
    ).expect(404);
  });

  it('filters the board by stage, neighborhood and lead', async () => {
    const led = await newCase(users.lieutenant, { leadId: area.lieutenant!.id });
    const reply = await send(
      users.analyst,
      'get',
      `/api/v1/sara-cases?leadId=${area.lieutenant!.id}&stage=scanning`,
    ).expect(200);
    expect(reply.body.items.map((item: { id: string }) => item.id)).toContain(led.id);
    expect(reply.body.items.every((item: { leadId: string }) => item.leadId === area.lieutenant!.id)).toBe(
      true,
    );
    const page = await send(
      users.analyst,
      'get',
      `/api/v1/sara-cases?neighborhoodId=${area.id}&limit=2`,
    ).expect(200);
    expect(page.body.items).toHaveLength(2);
    const next = await send(
      users.analyst,
      'get',
      `/api/v1/sara-cases?neighborhoodId=${area.id}&limit=2&cursor=${page.body.nextCursor}`,
    ).expect(200);
    expect(next.body.items[0].id).not.toBe(page.body.items[1].id);
  });
});

describe('computed measures', () => {
  /*
   * Hand-computed fixture. Target: a 200 m circle; buffer: the ring out to 500 m (bufferMeters 300);
   * control: a square well away. Baseline = days 120–60 ago, follow-up = the last 60 days.
   *   target  20 → 10    buffer 10 → 8    control 40 → 50
   * WDQ = (Ba/Ca − Bb/Cb) / (Ra/Ca − Rb/Cb) = (8/50 − 10/40) / (10/50 − 20/40) = (−0.09) / (−0.30) = 0.3
   * (diffusion of benefits). Other categories, duplicates and requests outside both periods are not
   * counted.
   */
  it('counts requests by area and period and gives the weighted displacement quotient', async () => {
    const code = await insertServiceType(t.database.db);
    const center = offsetMeters(area.center, -300, -300);
    const controlCorner = { lat: area.center.lat + 0.004, lon: area.center.lon + 0.004 };
    const controlGeometry = polygon(square(controlCorner.lon, controlCorner.lat, 0.003));
    const controlPoint = { lat: controlCorner.lat + 0.0015, lon: controlCorner.lon + 0.0015 };
    const baselineAge = 90 * 24; // hours
    const followUpAge = 30 * 24;
    const put = async (count: number, where: { lat: number; lon: number }, ageHours: number, extra = {}) => {
      for (let i = 0; i < count; i++)
        await insertServiceRequest(t.database.db, {
          serviceCode: code,
          neighborhoodId: area.id,
          lat: where.lat,
          lon: where.lon,
          ageHours,
          ...extra,
        });
    };
    await put(20, offsetMeters(center, 50, 0), baselineAge);
    await put(10, offsetMeters(center, 0, -120), followUpAge);
    await put(10, offsetMeters(center, 350, 0), baselineAge);
    await put(8, offsetMeters(center, 0, 400), followUpAge);
    await put(40, controlPoint, baselineAge);
    await put(50, controlPoint, followUpAge);
    // Not counted: another category, a duplicate, a request before the baseline, one beyond the buffer.
    await insertServiceRequest(t.database.db, {
      serviceCode: category,
      lat: center.lat,
      lon: center.lon,
      ageHours: followUpAge,
    });
    await put(1, center, followUpAge, { status: 'duplicate' });
    await put(1, center, 200 * 24);
    await put(1, offsetMeters(center, 700, 0), followUpAge);

    const created = await newCase(users.lieutenant, {
      location: { kind: 'circle', lat: center.lat, lon: center.lon, radiusMeters: 200 },
    });
    const now = Date.now();
    const periods = {
      baselinePeriod: {
        from: new Date(now - 120 * DAY).toISOString(),
        to: new Date(now - 60 * DAY).toISOString(),
      },
      followUpPeriod: { from: new Date(now - 60 * DAY).toISOString(), to: new Date(now).toISOString() },
    };
    const measured = await send(users.analyst, 'post', `/api/v1/sara-cases/${created.id}/measures`, {
      kind: 'computed',
      serviceCodes: [code],
      ...periods,
      bufferMeters: 300,
      control: { area: { kind: 'polygon', geometry: controlGeometry } },
    }).expect(201);
    expect(measured.body.areas).toEqual({
      target: { baseline: 20, followUp: 10, change: -0.5 },
      buffer: { baseline: 10, followUp: 8, change: -0.2 },
      control: { baseline: 40, followUp: 50, change: 0.25 },
    });
    expect(measured.body).toMatchObject({ baselineValue: 20, followUpValue: 10, change: -0.5 });
    expect(measured.body.weightedDisplacementQuotient).toBeCloseTo(0.3, 10);
    expect(measured.body.interpretation).toContain('diffusion');

    // Without buffer and control: the target counts alone, no quotient.
    const plain = await send(users.lieutenant, 'post', `/api/v1/sara-cases/${created.id}/measures`, {
      kind: 'computed',
      serviceCodes: [code],
      ...periods,
    }).expect(201);
    expect(plain.body).toMatchObject({
      baselineValue: 20,
      followUpValue: 10,
      weightedDisplacementQuotient: null,
    });
    expect(plain.body.areas.buffer).toBeNull();

    // A polygon case area counts the same points; the control may be a neighborhood.
    const ring = square(center.lon - 0.002, center.lat - 0.002, 0.004); // ±~170–220 m: target points only
    const polygonCase = await newCase(users.lieutenant, {
      location: { kind: 'polygon', geometry: polygon(ring) },
    });
    await put(5, other.center, baselineAge);
    await put(4, other.center, followUpAge);
    const byNeighborhood = await send(
      users.analyst,
      'post',
      `/api/v1/sara-cases/${polygonCase.id}/measures`,
      {
        kind: 'computed',
        serviceCodes: [code],
        ...periods,
        bufferMeters: 300,
        control: { neighborhoodId: other.id },
      },
    ).expect(201);
    expect(byNeighborhood.body.areas.target).toMatchObject({ baseline: 20, followUp: 10 });
    expect(byNeighborhood.body.areas.control).toMatchObject({ baseline: 5, followUp: 4 });
    // (8/4 − 10/5) / (10/4 − 20/5) = 0 / −1.5 = 0 when the buffer keeps pace with the control.
    expect(byNeighborhood.body.areas.buffer).toMatchObject({ baseline: 10, followUp: 8 });
    expect(byNeighborhood.body.weightedDisplacementQuotient).toBeCloseTo(0, 10);
  });

  it('needs a case area, and periods that end after they start', async () => {
    const created = await newCase();
    const noArea = await send(users.analyst, 'post', `/api/v1/sara-cases/${created.id}/measures`, {
      kind: 'computed',
      serviceCodes: [category],
      baselinePeriod: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      followUpPeriod: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    }).expect(409);
    expect(paths(noArea.body)).toEqual(['location']);
    const backwards = await send(users.analyst, 'post', `/api/v1/sara-cases/${created.id}/measures`, {
      kind: 'manual',
      metric: 'x',
      baselineValue: 1,
      baselinePeriod: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      followUpValue: 1,
      followUpPeriod: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    }).expect(400);
    expect(paths(backwards.body)).toEqual(['baselinePeriod.to']);
  });
});

describe('candidate problems', () => {
  it('finds a repeat place, starts a case from it with its evidence, and keeps a dismissal until it grows', async () => {
    const code = await insertServiceType(t.database.db);
    const place = offsetMeters(area.center, 500, 500);
    const address = `41 Candidate ${unique()} Rd`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await insertServiceRequest(t.database.db, {
            serviceCode: code,
            neighborhoodId: area.id,
            address,
            ...place,
            ageHours: 24 * (i + 1),
          })
        ).id,
      );
    const otherAddress = `9 Dismissed ${unique()} Ln`;
    for (let i = 0; i < 5; i++)
      await insertServiceRequest(t.database.db, {
        serviceCode: code,
        neighborhoodId: area.id,
        address: otherAddress,
        ...offsetMeters(place, 900, 0),
        ageHours: 24,
      });

    await send(users.staff, 'post', '/api/v1/sara-cases/candidates/scan').expect(403);
    const scan = await send(users.analyst, 'post', '/api/v1/sara-cases/candidates/scan').expect(200);
    expect(scan.body.found.repeat_place).toBeGreaterThanOrEqual(2);
    const listed = await send(users.staff, 'get', '/api/v1/sara-cases/candidates?kind=repeat_place').expect(
      200,
    );
    const candidate = listed.body.items.find((item: { title: string }) => item.title.includes(address));
    expect(candidate).toMatchObject({ kind: 'repeat_place', requestCount: 5, neighborhoodId: area.id });
    expect([...candidate.requestIds].sort()).toEqual([...ids].sort());

    const started = await newCase(users.lieutenant, {
      title: 'Repeat calls at one address',
      candidateKey: candidate.key,
    });
    expect((started.requests as Array<{ id: string }>).map((request) => request.id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(started.location).toMatchObject({ kind: 'circle' });
    expect((started.scanning as { identifiedBy: string }).identifiedBy).toContain('NSP candidate');
    // Made into a case: it no longer shows (until it grows).
    const afterCase = await send(users.staff, 'get', '/api/v1/sara-cases/candidates').expect(200);
    expect(afterCase.body.items.map((item: { key: string }) => item.key)).not.toContain(candidate.key);

    const dismissedOne = listed.body.items.find((item: { title: string }) =>
      item.title.includes(otherAddress),
    );
    await send(users.staff, 'post', `/api/v1/sara-cases/candidates/${dismissedOne.key}/dismiss`, {
      reason: 'x',
    }).expect(403);
    await send(
      users.lieutenant,
      'post',
      `/api/v1/sara-cases/candidates/${dismissedOne.key}/dismiss`,
      {},
    ).expect(400);
    await send(users.lieutenant, 'post', `/api/v1/sara-cases/candidates/${dismissedOne.key}/dismiss`, {
      reason: 'A single tenant dispute, handled by the housing office',
    }).expect(204);
    await send(users.analyst, 'post', '/api/v1/sara-cases/candidates/scan').expect(200);
    let keys = (await send(users.staff, 'get', '/api/v1/sara-cases/candidates').expect(200)).body.items.map(
      (item: { key: string }) => item.key,
    );
    expect(keys).not.toContain(dismissedOne.key);
    // It grows: one more request at the address brings it back.
    await insertServiceRequest(t.database.db, {
      serviceCode: code,
      neighborhoodId: area.id,
      address: otherAddress,
      ...offsetMeters(place, 900, 0),
      ageHours: 2,
    });
    await send(users.analyst, 'post', '/api/v1/sara-cases/candidates/scan').expect(200);
    keys = (await send(users.staff, 'get', '/api/v1/sara-cases/candidates').expect(200)).body.items.map(
      (item: { key: string }) => item.key,
    );
    expect(keys).toContain(dismissedOne.key);
    await send(users.lieutenant, 'post', '/api/v1/sara-cases/candidates/no-such-key/dismiss', {
      reason: 'x',
    }).expect(404);
  });
});

describe('figures', () => {
  it('counts cases by stage per neighborhood and gives median days per stage', async () => {
    const reply = await send(users.analyst, 'get', '/api/v1/sara-cases/figures').expect(200);
    const mine = reply.body.byNeighborhood.find(
      (row: { neighborhoodId: string }) => row.neighborhoodId === area.id,
    );
    expect(mine.stages.closed).toBeGreaterThanOrEqual(1);
    expect(mine.stages.scanning).toBeGreaterThanOrEqual(1);
    expect(Object.keys(reply.body.medianDaysInStage).sort()).toEqual([
      'analysis',
      'assessment',
      'response',
      'scanning',
    ]);
    expect(typeof reply.body.medianDaysInStage.scanning).toBe('number');
  });
});

describe('public surfaces', () => {
  it("show a closed case's public summary and nothing else of any case", async () => {
    const { closedCaseFeedItems } = await import('../../src/modules/sara/public-feed.ts');
    const { registeredApiRoutes } = await import('../support/route-catalog.ts');
    const secretTitle = `Drug house at 13 Secret Ln ${unique()}`;
    const summary = `Fewer complaints after the owner evicted the tenants (${unique()}).`;
    const open = await newCase(users.lieutenant, {
      title: `${secretTitle} (open)`,
      scanning: { problemStatement: 'Dealing from the porch of 13 Secret Ln' },
    });
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${open.id}`, {
      assessment: { publicSummary: `An open case's draft summary ${unique()}` },
    }).expect(200);
    // A closed case, walked through its gates directly.
    const closed = await newCase(users.lieutenant, {
      title: secretTitle,
      scanning: { problemStatement: 'Dealing' },
    });
    const request = await insertServiceRequest(t.database.db, {
      serviceCode: category,
      neighborhoodId: area.id,
    });
    await send(users.lieutenant, 'post', `/api/v1/sara-cases/${closed.id}/requests/${request.id}`).expect(
      200,
    );
    await stage(users.lieutenant, closed.id, 'analysis').expect(200);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${closed.id}`, {
      analysis: { hypotheses: ['h'], triangle: { offenders: 'o' } },
    }).expect(200);
    await stage(users.lieutenant, closed.id, 'response').expect(200);
    const action = await send(users.lieutenant, 'post', `/api/v1/sara-cases/${closed.id}/responses`, {
      title: 'Nuisance abatement',
      status: 'done',
    }).expect(201);
    expect(action.body.status).toBe('done');
    await stage(users.lieutenant, closed.id, 'assessment').expect(200);
    await send(users.lieutenant, 'patch', `/api/v1/sara-cases/${closed.id}`, {
      assessment: { outcome: 'eliminated', publicSummary: summary },
    }).expect(200);
    await send(users.lieutenant, 'post', `/api/v1/sara-cases/${closed.id}/measures`, {
      kind: 'manual',
      metric: 'Calls',
      baselineValue: 9,
      baselinePeriod: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      followUpValue: 1,
      followUpPeriod: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    }).expect(201);
    await stage(users.lieutenant, closed.id, 'closed').expect(200);

    const texts = {
      language: 'en',
      t: (_key: string, params?: Record<string, unknown>) => `Problem worked on: ${params?.neighborhood}`,
      has: () => true,
      pick: (text: { en: string }) => text.en,
      all: () => ({}),
    };
    const items = await closedCaseFeedItems(t.database.db, {
      neighborhoodId: area.id,
      texts: texts as never,
      limit: 100,
      now: new Date(),
    });
    const mine = items.filter((item) => item.text === summary);
    expect(mine).toEqual([
      expect.objectContaining({
        id: `sara-case:${closed.id}`,
        text: summary,
        title: `Problem worked on: ${area.name}`,
      }),
    ]);
    const everything = JSON.stringify(items);
    expect(everything).not.toContain('Secret Ln');
    expect(everything).not.toContain('draft summary');

    // The public feed itself carries the closed case's summary, and only that.
    const feed = await t.http.get('/api/v1/public/feed.json').expect(200);
    expect(feed.text).toContain(summary);
    expect(feed.text).not.toContain('draft summary');

    // No public route (no login) says anything of any case.
    for (const route of registeredApiRoutes(t.app)) {
      if (
        route.method !== 'GET' ||
        route.path.includes(':') ||
        !/^\/(api\/v1\/public|open311)/.test(route.path)
      )
        continue;
      const reply = await t.http.get(route.path);
      expect(reply.text, route.path).not.toContain('Secret Ln');
    }
    await t.http.get(`/api/v1/sara-cases/${closed.id}`).expect(401);
    await t.http.get('/api/v1/sara-cases').expect(401);
  });
});

describe('open cases are open work', () => {
  it('count in the workload view and follow the open-work transfer on reassignment; closed ones stay', async () => {
    const { createNeighborhood: makeNeighborhood, createPerson } = await import(
      '../support/factories/index.ts'
    );
    const here = await makeNeighborhood(t, users.admin, { lat: 41.7, lon: -72.9 });
    const outgoing = here.lieutenant!.id;
    const open = await send(users.supervisor, 'post', '/api/v1/sara-cases', {
      title: 'Open case to hand over',
      neighborhoodId: here.id,
      leadId: outgoing,
    }).expect(201);
    const workload = await send(
      users.supervisor,
      'get',
      `/api/v1/personnel/workload?neighborhoodId=${here.id}`,
    ).expect(200);
    expect(
      workload.body.items.find((item: { personnelId: string }) => item.personnelId === outgoing),
    ).toMatchObject({
      openSaraCases: 1,
    });
    const incoming = await createPerson(t, users.admin, { kind: 'lieutenant', title: 'Lieutenant' });
    await send(users.supervisor, 'post', `/api/v1/neighborhoods/${here.id}/lieutenant`, {
      personnelId: incoming.id,
      reason: 'Rotation',
      transferOpenWork: true,
    }).expect(201);
    const moved = await send(users.supervisor, 'get', `/api/v1/sara-cases/${open.body.id}`).expect(200);
    expect(moved.body.leadId).toBe(incoming.id);
    expect(moved.body.history[0]).toMatchObject({ kind: 'lead_changed', reason: 'Rotation' });
  });
});

describe('idempotent opening', () => {
  it('opens one case for a retried POST with the same Idempotency-Key', async () => {
    const key = `open-${unique()}`;
    const body = { title: `Retried ${unique()}`, neighborhoodId: area.id };
    const first = await send(users.lieutenant, 'post', '/api/v1/sara-cases', body)
      .set('Idempotency-Key', key)
      .expect(201);
    const again = await send(users.lieutenant, 'post', '/api/v1/sara-cases', body)
      .set('Idempotency-Key', key)
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});
