import { requestStatusValues } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  smallint,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { nameKey, phoneDigits } from '../requester-keys.ts';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { neighborhoods } from './neighborhoods.ts';
import { personnel } from './personnel.ts';

// The statuses are defined once, in the contracts; the workflow module holds the rules between them.
export { requestStatusValues } from '@nsp/contracts';
export const requestPriorities = ['P1', 'P2', 'P3', 'P4'] as const;
export const requestChannels = ['phone', 'walk_in', 'email', 'web', 'social_media', 'integration'] as const;
export const languages = ['en', 'es', 'pt', 'pl'] as const;

/** Text in the public languages; English is required, the others fall back to it. */
export type LocalizedText = { en: string } & Partial<Record<string, string>>;

export interface ServiceTypeAttribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: LocalizedText;
  datatypeDescription?: LocalizedText;
  order: number;
  values?: Array<{ key: string; name: LocalizedText }>;
}

export interface SlaTargets {
  clock: 'calendar' | 'business';
  /** Hours per priority until first response and until resolution. */
  targets: Record<'P1' | 'P2' | 'P3' | 'P4', { firstResponseHours: number; resolutionHours: number }>;
}

/** A PostgreSQL tsvector (full-text document); only ever written by the database itself. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Categories of request (Open311 services), with their questions and SLA targets. */
export const serviceTypes = pgTable(
  'service_types',
  {
    code: text('code').primaryKey(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    group: text('group').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<ServiceTypeAttribute[]>().notNull().default(sql`'[]'::jsonb`),
    sla: jsonb('sla').$type<SlaTargets>().notNull(),
    /** Priority a new request of this category gets when intake does not say. */
    defaultPriority: text('default_priority', { enum: requestPriorities }).notNull().default('P3'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    check('service_types_default_priority_check', sql`${table.defaultPriority} in ('P1', 'P2', 'P3', 'P4')`),
  ],
);

/** Numbers behind tracking numbers (EH-2026-000123); a sequence never hands out a number twice. */
export const trackingNumberSequence = pgSequence('service_request_number_seq', { startWith: 1 });

/**
 * A request for service. Requester contact fields are personal data: only staff roles see them,
 * they are never logged, and they are anonymised after the retention period.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: idColumn(),
    trackingNumber: text('tracking_number').notNull(),
    serviceCode: text('service_code')
      .notNull()
      .references(() => serviceTypes.code),
    status: text('status', { enum: requestStatusValues }).notNull().default('new'),
    priority: text('priority', { enum: requestPriorities }).notNull().default('P3'),
    channel: text('channel', { enum: requestChannels }).notNull(),
    description: text('description').notNull(),
    address: text('address'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    neighborhoodId: uuid('neighborhood_id').references(() => neighborhoods.id),
    assigneeId: uuid('assignee_id').references(() => personnel.id),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    requesterName: text('requester_name'),
    requesterEmail: text('requester_email'),
    requesterPhone: text('requester_phone'),
    requesterLanguage: text('requester_language'),
    /** The requester's consent to e-mail about this request; unsubscribing sets it false. */
    requesterEmailUpdates: boolean('requester_email_updates').notNull().default(false),
    parentId: uuid('parent_id'),
    firstResponseDueAt: timestampColumn('first_response_due_at').notNull(),
    resolutionDueAt: timestampColumn('resolution_due_at').notNull(),
    firstRespondedAt: timestampColumn('first_responded_at'),
    resolvedAt: timestampColumn('resolved_at'),
    closedAt: timestampColumn('closed_at'),
    anonymizedAt: timestampColumn('anonymized_at'),
    createdByType: text('created_by_type').notNull(),
    createdById: text('created_by_id'),
    /** Description, address and every note's text (internal ones too): staff search this. */
    searchText: text('search_text').notNull().default(''),
    /**
     * Description, address and public updates only: what analysts and integrations may search, so
     * that a search cannot confirm a name or phone number typed into an internal note.
     */
    publicSearchText: text('public_search_text').notNull().default(''),
    /**
     * The search text as a stored tsvector, so neither an index recheck nor a walk along another index
     * (newest first) has to run to_tsvector row by row: at 1,000,000 requests that is the difference
     * between ~500 ms and ~15 ms for a common word.
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', search_text)`),
    publicSearchVector: tsvector('public_search_vector').generatedAlwaysAs(
      sql`to_tsvector('english', public_search_text)`,
    ),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('service_requests_tracking_number_key').on(table.trackingNumber),
    check(
      'service_requests_status_check',
      sql`${table.status} in ('new', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate')`,
    ),
    check('service_requests_priority_check', sql`${table.priority} in ('P1', 'P2', 'P3', 'P4')`),
    // The queue's common queries; their plans are in the service-requests benchmark notes.
    index('service_requests_open_by_neighborhood_idx')
      .on(table.neighborhoodId, table.resolutionDueAt)
      .where(sql`${table.status} in ('new', 'triaged', 'assigned', 'in_progress')`),
    index('service_requests_open_due_idx')
      .on(table.resolutionDueAt)
      .where(sql`${table.status} in ('new', 'triaged', 'assigned', 'in_progress')`),
    index('service_requests_assignee_idx')
      .on(table.assigneeId)
      .where(sql`${table.status} in ('new', 'triaged', 'assigned', 'in_progress')`),
    index('service_requests_created_idx').on(table.createdAt, table.id),
    index('service_requests_status_created_idx').on(table.status, table.createdAt),
    index('service_requests_search_vector_idx').using('gin', table.searchVector),
    index('service_requests_public_search_vector_idx').using('gin', table.publicSearchVector),
    index('service_requests_parent_idx').on(table.parentId),
    // The queue's per-status counts ignore the status filter (tab numbers), so finished statuses
    // are counted too: these keep those counts index-only for a neighborhood, and for a neighborhood
    // and a category.
    index('service_requests_neighborhood_status_idx').on(table.neighborhoodId, table.status),
    index('service_requests_code_neighborhood_status_idx').on(
      table.serviceCode,
      table.neighborhoodId,
      table.status,
    ),
    // Duplicate suggestions at intake: open requests of one category created in the last 14 days.
    index('service_requests_open_code_created_idx')
      .on(table.serviceCode, table.createdAt)
      .where(sql`${table.status} in ('new', 'triaged', 'assigned', 'in_progress')`),
    // Callbacks: staff find a caller's requests by name (any word, accents ignored) or phone number,
    // and the request page lists the same caller's other requests (requester-keys.ts).
    index('service_requests_requester_name_idx').using(
      'gin',
      sql`(${nameKey(table.requesterName)}) gin_trgm_ops`,
    ),
    index('service_requests_requester_phone_idx')
      .on(phoneDigits(table.requesterPhone))
      .where(sql`${table.requesterPhone} is not null`),
    index('service_requests_requester_email_idx')
      .on(table.requesterEmail)
      .where(sql`${table.requesterEmail} is not null`),
  ],
);

/** The timeline: every change to a request, who made it, and what it was before and after. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    kind: text('kind').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Note text for notes and public updates. */
    body: text('body'),
    visibility: text('visibility', { enum: ['internal', 'public'] })
      .notNull()
      .default('internal'),
    language: text('language'),
  },
  (table) => [
    index('request_events_request_idx').on(table.requestId, table.occurredAt),
    index('request_events_public_idx').on(table.occurredAt).where(sql`${table.visibility} = 'public'`),
    // The staff-notices job reads the last minutes' assignments (modules/notifications/staff-notices.ts).
    index('request_events_assignment_idx')
      .on(table.occurredAt)
      .where(sql`${table.kind} in ('created', 'assigned')`),
  ],
);

/** Idempotency-Key replay store: the first result of a POST, returned again for a retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: doublePrecision('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: createdAtColumn(),
  },
  (table) => [primaryKey({ columns: [table.principal, table.key] })],
);

/**
 * Canned replies staff pick from when they post an update: per category (null = every category) and
 * per status the request is moving to or is in (null = any status), in the public languages.
 */
export const responseTemplates = pgTable(
  'response_templates',
  {
    id: idColumn(),
    serviceCode: text('service_code').references(() => serviceTypes.code),
    status: text('status', { enum: requestStatusValues }),
    title: text('title').notNull(),
    body: jsonb('body').$type<LocalizedText>().notNull(),
    /** Set: the text of that e-mail to requesters (modules/notifications), not a canned reply. */
    emailKind: text('email_kind', { enum: ['acknowledgement', 'public_update', 'resolution'] }),
    /** The e-mail's subject, for e-mail templates. */
    subject: jsonb('subject').$type<LocalizedText>(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    index('response_templates_lookup_idx').on(table.serviceCode, table.status),
    // One e-mail template of each kind per category (and one general one).
    uniqueIndex('response_templates_email_kind_key')
      .on(sql`coalesce(${table.serviceCode}, '')`, table.emailKind)
      .where(sql`${table.emailKind} is not null`),
    check(
      'response_templates_email_kind_check',
      sql`${table.emailKind} is null or (${table.emailKind} in ('acknowledgement', 'public_update', 'resolution') and ${table.subject} is not null)`,
    ),
  ],
);

export interface HolidayEntry {
  /** Local date in the department's time zone, YYYY-MM-DD. */
  date: string;
  name: string;
}

/**
 * The service desk's settings, one row (id = 1): the business calendar the SLA clock counts in
 * (weekly hours and holidays, in NSP_TIMEZONE) and how long a finished request may be reopened.
 * A missing row means the defaults (Mon–Fri 08:00–17:00, no holidays, 30 days).
 */
export const serviceDeskSettings = pgTable(
  'service_desk_settings',
  {
    id: smallint('id').primaryKey().default(1),
    weeklyHours: jsonb('weekly_hours')
      .$type<Record<string, Array<{ start: string; end: string }>>>()
      .notNull(),
    holidays: jsonb('holidays').$type<HolidayEntry[]>().notNull().default(sql`'[]'::jsonb`),
    reopenWindowDays: integer('reopen_window_days').notNull().default(30),
    updatedAt: updatedAtColumn(),
    updatedBy: text('updated_by'),
    version: versionColumn(),
  },
  (table) => [
    check('service_desk_settings_singleton_check', sql`${table.id} = 1`),
    check('service_desk_settings_reopen_window_check', sql`${table.reopenWindowDays} >= 0`),
  ],
);
