import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertAssignment,
  insertNeighborhood,
  insertPerson,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Issue #9, bug 11: deactivating a person left their assignments running. Decision: refuse with 409
 * naming every assignment still in force (now or scheduled); the supervisor reassigns a lieutenant
 * (with the open-work transfer) or corrects other assignments with an end, then deactivates.
 */
let t: TestApp;
let users: Users;
beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
});
afterAll(async () => {
  await t.close();
});

const deactivate = (id: string) =>
  t.http.patch(`/api/v1/personnel/${id}`).set(bearer(users.supervisor)).send({ active: false });

describe('deactivating a person', () => {
  it('is refused with 409 listing the assignments still in force, and goes through once they are ended', async () => {
    const db = t.database.db;
    const north = await insertNeighborhood(db);
    const south = await insertNeighborhood(db);
    const officer = await insertPerson(db, { kind: 'nro', title: 'NRO' });
    await insertAssignment(db, { neighborhoodId: north.id, personnelId: officer.id, role: 'nro' });
    await insertAssignment(db, {
      neighborhoodId: south.id,
      personnelId: officer.id,
      role: 'officer',
      startsAt: new Date(Date.now() + 7 * 86_400_000),
    });

    const refused = await deactivate(officer.id).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.assignments).toHaveLength(2);
    expect(refused.body.assignments.map((a: { role: string }) => a.role).sort()).toEqual(['nro', 'officer']);
    expect(refused.body.detail).toMatch(/corrections/);
    const still = await t.http
      .get(`/api/v1/personnel/${officer.id}`)
      .set(bearer(users.supervisor))
      .expect(200);
    expect(still.body.active).toBe(true);
  });

  it('goes through once the assignment in force was ended by a correction', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const cso = await insertPerson(db, { kind: 'cso', title: 'CSO' });
    await insertAssignment(db, { neighborhoodId: neighborhood.id, personnelId: cso.id, role: 'cso' });
    const refused = await deactivate(cso.id).expect(409);
    const [assignment] = refused.body.assignments as Array<{ id: string }>;
    await t.http
      .post(`/api/v1/assignments/${assignment!.id}/corrections`)
      .set(bearer(users.supervisor))
      .send({ endsAt: new Date(Date.now() + 500).toISOString(), reason: 'Leaving the department' })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await deactivate(cso.id).expect(200);
  });

  it('of a coordination lieutenant is refused until someone else leads the neighborhood', async () => {
    const db = t.database.db;
    const neighborhood = await insertNeighborhood(db);
    const lieutenant = await insertPerson(db);
    await insertAssignment(db, { neighborhoodId: neighborhood.id, personnelId: lieutenant.id });
    const refused = await deactivate(lieutenant.id).expect(409);
    expect(refused.body.assignments[0]).toMatchObject({
      role: 'coordination_lieutenant',
      neighborhoodId: neighborhood.id,
    });
    expect(refused.body.detail).toMatch(/lieutenant/);

    const successor = await insertPerson(db);
    await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
      .set(bearer(users.supervisor))
      .send({
        personnelId: successor.id,
        effectiveAt: new Date().toISOString(),
        reason: 'Retirement',
        transferOpenWork: true,
      })
      .expect(201);
    await deactivate(lieutenant.id).expect(200);
  });

  it('of someone without assignments goes straight through', async () => {
    const clerk = await insertPerson(t.database.db, { kind: 'civilian', title: 'Clerk' });
    await deactivate(clerk.id).expect(200);
  });
});
