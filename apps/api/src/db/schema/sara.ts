import type { SaraAnalysis, SaraArea, SaraAssessment, SaraResponsePlan, SaraScanning } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { neighborhoods } from './neighborhoods.ts';
import { personnel } from './personnel.ts';
import { serviceRequests } from './service-requests.ts';

/**
 * A problem worked through SARA. The stage fields are documents (jsonb) validated by the contracts:
 * they are read and written as a whole by one screen and never queried field by field; everything
 * other modules join on (id, neighborhood, lead, stage) is a column. Meetings (#11) and attachments
 * (#15) refer to a case by `sara_cases.id`.
 */
export const saraCases = pgTable(
  'sara_cases',
  {
    id: idColumn(),
    title: text('title').notNull(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    leadId: uuid('lead_id').references(() => personnel.id),
    priority: text('priority', { enum: ['low', 'medium', 'high'] })
      .notNull()
      .default('medium'),
    stage: text('stage', { enum: ['scanning', 'analysis', 'response', 'assessment', 'closed'] })
      .notNull()
      .default('scanning'),
    partners: text('partners').array().notNull().default(sql`'{}'::text[]`),
    location: jsonb('location').$type<SaraArea>(),
    scanning: jsonb('scanning').$type<SaraScanning>().notNull().default(sql`'{}'::jsonb`),
    analysis: jsonb('analysis').$type<SaraAnalysis>().notNull().default(sql`'{}'::jsonb`),
    response: jsonb('response').$type<SaraResponsePlan>().notNull().default(sql`'{}'::jsonb`),
    assessment: jsonb('assessment').$type<SaraAssessment>().notNull().default(sql`'{}'::jsonb`),
    sourceCandidateKey: text('source_candidate_key'),
    stageChangedAt: timestampColumn('stage_changed_at').notNull().defaultNow(),
    closedAt: timestampColumn('closed_at'),
    createdByType: text('created_by_type').notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    check(
      'sara_cases_stage_check',
      sql`${table.stage} in ('scanning', 'analysis', 'response', 'assessment', 'closed')`,
    ),
    check('sara_cases_priority_check', sql`${table.priority} in ('low', 'medium', 'high')`),
    check('sara_cases_title_check', sql`char_length(${table.title}) between 1 and 200`),
    check('sara_cases_closed_check', sql`(${table.stage} = 'closed') = (${table.closedAt} is not null)`),
    index('sara_cases_neighborhood_stage_idx').on(table.neighborhoodId, table.stage),
    index('sara_cases_lead_idx').on(table.leadId).where(sql`${table.stage} <> 'closed'`),
    index('sara_cases_stage_changed_idx').on(table.stageChangedAt, table.id),
  ],
);

/** Team members besides the lead. */
export const saraCaseMembers = pgTable(
  'sara_case_members',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => saraCases.id, { onDelete: 'cascade' }),
    personnelId: uuid('personnel_id')
      .notNull()
      .references(() => personnel.id),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.personnelId] })],
);

/** Evidence: the service requests that revealed or belong to the problem. */
export const saraCaseRequests = pgTable(
  'sara_case_requests',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => saraCases.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    linkedAt: createdAtColumn(),
    linkedById: text('linked_by_id'),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.requestId] }),
    index('sara_case_requests_request_idx').on(table.requestId),
  ],
);

/** The case's timeline, stage history included (kind 'stage_changed' with from, to and reason). */
export const saraCaseEvents = pgTable(
  'sara_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => saraCases.id, { onDelete: 'cascade' }),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    kind: text('kind').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    reason: text('reason'),
    detail: jsonb('detail'),
  },
  (table) => [index('sara_case_events_case_idx').on(table.caseId, table.id)],
);

/** Response actions: who does what, with which partner, by when. */
export const saraResponseActions = pgTable(
  'sara_response_actions',
  {
    id: idColumn(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => saraCases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => personnel.id),
    partner: text('partner').notNull().default(''),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: ['planned', 'started', 'done', 'dropped'] })
      .notNull()
      .default('planned'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    check(
      'sara_response_actions_status_check',
      sql`${table.status} in ('planned', 'started', 'done', 'dropped')`,
    ),
    index('sara_response_actions_case_idx').on(table.caseId),
  ],
);

export interface SaraMeasureDefinition {
  serviceCodes?: string[];
  bufferMeters?: number | null;
  control?: { neighborhoodId: string } | { area: SaraArea } | null;
}
export interface SaraAreaCounts {
  baseline: number;
  followUp: number;
  change: number | null;
}
export interface SaraMeasureResult {
  target: SaraAreaCounts;
  buffer: SaraAreaCounts | null;
  control: SaraAreaCounts | null;
  weightedDisplacementQuotient: number | null;
  interpretation: string | null;
}

/** Assessment measures: manual (a metric someone counted) or computed from NSP's requests. */
export const saraMeasures = pgTable(
  'sara_measures',
  {
    id: idColumn(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => saraCases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['manual', 'computed'] }).notNull(),
    metric: text('metric').notNull(),
    baselineValue: doublePrecision('baseline_value').notNull(),
    baselineFrom: timestampColumn('baseline_from').notNull(),
    baselineTo: timestampColumn('baseline_to').notNull(),
    followUpValue: doublePrecision('follow_up_value').notNull(),
    followUpFrom: timestampColumn('follow_up_from').notNull(),
    followUpTo: timestampColumn('follow_up_to').notNull(),
    definition: jsonb('definition').$type<SaraMeasureDefinition>(),
    result: jsonb('result').$type<SaraMeasureResult>(),
    createdById: text('created_by_id'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    check('sara_measures_kind_check', sql`${table.kind} in ('manual', 'computed')`),
    check('sara_measures_baseline_period_check', sql`${table.baselineFrom} < ${table.baselineTo}`),
    check('sara_measures_follow_up_period_check', sql`${table.followUpFrom} < ${table.followUpTo}`),
    index('sara_measures_case_idx').on(table.caseId),
  ],
);

/** The last scan's candidate problems; a scan replaces them all. */
export const saraCandidates = pgTable(
  'sara_candidates',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: ['repeat_place', 'cluster', 'spike'] }).notNull(),
    title: text('title').notNull(),
    serviceCode: text('service_code'),
    neighborhoodId: uuid('neighborhood_id').references(() => neighborhoods.id),
    score: doublePrecision('score').notNull(),
    requestIds: uuid('request_ids').array().notNull(),
    area: jsonb('area').$type<SaraArea>().notNull(),
    periodFrom: timestampColumn('period_from').notNull(),
    periodTo: timestampColumn('period_to').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    computedAt: timestampColumn('computed_at').notNull(),
  },
  (table) => [
    check('sara_candidates_kind_check', sql`${table.kind} in ('repeat_place', 'cluster', 'spike')`),
  ],
);

/**
 * What people decided about a candidate: dismissed (with the reason) or made into a case. Kept apart
 * from the candidates, which a scan replaces, so a decided candidate stays away until it grows past
 * `requestCount`.
 */
export const saraCandidateDecisions = pgTable(
  'sara_candidate_decisions',
  {
    key: text('key').primaryKey(),
    decision: text('decision', { enum: ['dismissed', 'case'] }).notNull(),
    reason: text('reason').notNull(),
    requestCount: integer('request_count').notNull(),
    caseId: uuid('case_id').references(() => saraCases.id, { onDelete: 'set null' }),
    decidedById: text('decided_by_id'),
    decidedAt: createdAtColumn(),
  },
  (table) => [
    check('sara_candidate_decisions_decision_check', sql`${table.decision} in ('dismissed', 'case')`),
  ],
);
