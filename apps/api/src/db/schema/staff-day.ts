import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn } from './columns.ts';
import { users } from './identity.ts';
import { neighborhoods } from './neighborhoods.ts';
import { assignments, personnel } from './personnel.ts';

/**
 * A person's saved queue views ("Overdue noise in Burnside"): a name and the queue's filters as the
 * query string of its address, so a view opens exactly as the queue would show that link. Private
 * to the user; removed with them.
 */
export const savedQueueViews = pgTable(
  'saved_queue_views',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex('saved_queue_views_user_name_key').on(table.userId, sql`lower(${table.name})`),
    check('saved_queue_views_name_check', sql`char_length(${table.name}) between 1 and 80`),
    check('saved_queue_views_query_check', sql`char_length(${table.query}) <= 2000`),
  ],
);

/**
 * Open work a future-dated lieutenant reassignment hands over when it takes effect: the outgoing
 * lieutenant's open requests in the neighborhood move to the incoming one at `dueAt` (a background job
 * runs the due ones). One per incoming interval; done (or cancelled, when the interval was corrected
 * away before it started) exactly once.
 */
export const scheduledWorkTransfers = pgTable(
  'scheduled_work_transfers',
  {
    id: idColumn(),
    neighborhoodId: uuid('neighborhood_id')
      .notNull()
      .references(() => neighborhoods.id),
    /** The incoming lieutenant's interval, whose start is dueAt. */
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id),
    fromPersonnelId: uuid('from_personnel_id')
      .notNull()
      .references(() => personnel.id),
    toPersonnelId: uuid('to_personnel_id')
      .notNull()
      .references(() => personnel.id),
    dueAt: timestampColumn('due_at').notNull(),
    reason: text('reason').notNull(),
    requestedByType: text('requested_by_type').notNull(),
    requestedById: text('requested_by_id'),
    requestedByName: text('requested_by_name'),
    createdAt: createdAtColumn(),
    doneAt: timestampColumn('done_at'),
    /** How many open requests moved; null while pending or when cancelled. */
    movedRequests: integer('moved_requests'),
    cancelledAt: timestampColumn('cancelled_at'),
  },
  (table) => [
    uniqueIndex('scheduled_work_transfers_assignment_key').on(table.assignmentId),
    index('scheduled_work_transfers_pending_idx')
      .on(table.dueAt)
      .where(sql`${table.doneAt} is null and ${table.cancelledAt} is null`),
    check(
      'scheduled_work_transfers_finished_once_check',
      sql`${table.doneAt} is null or ${table.cancelledAt} is null`,
    ),
  ],
);
