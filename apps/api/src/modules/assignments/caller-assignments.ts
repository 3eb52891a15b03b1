import type { AssignmentRole } from '@nsp/contracts';
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assignments, personnel } from '../../db/schema/index.ts';

/**
 * What a signed-in user is assigned to right now, through the personnel record linked to their
 * login: "my neighborhood" for a lieutenant's scope checks, "my work" for an officer. Every module
 * that scopes by the caller's neighborhood asks here, so the rule is the same everywhere.
 */
export interface CallerAssignments {
  /** The personnel record linked to the login, or null when there is none. */
  personnelId: string | null;
  /** Neighborhoods where the caller is the coordination lieutenant at that instant. */
  ledNeighborhoodIds: string[];
  /** Every neighborhood and role the caller holds at that instant. */
  roles: Array<{ neighborhoodId: string; role: AssignmentRole }>;
}

export async function callerAssignments(
  executor: Executor,
  userId: string,
  at: Date = new Date(),
): Promise<CallerAssignments> {
  const [person] = await executor
    .select({ id: personnel.id })
    .from(personnel)
    .where(eq(personnel.userId, userId))
    .limit(1);
  if (!person) return { personnelId: null, ledNeighborhoodIds: [], roles: [] };
  const rows = await executor
    .select({ neighborhoodId: assignments.neighborhoodId, role: assignments.role })
    .from(assignments)
    .where(
      and(
        eq(assignments.personnelId, person.id),
        isNull(assignments.supersededBy),
        lte(assignments.startsAt, at),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, at)),
      ),
    );
  return {
    personnelId: person.id,
    ledNeighborhoodIds: rows
      .filter((row) => row.role === 'coordination_lieutenant')
      .map((row) => row.neighborhoodId),
    roles: rows,
  };
}
