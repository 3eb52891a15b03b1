import type { Role } from '@nsp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertNeighborhood,
  insertServiceRequest,
  insertServiceType,
} from '../support/staffing-factories.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
const users = {} as Record<Role, TestUser>;
beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
    users[role] = await userWithRoles(t, [role]);
  }
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const badge = () => `PT-${process.pid}-${++counter}-${Date.now() % 100000}`;

async function createPerson(body: Record<string, unknown> = {}) {
  const reply = await t.http
    .post('/api/v1/personnel')
    .set(bearer(users.supervisor))
    .send({ name: `Officer ${badge()}`, kind: 'officer', title: 'Officer', badgeNumber: badge(), ...body })
    .expect(201);
  return reply.body as { id: string; version: number; name: string; badgeNumber: string };
}

describe('personnel', () => {
  it('creates a person with work contact details and reads it back with an ETag', async () => {
    const badgeNumber = badge();
    const created = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.supervisor))
      .send({
        name: 'Lt. Ana Duarte',
        title: 'Lieutenant',
        badgeNumber,
        kind: 'lieutenant',
        phone: '860-555-0101',
        email: 'A.Duarte@Police.Test',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Lt. Ana Duarte',
      title: 'Lieutenant',
      badgeNumber,
      kind: 'lieutenant',
      phone: '860-555-0101',
      email: 'a.duarte@police.test',
      active: true,
      userId: null,
      version: 1,
    });
    const read = await t.http
      .get(`/api/v1/personnel/${created.body.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(read.headers.etag).toBe('W/"1"');
    expect(read.body).toEqual(created.body);

    const { rows } = await t.database.pool!.query(
      "select actor_id, after from audit_log where entity_id = $1 and action = 'personnel.created'",
      [created.body.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(users.supervisor.id);
    expect(rows[0].after.badgeNumber).toBe(badgeNumber);
  });

  it('names the field of bad input and never stores half a record', async () => {
    const reply = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.admin))
      .send({ name: '', kind: 'general', email: 'not-an-email' })
      .expect(400);
    const paths = reply.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'kind', 'email']));
  });

  it('refuses a badge number or a login that another person already holds', async () => {
    const first = await createPerson();
    const taken = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.supervisor))
      .send({ name: 'Someone Else', kind: 'officer', badgeNumber: first.badgeNumber })
      .expect(409);
    expect(taken.body.detail).toContain(first.name);

    const login = await userWithRoles(t, ['lieutenant']);
    await createPerson({ userId: login.id });
    const twice = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.supervisor))
      .send({ name: 'Second Holder', kind: 'officer', userId: login.id })
      .expect(409);
    expect(twice.body.field).toBe('userId');

    const unknownUser = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.supervisor))
      .send({ name: 'Nobody', kind: 'officer', userId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknownUser.body.errors[0].path).toBe('userId');
  });

  it('updates with If-Match, answers 412 to a stale ETag or version, and audits before and after', async () => {
    const person = await createPerson({ title: 'Officer' });
    const updated = await t.http
      .patch(`/api/v1/personnel/${person.id}`)
      .set(bearer(users.supervisor))
      .set('If-Match', 'W/"1"')
      .send({ title: 'Sergeant', kind: 'sergeant' })
      .expect(200);
    expect(updated.body).toMatchObject({ title: 'Sergeant', kind: 'sergeant', version: 2 });
    expect(updated.headers.etag).toBe('W/"2"');

    const stale = await t.http
      .patch(`/api/v1/personnel/${person.id}`)
      .set(bearer(users.supervisor))
      .set('If-Match', 'W/"1"')
      .send({ title: 'Captain' })
      .expect(412);
    expect(stale.body.currentVersion).toBe(2);
    await t.http
      .patch(`/api/v1/personnel/${person.id}`)
      .set(bearer(users.admin))
      .send({ title: 'Captain', version: 1 })
      .expect(412);
    // Without a precondition the write goes through (last writer wins, by the client's choice).
    await t.http
      .patch(`/api/v1/personnel/${person.id}`)
      .set(bearer(users.admin))
      .send({ active: false, version: 2 })
      .expect(200);

    const read = await t.http.get(`/api/v1/personnel/${person.id}`).set(bearer(users.analyst)).expect(200);
    expect(read.body).toMatchObject({ title: 'Sergeant', active: false, version: 3 });

    const { rows } = await t.database.pool!.query(
      'select action, before, after from audit_log where entity_id = $1 order by id',
      [person.id],
    );
    expect(rows.map((row) => row.action)).toEqual([
      'personnel.created',
      'personnel.updated',
      'personnel.deactivated',
    ]);
    expect(rows[1].before.title).toBe('Officer');
    expect(rows[1].after.title).toBe('Sergeant');
  });

  it('answers 404 for an unknown person and 400 for a malformed id', async () => {
    await t.http
      .get('/api/v1/personnel/00000000-0000-4000-8000-000000000000')
      .set(bearer(users.staff))
      .expect(404);
    await t.http
      .patch('/api/v1/personnel/00000000-0000-4000-8000-000000000000')
      .set(bearer(users.admin))
      .send({ title: 'X' })
      .expect(404);
    await t.http.get('/api/v1/personnel/not-a-uuid').set(bearer(users.staff)).expect(400);
  });

  it('lists with kind, active and q filters, paginated with a cursor', async () => {
    const marker = `Zed${Date.now()}`;
    const people = [];
    for (const [index, kind] of (['cso', 'cso', 'cso', 'nro'] as const).entries()) {
      people.push(await createPerson({ name: `${marker} ${index}`, kind }));
    }
    await t.http
      .patch(`/api/v1/personnel/${people[2]!.id}`)
      .set(bearer(users.admin))
      .send({ active: false })
      .expect(200);

    const csos = await t.http
      .get('/api/v1/personnel')
      .query({ q: marker, kind: 'cso', active: 'true', limit: 1 })
      .set(bearer(users.lieutenant))
      .expect(200);
    expect(csos.body.items.map((p: { name: string }) => p.name)).toEqual([`${marker} 0`]);
    expect(csos.body.nextCursor).toEqual(expect.any(String));
    const next = await t.http
      .get('/api/v1/personnel')
      .query({ q: marker, kind: 'cso', active: 'true', limit: 1, cursor: csos.body.nextCursor })
      .set(bearer(users.lieutenant))
      .expect(200);
    expect(next.body.items.map((p: { name: string }) => p.name)).toEqual([`${marker} 1`]);
    expect(next.body.nextCursor).toBeNull();

    const inactive = await t.http
      .get('/api/v1/personnel')
      .query({ q: marker, active: 'false' })
      .set(bearer(users.staff))
      .expect(200);
    expect(inactive.body.items.map((p: { name: string }) => p.name)).toEqual([`${marker} 2`]);

    // LIKE wildcards in q match literally.
    const wildcard = await t.http
      .get('/api/v1/personnel')
      .query({ q: '%' })
      .set(bearer(users.staff))
      .expect(200);
    expect(wildcard.body.items).toEqual([]);
    await t.http.get('/api/v1/personnel').query({ active: 'maybe' }).set(bearer(users.staff)).expect(400);
  });

  for (const role of ['lieutenant', 'staff', 'analyst'] as const) {
    it(`refuses ${role} with 403 on personnel writes but lets them read`, async () => {
      const person = await createPerson();
      await t.http
        .post('/api/v1/personnel')
        .set(bearer(users[role]))
        .send({ name: 'Not Allowed', kind: 'officer' })
        .expect(403);
      await t.http
        .patch(`/api/v1/personnel/${person.id}`)
        .set(bearer(users[role]))
        .send({ title: 'Self-promoted' })
        .expect(403);
      await t.http.get('/api/v1/personnel').set(bearer(users[role])).expect(200);
      await t.http.get('/api/v1/personnel/workload').set(bearer(users[role])).expect(200);
    });
  }

  it('refuses callers without credentials with 401', async () => {
    await t.http.get('/api/v1/personnel').expect(401);
    await t.http.post('/api/v1/personnel').send({ name: 'X', kind: 'officer' }).expect(401);
  });

  it('replays a POST retried with the same Idempotency-Key', async () => {
    const key = `personnel-${badge()}`;
    const body = { name: `Idem ${key}`, kind: 'civilian' };
    const first = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.admin))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const again = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.admin))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    const listed = await t.http
      .get('/api/v1/personnel')
      .query({ q: `Idem ${key}` })
      .set(bearer(users.admin))
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
  });
});

describe('workload', () => {
  it("counts each person's open and overdue requests now, and shows where they serve", async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const serviceCode = await insertServiceType(db);
    const busy = await createPerson({ kind: 'nro', name: `Busy ${badge()}` });
    const idle = await createPerson({ kind: 'nro', name: `Idle ${badge()}` });
    const past = new Date(Date.now() - 3_600_000);
    for (const status of ['new', 'assigned', 'in_progress'] as const)
      await insertServiceRequest(db, {
        serviceCode,
        neighborhoodId: neighborhood.id,
        assigneeId: busy.id,
        status,
      });
    await insertServiceRequest(db, {
      serviceCode,
      neighborhoodId: neighborhood.id,
      assigneeId: busy.id,
      status: 'triaged',
      resolutionDueAt: past,
    });
    // Finished work, even overdue, is not workload.
    for (const status of ['resolved', 'closed', 'rejected', 'duplicate'] as const)
      await insertServiceRequest(db, {
        serviceCode,
        neighborhoodId: neighborhood.id,
        assigneeId: busy.id,
        status,
        resolutionDueAt: past,
      });
    await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(bearer(users.supervisor))
      .send({
        personnelId: busy.id,
        role: 'nro',
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
        reason: 'Beat',
      })
      .expect(201);

    const reply = await t.http
      .get('/api/v1/personnel/workload')
      .query({ neighborhoodId: neighborhood.id })
      .set(bearer(users.supervisor))
      .expect(200);
    expect(reply.body.items).toHaveLength(1);
    expect(reply.body.items[0]).toMatchObject({
      personnelId: busy.id,
      openRequests: 4,
      overdueRequests: 1,
      currentAssignments: [
        { neighborhoodId: neighborhood.id, neighborhoodCode: neighborhood.code, role: 'nro' },
      ],
    });

    const everyone = await t.http
      .get('/api/v1/personnel/workload')
      .query({ kind: 'nro' })
      .set(bearer(users.staff))
      .expect(200);
    const idleEntry = everyone.body.items.find(
      (item: { personnelId: string }) => item.personnelId === idle.id,
    );
    expect(idleEntry).toMatchObject({ openRequests: 0, overdueRequests: 0, currentAssignments: [] });
    const order = everyone.body.items.map((item: { personnelId: string }) => item.personnelId);
    expect(order.indexOf(busy.id)).toBeLessThan(order.indexOf(idle.id));
  });
});
