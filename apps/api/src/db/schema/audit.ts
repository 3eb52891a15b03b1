import { bigserial, index, inet, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampColumn } from './columns.ts';

/**
 * Append-only record of every write. A trigger (migration 0001) makes the database itself refuse
 * UPDATE, DELETE and TRUNCATE, so not even a bug or a careless script can rewrite history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'api_client', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ipAddress: inet('ip_address'),
  },
  (table) => [
    index('audit_log_entity_idx').on(table.entityType, table.entityId, table.occurredAt),
    index('audit_log_occurred_at_idx').on(table.occurredAt),
  ],
);
