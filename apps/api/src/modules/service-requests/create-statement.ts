import { sql } from 'drizzle-orm';
import type { PreparedQueryConfig, SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { Transaction } from '../../db/client.ts';
import {
  auditLog,
  notificationOutbox,
  requestEvents,
  requesterMessages,
  serviceRequests,
} from '../../db/schema/index.ts';
import { LIVE_EVENTS_CHANNEL } from '../live-events/publish.ts';
import { type RequestRow, requestColumns } from './repo.ts';

/**
 * Intake's writes as ONE named prepared statement: the request (its tracking number drawn from the
 * sequence in the same statement), its 'created' timeline event, its audit entry, the requester's
 * acknowledgement (and its e-mail, when consented), and the live-update NOTIFY (delivered when the transaction commits). Intake is the hot path (the create benchmark holds
 * it to 60 % of raw pg); one round trip instead of four matters more there than anything else, and
 * PostgreSQL parses and plans it once per connection.
 *
 * The audit row is written here rather than through recordAudit() to stay in the one statement; it
 * fills the same columns. The live event has publishLiveEvent()'s shape. Neither holds requester contact.
 */
function buildCreateStatement(tx: Transaction) {
  const p = (name: string) => sql.placeholder(name);
  const insert = tx
    .insert(serviceRequests)
    .values({
      trackingNumber: sql`(select ${p('prefix')}::text || '-' || ${p('year')}::text || '-' || lpad(n::text, greatest(6, length(n::text)), '0') from (select nextval('service_request_number_seq') as n) as next_number)`,
      serviceCode: p('serviceCode'),
      status: p('status'),
      priority: p('priority'),
      channel: p('channel'),
      description: p('description'),
      address: p('address'),
      lat: p('lat'),
      lon: p('lon'),
      neighborhoodId: p('neighborhoodId'),
      assigneeId: p('assigneeId'),
      attributes: p('attributes'),
      requesterName: p('requesterName'),
      requesterEmail: p('requesterEmail'),
      requesterPhone: p('requesterPhone'),
      requesterLanguage: p('requesterLanguage'),
      requesterEmailUpdates: p('requesterEmailUpdates'),
      firstResponseDueAt: p('firstResponseDueAt'),
      resolutionDueAt: p('resolutionDueAt'),
      createdByType: p('actorType'),
      createdById: p('actorId'),
      searchText: p('searchText'),
      // A new request has no notes yet: both search texts start alike.
      publicSearchText: p('searchText'),
      createdAt: p('createdAt'),
      updatedAt: p('createdAt'),
    })
    .returning(requestColumns);
  const created = tx.$with('created', requestColumns).as(insert.getSQL());
  const logged = tx.$with('logged', {}).as(
    sql`insert into ${requestEvents} (request_id, occurred_at, actor_type, actor_id, actor_name, kind, after, visibility)
      select id, created_at, ${p('actorType')}, ${p('actorId')}, ${p('actorName')}, 'created',
        ${p('facts')}::jsonb || jsonb_build_object('trackingNumber', tracking_number), 'public'
      from created
      returning id`,
  );
  // The acknowledgement to the requester (modules/notifications/requester-messages.ts): what was
  // decided for it (queued, or why not), and its e-mail in the outbox when queued. No address here.
  const messaged = tx.$with('messaged', {}).as(
    sql`insert into ${requesterMessages} (request_id, event_id, kind, language, outcome)
      select created.id, logged.id, 'acknowledgement', ${p('mailLanguage')}, ${p('mailOutcome')}
      from created, logged
      returning id, outcome`,
  );
  const mailed = tx.$with('mailed', {}).as(
    sql`insert into ${notificationOutbox} (requester_message_id, channel)
      select id, 'email' from messaged where outcome = 'queued'`,
  );
  const audited = tx.$with('audited', {}).as(
    sql`insert into ${auditLog} (actor_type, actor_id, action, entity_type, entity_id, after, request_id, ip_address)
      select ${p('actorType')}, ${p('actorId')}, 'service_request.created', 'service_request', id::text,
        ${p('auditFacts')}::jsonb || jsonb_build_object('trackingNumber', tracking_number),
        ${p('requestId')}, ${p('ipAddress')}::inet
      from created`,
  );
  const returned = Object.fromEntries(
    Object.keys(requestColumns).map((key) => [key, created[key as keyof typeof requestColumns]]),
  ) as { [K in keyof typeof requestColumns]: (typeof created)[K] };
  return tx
    .with(created, logged, audited, messaged, mailed)
    .select({ ...returned, announced: announcement })
    .from(created);
}

const announcement = sql<string>`pg_notify(${LIVE_EVENTS_CHANNEL}, json_build_object('type', 'service_request.created', 'entity', 'service_request', 'id', id, 'neighborhoodId', neighborhood_id, 'status', status, 'at', ${sql.placeholder('announcedAt')}::text)::text)`;

/** The statement's text and parameter slots, built once: drizzle's query building is per-request CPU otherwise. */
let built: { query: { sql: string; params: unknown[] }; fields: SelectedFieldsOrdered } | undefined;

/**
 * The create statement, prepared on this transaction's connection under one name. The SQL is built by
 * drizzle once per process and only the placeholder values change per request (fillPlaceholders at
 * execute); rows map back through the same columns as a drizzle select would.
 */
export function prepareCreateStatement(tx: Transaction) {
  built ??= {
    query: buildCreateStatement(tx).toSQL(),
    fields: [
      ...Object.entries(requestColumns).map(([key, field]) => ({ path: [key], field })),
      { path: ['announced'], field: announcement },
    ],
  };
  return tx._.session.prepareQuery<PreparedQueryConfig & { execute: CreatedRow[] }>(
    built.query,
    built.fields,
    'nsp_service_request_create',
    true,
  );
}

type CreatedRow = RequestRow & { announced: string };
