import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn } from './columns.ts';
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

// The notifications and their outbox live in notifications.ts.
