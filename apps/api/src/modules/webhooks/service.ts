import type {
  CreateWebhookSubscriptionBody,
  UpdateWebhookSubscriptionBody,
  WebhookEventType,
} from '@nsp/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { newWebhookSecret } from './signing.ts';

export interface WebhooksContext {
  db: Database;
  actor: AuditActor;
}

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

const counts = {
  pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.state = 'pending')`,
  failed: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.state = 'failed')`,
  lastDeliveryAt:
    sql<Date | null>`(select max(d.delivered_at) from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id)`.mapWith(
      webhookDeliveries.deliveredAt,
    ),
};

function toDto(
  row: SubscriptionRow,
  stats: { pending: number; failed: number; lastDeliveryAt: Date | null },
) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    active: row.disabledAt === null,
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    ownerUserId: row.ownerUserId,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    pendingDeliveries: stats.pending,
    failedDeliveries: stats.failed,
    lastDeliveryAt: iso(stats.lastDeliveryAt),
  };
}

export async function listSubscriptions(
  ctx: WebhooksContext,
  query: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.timestamp, cursorPart.uuid));
  const rows = await ctx.db
    .select({
      row: webhookSubscriptions,
      ...counts,
      createdAtKey: sql<string>`${webhookSubscriptions.createdAt}::text`,
    })
    .from(webhookSubscriptions)
    .where(
      after
        ? sql`(${webhookSubscriptions.createdAt}, ${webhookSubscriptions.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : undefined,
    )
    .orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [row.createdAtKey, row.row.id]);
  return { items: page.items.map((item) => toDto(item.row, item)), nextCursor: page.nextCursor };
}

export async function getSubscription(ctx: Pick<WebhooksContext, 'db'>, id: string) {
  const [found] = await ctx.db
    .select({ row: webhookSubscriptions, ...counts })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id));
  if (!found) throw new NotFoundError(`No webhook subscription ${id}.`);
  return { row: found.row, dto: toDto(found.row, found) };
}

export async function createSubscription(ctx: WebhooksContext, input: CreateWebhookSubscriptionBody) {
  const secret = newWebhookSecret();
  const row = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        url: input.url,
        description: input.description ?? '',
        eventTypes: [...new Set(input.eventTypes)],
        secret,
        ownerUserId: ctx.actor.type === 'user' ? ctx.actor.id : null,
      })
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: 'webhook.created',
      entityType: 'webhook_subscription',
      entityId: row!.id,
      after: { url: row!.url, eventTypes: row!.eventTypes },
    });
    return row!;
  });
  return { ...toDto(row, { pending: 0, failed: 0, lastDeliveryAt: null }), secret };
}

export async function updateSubscription(
  ctx: WebhooksContext,
  id: string,
  input: UpdateWebhookSubscriptionBody,
) {
  await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id))
      .for('update');
    if (!before) throw new NotFoundError(`No webhook subscription ${id}.`);
    const now = new Date();
    const [after] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
        ...(input.active === true ? { disabledAt: null, disabledReason: null } : {}),
        ...(input.active === false && before.disabledAt === null
          ? { disabledAt: now, disabledReason: 'Paused by an administrator.' }
          : {}),
        updatedAt: now,
        version: sql`${webhookSubscriptions.version} + 1`,
      })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: 'webhook.updated',
      entityType: 'webhook_subscription',
      entityId: id,
      before: { url: before.url, eventTypes: before.eventTypes, disabledAt: iso(before.disabledAt) },
      after: { url: after!.url, eventTypes: after!.eventTypes, disabledAt: iso(after!.disabledAt) },
    });
  });
  return (await getSubscription(ctx, id)).dto;
}

export async function deleteSubscription(ctx: WebhooksContext, id: string) {
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).returning();
    if (!row) throw new NotFoundError(`No webhook subscription ${id}.`);
    await recordAudit(tx, ctx.actor, {
      action: 'webhook.deleted',
      entityType: 'webhook_subscription',
      entityId: id,
      before: { url: row.url, eventTypes: row.eventTypes },
    });
  });
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  subscriptionId: webhookDeliveries.subscriptionId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookEvents.type,
  occurredAt: webhookEvents.occurredAt,
  state: webhookDeliveries.state,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
};
const selectDeliveries = (db: Database) =>
  db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId));
type DeliveryRow = Awaited<ReturnType<typeof selectDeliveries>>[number];

function deliveryDto(row: DeliveryRow) {
  return {
    ...row,
    occurredAt: iso(row.occurredAt)!,
    nextAttemptAt: row.state === 'pending' ? iso(row.nextAttemptAt) : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    deliveredAt: iso(row.deliveredAt),
    createdAt: iso(row.createdAt)!,
  };
}

export async function listDeliveries(
  ctx: Pick<WebhooksContext, 'db'>,
  subscriptionId: string,
  query: {
    limit: number;
    cursor?: string | undefined;
    state?: 'pending' | 'succeeded' | 'failed' | undefined;
  },
) {
  await getSubscription(ctx, subscriptionId);
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.timestamp, cursorPart.uuid));
  const rows = await ctx.db
    .select({ ...deliveryColumns, createdAtKey: sql<string>`${webhookDeliveries.createdAt}::text` })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        query.state ? eq(webhookDeliveries.state, query.state) : undefined,
        after
          ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [row.createdAtKey, row.id]);
  return {
    items: page.items.map(({ createdAtKey: _key, ...row }) => deliveryDto(row)),
    nextCursor: page.nextCursor,
  };
}

export async function getDelivery(ctx: Pick<WebhooksContext, 'db'>, id: string) {
  const [row] = await ctx.db
    .select({ ...deliveryColumns, data: webhookEvents.data })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, id));
  if (!row) throw new NotFoundError(`No webhook delivery ${id}.`);
  const log = await ctx.db
    .select({
      attemptedAt: webhookAttempts.attemptedAt,
      statusCode: webhookAttempts.statusCode,
      error: webhookAttempts.error,
      durationMs: webhookAttempts.durationMs,
    })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, id))
    .orderBy(asc(webhookAttempts.attemptedAt));
  const { data, ...delivery } = row;
  return {
    ...deliveryDto(delivery),
    payload: { type: row.eventType, timestamp: iso(row.occurredAt)!, data: data ?? {} },
    log: log.map((entry) => ({ ...entry, attemptedAt: iso(entry.attemptedAt)! })),
  };
}

/** A failed delivery goes back to the head of its subscription's queue, with the same event id. */
export async function replayDelivery(ctx: WebhooksContext, id: string) {
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).for('update');
    if (!row) throw new NotFoundError(`No webhook delivery ${id}.`);
    if (row.state !== 'failed') {
      throw new ConflictError(`Only a failed delivery can be replayed; this one is ${row.state}.`);
    }
    await tx
      .update(webhookDeliveries)
      .set({ state: 'pending', attempts: 0, nextAttemptAt: new Date() })
      .where(eq(webhookDeliveries.id, id));
    await recordAudit(tx, ctx.actor, {
      action: 'webhook.delivery_replayed',
      entityType: 'webhook_delivery',
      entityId: id,
    });
  });
  const { payload: _payload, log: _log, ...delivery } = await getDelivery(ctx, id);
  return delivery;
}
