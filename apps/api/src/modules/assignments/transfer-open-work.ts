import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { requestEvents, saraCaseEvents, saraCases, serviceRequests } from '../../db/schema/index.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import { openStatuses } from '../service-requests/request-workflow.ts';

const EVENTS_PER_INSERT = 1000;

export interface OpenWorkTransfer {
  neighborhoodId: string;
  fromPersonnelId: string;
  toPersonnelId: string;
  reason: string;
  actor: AuditActor;
  actorName: string | null;
  at: Date;
}

/**
 * Hands the outgoing lieutenant's open service requests in one neighborhood to the incoming one.
 * Each gets an 'assigned' timeline event, the kind the service-requests timeline uses for any change
 * of assignee (before/after assignee, who, and why, with cause 'lieutenant_reassignment'). Nothing
 * else moves: other neighborhoods, other assignees and finished requests stay as they are.
 * Returns the ids of the requests that moved.
 */
export async function transferOpenServiceRequests(
  tx: Executor,
  transfer: OpenWorkTransfer,
): Promise<string[]> {
  const moved = await tx
    .update(serviceRequests)
    .set({
      assigneeId: transfer.toPersonnelId,
      updatedAt: transfer.at,
      version: sql`${serviceRequests.version} + 1`,
    })
    .where(
      and(
        eq(serviceRequests.neighborhoodId, transfer.neighborhoodId),
        eq(serviceRequests.assigneeId, transfer.fromPersonnelId),
        inArray(serviceRequests.status, [...openStatuses]),
      ),
    )
    .returning({ id: serviceRequests.id });
  // Chunked to stay well under the bind-parameter limit when a busy lieutenant hands over a lot.
  for (let start = 0; start < moved.length; start += EVENTS_PER_INSERT) {
    await tx.insert(requestEvents).values(
      moved.slice(start, start + EVENTS_PER_INSERT).map(({ id }) => ({
        requestId: id,
        occurredAt: transfer.at,
        actorType: transfer.actor.type,
        actorId: transfer.actor.id,
        actorName: transfer.actorName,
        kind: 'assigned',
        before: { assigneeId: transfer.fromPersonnelId },
        after: {
          assigneeId: transfer.toPersonnelId,
          reason: transfer.reason,
          cause: 'lieutenant_reassignment',
        },
        visibility: 'internal' as const,
      })),
    );
  }
  await transferOpenSaraCases(tx, transfer);
  return moved.map(({ id }) => id);
}

/**
 * The open SARA cases the outgoing lieutenant leads in the neighborhood follow the open work to the
 * incoming one (#10), each with a timeline event saying why. Closed cases keep their lead: the record
 * of who led them stays true.
 */
export async function transferOpenSaraCases(tx: Executor, transfer: OpenWorkTransfer): Promise<string[]> {
  const moved = await tx
    .update(saraCases)
    .set({ leadId: transfer.toPersonnelId, updatedAt: transfer.at, version: sql`${saraCases.version} + 1` })
    .where(
      and(
        eq(saraCases.neighborhoodId, transfer.neighborhoodId),
        eq(saraCases.leadId, transfer.fromPersonnelId),
        ne(saraCases.stage, 'closed'),
      ),
    )
    .returning({ id: saraCases.id });
  if (moved.length > 0)
    await tx.insert(saraCaseEvents).values(
      moved.map(({ id }) => ({
        caseId: id,
        occurredAt: transfer.at,
        actorType: transfer.actor.type,
        actorId: transfer.actor.id,
        actorName: transfer.actorName,
        kind: 'lead_changed',
        reason: transfer.reason,
        detail: {
          fromPersonnelId: transfer.fromPersonnelId,
          toPersonnelId: transfer.toPersonnelId,
          cause: 'lieutenant_reassignment',
        },
      })),
    );
  return moved.map(({ id }) => id);
}
