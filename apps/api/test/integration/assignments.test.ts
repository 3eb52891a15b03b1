import type { Role } from '@nsp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments } from '../../src/db/schema/index.ts';
import { currentLieutenants } from '../../src/modules/assignments/current-lieutenant.ts';
import { insertNeighborhood, insertPerson } from '../support/staffing-factories.ts';
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

const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
const ahead = (days: number) => new Date(Date.now() + days * day).toISOString();

function addAssignment(
  neighborhoodId: string,
  body: Record<string, unknown>,
  as: TestUser = users.supervisor,
) {
  return t.http
    .post(`/api/v1/neighborhoods/${neighborhoodId}/assignments`)
    .set(bearer(as))
    .send({ role: 'coordination_lieutenant', reason: 'Test assignment', ...body });
}

function reassign(neighborhoodId: string, body: Record<string, unknown>, as: TestUser = users.supervisor) {
  return t.http
    .post(`/api/v1/neighborhoods/${neighborhoodId}/lieutenant`)
    .set(bearer(as))
    .send({ reason: 'Rebalancing', ...body });
}

async function lieutenantAt(neighborhoodId: string, at?: string) {
  const reply = await t.http
    .get('/api/v1/assignments')
    .query({ neighborhoodId, role: 'coordination_lieutenant', ...(at ? { at } : {}) })
    .set(bearer(users.analyst))
    .expect(200);
  expect(reply.body.items.length).toBeLessThanOrEqual(1);
  return reply.body.items[0]?.personnelId ?? null;
}

describe('adding assignments', () => {
  it('refuses an overlapping coordination-lieutenant interval with 409 naming the conflicting interval', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [first, second] = [await insertPerson(db), await insertPerson(db)];
    const existing = await addAssignment(neighborhood.id, {
      personnelId: first.id,
      startsAt: ago(30),
      endsAt: ahead(30),
    }).expect(201);
    expect(existing.body).toMatchObject({
      neighborhoodId: neighborhood.id,
      personnelId: first.id,
      role: 'coordination_lieutenant',
      reason: 'Test assignment',
      createdBy: users.supervisor.id,
      createdByName: 'Test supervisor',
      status: 'current',
      supersededBy: null,
      person: { name: first.name, title: first.title, badgeNumber: first.badgeNumber, kind: 'lieutenant' },
    });

    const refused = await addAssignment(neighborhood.id, { personnelId: second.id, startsAt: ago(1) }).expect(
      409,
    );
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.conflictingAssignment).toEqual({
      id: existing.body.id,
      personnelId: first.id,
      personName: first.name,
      startsAt: existing.body.startsAt,
      endsAt: existing.body.endsAt,
    });
    expect(refused.body.detail).toContain(first.name);

    // Touching intervals do not overlap: [startsAt, endsAt) is half-open.
    await addAssignment(neighborhood.id, { personnelId: second.id, startsAt: existing.body.endsAt }).expect(
      201,
    );
    // Other roles may overlap: several NROs serve one neighborhood.
    await addAssignment(neighborhood.id, { personnelId: first.id, role: 'nro', startsAt: ago(5) }).expect(
      201,
    );
    await addAssignment(neighborhood.id, { personnelId: second.id, role: 'nro', startsAt: ago(5) }).expect(
      201,
    );
  });

  it('names the field of bad input; refuses unknown, inactive and retired references', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const person = await insertPerson(db);
    const backwards = await addAssignment(neighborhood.id, {
      personnelId: person.id,
      startsAt: ago(1),
      endsAt: ago(2),
    }).expect(400);
    expect(backwards.body.errors.map((e: { path: string }) => e.path)).toContain('endsAt');
    const noReason = await addAssignment(neighborhood.id, {
      personnelId: person.id,
      startsAt: ago(1),
      reason: ' ',
    }).expect(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain('reason');
    const badRole = await addAssignment(neighborhood.id, {
      personnelId: person.id,
      role: 'chief',
      startsAt: ago(1),
    });
    expect(badRole.status).toBe(400);
    await addAssignment(neighborhood.id, { personnelId: person.id, startsAt: 'yesterday' }).expect(400);

    const unknownPerson = await addAssignment(neighborhood.id, {
      personnelId: '00000000-0000-4000-8000-000000000000',
      startsAt: ago(1),
    }).expect(400);
    expect(unknownPerson.body.errors[0].path).toBe('personnelId');
    const inactive = await insertPerson(db, { active: false });
    await addAssignment(neighborhood.id, { personnelId: inactive.id, startsAt: ago(1) }).expect(400);
    // Back-filling the past may name someone who has since retired.
    await addAssignment(neighborhood.id, {
      personnelId: inactive.id,
      role: 'nro',
      startsAt: ago(400),
      endsAt: ago(300),
    }).expect(201);
    await addAssignment('00000000-0000-4000-8000-000000000000', {
      personnelId: person.id,
      startsAt: ago(1),
    }).expect(404);
    const retired = await insertNeighborhood(db, { status: 'retired' });
    await addAssignment(retired.id, { personnelId: person.id, startsAt: ago(1) }).expect(409);
  });
});

describe('reassigning the lieutenant', () => {
  it('names the right person before T1, between T1 and T2, and after T2; history is newest first', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [a, b, c] = [await insertPerson(db), await insertPerson(db), await insertPerson(db)];
    await addAssignment(neighborhood.id, { personnelId: a.id, startsAt: ago(60) }).expect(201);
    const t1 = ago(20);
    const t2 = ago(10);
    const first = await reassign(neighborhood.id, { personnelId: b.id, effectiveAt: t1 }).expect(201);
    expect(first.body).toMatchObject({
      ended: { personnelId: a.id, endsAt: t1, status: 'ended' },
      started: { personnelId: b.id, startsAt: t1, endsAt: null, reason: 'Rebalancing' },
      scheduled: false,
      transferred: { serviceRequests: 0, total: 0 },
    });
    await reassign(neighborhood.id, { personnelId: c.id, effectiveAt: t2 }).expect(201);

    expect(await lieutenantAt(neighborhood.id, ago(40))).toBe(a.id);
    expect(await lieutenantAt(neighborhood.id, new Date(Date.parse(t1) - 1).toISOString())).toBe(a.id);
    expect(await lieutenantAt(neighborhood.id, t1)).toBe(b.id);
    expect(await lieutenantAt(neighborhood.id, ago(15))).toBe(b.id);
    expect(await lieutenantAt(neighborhood.id, t2)).toBe(c.id);
    expect(await lieutenantAt(neighborhood.id)).toBe(c.id);
    expect(await lieutenantAt(neighborhood.id, ago(61))).toBeNull();

    const history = await t.http
      .get(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(bearer(users.staff))
      .expect(200);
    expect(history.body.items.map((x: { personnelId: string }) => x.personnelId)).toEqual([c.id, b.id, a.id]);
    expect(history.body.items.map((x: { status: string }) => x.status)).toEqual([
      'current',
      'ended',
      'ended',
    ]);
    // No gap and no overlap: each interval ends where the next begins.
    expect(history.body.items[1].endsAt).toBe(history.body.items[0].startsAt);
    expect(history.body.items[2].endsAt).toBe(history.body.items[1].startsAt);

    const lieutenants = await currentLieutenants(db, [neighborhood.id]);
    expect(lieutenants.get(neighborhood.id)).toEqual({
      personnelId: c.id,
      name: c.name,
      title: c.title,
      phone: c.phone,
      email: c.email,
    });
    const earlier = await currentLieutenants(db, [neighborhood.id], new Date(ago(15)));
    expect(earlier.get(neighborhood.id)?.personnelId).toBe(b.id);

    const { rows } = await t.database.pool!.query(
      "select actor_id, before, after from audit_log where entity_id = $1 and action = 'assignment.lieutenant_reassigned' order by id",
      [neighborhood.id],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].actor_id).toBe(users.supervisor.id);
    expect(rows[0].before.personnelId).toBe(a.id);
    expect(rows[0].after.startedAssignment.personnelId).toBe(b.id);
  });

  it('paginates the history with a cursor', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const people = [await insertPerson(db), await insertPerson(db), await insertPerson(db)];
    await addAssignment(neighborhood.id, { personnelId: people[0]!.id, startsAt: ago(30) }).expect(201);
    await reassign(neighborhood.id, { personnelId: people[1]!.id, effectiveAt: ago(20) }).expect(201);
    await reassign(neighborhood.id, { personnelId: people[2]!.id, effectiveAt: ago(10) }).expect(201);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http
        .get(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(users.staff))
        .expect(200);
      seen.push(...page.body.items.map((x: { personnelId: string }) => x.personnelId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([people[2]!.id, people[1]!.id, people[0]!.id]);
    await t.http
      .get('/api/v1/neighborhoods/00000000-0000-4000-8000-000000000000/assignments')
      .set(bearer(users.staff))
      .expect(404);
  });

  it('schedules a future reassignment, which takes effect at its time with nothing running', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [outgoing, incoming] = [await insertPerson(db), await insertPerson(db)];
    await addAssignment(neighborhood.id, { personnelId: outgoing.id, startsAt: ago(30) }).expect(201);
    const effectiveAt = new Date(Date.now() + 2_000).toISOString();
    const scheduled = await reassign(neighborhood.id, { personnelId: incoming.id, effectiveAt }).expect(201);
    expect(scheduled.body).toMatchObject({
      scheduled: true,
      ended: { personnelId: outgoing.id, endsAt: effectiveAt, status: 'current' },
      started: { personnelId: incoming.id, startsAt: effectiveAt, status: 'scheduled' },
    });
    expect(await lieutenantAt(neighborhood.id)).toBe(outgoing.id);
    expect(await lieutenantAt(neighborhood.id, ahead(1))).toBe(incoming.id);

    // Wait past effectiveAt and ask again about "now".
    const deadline = Date.now() + 10_000;
    let current = await lieutenantAt(neighborhood.id);
    while (current !== incoming.id && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      current = await lieutenantAt(neighborhood.id);
    }
    expect(current).toBe(incoming.id);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(effectiveAt));
    expect((await currentLieutenants(db, [neighborhood.id])).get(neighborhood.id)?.personnelId).toBe(
      incoming.id,
    );
  });

  it('refuses a change at the same instant, over a scheduled change, to the sitting lieutenant, or into ended history', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [a, b, c] = [await insertPerson(db), await insertPerson(db), await insertPerson(db)];
    await addAssignment(neighborhood.id, { personnelId: a.id, startsAt: ago(30) }).expect(201);

    const sitting = await reassign(neighborhood.id, { personnelId: a.id }).expect(409);
    expect(sitting.body.detail).toContain('already the coordination lieutenant');

    const future = ahead(7);
    const planned = await reassign(neighborhood.id, { personnelId: b.id, effectiveAt: future }).expect(201);
    const sameInstant = await reassign(neighborhood.id, { personnelId: c.id, effectiveAt: future }).expect(
      409,
    );
    expect(sameInstant.body.conflictingAssignment.id).toBe(planned.body.started.id);
    const overScheduled = await reassign(neighborhood.id, {
      personnelId: c.id,
      effectiveAt: ahead(3),
    }).expect(409);
    expect(overScheduled.body.conflictingAssignment).toMatchObject({
      id: planned.body.started.id,
      personName: b.name,
      startsAt: future,
      endsAt: null,
    });
    // A later change after the scheduled one is fine: it ends the scheduled interval.
    await reassign(neighborhood.id, { personnelId: c.id, effectiveAt: ahead(10) }).expect(201);

    const other = await insertNeighborhood(db);
    await addAssignment(other.id, { personnelId: a.id, startsAt: ago(30), endsAt: ago(10) }).expect(201);
    const intoHistory = await reassign(other.id, { personnelId: b.id, effectiveAt: ago(20) }).expect(409);
    expect(intoHistory.body.detail).toContain('correction');
    // After the ended interval nobody serves: starting there is not a rewrite.
    await reassign(other.id, { personnelId: b.id, effectiveAt: ago(5) }).expect(201);
  });

  it('schedules the transfer of open work with a future effectiveAt, moving nothing yet', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [a, b] = [await insertPerson(db), await insertPerson(db)];
    await addAssignment(neighborhood.id, { personnelId: a.id, startsAt: ago(30) }).expect(201);
    const scheduled = await reassign(neighborhood.id, {
      personnelId: b.id,
      effectiveAt: ahead(3),
      transferOpenWork: true,
    }).expect(201);
    expect(scheduled.body).toMatchObject({ scheduled: true, transferred: { total: 0 } });
    expect(scheduled.body.scheduledTransfer.dueAt).toBe(scheduled.body.started.startsAt);
    expect(await lieutenantAt(neighborhood.id, ahead(2))).toBe(a.id);
    expect(await lieutenantAt(neighborhood.id, ahead(4))).toBe(b.id);
  });
});

describe('corrections', () => {
  it('supersedes a record with a new one and keeps the original for the record', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [wrong, right, other] = [await insertPerson(db), await insertPerson(db), await insertPerson(db)];
    const original = await addAssignment(neighborhood.id, {
      personnelId: wrong.id,
      startsAt: ago(30),
      endsAt: ago(10),
    }).expect(201);

    const corrected = await t.http
      .post(`/api/v1/assignments/${original.body.id}/corrections`)
      .set(bearer(users.supervisor))
      .send({ personnelId: right.id, reason: 'Entered the wrong lieutenant' })
      .expect(201);
    expect(corrected.body.superseded).toMatchObject({
      id: original.body.id,
      personnelId: wrong.id,
      status: 'superseded',
      supersededBy: corrected.body.correction.id,
    });
    expect(corrected.body.correction).toMatchObject({
      personnelId: right.id,
      startsAt: original.body.startsAt,
      endsAt: original.body.endsAt,
      reason: 'Entered the wrong lieutenant',
      status: 'ended',
    });
    expect(await lieutenantAt(neighborhood.id, ago(20))).toBe(right.id);

    const history = await t.http
      .get(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(bearer(users.staff))
      .expect(200);
    expect(history.body.items).toHaveLength(2);

    await t.http
      .post(`/api/v1/assignments/${original.body.id}/corrections`)
      .set(bearer(users.supervisor))
      .send({ reason: 'Again' })
      .expect(409);

    // A correction may not create an overlap either.
    await addAssignment(neighborhood.id, { personnelId: other.id, startsAt: ago(10) }).expect(201);
    const overlapping = await t.http
      .post(`/api/v1/assignments/${corrected.body.correction.id}/corrections`)
      .set(bearer(users.supervisor))
      .send({ endsAt: ago(5), reason: 'Stayed longer' })
      .expect(409);
    expect(overlapping.body.conflictingAssignment.personnelId).toBe(other.id);
    const backwards = await t.http
      .post(`/api/v1/assignments/${corrected.body.correction.id}/corrections`)
      .set(bearer(users.supervisor))
      .send({ endsAt: ago(40), reason: 'Typo' })
      .expect(400);
    expect(backwards.body.errors[0].path).toBe('endsAt');
    await t.http
      .post('/api/v1/assignments/00000000-0000-4000-8000-000000000000/corrections')
      .set(bearer(users.supervisor))
      .send({ reason: 'Nothing there' })
      .expect(404);
  });
});

describe('the record of who was responsible', () => {
  it('is kept by the database: an ended interval cannot be edited, nothing can be deleted', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const person = await insertPerson(db);
    const ended = await addAssignment(neighborhood.id, {
      personnelId: person.id,
      startsAt: ago(30),
      endsAt: ago(10),
    }).expect(201);
    const open = await addAssignment(neighborhood.id, { personnelId: person.id, startsAt: ago(5) }).expect(
      201,
    );
    const pool = t.database.pool!;
    await expect(
      pool.query('update assignments set ends_at = now() where id = $1', [ended.body.id]),
    ).rejects.toThrow(/ended interval cannot be changed/);
    await expect(
      pool.query("update assignments set starts_at = starts_at - interval '1 day' where id = $1", [
        open.body.id,
      ]),
    ).rejects.toThrow(/only ends_at and superseded_by may change/);
    await expect(pool.query('delete from assignments where id = $1', [ended.body.id])).rejects.toThrow(
      /delete is not allowed/,
    );
    // Ending an interval that has not ended yet is how a reassignment works.
    await pool.query("update assignments set ends_at = now() + interval '1 day' where id = $1", [
      open.body.id,
    ]);
  });

  it('answers ?at= with every role in force and flags lieutenant coverage gaps within 14 days', async () => {
    const db = t.database.db;
    const uncovered = await insertNeighborhood(db);
    const endingSoon = await insertNeighborhood(db);
    const covered = await insertNeighborhood(db);
    const [a, b, nro] = [
      await insertPerson(db),
      await insertPerson(db),
      await insertPerson(db, { kind: 'nro' }),
    ];
    const endsAt = ahead(5);
    await addAssignment(endingSoon.id, { personnelId: a.id, startsAt: ago(10), endsAt }).expect(201);
    const handover = ahead(3);
    await addAssignment(covered.id, { personnelId: b.id, startsAt: ago(10), endsAt: handover }).expect(201);
    await addAssignment(covered.id, { personnelId: a.id, startsAt: handover }).expect(201);
    await addAssignment(covered.id, { personnelId: nro.id, role: 'nro', startsAt: ago(10) }).expect(201);

    const now = await t.http.get('/api/v1/assignments').set(bearer(users.lieutenant)).expect(200);
    const gaps = now.body.coverageGaps as Array<{
      neighborhoodId: string;
      from: string;
      until: string | null;
    }>;
    expect(gaps.find((g) => g.neighborhoodId === uncovered.id)).toMatchObject({ until: null });
    expect(gaps.find((g) => g.neighborhoodId === endingSoon.id)).toMatchObject({ from: endsAt, until: null });
    expect(gaps.find((g) => g.neighborhoodId === covered.id)).toBeUndefined();

    const atCovered = await t.http
      .get('/api/v1/assignments')
      .query({ neighborhoodId: covered.id })
      .set(bearer(users.staff))
      .expect(200);
    expect(
      atCovered.body.items.map((x: { role: string; personnelId: string }) => [x.role, x.personnelId]).sort(),
    ).toEqual([
      ['coordination_lieutenant', b.id],
      ['nro', nro.id],
    ]);
    expect(atCovered.body.items[0].neighborhood).toEqual({ code: covered.code, name: covered.name });
    expect(atCovered.body.coverageGaps).toEqual([]);
    await t.http
      .get('/api/v1/assignments')
      .query({ at: 'last tuesday' })
      .set(bearer(users.staff))
      .expect(400);
  });
});

describe('who recorded it', () => {
  it('names the user who recorded each assignment in every reply, and nobody for system records', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const [first, second] = [await insertPerson(db), await insertPerson(db)];
    await addAssignment(neighborhood.id, { personnelId: first.id, startsAt: ago(30) }, users.admin).expect(
      201,
    );
    const reassigned = await reassign(neighborhood.id, { personnelId: second.id }).expect(201);
    expect(reassigned.body.ended).toMatchObject({ personnelId: first.id, createdByName: 'Test admin' });
    expect(reassigned.body.started).toMatchObject({
      personnelId: second.id,
      createdBy: users.supervisor.id,
      createdByName: 'Test supervisor',
    });
    const history = await t.http
      .get(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(bearer(users.staff))
      .expect(200);
    expect(
      history.body.items.map((item: { personnelId: string; createdByName: string | null }) => [
        item.personnelId,
        item.createdByName,
      ]),
    ).toEqual([
      [second.id, 'Test supervisor'],
      [first.id, 'Test admin'],
    ]);
    const now = await t.http
      .get('/api/v1/assignments')
      .query({ neighborhoodId: neighborhood.id })
      .set(bearer(users.analyst))
      .expect(200);
    expect(now.body.items).toMatchObject([{ personnelId: second.id, createdByName: 'Test supervisor' }]);

    const correction = await t.http
      .post(`/api/v1/assignments/${reassigned.body.started.id}/corrections`)
      .set(bearer(users.admin))
      .send({ reason: 'Entered the wrong lieutenant', personnelId: (await insertPerson(db)).id })
      .expect(201);
    expect(correction.body.superseded.createdByName).toBe('Test supervisor');
    expect(correction.body.correction.createdByName).toBe('Test admin');

    // Records written without a user (demo data, system jobs) name nobody.
    const seeded = await insertNeighborhood(db);
    const seededPerson = await insertPerson(db);
    await db.insert(assignments).values({
      neighborhoodId: seeded.id,
      personnelId: seededPerson.id,
      role: 'coordination_lieutenant',
      startsAt: new Date(ago(3)),
      reason: 'Demo data',
      createdBy: null,
    });
    const seededHistory = await t.http
      .get(`/api/v1/neighborhoods/${seeded.id}/assignments`)
      .set(bearer(users.staff))
      .expect(200);
    expect(seededHistory.body.items).toMatchObject([{ createdBy: null, createdByName: null }]);
  });
});

describe('Idempotency-Key', () => {
  it('replays a retry on the same neighborhood, and never replays it for another neighborhood', async () => {
    const db = t.database.db;
    const [north, south] = [await insertNeighborhood(db), await insertNeighborhood(db)];
    const person = await insertPerson(db);
    const key = `assign-${Date.now()}-${Math.random()}`;
    const body = { personnelId: person.id, role: 'nro', startsAt: ago(1), reason: 'Same body twice' };
    const post = (neighborhoodId: string) =>
      t.http
        .post(`/api/v1/neighborhoods/${neighborhoodId}/assignments`)
        .set(bearer(users.supervisor))
        .set('Idempotency-Key', key)
        .send(body);

    const first = await post(north.id).expect(201);
    const retry = await post(north.id).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);

    // Same key, same body, another path: another request, so it is refused instead of answered with
    // the first neighborhood's assignment, and nothing is written for the second neighborhood.
    const elsewhere = await post(south.id).expect(409);
    expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();
    expect(elsewhere.body.reason).toBe('idempotency_key_reused');
    const southHistory = await t.http
      .get(`/api/v1/neighborhoods/${south.id}/assignments`)
      .set(bearer(users.supervisor))
      .expect(200);
    expect(southHistory.body.items).toEqual([]);
    // With its own key the second neighborhood gets its own assignment.
    const own = await t.http
      .post(`/api/v1/neighborhoods/${south.id}/assignments`)
      .set(bearer(users.supervisor))
      .set('Idempotency-Key', `${key}-south`)
      .send(body)
      .expect(201);
    expect(own.body).toMatchObject({ neighborhoodId: south.id });
    expect(own.body.id).not.toBe(first.body.id);
  });
});

describe('who may change assignments', () => {
  for (const role of ['staff', 'lieutenant', 'analyst'] as const) {
    it(`refuses ${role} with 403 on every assignment-changing route, and changes nothing`, async () => {
      const db = t.database.db;
      const neighborhood = await insertNeighborhood(db);
      const [a, b] = [await insertPerson(db), await insertPerson(db)];
      const existing = await addAssignment(neighborhood.id, { personnelId: a.id, startsAt: ago(10) }).expect(
        201,
      );
      const attempts = [
        addAssignment(neighborhood.id, { personnelId: b.id, role: 'nro', startsAt: ago(1) }, users[role]),
        reassign(neighborhood.id, { personnelId: b.id, transferOpenWork: true }, users[role]),
        t.http
          .post(`/api/v1/assignments/${existing.body.id}/corrections`)
          .set(bearer(users[role]))
          .send({ personnelId: b.id, reason: 'Mine now' }),
      ];
      for (const reply of await Promise.all(attempts)) expect(reply.status).toBe(403);
      const history = await t.http
        .get(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
        .set(bearer(users[role]))
        .expect(200);
      expect(history.body.items).toHaveLength(1);
    });
  }

  it('lets an admin change assignments and refuses anonymous callers with 401', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const person = await insertPerson(db);
    await reassign(neighborhood.id, { personnelId: person.id }, users.admin).expect(201);
    await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
      .send({ personnelId: person.id, reason: 'x' })
      .expect(401);
    await t.http.get('/api/v1/assignments').expect(401);
  });
});
