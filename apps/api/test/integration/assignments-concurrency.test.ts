import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNeighborhood, insertPerson } from '../support/staffing-factories.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/**
 * Twenty supervisors reassign one neighborhood at the same moment, against real PostgreSQL (the pool
 * has 20 connections, so the requests really run in parallel): exactly one wins, the rest get 409,
 * and the history has no overlap and no gap that nobody asked for.
 */
let t: TestApp;
let supervisor: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  supervisor = await userWithRoles(t, ['supervisor']);
});
afterAll(async () => {
  await t.close();
});

const CONCURRENT = 20;

async function neighborhoodWithLieutenant() {
  const db = t.database.db;
  const neighborhood = await insertNeighborhood(db);
  const outgoing = await insertPerson(db);
  const first = await t.http
    .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
    .set(bearer(supervisor))
    .send({
      personnelId: outgoing.id,
      role: 'coordination_lieutenant',
      startsAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      reason: 'Initial',
    })
    .expect(201);
  const candidates = [];
  for (let i = 0; i < CONCURRENT; i++) candidates.push(await insertPerson(db));
  return { neighborhood, outgoing, first: first.body as { id: string; startsAt: string }, candidates };
}

/** The intervals in force, straight from the database, oldest first. */
async function lieutenantIntervals(neighborhoodId: string) {
  const { rows } = await t.database.pool!.query<{
    personnel_id: string;
    starts_at: Date;
    ends_at: Date | null;
  }>(
    `select personnel_id, starts_at, ends_at from assignments
      where neighborhood_id = $1 and role = 'coordination_lieutenant' and superseded_by is null
      order by starts_at`,
    [neighborhoodId],
  );
  return rows;
}

function expectOneChain(rows: Awaited<ReturnType<typeof lieutenantIntervals>>) {
  for (let i = 1; i < rows.length; i++) {
    // Each interval ends exactly where the next begins: no overlap, no gap.
    expect(rows[i - 1]!.ends_at?.getTime()).toBe(rows[i]!.starts_at.getTime());
  }
  expect(rows.at(-1)!.ends_at).toBeNull();
}

describe('twenty concurrent reassignments of one neighborhood', () => {
  it('with one effectiveAt: exactly one succeeds, nineteen get 409, no overlap and no gap', async () => {
    const { neighborhood, outgoing, first, candidates } = await neighborhoodWithLieutenant();
    const effectiveAt = new Date().toISOString();
    const replies = await Promise.all(
      candidates.map((person) =>
        t.http
          .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
          .set(bearer(supervisor))
          .send({ personnelId: person.id, effectiveAt, reason: 'Race', transferOpenWork: true }),
      ),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(CONCURRENT - 1);
    const winner = replies.find((reply) => reply.status === 201)!.body;
    for (const loser of replies.filter((reply) => reply.status === 409)) {
      expect(loser.body.conflictingAssignment.id).toBe(winner.started.id);
    }

    const rows = await lieutenantIntervals(neighborhood.id);
    expect(rows.map((row) => row.personnel_id)).toEqual([outgoing.id, winner.started.personnelId]);
    expect(rows[0]!.starts_at.toISOString()).toBe(first.startsAt);
    expect(rows[1]!.starts_at.toISOString()).toBe(effectiveAt);
    expectOneChain(rows);
  });

  it('each naming the interval it replaces, at different instants: exactly one succeeds', async () => {
    const { neighborhood, outgoing, first, candidates } = await neighborhoodWithLieutenant();
    const replies = await Promise.all(
      candidates.map((person) =>
        t.http
          .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
          .set(bearer(supervisor))
          // No effectiveAt: each takes effect "now", a slightly different instant per request.
          .send({ personnelId: person.id, replacesAssignmentId: first.id, reason: 'Race' }),
      ),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(CONCURRENT - 1);
    const rows = await lieutenantIntervals(neighborhood.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.personnel_id).toBe(outgoing.id);
    expectOneChain(rows);
  });

  it('without any concurrency token still never overlaps or leaves a gap', async () => {
    const { neighborhood, candidates } = await neighborhoodWithLieutenant();
    const replies = await Promise.all(
      candidates.map((person) =>
        t.http
          .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
          .set(bearer(supervisor))
          .send({ personnelId: person.id, reason: 'Race' }),
      ),
    );
    const statuses = replies.map((reply) => reply.status);
    // Requests that were in flight while another change committed are refused; every status is one
    // of the two, and whatever got through forms one unbroken chain.
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const successes = statuses.filter((status) => status === 201).length;
    expect(successes).toBeGreaterThanOrEqual(1);
    const rows = await lieutenantIntervals(neighborhood.id);
    expect(rows).toHaveLength(1 + successes);
    expectOneChain(rows);
  });

  it('refuses a reassignment whose replacesAssignmentId is no longer the interval in force', async () => {
    const { neighborhood, first, candidates } = await neighborhoodWithLieutenant();
    const done = await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
      .set(bearer(supervisor))
      .send({ personnelId: candidates[0]!.id, replacesAssignmentId: first.id, reason: 'First' })
      .expect(201);
    const stale = await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
      .set(bearer(supervisor))
      .send({ personnelId: candidates[1]!.id, replacesAssignmentId: first.id, reason: 'Second' })
      .expect(409);
    expect(stale.body.conflictingAssignment).toMatchObject({
      id: done.body.started.id,
      personnelId: candidates[0]!.id,
    });
  });
});
