import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoStaff } from '../../src/demo/seed-staff.ts';
import { currentLieutenants } from '../../src/modules/assignments/current-lieutenant.ts';
import { systemActor } from '../../src/modules/audit/audit-log.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { insertNeighborhood } from '../support/staffing-factories.ts';
import { bearer, startTestApp, strongPassword, type TestApp, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo staff', () => {
  it('seeds people, links the demo logins, and gives every neighborhood a lieutenant with some history', async () => {
    const db = t.database.db;
    const areas = [];
    for (let i = 0; i < 6; i++) areas.push(await insertNeighborhood(db));
    const logins: Record<string, string> = {};
    for (const [role, email] of [
      ['lieutenant', 'lieutenant@demo.example.org'],
      ['supervisor', 'supervisor@demo.example.org'],
      ['staff', 'staff@demo.example.org'],
    ] as const) {
      const user = await createUser(
        { db, actor: systemActor },
        { email, name: `Demo ${role}`, password: strongPassword(), roles: [role] },
      );
      logins[email] = user.id;
    }

    const counts = await seedDemoStaff(db, { users: logins });
    expect(counts.personnel).toBeGreaterThanOrEqual(15);
    expect(counts.assignments).toBeGreaterThanOrEqual(6 * 3);

    const lieutenants = await currentLieutenants(
      db,
      areas.map((area) => area.id),
    );
    expect(lieutenants.size).toBe(6);
    expect(new Set([...lieutenants.values()].map((l) => l.personnelId)).size).toBe(6);

    const { rows: linked } = await t.database.pool!.query(
      'select p.name, p.kind, u.email from personnel p join users u on u.id = p.user_id order by u.email',
    );
    expect(linked.map((row) => [row.email, row.kind])).toEqual([
      ['lieutenant@demo.example.org', 'lieutenant'],
      ['staff@demo.example.org', 'cso'],
      ['supervisor@demo.example.org', 'sergeant'],
    ]);

    // Through the API: every demo neighborhood covered, and one with a reassignment last year.
    const analyst = await userWithRoles(t, ['analyst']);
    const now = await t.http.get('/api/v1/assignments').set(bearer(analyst)).expect(200);
    expect(now.body.coverageGaps).toEqual([]);
    const histories = await Promise.all(
      areas.map((area) =>
        t.http
          .get(`/api/v1/neighborhoods/${area.id}/assignments`)
          .query({ role: 'coordination_lieutenant' })
          .set(bearer(analyst))
          .expect(200),
      ),
    );
    const reassigned = histories.filter((reply) => reply.body.items.length === 2);
    expect(reassigned).toHaveLength(1);
    const [current, former] = reassigned[0]!.body.items;
    expect(former.endsAt).toBe(current.startsAt);
    expect(new Date(current.startsAt).getUTCFullYear()).toBe(new Date().getUTCFullYear() - 1);

    expect(await seedDemoStaff(db, { users: logins })).toEqual({ personnel: 0, assignments: 0 });
  });
});
