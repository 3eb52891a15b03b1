import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { assignments, scheduledWorkTransfers } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { BackgroundJob } from '../../lib/background-jobs.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import { recordAudit, systemActor } from '../audit/audit-log.ts';
import { transferOpenServiceRequests } from './transfer-open-work.ts';

export interface ScheduledTransferInput {
  neighborhoodId: string;
  assignmentId: string;
  fromPersonnelId: string;
  toPersonnelId: string;
  dueAt: Date;
  reason: string;
  actor: AuditActor;
  actorName: string | null;
}

/** Records that a future-dated reassignment hands over the open work when it takes effect. */
export async function scheduleWorkTransfer(executor: Executor, input: ScheduledTransferInput) {
  const [row] = await executor
    .insert(scheduledWorkTransfers)
    .values({
      neighborhoodId: input.neighborhoodId,
      assignmentId: input.assignmentId,
      fromPersonnelId: input.fromPersonnelId,
      toPersonnelId: input.toPersonnelId,
      dueAt: input.dueAt,
      reason: input.reason,
      requestedByType: input.actor.type,
      requestedById: input.actor.id,
      requestedByName: input.actorName,
    })
    .returning({ id: scheduledWorkTransfers.id, dueAt: scheduledWorkTransfers.dueAt });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** A run stops after this many; the next minute's run takes the rest. */
const MAX_PER_RUN = 1000;

/**
 * Makes the transfers whose time has come, each in its own transaction, exactly once (the row is
 * locked with SKIP LOCKED, so two instances never take the same one). A transfer whose incoming interval
 * was corrected away (superseded) or no longer starts at the scheduled time is cancelled instead: the
 * record it was made for is no longer the record. The timeline events name who scheduled it.
 */
export async function runDueWorkTransfers(db: Database, now: Date = new Date()) {
  let done = 0;
  let cancelled = 0;
  let moved = 0;
  for (;;) {
    const handled = await withTransaction(db, async (tx) => {
      const [due] = await tx
        .select()
        .from(scheduledWorkTransfers)
        .where(
          and(
            isNull(scheduledWorkTransfers.doneAt),
            isNull(scheduledWorkTransfers.cancelledAt),
            lte(scheduledWorkTransfers.dueAt, now),
          ),
        )
        .orderBy(scheduledWorkTransfers.dueAt)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return null;
      const [interval] = await tx
        .select({ startsAt: assignments.startsAt, supersededBy: assignments.supersededBy })
        .from(assignments)
        .where(eq(assignments.id, due.assignmentId))
        .limit(1);
      const stillTheRecord =
        interval && interval.supersededBy === null && interval.startsAt.getTime() === due.dueAt.getTime();
      if (!stillTheRecord) {
        await tx
          .update(scheduledWorkTransfers)
          .set({ cancelledAt: now })
          .where(eq(scheduledWorkTransfers.id, due.id));
        await recordAudit(tx, systemActor, {
          action: 'assignment.work_transfer_cancelled',
          entityType: 'neighborhood',
          entityId: due.neighborhoodId,
          after: { scheduledTransferId: due.id, assignmentId: due.assignmentId },
        });
        return { cancelled: 1, moved: 0 };
      }
      const movedIds = await transferOpenServiceRequests(tx, {
        neighborhoodId: due.neighborhoodId,
        fromPersonnelId: due.fromPersonnelId,
        toPersonnelId: due.toPersonnelId,
        reason: due.reason,
        actor: { type: due.requestedByType as AuditActor['type'], id: due.requestedById },
        actorName: due.requestedByName,
        at: now,
      });
      await tx
        .update(scheduledWorkTransfers)
        .set({ doneAt: now, movedRequests: movedIds.length })
        .where(eq(scheduledWorkTransfers.id, due.id));
      await recordAudit(tx, systemActor, {
        action: 'assignment.work_transferred',
        entityType: 'neighborhood',
        entityId: due.neighborhoodId,
        after: { scheduledTransferId: due.id, transferredServiceRequestIds: movedIds },
      });
      return { cancelled: 0, moved: movedIds.length };
    });
    if (!handled) break;
    if (handled.cancelled) cancelled += 1;
    else done += 1;
    moved += handled.moved;
    if (done + cancelled >= MAX_PER_RUN) break;
  }
  return { done, cancelled, moved };
}

/** Every minute: a scheduled hand-over happens at most about a minute after the change takes effect. */
export const scheduledWorkTransfersJob: BackgroundJob = {
  name: 'assignments.scheduled-work-transfers',
  cron: '* * * * *',
  async run({ db }) {
    return runDueWorkTransfers(db);
  },
};

/** Pending hand-overs of a neighborhood (for tests and screens). */
export async function pendingWorkTransfers(executor: Executor, neighborhoodId: string) {
  return executor
    .select()
    .from(scheduledWorkTransfers)
    .where(
      and(
        eq(scheduledWorkTransfers.neighborhoodId, neighborhoodId),
        sql`${scheduledWorkTransfers.doneAt} is null and ${scheduledWorkTransfers.cancelledAt} is null`,
      ),
    );
}
