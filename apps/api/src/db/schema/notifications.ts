import { notificationKindValues, requesterEmailKinds, staffNotificationKinds } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';
import { requestEvents, serviceRequests } from './service-requests.ts';

export const notificationKinds = notificationKindValues;
export type NotificationKind = (typeof notificationKinds)[number];

const quoted = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/**
 * A message to one user. Titles and bodies never carry a requester's personal data: they name the
 * request by tracking number, category and neighborhood only. `inInbox` is false when the user chose
 * e-mail only for its kind (the row is then what the e-mail is made from) and for digests.
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
    /** About a P1 request: e-mailed at once, even in quiet hours and with a daily digest. */
    urgent: boolean('urgent').notNull().default(false),
    inInbox: boolean('in_inbox').notNull().default(true),
    createdAt: createdAtColumn(),
    readAt: timestampColumn('read_at'),
  },
  (table) => [
    unique('notifications_recipient_dedupe_key').on(table.recipientUserId, table.dedupeKey),
    index('notifications_recipient_idx').on(table.recipientUserId, table.createdAt),
    // The unread count in every screen's header: an index-only count of a user's unread inbox rows.
    index('notifications_unread_idx')
      .on(table.recipientUserId)
      .where(sql`${table.readAt} is null and ${table.inInbox}`),
    check('notifications_kind_check', sql`${table.kind} in (${quoted(notificationKinds)})`),
  ],
);

export const requesterMessageKinds = requesterEmailKinds;
/** What was decided when the event happened: queued for sending, or why not. */
export const requesterMessageOutcomes = ['queued', 'no_email', 'no_consent'] as const;

/**
 * One requester-facing event (the acknowledgement, a public update, the resolution) and what was
 * decided for it at that moment: queued for e-mail, or not sent and why. The timeline's "sent to the
 * requester" label reads this and the outbox row; it never holds the address (read at send time from
 * the request, so a withdrawn consent or a removed address stops a queued mail).
 */
export const requesterMessages = pgTable(
  'requester_messages',
  {
    id: idColumn(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => requestEvents.id),
    kind: text('kind', { enum: requesterMessageKinds }).notNull(),
    language: text('language').notNull(),
    outcome: text('outcome', { enum: requesterMessageOutcomes }).notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    unique('requester_messages_event_key').on(table.eventId),
    index('requester_messages_request_idx').on(table.requestId),
    check('requester_messages_kind_check', sql`${table.kind} in (${quoted(requesterMessageKinds)})`),
    check('requester_messages_outcome_check', sql`${table.outcome} in (${quoted(requesterMessageOutcomes)})`),
  ],
);

/**
 * Channels the outbox can carry. 'sms' is reserved for the SMS transport (see
 * modules/notifications/transport.ts) so adding it needs no migration.
 */
export const notificationChannels = ['in_app', 'email', 'sms'] as const;
export type OutboxChannel = (typeof notificationChannels)[number];
export const outboxStatuses = ['pending', 'delivered', 'failed', 'skipped', 'held'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Transactional outbox: written in the same transaction as what it announces, then delivered by the
 * notification-delivery job. One row per message and channel, for a staff notification or for a
 * requester message (exactly one of the two). Delivery that fails is retried with backoff until
 * maxAttempts; `held` rows wait for their recipient's daily digest (digestNotificationId says which
 * digest carried them).
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: uuid('notification_id').references(() => notifications.id),
    requesterMessageId: uuid('requester_message_id').references(() => requesterMessages.id),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When it is next due; while a worker is sending it, the end of that worker's lease. */
    nextAttemptAt: timestampColumn('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    digestNotificationId: uuid('digest_notification_id').references(() => notifications.id),
    createdAt: createdAtColumn(),
    deliveredAt: timestampColumn('delivered_at'),
  },
  (table) => [
    unique('notification_outbox_notification_channel_key').on(table.notificationId, table.channel),
    unique('notification_outbox_requester_message_channel_key').on(table.requesterMessageId, table.channel),
    check('notification_outbox_status_check', sql`${table.status} in (${quoted(outboxStatuses)})`),
    check('notification_outbox_channel_check', sql`${table.channel} in (${quoted(notificationChannels)})`),
    check(
      'notification_outbox_subject_check',
      sql`num_nonnulls(${table.notificationId}, ${table.requesterMessageId}) = 1`,
    ),
    index('notification_outbox_pending_idx')
      .on(table.nextAttemptAt, table.id)
      .where(sql`${table.status} = 'pending'`),
    index('notification_outbox_held_idx').on(table.notificationId).where(sql`${table.status} = 'held'`),
    index('notification_outbox_requester_message_idx').on(table.requesterMessageId),
    index('notification_outbox_created_idx').on(table.createdAt, table.id),
  ],
);

export const staffKinds = staffNotificationKinds;

/**
 * A user's choice for one kind and channel. No row means the default for that kind and channel
 * (notification-preferences.ts); rows exist only for choices a person made.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: staffKinds }).notNull(),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.kind, table.channel] }),
    check('notification_preferences_kind_check', sql`${table.kind} in (${quoted(staffKinds)})`),
    check(
      'notification_preferences_channel_check',
      sql`${table.channel} in (${quoted(notificationChannels)})`,
    ),
  ],
);

/**
 * A user's delivery settings: daily digest (at digestHour) and quiet hours, both in the department's
 * time zone. No row means no digest and no quiet hours.
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    dailyDigest: boolean('daily_digest').notNull().default(false),
    digestHour: smallint('digest_hour').notNull().default(7),
    quietHoursStart: text('quiet_hours_start'),
    quietHoursEnd: text('quiet_hours_end'),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    check('notification_settings_digest_hour_check', sql`${table.digestHour} between 0 and 23`),
    check(
      'notification_settings_quiet_hours_check',
      sql`(${table.quietHoursStart} is null) = (${table.quietHoursEnd} is null)
        and (${table.quietHoursStart} is null or (${table.quietHoursStart} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
          and ${table.quietHoursEnd} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ${table.quietHoursStart} <> ${table.quietHoursEnd}))`,
    ),
  ],
);
