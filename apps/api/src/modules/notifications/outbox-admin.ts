import type { OutboxDelivery } from '@nsp/contracts';
import { and, desc, eq, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import {
  notificationOutbox,
  notifications,
  type OutboxStatus,
  requesterMessages,
  serviceRequests,
  users,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';

const outboxCursor = cursorKey(cursorPart.text);

/**
 * The outbox as administrators see it: status, attempts and the last (address-free) error of each
 * delivery. A requester's mail shows the request's tracking number, never the requester's name or address.
 */
function selectDeliveries(executor: Executor) {
  return executor
    .select({
      id: notificationOutbox.id,
      channel: notificationOutbox.channel,
      status: notificationOutbox.status,
      attempts: notificationOutbox.attempts,
      nextAttemptAt: notificationOutbox.nextAttemptAt,
      lastError: notificationOutbox.lastError,
      createdAt: notificationOutbox.createdAt,
      deliveredAt: notificationOutbox.deliveredAt,
      notificationKind: notifications.kind,
      recipientUserId: notifications.recipientUserId,
      recipientName: users.name,
      requesterKind: requesterMessages.kind,
      trackingNumber: serviceRequests.trackingNumber,
    })
    .from(notificationOutbox)
    .leftJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
    .leftJoin(users, eq(users.id, notifications.recipientUserId))
    .leftJoin(requesterMessages, eq(requesterMessages.id, notificationOutbox.requesterMessageId))
    .leftJoin(serviceRequests, eq(serviceRequests.id, requesterMessages.requestId));
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof selectDeliveries>['where']>>[number];

function present(row: DeliveryRow): OutboxDelivery {
  const toRequester = row.requesterKind !== null;
  return {
    id: String(row.id),
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    audience: toRequester ? 'requester' : 'staff',
    kind: (toRequester ? row.requesterKind : row.notificationKind) ?? 'unknown',
    recipient: toRequester
      ? { userId: null, name: null, trackingNumber: row.trackingNumber }
      : { userId: row.recipientUserId, name: row.recipientName, trackingNumber: null },
  };
}

export async function listOutbox(
  executor: Executor,
  query: {
    limit: number;
    cursor?: string | undefined;
    status?: OutboxStatus | undefined;
    channel?: string | undefined;
    audience?: 'staff' | 'requester' | undefined;
  },
) {
  const after = decodeCursor(query.cursor, outboxCursor);
  const before = after && /^\d{1,18}$/.test(after[0]) ? Number(after[0]) : null;
  const conditions: Array<SQL | undefined> = [
    query.status ? eq(notificationOutbox.status, query.status) : undefined,
    query.channel ? sql`${notificationOutbox.channel} = ${query.channel}` : undefined,
    query.audience === 'requester' ? isNotNull(notificationOutbox.requesterMessageId) : undefined,
    query.audience === 'staff' ? isNotNull(notificationOutbox.notificationId) : undefined,
    before !== null ? lt(notificationOutbox.id, before) : undefined,
  ];
  const rows = await selectDeliveries(executor)
    .where(and(...conditions))
    .orderBy(desc(notificationOutbox.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [String(row.id)]);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

/**
 * Sends a failed (or skipped) delivery again: back to pending, due now, with a fresh count of attempts.
 * Delivered, pending and held ones are refused (409): retrying those could only send twice.
 */
export async function retryDelivery(
  ctx: { db: Database; actor: AuditActor },
  id: number,
  now: Date = new Date(),
): Promise<OutboxDelivery> {
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select({ status: notificationOutbox.status, attempts: notificationOutbox.attempts })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.id, id))
      .for('update')
      .limit(1);
    if (!row) throw new NotFoundError(`No delivery ${id}.`);
    if (row.status !== 'failed' && row.status !== 'skipped') {
      throw new ConflictError(
        `Delivery ${id} is ${row.status}; only failed or skipped ones can be retried.`,
        {
          currentStatus: row.status,
        },
      );
    }
    await tx
      .update(notificationOutbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
      .where(eq(notificationOutbox.id, id));
    await recordAudit(tx, ctx.actor, {
      action: 'notification_outbox.retried',
      entityType: 'notification_outbox',
      entityId: String(id),
      before: { status: row.status, attempts: row.attempts },
      after: { status: 'pending' },
    });
    const [updated] = await selectDeliveries(tx).where(eq(notificationOutbox.id, id)).limit(1);
    if (!updated) throw new NotFoundError(`No delivery ${id}.`);
    return present(updated);
  });
}
