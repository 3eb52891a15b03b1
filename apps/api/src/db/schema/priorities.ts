import type { LocalizedTextDto as LocalizedText } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn, versionColumn } from './columns.ts';
import { users } from './identity.ts';
import { actionItems, meetingProblems, meetings } from './meetings.ts';
import { neighborhoods } from './neighborhoods.ts';
import { saraCases, saraResponseActions } from './sara.ts';

export const prioritySources = ['meeting', 'sara_case', 'candidate', 'staff'] as const;
export const priorityStatuses = ['active', 'achieved', 'retired'] as const;

/**
 * A neighborhood priority (#20): what the neighborhood's lieutenant committed to, in public. Its title,
 * description and outcome are public text in the department's languages (English required). It came
 * from a meeting (optionally one problem raised there), a SARA case, a candidate problem the data
 * found, or staff. Active, then achieved or retired with a dated outcome.
 */
export const neighborhoodPriorities = pgTable(
  'neighborhood_priorities',
  {
    id: idColumn(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    source: text('source', { enum: prioritySources }).notNull().default('staff'),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    meetingProblemId: uuid('meeting_problem_id').references(() => meetingProblems.id, {
      onDelete: 'set null',
    }),
    saraCaseId: uuid('sara_case_id').references(() => saraCases.id, { onDelete: 'set null' }),
    /** The candidate problem's key (sara_candidates.key) when the data suggested it. */
    candidateKey: text('candidate_key'),
    status: text('status', { enum: priorityStatuses }).notNull().default('active'),
    outcome: jsonb('outcome').$type<LocalizedText>(),
    setAt: timestampColumn('set_at').notNull().defaultNow(),
    closedAt: timestampColumn('closed_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    version: versionColumn(),
  },
  (table) => [
    index('neighborhood_priorities_neighborhood_idx').on(table.neighborhoodId, table.status, table.setAt),
    index('neighborhood_priorities_meeting_idx').on(table.meetingId),
    index('neighborhood_priorities_sara_case_idx').on(table.saraCaseId),
    check(
      'neighborhood_priorities_source_check',
      sql`${table.source} in ('meeting', 'sara_case', 'candidate', 'staff')`,
    ),
    check('neighborhood_priorities_status_check', sql`${table.status} in ('active', 'achieved', 'retired')`),
    check(
      'neighborhood_priorities_closed_check',
      sql`(${table.status} = 'active') = (${table.closedAt} is null)`,
    ),
  ],
);

/**
 * What was done about a priority: one dated public line. It may have been offered from a SARA response
 * action or a done meeting action item (then it names its source, so it is not offered twice).
 */
export const priorityActions = pgTable(
  'priority_actions',
  {
    id: idColumn(),
    priorityId: uuid('priority_id')
      .notNull()
      .references(() => neighborhoodPriorities.id, { onDelete: 'cascade' }),
    body: jsonb('body').$type<LocalizedText>().notNull(),
    takenAt: timestampColumn('taken_at').notNull(),
    saraResponseActionId: uuid('sara_response_action_id').references(() => saraResponseActions.id, {
      onDelete: 'set null',
    }),
    actionItemId: uuid('action_item_id').references(() => actionItems.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (table) => [index('priority_actions_priority_idx').on(table.priorityId, table.takenAt)],
);
