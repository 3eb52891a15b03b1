import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.ts';
import {
  requestEvents,
  serviceRequests,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { activeUserIdsWithRole, queueNotifications } from '../notifications/notification-service.ts';
import { signedHeaders } from './signing.ts';

/** Attempts before a delivery is given up (about 8½ hours of backoff), and its subscription disabled. */
export const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;
/** An instance delivering a subscription's queue holds it this long (far more than one timeout). */
const LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Per subscription and run, so one busy receiver cannot hold a run for ever. */
const MAX_PER_SUBSCRIPTION = 100;

/**
 * The wait before attempt `attempts + 1`: exponential (30 s, 1 min, 2 min, … capped at 6 h) with
 * "equal jitter" (between half and all of it), so receivers recovering from an outage are not hit by
 * every sender's retries in the same second.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export interface DeliveryRunOptions {
  db: Database;
  log: FastifyBaseLogger;
  now?: () => Date;
}

/** The payload's `data` for a request event: ids, codes and statuses; a public update's text. */
async function requestEventData(executor: Executor, requestEventId: number) {
  const [row] = await executor
    .select({
      kind: requestEvents.kind,
      before: requestEvents.before,
      after: requestEvents.after,
      body: requestEvents.body,
      language: requestEvents.language,
      visibility: requestEvents.visibility,
      id: serviceRequests.id,
      trackingNumber: serviceRequests.trackingNumber,
      serviceCode: serviceRequests.serviceCode,
      status: serviceRequests.status,
      priority: serviceRequests.priority,
      neighborhoodId: serviceRequests.neighborhoodId,
    })
    .from(requestEvents)
    .innerJoin(serviceRequests, eq(serviceRequests.id, requestEvents.requestId))
    .where(eq(requestEvents.id, requestEventId));
  if (!row) return {};
  const before = (row.before ?? {}) as Record<string, unknown>;
  const after = (row.after ?? {}) as Record<string, unknown>;
  const base = {
    serviceRequestId: row.id,
    trackingNumber: row.trackingNumber,
    serviceCode: row.serviceCode,
    priority: row.priority,
    neighborhoodId: row.neighborhoodId,
  };
  switch (row.kind) {
    case 'status_changed':
    case 'reopened':
      // The reason given for a status change is internal: only the statuses go out.
      return { ...base, status: after.status ?? row.status, previousStatus: before.status ?? null };
    case 'note':
      return { ...base, status: row.status, update: row.body ?? '', language: row.language ?? 'en' };
    case 'assigned':
      return { ...base, status: row.status, assigneeId: after.assigneeId ?? null };
    case 'sla_breached':
      return { ...base, status: row.status, slaKind: after.slaKind ?? null, dueAt: after.dueAt ?? null };
    default:
      return { ...base, status: row.status };
  }
}

/**
 * Turns new events into one delivery per subscription that wants them. One fan-out at a time across
 * all instances (an advisory lock), so deliveries are created in event order.
 */
export async function fanOutWebhookEvents(db: Database, now: Date): Promise<number> {
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('nsp.webhooks.fan-out'))`);
    const events = await tx
      .select()
      .from(webhookEvents)
      .where(isNull(webhookEvents.fannedOutAt))
      .orderBy(asc(webhookEvents.seq))
      .limit(500);
    if (events.length === 0) return 0;
    const subscriptions = await tx
      .select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes })
      .from(webhookSubscriptions)
      .where(isNull(webhookSubscriptions.disabledAt));
    let created = 0;
    for (const event of events) {
      const data =
        event.data ?? (event.requestEventId ? await requestEventData(tx, event.requestEventId) : {});
      await tx.update(webhookEvents).set({ data, fannedOutAt: now }).where(eq(webhookEvents.id, event.id));
      const wanted = subscriptions.filter((subscription) => subscription.eventTypes.includes(event.type));
      if (wanted.length === 0) continue;
      const inserted = await tx
        .insert(webhookDeliveries)
        .values(
          wanted.map((subscription) => ({
            subscriptionId: subscription.id,
            eventId: event.id,
            seq: event.seq,
            nextAttemptAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id });
      created += inserted.length;
    }
    return created;
  });
}

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
}

/** One POST to the receiver: 2xx is success; anything else (a redirect too), a timeout or no answer, a failure. */
export async function postWebhook(
  url: string,
  secret: string,
  eventId: string,
  body: string,
  now: Date,
): Promise<AttemptResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: signedHeaders(secret, eventId, body, now),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      durationMs: Math.round(performance.now() - started),
      ok,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : (cause ?? (error as Error).message ?? 'request failed');
    return {
      statusCode: null,
      error: message.slice(0, 200),
      durationMs: Math.round(performance.now() - started),
      ok: false,
    };
  }
}

export const payloadOf = (event: { type: string; occurredAt: Date; data: Record<string, unknown> | null }) =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data ?? {} });

/** Records an attempt and its outcome; on the last failed attempt disables the subscription and tells its owner. */
async function recordAttempt(
  db: Database,
  delivery: { id: string; subscriptionId: string },
  result: AttemptResult,
  now: Date,
  options: { retry: boolean },
): Promise<{ disabled: boolean; gaveUp: boolean }> {
  return withTransaction(db, async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: delivery.id,
      attemptedAt: now,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
    });
    // Counted in the database: an attempt made meanwhile by another instance is never lost.
    const [counted] = await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        lastAttemptAt: now,
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.state, 'pending')))
      .returning({ attempts: webhookDeliveries.attempts });
    if (!counted) return { disabled: false, gaveUp: false };
    const attempts = counted.attempts;
    if (result.ok) {
      await tx
        .update(webhookDeliveries)
        .set({ state: 'succeeded', deliveredAt: now })
        .where(eq(webhookDeliveries.id, delivery.id));
      return { disabled: false, gaveUp: false };
    }
    const givingUp = !options.retry || attempts >= MAX_ATTEMPTS;
    await tx
      .update(webhookDeliveries)
      .set(
        givingUp
          ? { state: 'failed' as const }
          : { nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
      )
      .where(eq(webhookDeliveries.id, delivery.id));
    if (!givingUp || !options.retry) return { disabled: false, gaveUp: givingUp };
    const reason = `A delivery failed ${attempts} times in a row (last: ${result.error ?? 'no answer'}).`;
    const [disabled] = await tx
      .update(webhookSubscriptions)
      .set({ disabledAt: now, disabledReason: reason, leaseUntil: null, updatedAt: now })
      .where(
        and(eq(webhookSubscriptions.id, delivery.subscriptionId), isNull(webhookSubscriptions.disabledAt)),
      )
      .returning();
    if (!disabled) return { disabled: false, gaveUp: true };
    const recipients = disabled.ownerUserId
      ? [disabled.ownerUserId]
      : await activeUserIdsWithRole(tx, 'admin');
    await queueNotifications(
      tx,
      recipients.map((recipientUserId) => ({
        recipientUserId,
        kind: 'webhook_disabled' as const,
        title: 'A webhook subscription was disabled',
        body: `Deliveries to ${new URL(disabled.url).host} kept failing, so the subscription is paused. ${reason} Fix the receiver, then re-enable it and replay the failed delivery under Integrations → Webhooks.`,
        entityType: 'webhook_subscription',
        entityId: disabled.id,
        dedupeKey: `webhook_disabled:${disabled.id}:${now.toISOString()}`,
      })),
    );
    return { disabled: true, gaveUp: true };
  });
}

/**
 * Delivers what is due, in order per subscription: the oldest pending delivery first, and nothing
 * after it until it has succeeded or been given up. An instance takes a subscription's queue with a
 * lease (a row update, no transaction held over HTTP), so two instances never deliver the same
 * subscription at once and a delivery is never sent again once it succeeded.
 */
export async function deliverDueWebhooks(options: DeliveryRunOptions) {
  const { db, log } = options;
  const clock = options.now ?? (() => new Date());
  const startedAt = clock();
  const candidates = await db
    .selectDistinct({ id: webhookDeliveries.subscriptionId })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(
      and(
        eq(webhookDeliveries.state, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, startedAt),
        isNull(webhookSubscriptions.disabledAt),
      ),
    )
    .limit(200);
  const totals = { delivered: 0, failedAttempts: 0, gaveUp: 0, disabled: 0 };
  for (const { id } of candidates) {
    const leaseAt = clock();
    const leaseUntil = new Date(leaseAt.getTime() + LEASE_MS);
    const [subscription] = await db
      .update(webhookSubscriptions)
      .set({ leaseUntil })
      .where(
        and(
          eq(webhookSubscriptions.id, id),
          isNull(webhookSubscriptions.disabledAt),
          sql`(${webhookSubscriptions.leaseUntil} is null or ${webhookSubscriptions.leaseUntil} < ${leaseAt})`,
        ),
      )
      .returning();
    if (!subscription) continue; // another instance is delivering this subscription's queue
    try {
      for (let sent = 0; sent < MAX_PER_SUBSCRIPTION; sent++) {
        const now = clock();
        const [head] = await db
          .select({
            id: webhookDeliveries.id,
            attempts: webhookDeliveries.attempts,
            nextAttemptAt: webhookDeliveries.nextAttemptAt,
            subscriptionId: webhookDeliveries.subscriptionId,
            eventId: webhookEvents.id,
            type: webhookEvents.type,
            occurredAt: webhookEvents.occurredAt,
            data: webhookEvents.data,
          })
          .from(webhookDeliveries)
          .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
          .where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.state, 'pending')))
          .orderBy(asc(webhookDeliveries.seq), asc(webhookDeliveries.createdAt))
          .limit(1);
        if (!head || head.nextAttemptAt > now) break;
        const result = await postWebhook(
          subscription.url,
          subscription.secret,
          head.eventId,
          payloadOf(head),
          now,
        );
        const outcome = await recordAttempt(db, head, result, now, { retry: true });
        if (result.ok) {
          totals.delivered++;
          continue;
        }
        totals.failedAttempts++;
        if (outcome.gaveUp) totals.gaveUp++;
        if (outcome.disabled) totals.disabled++;
        break; // order: nothing after a failed delivery goes before it
      }
    } catch (error) {
      log.warn({ err: error, subscriptionId: id }, 'webhook delivery run failed');
    } finally {
      await db
        .update(webhookSubscriptions)
        .set({ leaseUntil: null })
        // Only our own lease: had it run out, another instance's lease stays.
        .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.leaseUntil, leaseUntil)))
        .catch((error) => log.warn({ err: error }, 'webhook lease not released'));
    }
  }
  return totals;
}

/** A test event sent to one subscription now, once, outside its queue; the reply says what happened. */
export async function sendTestEvent(
  db: Database,
  subscription: typeof webhookSubscriptions.$inferSelect,
  now: Date,
) {
  const { deliveryId, event } = await withTransaction(db, async (tx) => {
    const [event] = await tx
      .insert(webhookEvents)
      .values({
        type: 'webhook.test',
        occurredAt: now,
        data: { subscriptionId: subscription.id, message: 'A test delivery from NSP.' },
        fannedOutAt: now,
      })
      .returning();
    const [delivery] = await tx
      .insert(webhookDeliveries)
      // Far in the future: the queue never picks a test delivery up; this call sends it.
      .values({
        subscriptionId: subscription.id,
        eventId: event!.id,
        seq: event!.seq,
        nextAttemptAt: new Date(now.getTime() + 86_400_000),
      })
      .returning({ id: webhookDeliveries.id });
    return { deliveryId: delivery!.id, event: event! };
  });
  const result = await postWebhook(subscription.url, subscription.secret, event.id, payloadOf(event), now);
  await recordAttempt(db, { id: deliveryId, subscriptionId: subscription.id }, result, now, {
    retry: false,
  });
  return deliveryId;
}
