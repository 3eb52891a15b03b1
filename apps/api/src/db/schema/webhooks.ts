import { webhookEventTypes } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';
import { requestEvents } from './service-requests.ts';

const quoted = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/**
 * A third party's subscription to NSP's events. The secret signs every delivery (Standard Webhooks,
 * `whsec_…`); it is shown once at creation and kept to sign, never returned again. A subscription
 * that keeps failing is disabled (`disabledAt`) and its owner told.
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: idColumn(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    eventTypes: text('event_types').array().notNull(),
    secret: text('secret').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    disabledAt: timestampColumn('disabled_at'),
    disabledReason: text('disabled_reason'),
    /** One instance at a time delivers a subscription's queue, in order: it holds this lease meanwhile. */
    leaseUntil: timestampColumn('lease_until'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    check('webhook_subscriptions_url_check', sql`${table.url} ~ '^https?://'`),
    check('webhook_subscriptions_event_types_check', sql`cardinality(${table.eventTypes}) > 0`),
  ],
);

/**
 * Something that happened, once, in the order it was recorded (`seq`). Request changes are captured
 * by a trigger on request_events (migration webhooks_extra) in the same transaction, so an event
 * exists exactly when its change committed; other modules call recordWebhookEvent(). The fan-out
 * job turns each into one delivery per subscription that wants it.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** The Standard Webhooks `webhook-id`: receivers drop a delivery whose id they have already seen. */
    id: idColumn(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    type: text('type', { enum: webhookEventTypes }).notNull(),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    requestEventId: bigint('request_event_id', { mode: 'number' }).references(() => requestEvents.id),
    /** The payload's `data`; null for request events until the fan-out composes it. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    fannedOutAt: timestampColumn('fanned_out_at'),
  },
  (table) => [
    check('webhook_events_type_check', sql`${table.type} in (${quoted(webhookEventTypes)})`),
    index('webhook_events_pending_idx').on(table.seq).where(sql`${table.fannedOutAt} is null`),
  ],
);

export const webhookDeliveryStates = ['pending', 'succeeded', 'failed'] as const;

/** One event to one subscription: delivered in `seq` order, retried with backoff, then `failed`. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: idColumn(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => webhookEvents.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    state: text('state', { enum: webhookDeliveryStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampColumn('next_attempt_at').notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestampColumn('last_attempt_at'),
    deliveredAt: timestampColumn('delivered_at'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    unique('webhook_deliveries_subscription_event_key').on(table.subscriptionId, table.eventId),
    check('webhook_deliveries_state_check', sql`${table.state} in ('pending', 'succeeded', 'failed')`),
    check(
      'webhook_deliveries_delivered_check',
      sql`(${table.state} = 'succeeded') = (${table.deliveredAt} is not null)`,
    ),
    index('webhook_deliveries_queue_idx')
      .on(table.subscriptionId, table.seq)
      .where(sql`${table.state} = 'pending'`),
    index('webhook_deliveries_log_idx').on(table.subscriptionId, table.createdAt),
  ],
);

/** The delivery log: every attempt, its response code (or error) and how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: idColumn(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestampColumn('attempted_at').notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (table) => [index('webhook_attempts_delivery_idx').on(table.deliveryId, table.attemptedAt)],
);
