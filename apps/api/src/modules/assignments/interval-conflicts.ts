import type { Executor, Transaction } from '../../db/client.ts';
import { ConflictError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { sqlStateOf, sqlStates } from '../../lib/sql-state.ts';
import { type AssignmentWithPerson, findOverlappingLieutenants } from './repo.ts';

/** The `conflictingAssignment` member of a 409: enough to find and show the interval in the way. */
export function describeConflict({ assignment, person }: AssignmentWithPerson) {
  return {
    id: assignment.id,
    personnelId: assignment.personnelId,
    personName: person.name,
    startsAt: iso(assignment.startsAt),
    endsAt: iso(assignment.endsAt),
  };
}

export function intervalText(startsAt: Date, endsAt: Date | null): string {
  return `from ${iso(startsAt)} ${endsAt ? `until ${iso(endsAt)}` : 'with no end date'}`;
}

export function overlapConflict(conflicting: AssignmentWithPerson, detail?: string): ConflictError {
  const { assignment, person } = conflicting;
  return new ConflictError(
    detail ??
      `The neighborhood already has a coordination lieutenant then: ${person.name} ${intervalText(assignment.startsAt, assignment.endsAt)} (assignment ${assignment.id}).`,
    { conflictingAssignment: describeConflict(conflicting) },
  );
}

/**
 * Runs a write inside a savepoint and turns a violation of `assignments_one_lieutenant_at_a_time`
 * into a 409 naming the interval in the way. The savepoint matters: after a failed statement
 * PostgreSQL refuses further queries in the transaction, and we still need to look the conflict up.
 * The history trigger's refusal (an ended interval cannot change) becomes a 409 as well.
 */
export async function withIntervalGuard<T>(
  tx: Transaction,
  interval: { neighborhoodId: string; startsAt: Date; endsAt: Date | null; excludeId?: string },
  write: (savepoint: Executor) => Promise<T>,
): Promise<T> {
  try {
    return await tx.transaction((savepoint) => write(savepoint));
  } catch (error) {
    const state = sqlStateOf(error);
    if (state?.code === sqlStates.exclusionViolation) {
      const [conflicting] = await findOverlappingLieutenants(
        tx,
        interval.neighborhoodId,
        interval.startsAt,
        interval.endsAt,
        interval.excludeId,
      );
      if (conflicting) throw overlapConflict(conflicting);
      throw new ConflictError(
        'The interval overlaps another coordination lieutenant interval in this neighborhood.',
      );
    }
    if (state?.code === sqlStates.insufficientPrivilege)
      throw new ConflictError(
        'Assignment history cannot be rewritten: an ended interval is never edited. Record a correction instead.',
      );
    throw error;
  }
}
