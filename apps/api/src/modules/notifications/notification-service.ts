import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { notificationOutbox, notifications, users } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { type DeliverableNotification, inAppTransport, type NotificationTransport } from './transport.ts';

export interface NewNotification {
  recipientUserId: string;
  kind: (typeof notifications.$inferInsert)['kind'];
  title: string;
  body: string;
  entityType?: string | null;
  entityId?: string | null;
  data?: Record<string, unknown>;
  /** What the notification is about; a recipient never gets two with the same key. */
  dedupeKey: string;
}

/** Active users holding a role, e.g. every supervisor for SLA breach notices. */
export async function activeUserIdsWithRole(executor: Executor, role: string): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`${role} = any(${users.roles})`))
    .orderBy(asc(users.id));
  return rows.map((row) => row.id);
}

/**
 * Writes notifications and their outbox rows in the caller's transaction, so they exist exactly when
 * the change they announce does. Ones a recipient already has (same dedupeKey) are skipped.
 * Returns how many were created.
 */
export async function queueNotifications(
  executor: Executor,
  items: readonly NewNotification[],
  transport: Pick<NotificationTransport, 'channel'> = inAppTransport,
): Promise<number> {
  if (items.length === 0) return 0;
  let created = 0;
  // Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
  for (let start = 0; start < items.length; start += 1000) {
    const chunk = items.slice(start, start + 1000);
    const inserted = await executor
      .insert(notifications)
      .values(
        chunk.map((item) => ({
          recipientUserId: item.recipientUserId,
          kind: item.kind,
          title: item.title,
          body: item.body,
          entityType: item.entityType ?? null,
          entityId: item.entityId ?? null,
          data: item.data ?? {},
          dedupeKey: item.dedupeKey,
        })),
      )
      .onConflictDoNothing({ target: [notifications.recipientUserId, notifications.dedupeKey] })
      .returning({ id: notifications.id });
    if (inserted.length > 0) {
      await executor
        .insert(notificationOutbox)
        .values(inserted.map((row) => ({ notificationId: row.id, channel: transport.channel })));
    }
    created += inserted.length;
  }
  return created;
}

export interface DeliveryOptions {
  db: Database;
  transport?: NotificationTransport;
  now?: () => Date;
  batchSize?: number;
  /** After this many failed attempts an outbox row is marked failed and left for a person to look at. */
  maxAttempts?: number;
  /** Stops after this many batches so one run never monopolises a worker; the next run continues. */
  maxBatches?: number;
}

export interface DeliveryResult {
  delivered: number;
  retrying: number;
  failed: number;
}

const firstRetryDelayMs = 30_000;
const longestRetryDelayMs = 3_600_000;

/** 30 s, 1 min, 2 min, … up to an hour between attempts. */
export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(longestRetryDelayMs, firstRetryDelayMs * 2 ** Math.max(0, attemptsSoFar - 1));
}

/**
 * Delivers due outbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances running
 * this at once each deliver different rows and none is delivered twice.
 */
export async function deliverPendingNotifications(options: DeliveryOptions): Promise<DeliveryResult> {
  const transport = options.transport ?? inAppTransport;
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 200;
  const maxAttempts = options.maxAttempts ?? 8;
  const maxBatches = options.maxBatches ?? 50;
  const total: DeliveryResult = { delivered: 0, retrying: 0, failed: 0 };

  for (let batch = 0; batch < maxBatches; batch += 1) {
    const claimed = await withTransaction(options.db, async (tx) => {
      const at = now();
      const due = await tx
        .select({
          outboxId: notificationOutbox.id,
          attempts: notificationOutbox.attempts,
          notification: notifications,
        })
        .from(notificationOutbox)
        .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
        .where(
          and(
            eq(notificationOutbox.status, 'pending'),
            eq(notificationOutbox.channel, transport.channel),
            lte(notificationOutbox.nextAttemptAt, at),
          ),
        )
        .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.id))
        .limit(batchSize)
        .for('update', { of: notificationOutbox, skipLocked: true });

      const deliveredIds: number[] = [];
      for (const row of due) {
        try {
          await transport.deliver(toDeliverable(row.notification));
          deliveredIds.push(row.outboxId);
        } catch (error) {
          const attempts = row.attempts + 1;
          const givesUp = attempts >= maxAttempts;
          await tx
            .update(notificationOutbox)
            .set({
              attempts,
              status: givesUp ? 'failed' : 'pending',
              nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts)),
              lastError: describeError(error),
            })
            .where(eq(notificationOutbox.id, row.outboxId));
          if (givesUp) total.failed += 1;
          else total.retrying += 1;
        }
      }
      if (deliveredIds.length > 0) {
        await tx
          .update(notificationOutbox)
          .set({
            status: 'delivered',
            deliveredAt: at,
            attempts: sql`${notificationOutbox.attempts} + 1`,
            lastError: null,
          })
          .where(inArray(notificationOutbox.id, deliveredIds));
      }
      total.delivered += deliveredIds.length;
      return due.length;
    });
    if (claimed < batchSize) break;
  }
  return total;
}

function toDeliverable(row: typeof notifications.$inferSelect): DeliverableNotification {
  return {
    id: row.id,
    recipientUserId: row.recipientUserId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    createdAt: row.createdAt,
  };
}

/** Transport errors are stored for operators; they are cut short and never include a stack. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.slice(0, 500);
}
