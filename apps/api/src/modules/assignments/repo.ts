import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assignments, neighborhoods, personnel, users } from '../../db/schema/index.ts';

export type AssignmentRecord = typeof assignments.$inferSelect;
export type AssignmentInsert = typeof assignments.$inferInsert;
export type AssignmentRole = AssignmentRecord['role'];

/** An assignment with the person it names and who recorded it, which is how every reply shows it. */
export const assignmentWithPerson = {
  assignment: assignments,
  person: {
    name: personnel.name,
    title: personnel.title,
    badgeNumber: personnel.badgeNumber,
    kind: personnel.kind,
  },
  createdByName: users.name,
};
export interface AssignmentWithPerson {
  assignment: AssignmentRecord;
  person: {
    name: string;
    title: string;
    badgeNumber: string | null;
    kind: (typeof personnel.$inferSelect)['kind'];
  };
  /** The name of the user who recorded it (null for system and demo records). */
  createdByName: string | null;
}

/** Records that count: corrections replace the record they supersede. */
const inForce = isNull(assignments.supersededBy);
const lieutenantIntervals = and(eq(assignments.role, 'coordination_lieutenant'), inForce);
/** [startsAt, endsAt) contains the instant. */
const covers = (at: Date) =>
  and(lte(assignments.startsAt, at), or(isNull(assignments.endsAt), gt(assignments.endsAt, at)));

export interface NeighborhoodLock {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'retired';
}

/**
 * Locks the neighborhood row for the rest of the transaction. Every change to a neighborhood's
 * assignments takes this lock first, so concurrent reassignments queue and each one re-reads the
 * history the previous one left; the exclusion constraint stays as the last line of defence.
 */
export async function lockNeighborhood(
  executor: Executor,
  neighborhoodId: string,
): Promise<NeighborhoodLock | undefined> {
  const [row] = await executor
    .select({
      id: neighborhoods.id,
      code: neighborhoods.code,
      name: neighborhoods.name,
      status: neighborhoods.status,
    })
    .from(neighborhoods)
    .where(eq(neighborhoods.id, neighborhoodId))
    .limit(1)
    .for('update');
  return row;
}

export async function neighborhoodExists(executor: Executor, neighborhoodId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: neighborhoods.id })
    .from(neighborhoods)
    .where(eq(neighborhoods.id, neighborhoodId))
    .limit(1);
  return row !== undefined;
}

export async function findAssignment(
  executor: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AssignmentWithPerson | undefined> {
  const query = executor
    .select(assignmentWithPerson)
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .where(eq(assignments.id, id))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: assignments }) : await query;
  return row;
}

/** The lieutenant interval in force at an instant, if any. */
export async function findLieutenantCovering(
  executor: Executor,
  neighborhoodId: string,
  at: Date,
): Promise<AssignmentWithPerson | undefined> {
  const [row] = await executor
    .select(assignmentWithPerson)
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .where(and(eq(assignments.neighborhoodId, neighborhoodId), lieutenantIntervals, covers(at)))
    .limit(1);
  return row;
}

/** The earliest lieutenant interval starting after an instant (a scheduled change). */
export async function findNextLieutenantAfter(
  executor: Executor,
  neighborhoodId: string,
  at: Date,
): Promise<AssignmentWithPerson | undefined> {
  const [row] = await executor
    .select(assignmentWithPerson)
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .where(
      and(eq(assignments.neighborhoodId, neighborhoodId), lieutenantIntervals, gt(assignments.startsAt, at)),
    )
    .orderBy(asc(assignments.startsAt))
    .limit(1);
  return row;
}

/** The lieutenant intervals in force that overlap [startsAt, endsAt), for naming a conflict. */
export async function findOverlappingLieutenants(
  executor: Executor,
  neighborhoodId: string,
  startsAt: Date,
  endsAt: Date | null,
  excludeId?: string,
): Promise<AssignmentWithPerson[]> {
  return executor
    .select(assignmentWithPerson)
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .where(
      and(
        eq(assignments.neighborhoodId, neighborhoodId),
        lieutenantIntervals,
        excludeId ? ne(assignments.id, excludeId) : undefined,
        or(isNull(assignments.endsAt), gt(assignments.endsAt, startsAt)),
        endsAt ? lt(assignments.startsAt, endsAt) : undefined,
      ),
    )
    .orderBy(asc(assignments.startsAt));
}

export async function insertAssignment(
  executor: Executor,
  values: AssignmentInsert,
): Promise<AssignmentRecord> {
  const [row] = await executor.insert(assignments).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function setAssignmentEnd(
  executor: Executor,
  id: string,
  endsAt: Date,
): Promise<AssignmentRecord> {
  const [row] = await executor.update(assignments).set({ endsAt }).where(eq(assignments.id, id)).returning();
  if (!row) throw new Error(`assignment ${id} vanished under a lock`);
  return row;
}

export async function markSuperseded(
  executor: Executor,
  id: string,
  supersededBy: string,
): Promise<AssignmentRecord> {
  const [row] = await executor
    .update(assignments)
    .set({ supersededBy })
    .where(eq(assignments.id, id))
    .returning();
  if (!row) throw new Error(`assignment ${id} vanished under a lock`);
  return row;
}

export async function findHistory(
  executor: Executor,
  filter: {
    neighborhoodId: string;
    role?: AssignmentRole | undefined;
    after?: { startsAt: Date; id: string } | null;
    limit: number;
  },
): Promise<AssignmentWithPerson[]> {
  const conditions: (SQL | undefined)[] = [eq(assignments.neighborhoodId, filter.neighborhoodId)];
  if (filter.role) conditions.push(eq(assignments.role, filter.role));
  if (filter.after) {
    conditions.push(
      or(
        lt(assignments.startsAt, filter.after.startsAt),
        and(eq(assignments.startsAt, filter.after.startsAt), lt(assignments.id, filter.after.id)),
      ),
    );
  }
  return executor
    .select(assignmentWithPerson)
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .where(and(...conditions))
    .orderBy(desc(assignments.startsAt), desc(assignments.id))
    .limit(filter.limit);
}

export async function findInForceAt(
  executor: Executor,
  filter: {
    at: Date;
    neighborhoodId?: string | undefined;
    role?: AssignmentRole | undefined;
    after?: { code: string; role: string; id: string } | null;
    limit: number;
  },
) {
  const conditions: (SQL | undefined)[] = [inForce, covers(filter.at)];
  if (filter.neighborhoodId) conditions.push(eq(assignments.neighborhoodId, filter.neighborhoodId));
  if (filter.role) conditions.push(eq(assignments.role, filter.role));
  if (filter.after) {
    const { code, role, id } = filter.after;
    conditions.push(
      sql`(${neighborhoods.code}, ${assignments.role}, ${assignments.id}) > (${code}, ${role}, ${id}::uuid)`,
    );
  }
  return executor
    .select({ ...assignmentWithPerson, neighborhood: { code: neighborhoods.code, name: neighborhoods.name } })
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .leftJoin(users, eq(users.id, assignments.createdBy))
    .innerJoin(neighborhoods, eq(neighborhoods.id, assignments.neighborhoodId))
    .where(and(...conditions))
    .orderBy(asc(neighborhoods.code), asc(assignments.role), asc(assignments.id))
    .limit(filter.limit);
}

/** Active neighborhoods with the lieutenant intervals in force that overlap a window. */
export async function findLieutenantCoverage(executor: Executor, window: { from: Date; until: Date }) {
  const active = await executor
    .select({ id: neighborhoods.id, code: neighborhoods.code, name: neighborhoods.name })
    .from(neighborhoods)
    .where(eq(neighborhoods.status, 'active'))
    .orderBy(asc(neighborhoods.code));
  if (active.length === 0) return [];
  const intervals = await executor
    .select({
      neighborhoodId: assignments.neighborhoodId,
      startsAt: assignments.startsAt,
      endsAt: assignments.endsAt,
    })
    .from(assignments)
    .where(
      and(
        inArray(
          assignments.neighborhoodId,
          active.map((n) => n.id),
        ),
        lieutenantIntervals,
        lt(assignments.startsAt, window.until),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, window.from)),
      ),
    )
    .orderBy(asc(assignments.startsAt));
  return active.map((neighborhood) => ({
    ...neighborhood,
    intervals: intervals.filter((interval) => interval.neighborhoodId === neighborhood.id),
  }));
}
