import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertNeighborhood,
  insertPerson,
  insertServiceRequest,
  insertServiceType,
} from '../support/staffing-factories.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let supervisor: TestUser;
let serviceCode: string;
beforeAll(async () => {
  t = await startTestApp();
  supervisor = await userWithRoles(t, ['supervisor']);
  serviceCode = await insertServiceType(t.database.db);
});
afterAll(async () => {
  await t.close();
});

const openStatuses = ['new', 'triaged', 'assigned', 'in_progress'] as const;
const finishedStatuses = ['resolved', 'closed', 'rejected', 'duplicate'] as const;

async function makeLieutenant(neighborhoodId: string, personnelId: string) {
  await t.http
    .post(`/api/v1/neighborhoods/${neighborhoodId}/assignments`)
    .set(bearer(supervisor))
    .send({
      personnelId,
      role: 'coordination_lieutenant',
      startsAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
      reason: 'Initial',
    })
    .expect(201);
}

async function requestsById(ids: string[]) {
  const { rows } = await t.database.pool!.query<{ id: string; assignee_id: string | null; version: number }>(
    'select id, assignee_id, version from service_requests where id = any($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function eventsFor(ids: string[]) {
  const { rows } = await t.database.pool!.query(
    'select request_id, kind, actor_type, actor_id, actor_name, before, after from request_events where request_id = any($1::uuid[])',
    [ids],
  );
  return rows;
}

describe('transferOpenWork', () => {
  it("moves exactly the outgoing lieutenant's open requests in that neighborhood, each with a timeline event", async () => {
    const db = t.database.db;
    const here = await insertNeighborhood(db);
    const elsewhere = await insertNeighborhood(db);
    const [outgoing, incoming, colleague] = [
      await insertPerson(db),
      await insertPerson(db),
      await insertPerson(db),
    ];
    await makeLieutenant(here.id, outgoing.id);
    await makeLieutenant(elsewhere.id, outgoing.id);

    const moving: string[] = [];
    for (const status of openStatuses)
      moving.push(
        await insertServiceRequest(db, {
          serviceCode,
          neighborhoodId: here.id,
          assigneeId: outgoing.id,
          status,
        }),
      );
    const staying: string[] = [];
    for (const status of finishedStatuses)
      staying.push(
        await insertServiceRequest(db, {
          serviceCode,
          neighborhoodId: here.id,
          assigneeId: outgoing.id,
          status,
        }),
      );
    for (const status of openStatuses) {
      staying.push(
        await insertServiceRequest(db, {
          serviceCode,
          neighborhoodId: elsewhere.id,
          assigneeId: outgoing.id,
          status,
        }),
      );
      staying.push(
        await insertServiceRequest(db, {
          serviceCode,
          neighborhoodId: here.id,
          assigneeId: colleague.id,
          status,
        }),
      );
      staying.push(
        await insertServiceRequest(db, { serviceCode, neighborhoodId: here.id, assigneeId: null, status }),
      );
    }
    staying.push(
      await insertServiceRequest(db, { serviceCode, neighborhoodId: null, assigneeId: outgoing.id }),
    );
    const before = await requestsById(staying);

    const reply = await t.http
      .post(`/api/v1/neighborhoods/${here.id}/lieutenant`)
      .set(bearer(supervisor))
      .send({ personnelId: incoming.id, reason: 'Lt. reassigned to days', transferOpenWork: true })
      .expect(201);
    expect(reply.body.transferred).toEqual({ serviceRequests: moving.length, total: moving.length });
    expect(reply.body.ended.personnelId).toBe(outgoing.id);
    expect(reply.body.started.personnelId).toBe(incoming.id);

    const moved = await requestsById(moving);
    for (const id of moving) {
      expect(moved.get(id)!.assignee_id).toBe(incoming.id);
      expect(moved.get(id)!.version).toBe(2);
    }
    const unchanged = await requestsById(staying);
    for (const id of staying) expect(unchanged.get(id)).toEqual(before.get(id));

    const events = await eventsFor([...moving, ...staying]);
    expect(events.map((event) => event.request_id).sort()).toEqual([...moving].sort());
    for (const event of events) {
      expect(event).toMatchObject({
        kind: 'assigned',
        actor_type: 'user',
        actor_id: supervisor.id,
        actor_name: 'Test supervisor',
        before: { assigneeId: outgoing.id },
        after: { assigneeId: incoming.id, reason: 'Lt. reassigned to days' },
      });
    }

    const { rows } = await t.database.pool!.query(
      "select after from audit_log where entity_id = $1 and action = 'assignment.lieutenant_reassigned'",
      [here.id],
    );
    expect(rows[0].after.transferredServiceRequestIds.sort()).toEqual([...moving].sort());

    // The other neighborhood still has the outgoing lieutenant, with their work.
    const elsewhereNow = await t.http
      .get('/api/v1/assignments')
      .query({ neighborhoodId: elsewhere.id })
      .set(bearer(supervisor))
      .expect(200);
    expect(elsewhereNow.body.items[0].personnelId).toBe(outgoing.id);
  });

  it('moves nothing without transferOpenWork, and nothing when there was no outgoing lieutenant', async () => {
    const db = t.database.db;
    const here = await insertNeighborhood(db);
    const [outgoing, incoming, third] = [
      await insertPerson(db),
      await insertPerson(db),
      await insertPerson(db),
    ];
    await makeLieutenant(here.id, outgoing.id);
    const request = await insertServiceRequest(db, {
      serviceCode,
      neighborhoodId: here.id,
      assigneeId: outgoing.id,
    });
    const reply = await t.http
      .post(`/api/v1/neighborhoods/${here.id}/lieutenant`)
      .set(bearer(supervisor))
      .send({ personnelId: incoming.id, reason: 'No transfer' })
      .expect(201);
    expect(reply.body.transferred.serviceRequests).toBe(0);
    expect((await requestsById([request])).get(request)!.assignee_id).toBe(outgoing.id);

    const vacant = await insertNeighborhood(db);
    const unassigned = await insertServiceRequest(db, {
      serviceCode,
      neighborhoodId: vacant.id,
      assigneeId: null,
    });
    const first = await t.http
      .post(`/api/v1/neighborhoods/${vacant.id}/lieutenant`)
      .set(bearer(supervisor))
      .send({ personnelId: third.id, reason: 'First lieutenant', transferOpenWork: true })
      .expect(201);
    expect(first.body).toMatchObject({ ended: null, transferred: { serviceRequests: 0 } });
    expect((await requestsById([unassigned])).get(unassigned)!.assignee_id).toBeNull();
  });

  it('with a back-dated effectiveAt, moves the work now and records the change from that date', async () => {
    const db = t.database.db;
    const here = await insertNeighborhood(db);
    const [outgoing, incoming] = [await insertPerson(db), await insertPerson(db)];
    await makeLieutenant(here.id, outgoing.id);
    const request = await insertServiceRequest(db, {
      serviceCode,
      neighborhoodId: here.id,
      assigneeId: outgoing.id,
    });
    const effectiveAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const reply = await t.http
      .post(`/api/v1/neighborhoods/${here.id}/lieutenant`)
      .set(bearer(supervisor))
      .send({ personnelId: incoming.id, effectiveAt, reason: 'Paperwork late', transferOpenWork: true })
      .expect(201);
    expect(reply.body).toMatchObject({
      scheduled: false,
      started: { startsAt: effectiveAt },
      transferred: { serviceRequests: 1 },
    });
    expect((await requestsById([request])).get(request)!.assignee_id).toBe(incoming.id);
  });
});
