import { and, eq, ne } from 'drizzle-orm';
import type { Transaction } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { ServiceRequestsContext } from './context.ts';
import { bumpVersion, insertEvents, requestColumns, lockRequest, type RequestRow } from './repo.ts';
import { checkTransition } from './request-workflow.ts';

/** Locks both requests in id order, so two merges crossing each other cannot deadlock. */
async function lockPair(tx: Transaction, childId: string, parentId: string) {
  const [first, second] = childId < parentId ? [childId, parentId] : [parentId, childId];
  const firstRow = await lockRequest(tx, first);
  const secondRow = await lockRequest(tx, second);
  return childId < parentId ? { child: firstRow, parent: secondRow } : { child: secondRow, parent: firstRow };
}

/**
 * Marks `childId` as a duplicate of `intoId`: status duplicate with the parent set, out of the open
 * queue (closedAt), an event on both timelines, and whatever had been merged into the child follows
 * it to the parent, so duplicates never chain.
 */
export async function mergeRequest(
  ctx: ServiceRequestsContext,
  childId: string,
  input: { intoId: string; reason?: string | undefined },
  precondition: VersionPrecondition,
): Promise<RequestRow> {
  if (childId === input.intoId) {
    throw new ValidationError('A request cannot be a duplicate of itself.', [
      { path: 'intoId', message: 'must be another request', in: 'body' },
    ]);
  }
  return withTransaction(ctx.db, async (tx) => {
    const { child, parent } = await lockPair(tx, childId, input.intoId);
    if (!child) throw new NotFoundError(`No service request ${childId}.`);
    assertFresh(precondition, child.version, `Service request ${child.trackingNumber}`);
    if (!parent) {
      throw new ValidationError(`No service request ${input.intoId} to merge into.`, [
        { path: 'intoId', message: 'is not a service request', in: 'body' },
      ]);
    }
    if (parent.status === 'duplicate') {
      throw new ConflictError(
        `${parent.trackingNumber} is itself a duplicate; merge into the request it duplicates instead.`,
        { reason: 'parent_is_duplicate', parentId: parent.parentId },
      );
    }
    const now = ctx.now();
    const { reopenWindowDays } = await ctx.catalog.deskSettings();
    const check = checkTransition({
      from: child.status,
      to: 'duplicate',
      closedAt: child.closedAt,
      now,
      reopenWindowDays,
    });
    if (!check.ok) {
      throw new ConflictError(
        `${child.trackingNumber} cannot be marked a duplicate while ${child.status}. Allowed now: ${check.allowed.join(', ') || 'none'}.`,
        { allowed: check.allowed, reason: check.reason, currentStatus: child.status },
      );
    }
    const [merged] = await tx
      .update(serviceRequests)
      .set({
        status: 'duplicate',
        parentId: parent.id,
        closedAt: now,
        ...(child.firstRespondedAt === null && ctx.actor.type === 'user' ? { firstRespondedAt: now } : {}),
        updatedAt: now,
        version: bumpVersion(),
      })
      .where(eq(serviceRequests.id, child.id))
      .returning(requestColumns);
    if (!merged) throw new NotFoundError(`No service request ${childId}.`);
    const grandchildren = await tx
      .update(serviceRequests)
      .set({ parentId: parent.id, updatedAt: now, version: bumpVersion() })
      .where(and(eq(serviceRequests.parentId, child.id), ne(serviceRequests.id, parent.id)))
      .returning({ id: serviceRequests.id });
    await tx
      .update(serviceRequests)
      .set({ updatedAt: now, version: bumpVersion() })
      .where(eq(serviceRequests.id, parent.id));
    await insertEvents(tx, ctx.actor, child.id, [
      {
        occurredAt: now,
        kind: 'merged_into',
        before: { status: child.status },
        after: {
          status: 'duplicate',
          parentId: parent.id,
          parentTrackingNumber: parent.trackingNumber,
          ...(input.reason ? { reason: input.reason } : {}),
        },
        visibility: 'public',
      },
    ]);
    await insertEvents(tx, ctx.actor, parent.id, [
      {
        occurredAt: now,
        kind: 'merged_from',
        after: {
          childId: child.id,
          childTrackingNumber: child.trackingNumber,
          ...(grandchildren.length > 0 ? { alsoMoved: grandchildren.map((g) => g.id) } : {}),
        },
        visibility: 'internal',
      },
    ]);
    await recordAudit(tx, ctx.actor, {
      action: 'service_request.merged',
      entityType: 'service_request',
      entityId: child.id,
      before: { status: child.status, parentId: child.parentId },
      after: { status: 'duplicate', parentId: parent.id, movedChildren: grandchildren.map((g) => g.id) },
    });
    return merged;
  });
}
