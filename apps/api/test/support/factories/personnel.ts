import { expect } from 'vitest';
import type { Executor } from '../../../src/db/client.ts';
import { assignments, personnel } from '../../../src/db/schema/index.ts';
import { bearer, type TestApp, type TestUser } from '../test-app.ts';
import { hoursFromNow, unique } from './unique.ts';

export type PersonRow = typeof personnel.$inferSelect;

/** A lieutenant (unless `overrides` say otherwise) with a unique name, badge and email. */
export async function insertPerson(
  db: Executor,
  overrides: Partial<typeof personnel.$inferInsert> = {},
): Promise<PersonRow> {
  const suffix = unique();
  const [row] = await db
    .insert(personnel)
    .values({
      name: `Lt. Test ${suffix}`,
      title: 'Lieutenant',
      badgeNumber: `B-${suffix}`,
      kind: 'lieutenant',
      email: `lt-${suffix}@police.test`,
      ...overrides,
    })
    .returning();
  return row!;
}

/** An assignment interval written straight into the table: by default a coordination lieutenant since yesterday. */
export async function insertAssignment(
  db: Executor,
  values: { neighborhoodId: string; personnelId: string } & Partial<typeof assignments.$inferInsert>,
): Promise<void> {
  await db.insert(assignments).values({
    role: 'coordination_lieutenant',
    startsAt: hoursFromNow(-24),
    reason: 'Test assignment',
    ...values,
  });
}

/**
 * A person holding the coordination-lieutenant role of a neighborhood since yesterday, with the contact
 * details a locate or listing shows (override them per test).
 */
export async function insertLieutenant(
  db: Executor,
  neighborhoodId: string,
  overrides: Partial<typeof personnel.$inferInsert> = {},
): Promise<PersonRow> {
  const person = await insertPerson(db, {
    name: 'Lt. Ana Ortiz',
    phone: '860-555-0142',
    email: 'a.ortiz@pd.example.org',
    ...overrides,
  });
  await insertAssignment(db, { neighborhoodId, personnelId: person.id });
  return person;
}

/** A person created through the API (a community service officer unless told otherwise). */
export async function createPerson(
  t: TestApp,
  admin: TestUser,
  overrides: { kind?: string; title?: string; active?: boolean; name?: string } = {},
): Promise<{ id: string; name: string }> {
  const suffix = unique();
  const reply = await t.http
    .post('/api/v1/personnel')
    .set(bearer(admin))
    .send({
      name: overrides.name ?? `Officer ${suffix}`,
      title: overrides.title ?? 'Community Service Officer',
      badgeNumber: `B${suffix}`,
      kind: overrides.kind ?? 'cso',
      email: `officer-${suffix}@police.test`,
      ...(overrides.active === false ? { active: false } : {}),
    });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { id: reply.body.id, name: reply.body.name };
}
