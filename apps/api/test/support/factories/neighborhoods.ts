import { expect } from 'vitest';
import type { Executor } from '../../../src/db/client.ts';
import { neighborhoods } from '../../../src/db/schema/index.ts';
import { bearer, type TestApp, type TestUser } from '../test-app.ts';
import { polygon, square } from './geography.ts';
import { createPerson } from './personnel.ts';
import { uniqueUpper } from './unique.ts';

/** A neighborhood row without a boundary, written straight into the table. */
export async function insertNeighborhood(
  db: Executor,
  overrides: { name?: string; status?: 'active' | 'retired' } = {},
): Promise<typeof neighborhoods.$inferSelect> {
  const code = `T${uniqueUpper()}`;
  const [row] = await db
    .insert(neighborhoods)
    .values({
      code,
      name: overrides.name ?? `Test Neighborhood ${code}`,
      status: overrides.status ?? 'active',
    })
    .returning();
  return row!;
}

export interface TestNeighborhood {
  id: string;
  code: string;
  name: string;
  lieutenant: { id: string; name: string } | null;
  /** A point well inside the boundary. */
  center: { lat: number; lon: number };
}

/**
 * A neighborhood created through the API: a 0.02° square boundary with its south-west corner at `corner`
 * and, unless told otherwise, a current coordination lieutenant.
 */
export async function createNeighborhood(
  t: TestApp,
  admin: TestUser,
  corner: { lat: number; lon: number },
  options: { withLieutenant?: boolean } = {},
): Promise<TestNeighborhood> {
  const code = `N${uniqueUpper()}`;
  const created = await t.http
    .post('/api/v1/neighborhoods')
    .set(bearer(admin))
    .send({ code, name: `Neighborhood ${code}`, boundary: polygon(square(corner.lon, corner.lat, 0.02)) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const neighborhood: TestNeighborhood = {
    id: created.body.id,
    code,
    name: created.body.name,
    lieutenant: null,
    center: { lat: corner.lat + 0.01, lon: corner.lon + 0.01 },
  };
  if (options.withLieutenant !== false) {
    const person = await createPerson(t, admin, { kind: 'lieutenant', title: 'Lieutenant' });
    const assigned = await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(bearer(admin))
      .send({
        personnelId: person.id,
        role: 'coordination_lieutenant',
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
        reason: 'Test set-up',
      });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    neighborhood.lieutenant = { id: person.id, name: person.name };
  }
  return neighborhood;
}
