import { randomUUID } from 'node:crypto';
import type { ReassignmentResult } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { auditView, toAssignmentDto } from './assignment-dto.ts';
import { describeConflict, intervalText, withIntervalGuard } from './interval-conflicts.ts';
import {
  type AssignmentWithPerson,
  findLieutenantCovering,
  findNextLieutenantAfter,
  insertAssignment,
  type NeighborhoodLock,
  setAssignmentEnd,
} from './repo.ts';
import {
  type AssignmentsContext,
  createdByNameOf,
  createdByOf,
  lockActiveNeighborhood,
  personSummary,
  requireAssignablePerson,
} from './service.ts';
import { scheduleWorkTransfer } from './scheduled-transfers.ts';
import { transferOpenServiceRequests } from './transfer-open-work.ts';

/**
 * How far ahead of the server clock an effectiveAt still counts as "now" for transferOpenWork, so a
 * client whose clock runs a little fast is not refused. Beyond it the change is a scheduled one.
 */
export const TRANSFER_CLOCK_TOLERANCE_MS = 2 * 60_000;

export interface ReassignLieutenantInput {
  personnelId: string;
  effectiveAt?: string | undefined;
  replacesAssignmentId?: string | undefined;
  reason: string;
  transferOpenWork: boolean;
}

/** The lieutenant interval in force at an instant and the next one scheduled after it. */
interface LieutenantSituation {
  outgoing: AssignmentWithPerson | undefined;
  later: AssignmentWithPerson | undefined;
}

async function lieutenantSituation(
  executor: Executor,
  neighborhoodId: string,
  at: Date,
): Promise<LieutenantSituation> {
  const outgoing = await findLieutenantCovering(executor, neighborhoodId, at);
  const later = await findNextLieutenantAfter(executor, neighborhoodId, at);
  return { outgoing, later };
}

/**
 * Reassigns a neighborhood's coordination lieutenant in ONE transaction: ends the interval covering
 * effectiveAt at that instant and starts the incoming lieutenant there, open-ended. A future
 * effectiveAt only schedules the change; "current" is always computed from the intervals.
 *
 * Concurrency: a reassignment is meant against the lieutenant the caller saw, so of several
 * simultaneous ones the first to get in wins and the others get 409 instead of silently stacking up.
 * Every assignment change locks the neighborhood row first (concurrent changes queue on it); under
 * the lock the request re-checks that nothing changed while it was in flight (see assertUnchanged).
 * The exclusion constraint is the last line of defence.
 *
 * Open work: with transferOpenWork, the outgoing lieutenant's open service requests in the
 * neighborhood move to the incoming one at once when the change takes effect now or took effect in
 * the past. A scheduled change cannot move work in advance (the outgoing lieutenant still owns it until
 * then): the transfer is recorded and the scheduled-transfers job makes it at effectiveAt
 * (scheduled-transfers.ts).
 */
export async function reassignLieutenant(
  ctx: AssignmentsContext,
  neighborhoodId: string,
  input: ReassignLieutenantInput,
): Promise<ReassignmentResult> {
  const now = new Date();
  const receivedAt = ctx.receivedAt ?? now;
  const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
  const scheduled = effectiveAt > now;
  // A change further ahead than the clock tolerance cannot move work yet: the outgoing lieutenant owns
  // it until then. The transfer is scheduled instead and a background job makes it at effectiveAt.
  const transferLater =
    input.transferOpenWork && effectiveAt.getTime() > now.getTime() + TRANSFER_CLOCK_TOLERANCE_MS;

  // The situation as the request found it, before queueing for the lock.
  const seenBefore = await lieutenantSituation(ctx.db, neighborhoodId, effectiveAt);

  return withTransaction(ctx.db, async (tx) => {
    const neighborhood = await lockActiveNeighborhood(tx, neighborhoodId);
    const incoming = await requireAssignablePerson(tx, input.personnelId);
    const situation = await lieutenantSituation(tx, neighborhoodId, effectiveAt);
    assertUnchanged(neighborhood, situation, {
      seenBefore,
      receivedAt,
      replacesAssignmentId: input.replacesAssignmentId,
    });
    assertReassignable(neighborhood, situation, { effectiveAt, incomingId: incoming.id, now });
    const { outgoing } = situation;

    const movedRequestIds =
      input.transferOpenWork && !transferLater && outgoing
        ? await transferOpenServiceRequests(tx, {
            neighborhoodId,
            fromPersonnelId: outgoing.assignment.personnelId,
            toPersonnelId: incoming.id,
            reason: input.reason,
            actor: ctx.actor,
            actorName: ctx.actorName,
            at: now,
          })
        : [];

    // The interval writes come last, just before commit, stamped with the time they are made: a
    // request that arrived before that stamp was in flight during this change (assertUnchanged).
    const startedId = randomUUID();
    const { ended, started } = await withIntervalGuard(
      tx,
      { neighborhoodId, startsAt: effectiveAt, endsAt: null },
      async (savepoint) => {
        const ended = outgoing
          ? await setAssignmentEnd(savepoint, outgoing.assignment.id, effectiveAt)
          : null;
        const started = await insertAssignment(savepoint, {
          id: startedId,
          neighborhoodId,
          personnelId: incoming.id,
          role: 'coordination_lieutenant',
          startsAt: effectiveAt,
          endsAt: null,
          reason: input.reason,
          createdBy: createdByOf(ctx.actor),
          createdAt: new Date(),
        });
        return { ended, started };
      },
    );

    const scheduledTransfer =
      transferLater && outgoing
        ? await scheduleWorkTransfer(tx, {
            neighborhoodId,
            assignmentId: started.id,
            fromPersonnelId: outgoing.assignment.personnelId,
            toPersonnelId: incoming.id,
            dueAt: effectiveAt,
            reason: input.reason,
            actor: ctx.actor,
            actorName: ctx.actorName,
          })
        : null;

    await recordAudit(tx, ctx.actor, {
      action: 'assignment.lieutenant_reassigned',
      entityType: 'neighborhood',
      entityId: neighborhoodId,
      before: outgoing ? { assignmentId: outgoing.assignment.id, ...auditView(outgoing.assignment) } : null,
      after: {
        endedAssignment: ended ? { id: ended.id, endsAt: iso(ended.endsAt) } : null,
        startedAssignment: { id: started.id, ...auditView(started) },
        scheduled,
        transferOpenWork: input.transferOpenWork,
        transferredServiceRequestIds: movedRequestIds,
        scheduledTransferId: scheduledTransfer?.id ?? null,
      },
    });

    return {
      ended:
        ended && outgoing
          ? toAssignmentDto(
              { assignment: ended, person: outgoing.person, createdByName: outgoing.createdByName },
              now,
            )
          : null,
      started: toAssignmentDto(
        { assignment: started, person: personSummary(incoming), createdByName: createdByNameOf(ctx) },
        now,
      ),
      scheduled,
      transferred: { serviceRequests: movedRequestIds.length, total: movedRequestIds.length },
      scheduledTransfer: scheduledTransfer
        ? { id: scheduledTransfer.id, dueAt: iso(scheduledTransfer.dueAt) }
        : null,
    };
  });
}

/**
 * Refuses (409) a reassignment when the lieutenant situation changed since the caller looked:
 * - `replacesAssignmentId`, when sent, must be the interval in force at effectiveAt. This makes the
 *   guarantee exact whatever effectiveAt each caller sends; the admin app sends it.
 * - the intervals around effectiveAt must be the ones read before queueing for the lock, and none of
 *   them may have been recorded after the request arrived: otherwise another change got in while
 *   this request was in flight.
 */
function assertUnchanged(
  neighborhood: NeighborhoodLock,
  { outgoing, later }: LieutenantSituation,
  check: { seenBefore: LieutenantSituation; receivedAt: Date; replacesAssignmentId: string | undefined },
): void {
  if (check.replacesAssignmentId !== undefined && outgoing?.assignment.id !== check.replacesAssignmentId)
    throw new ConflictError(
      outgoing
        ? `You meant to replace assignment ${check.replacesAssignmentId}, but the lieutenant interval in force then is ${outgoing.person.name}'s (assignment ${outgoing.assignment.id}); review and retry.`
        : `You meant to replace assignment ${check.replacesAssignmentId}, but no lieutenant interval is in force then; review and retry.`,
      outgoing ? { conflictingAssignment: describeConflict(outgoing) } : {},
    );
  const changedWhileInFlight = [outgoing, later].find(
    (interval) => interval !== undefined && interval.assignment.createdAt > check.receivedAt,
  );
  const changedWhileQueued =
    outgoing?.assignment.id !== check.seenBefore.outgoing?.assignment.id ||
    later?.assignment.id !== check.seenBefore.later?.assignment.id;
  if (changedWhileInFlight || changedWhileQueued) {
    const changed = changedWhileInFlight ?? later ?? outgoing;
    throw new ConflictError(
      `The lieutenant of ${neighborhood.code} was changed by another request while this one was in flight; review the current assignment and retry.`,
      changed ? { conflictingAssignment: describeConflict(changed) } : {},
    );
  }
}

/** The rules of the history itself: one change per instant, no rewriting ended or scheduled intervals. */
function assertReassignable(
  neighborhood: NeighborhoodLock,
  { outgoing, later }: LieutenantSituation,
  change: { effectiveAt: Date; incomingId: string; now: Date },
): void {
  const { effectiveAt } = change;
  if (outgoing) {
    const { assignment, person } = outgoing;
    if (assignment.startsAt.getTime() === effectiveAt.getTime())
      throw new ConflictError(
        `A lieutenant change in ${neighborhood.code} already takes effect at ${iso(effectiveAt)}: ${person.name} (assignment ${assignment.id}).`,
        { conflictingAssignment: describeConflict(outgoing) },
      );
    if (assignment.personnelId === change.incomingId)
      throw new ConflictError(
        `${person.name} is already the coordination lieutenant of ${neighborhood.code} at ${iso(effectiveAt)} (${intervalText(assignment.startsAt, assignment.endsAt)}).`,
        { conflictingAssignment: describeConflict(outgoing) },
      );
    if (assignment.endsAt && assignment.endsAt <= change.now)
      throw new ConflictError(
        `The interval covering ${iso(effectiveAt)} (${person.name}, ${intervalText(assignment.startsAt, assignment.endsAt)}) has already ended and is never edited; record a correction of assignment ${assignment.id} instead.`,
        { conflictingAssignment: describeConflict(outgoing) },
      );
  }
  // Starting open-ended over a later scheduled change would silently override it; say so instead.
  if (later)
    throw new ConflictError(
      `A later lieutenant change in ${neighborhood.code} is already scheduled: ${later.person.name} ${intervalText(later.assignment.startsAt, later.assignment.endsAt)} (assignment ${later.assignment.id}). Correct that record instead.`,
      { conflictingAssignment: describeConflict(later) },
    );
}
