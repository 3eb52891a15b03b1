import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn } from './columns.ts';
import { users } from './identity.ts';
import { serviceRequests } from './service-requests.ts';

export const slaBreachKinds = ['first_response', 'resolution'] as const;
export type SlaBreachKind = (typeof slaBreachKinds)[number];

/**
 * A service-level target a request missed, recorded by the SLA breach job. The unique constraint is
 * what makes "a breach is recorded exactly once" true when several API instances run the job at the
 * same time: the losers' INSERT … ON CONFLICT DO NOTHING simply returns no row.
 */
export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: idColumn(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    kind: text('kind', { enum: slaBreachKinds }).notNull(),
    /** The due time that was missed, as it stood when the breach was detected. */
    dueAt: timestampColumn('due_at').notNull(),
    detectedAt: timestampColumn('detected_at').notNull().defaultNow(),
  },
  (table) => [
    unique('sla_breaches_request_kind_key').on(table.requestId, table.kind),
    check('sla_breaches_kind_check', sql`${table.kind} in ('first_response', 'resolution')`),
    index('sla_breaches_detected_idx').on(table.detectedAt),
  ],
);

export const notificationKinds = ['sla_breached', 'account_locked'] as const;

/**
 * A message to one user (the in-app inbox). Titles and bodies never carry a requester's personal
 * data: they name the request by tracking number, category and neighborhood only.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** What the notification is about (e.g. 'sla_breach:<id>'); one notification per recipient each. */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAtColumn(),
    readAt: timestampColumn('read_at'),
  },
  (table) => [
    unique('notifications_recipient_dedupe_key').on(table.recipientUserId, table.dedupeKey),
    index('notifications_recipient_idx').on(table.recipientUserId, table.createdAt),
  ],
);

export const notificationChannels = ['in_app'] as const;
export const outboxStatuses = ['pending', 'delivered', 'failed'] as const;

/**
 * Transactional outbox: written in the same transaction as the notification, then delivered by the
 * notification-delivery job. Delivery that fails is retried with backoff until maxAttempts.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampColumn('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAtColumn(),
    deliveredAt: timestampColumn('delivered_at'),
  },
  (table) => [
    unique('notification_outbox_notification_channel_key').on(table.notificationId, table.channel),
    check('notification_outbox_status_check', sql`${table.status} in ('pending', 'delivered', 'failed')`),
    index('notification_outbox_pending_idx')
      .on(table.nextAttemptAt, table.id)
      .where(sql`${table.status} = 'pending'`),
  ],
);
