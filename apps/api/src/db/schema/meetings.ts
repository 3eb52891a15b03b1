import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';
import { neighborhoods } from './neighborhoods.ts';
import { personnel } from './personnel.ts';
import type { LocalizedTextDto as LocalizedText } from '@nsp/contracts';
import { saraCases } from './sara.ts';
import { serviceRequests } from './service-requests.ts';

export const meetingKinds = ['community_meeting', 'education_session', 'partner_meeting'] as const;
export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export const actionItemStatuses = ['open', 'in_progress', 'done', 'dropped'] as const;
export const scheduleFrequencies = ['weekly', 'monthly'] as const;

/** One point of the agenda; only points marked public appear on the public calendar. */
export interface AgendaItem {
  title: LocalizedText;
  public: boolean;
  /** Who leads the point (free text, e.g. "Public Works"); never published. */
  presenter?: string;
}

/**
 * A recurring meeting plan ("second Tuesday of each month, 18:30"). A background job (and the create
 * call itself) turns it into meetings up to `monthsAhead`; each created meeting is then its own row,
 * edited alone. `generatedThrough` is the last local date already turned into meetings.
 */
export const meetingSchedules = pgTable(
  'meeting_schedules',
  {
    id: idColumn(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    frequency: text('frequency', { enum: scheduleFrequencies }).notNull(),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: integer('weekday').notNull(),
    /** For monthly plans: 1–4 (first … fourth) or -1 (last) weekday of the month. */
    weekOfMonth: integer('week_of_month'),
    /** Wall-clock start in `timeZone`, "HH:MM". */
    localTime: text('local_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    timeZone: text('time_zone').notNull(),
    locationName: text('location_name'),
    address: text('address'),
    onlineUrl: text('online_url'),
    lieutenantId: uuid('lieutenant_id').references(() => personnel.id),
    languages: text('languages').array().notNull().default(sql`'{en}'::text[]`),
    interpretation: text('interpretation').array().notNull().default(sql`'{}'::text[]`),
    monthsAhead: integer('months_ahead').notNull().default(3),
    generatedThrough: date('generated_through', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (table) => [
    check(
      'meeting_schedules_kind_check',
      sql`${table.kind} in ('community_meeting', 'education_session', 'partner_meeting')`,
    ),
    check('meeting_schedules_frequency_check', sql`${table.frequency} in ('weekly', 'monthly')`),
    check('meeting_schedules_weekday_check', sql`${table.weekday} between 1 and 7`),
    check(
      'meeting_schedules_week_of_month_check',
      sql`(${table.frequency} = 'weekly' and ${table.weekOfMonth} is null) or (${table.frequency} = 'monthly' and ${table.weekOfMonth} in (1, 2, 3, 4, -1))`,
    ),
    check('meeting_schedules_local_time_check', sql`${table.localTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('meeting_schedules_duration_check', sql`${table.durationMinutes} between 15 and 720`),
    check('meeting_schedules_months_ahead_check', sql`${table.monthsAhead} between 1 and 12`),
    check(
      'meeting_schedules_place_check',
      sql`${table.address} is not null or ${table.onlineUrl} is not null`,
    ),
  ],
);

/**
 * A community meeting, education session or partner meeting in a neighborhood. Planned, then held
 * (attendance and minutes recorded) or cancelled (with a reason). `sequence` is the iCalendar
 * SEQUENCE: it grows whenever the time, place or status changes, so calendars take the new version.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: idColumn(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    status: text('status', { enum: meetingStatuses }).notNull().default('planned'),
    /** Public title, in the public languages (English required). */
    title: jsonb('title').$type<LocalizedText>().notNull(),
    /** Public description, in the public languages. */
    publicDescription: jsonb('public_description').$type<LocalizedText>(),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at').notNull(),
    /** The IANA zone the meeting is planned in (the department's unless told otherwise). */
    timeZone: text('time_zone').notNull(),
    locationName: text('location_name'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    onlineUrl: text('online_url'),
    lieutenantId: uuid('lieutenant_id').references(() => personnel.id),
    partnerOrganizations: text('partner_organizations').array().notNull().default(sql`'{}'::text[]`),
    agenda: jsonb('agenda').$type<AgendaItem[]>().notNull().default(sql`'[]'::jsonb`),
    /** Languages the meeting is held in (codes such as en, es, pt, pl). */
    languages: text('languages').array().notNull().default(sql`'{en}'::text[]`),
    /** Interpretation offered (language codes, or e.g. "asl"). */
    interpretation: text('interpretation').array().notNull().default(sql`'{}'::text[]`),
    attendanceCount: integer('attendance_count'),
    residentCount: integer('resident_count'),
    /** Internal minutes: never public. */
    minutes: text('minutes'),
    /** What may be published about the meeting once held, in the public languages. */
    publicSummary: jsonb('public_summary').$type<LocalizedText>(),
    /** Staff-only notes: never public. */
    internalNotes: text('internal_notes'),
    cancelReason: text('cancel_reason'),
    scheduleId: uuid('schedule_id').references(() => meetingSchedules.id),
    sequence: integer('sequence').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    index('meetings_neighborhood_starts_idx').on(table.neighborhoodId, table.startsAt),
    index('meetings_starts_idx').on(table.startsAt),
    index('meetings_schedule_idx').on(table.scheduleId, table.startsAt),
    check(
      'meetings_kind_check',
      sql`${table.kind} in ('community_meeting', 'education_session', 'partner_meeting')`,
    ),
    check('meetings_status_check', sql`${table.status} in ('planned', 'held', 'cancelled')`),
    check('meetings_interval_check', sql`${table.endsAt} > ${table.startsAt}`),
    check('meetings_coordinate_check', sql`(${table.lat} is null) = (${table.lon} is null)`),
    check(
      'meetings_cancel_reason_check',
      sql`(${table.status} = 'cancelled') = (${table.cancelReason} is not null)`,
    ),
    check(
      'meetings_held_attendance_check',
      sql`${table.status} <> 'held' or ${table.attendanceCount} is not null`,
    ),
    check(
      'meetings_attendance_check',
      sql`(${table.attendanceCount} is null or ${table.attendanceCount} >= 0) and (${table.residentCount} is null or (${table.residentCount} >= 0 and ${table.residentCount} <= coalesce(${table.attendanceCount}, ${table.residentCount})))`,
    ),
  ],
);

/** Staff attending a meeting besides its lieutenant. Names are never public. */
export const meetingStaff = pgTable(
  'meeting_staff',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personnelId: uuid('personnel_id')
      .notNull()
      .references(() => personnel.id),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.personnelId] })],
);

/** Every change of a meeting's time: rescheduling keeps the history. */
export const meetingReschedules = pgTable(
  'meeting_reschedules',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    previousStartsAt: timestampColumn('previous_starts_at').notNull(),
    previousEndsAt: timestampColumn('previous_ends_at').notNull(),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at').notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: createdAtColumn(),
  },
  (table) => [index('meeting_reschedules_meeting_idx').on(table.meetingId, table.changedAt)],
);

/**
 * A problem raised at a meeting. It may become a service request and/or join a SARA case; the case
 * link is a plain uuid until the SARA module's table exists (#10 adds the foreign key).
 */
export const meetingProblems = pgTable(
  'meeting_problems',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    serviceRequestId: uuid('service_request_id').references(() => serviceRequests.id),
    saraCaseId: uuid('sara_case_id').references(() => saraCases.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index('meeting_problems_meeting_idx').on(table.meetingId),
    index('meeting_problems_sara_case_idx').on(table.saraCaseId),
    check('meeting_problems_description_check', sql`char_length(${table.description}) between 1 and 4000`),
  ],
);

/**
 * Something someone agreed to do at a meeting. It belongs to the neighborhood's running list: every
 * later meeting of the neighborhood shows it until it is closed (done or dropped), by whom and when.
 */
export const actionItems = pgTable(
  'action_items',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => personnel.id),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: actionItemStatuses }).notNull().default('open'),
    closedAt: timestampColumn('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    index('action_items_neighborhood_open_idx')
      .on(table.neighborhoodId, table.createdAt)
      .where(sql`${table.status} in ('open', 'in_progress')`),
    index('action_items_owner_idx').on(table.ownerId, table.dueDate),
    index('action_items_meeting_idx').on(table.meetingId),
    check('action_items_status_check', sql`${table.status} in ('open', 'in_progress', 'done', 'dropped')`),
    check(
      'action_items_closed_check',
      sql`(${table.status} in ('done', 'dropped')) = (${table.closedAt} is not null)`,
    ),
    check('action_items_title_check', sql`char_length(${table.title}) between 1 and 500`),
  ],
);

/** Progress reported on an action item, at a meeting (meetingId) or between meetings. */
export const actionItemNotes = pgTable(
  'action_item_notes',
  {
    id: idColumn(),
    actionItemId: uuid('action_item_id')
      .notNull()
      .references(() => actionItems.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index('action_item_notes_item_idx').on(table.actionItemId, table.createdAt),
    check('action_item_notes_body_check', sql`char_length(${table.body}) between 1 and 4000`),
  ],
);
