import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { neighborhoods, personnel, requestEvents, serviceRequests } from '../../db/schema/index.ts';
import type { RequesterNotice } from '@nsp/contracts';
import { noticeOf, type RequesterMessageOutcome } from '../notifications/requester-messages.ts';
import type { RequestActor } from './context.ts';

/** A request as the services handle it: every column but the search text and its vector. */
export type RequestRow = Omit<
  typeof serviceRequests.$inferSelect,
  'searchText' | 'searchVector' | 'publicSearchText' | 'publicSearchVector'
>;
export type EventRow = typeof requestEvents.$inferSelect;
export type NewEvent = Omit<
  typeof requestEvents.$inferInsert,
  'actorType' | 'actorId' | 'actorName' | 'requestId'
>;

/** A request with what replies show next to it: its neighborhood and its assignee's name. */
export type RequestView = RequestRow & {
  neighborhood: { id: string; code: string; name: string } | null;
  assignee: { id: string; name: string; title: string } | null;
};

/** Every column of the request but the search text (which can be long and is never shown). */
export const requestColumns = {
  id: serviceRequests.id,
  trackingNumber: serviceRequests.trackingNumber,
  serviceCode: serviceRequests.serviceCode,
  status: serviceRequests.status,
  priority: serviceRequests.priority,
  channel: serviceRequests.channel,
  description: serviceRequests.description,
  address: serviceRequests.address,
  lat: serviceRequests.lat,
  lon: serviceRequests.lon,
  neighborhoodId: serviceRequests.neighborhoodId,
  assigneeId: serviceRequests.assigneeId,
  attributes: serviceRequests.attributes,
  requesterName: serviceRequests.requesterName,
  requesterEmail: serviceRequests.requesterEmail,
  requesterPhone: serviceRequests.requesterPhone,
  requesterLanguage: serviceRequests.requesterLanguage,
  requesterEmailUpdates: serviceRequests.requesterEmailUpdates,
  parentId: serviceRequests.parentId,
  firstResponseDueAt: serviceRequests.firstResponseDueAt,
  resolutionDueAt: serviceRequests.resolutionDueAt,
  firstRespondedAt: serviceRequests.firstRespondedAt,
  resolvedAt: serviceRequests.resolvedAt,
  closedAt: serviceRequests.closedAt,
  anonymizedAt: serviceRequests.anonymizedAt,
  createdByType: serviceRequests.createdByType,
  createdById: serviceRequests.createdById,
  createdAt: serviceRequests.createdAt,
  updatedAt: serviceRequests.updatedAt,
  version: serviceRequests.version,
};

export const viewColumns = {
  ...requestColumns,
  neighborhoodCode: neighborhoods.code,
  neighborhoodName: neighborhoods.name,
  assigneeName: personnel.name,
  assigneeTitle: personnel.title,
};

type ViewRecord = { [K in keyof typeof viewColumns]: unknown };

/** Shapes a row selected with viewColumns (left joins may leave the joined columns null). */
export function toView(record: ViewRecord): RequestView {
  const { neighborhoodCode, neighborhoodName, assigneeName, assigneeTitle, ...row } =
    record as unknown as RequestRow & {
      neighborhoodCode: string | null;
      neighborhoodName: string | null;
      assigneeName: string | null;
      assigneeTitle: string | null;
    };
  return {
    ...row,
    neighborhood:
      row.neighborhoodId && neighborhoodCode !== null
        ? { id: row.neighborhoodId, code: neighborhoodCode, name: neighborhoodName ?? neighborhoodCode }
        : null,
    assignee:
      row.assigneeId && assigneeName !== null
        ? { id: row.assigneeId, name: assigneeName, title: assigneeTitle ?? '' }
        : null,
  };
}

/** The request joined with its neighborhood and assignee, ready to present. */
export function selectViews<Extra extends Record<string, SQL.Aliased | SQL>>(
  executor: Executor,
  extra?: Extra,
) {
  return executor
    .select({ ...viewColumns, ...(extra as Extra) })
    .from(serviceRequests)
    .leftJoin(neighborhoods, eq(neighborhoods.id, serviceRequests.neighborhoodId))
    .leftJoin(personnel, eq(personnel.id, serviceRequests.assigneeId));
}

export async function findView(executor: Executor, id: string): Promise<RequestView | undefined> {
  const [record] = await selectViews(executor).where(eq(serviceRequests.id, id)).limit(1);
  return record ? toView(record) : undefined;
}

/** Reads and locks the request row for a change (the joined tables are not locked). */
export async function lockRequest(executor: Executor, id: string): Promise<RequestRow | undefined> {
  const [row] = await executor
    .select(requestColumns)
    .from(serviceRequests)
    .where(eq(serviceRequests.id, id))
    .for('update')
    .limit(1);
  return row;
}

export async function insertEvents(
  executor: Executor,
  actor: RequestActor,
  requestId: string,
  events: NewEvent[],
): Promise<EventRow[]> {
  if (events.length === 0) return [];
  return executor
    .insert(requestEvents)
    .values(
      events.map((event) => ({
        ...event,
        requestId,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
      })),
    )
    .returning();
}

/** Names behind the ids events carry, for presenting a timeline. */
export interface EventNames {
  personnel: ReadonlyMap<string, { id: string; name: string; title: string }>;
  neighborhoods: ReadonlyMap<string, { id: string; code: string; name: string }>;
}

/** One event as the detail statement returns it (JSON: the time as text). */
type EventJson = Omit<EventRow, 'occurredAt' | 'requestId'> & { occurredAt: string };
/** One requester message with its e-mail delivery, as the detail statement returns it. */
interface NoticeJson {
  eventId: number;
  outcome: RequesterMessageOutcome;
  language: string;
  status: string | null;
  deliveredAt: string | null;
}
/** A person or neighborhood an event's before/after names by id. */
interface NameJson {
  kind: 'personnel' | 'neighborhood';
  id: string;
  name: string;
  detail: string;
}

/**
 * The ids an event names under `key` in its before or after that are well-formed UUIDs, gathered
 * by the aggregate over the request's events (anything else stays an id on the screen).
 */
const referencedIds = (key: 'assigneeId' | 'neighborhoodId') =>
  sql.raw(`array(select ref::uuid
      from unnest(array_agg(e.before ->> '${key}') || array_agg(e.after ->> '${key}')) as ref
     where ref ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')`);

/**
 * What the request page shows beside the request, as JSON columns of the same row: the timeline
 * in order with today's names of the people and neighborhoods its events name by id (one pass over
 * the events), the duplicates merged into it, and what became of each requester message (e-mail
 * outbox).
 */
const detailColumns = {
  timeline: sql<{ events: EventJson[]; names: NameJson[] }>`(select json_build_object(
      'events', coalesce(json_agg(json_build_object(
        'id', e.id, 'occurredAt', e.occurred_at, 'actorType', e.actor_type, 'actorId', e.actor_id,
        'actorName', e.actor_name, 'kind', e.kind, 'before', e.before, 'after', e.after, 'body', e.body,
        'visibility', e.visibility, 'language', e.language) order by e.occurred_at, e.id), '[]'::json),
      'names', (select coalesce(json_agg(named), '[]'::json) from (
        select 'personnel' as kind, p.id, p.name, p.title as detail from personnel p
         where p.id = any(${referencedIds('assigneeId')})
        union all
        select 'neighborhood', n.id, n.name, n.code from neighborhoods n
         where n.id = any(${referencedIds('neighborhoodId')})) as named))
    from request_events e where e.request_id = ${serviceRequests.id})`,
  children: sql<Array<{ id: string; trackingNumber: string }>>`(select coalesce(json_agg(json_build_object(
      'id', c.id, 'trackingNumber', c.tracking_number) order by c.created_at), '[]'::json)
    from service_requests c where c.parent_id = ${serviceRequests.id})`,
  notices: sql<NoticeJson[]>`(select coalesce(json_agg(json_build_object(
      'eventId', m.event_id, 'outcome', m.outcome, 'language', m.language, 'status', o.status,
      'deliveredAt', o.delivered_at)), '[]'::json)
    from requester_messages m
    left join notification_outbox o on o.requester_message_id = m.id and o.channel = 'email'
    where m.request_id = ${serviceRequests.id})`,
};

export interface RequestDetailRows {
  view: RequestView;
  events: EventRow[];
  children: Array<{ id: string; trackingNumber: string }>;
  /** What became of each requester-facing event's message, by event id. */
  notices: Map<number, RequesterNotice>;
  names: EventNames;
}

function detailStatement(executor: Executor) {
  return selectViews(executor, detailColumns)
    .where(eq(serviceRequests.id, sql.placeholder('id')))
    .limit(1)
    .prepare('nsp_service_request_detail');
}
/** Built once per database (drizzle then only binds the id; PostgreSQL plans it once per connection). */
const detailStatements = new WeakMap<Executor, ReturnType<typeof detailStatement>>();

/**
 * A request with everything its page shows, in ONE statement (it was six: a round trip each, and
 * building them cost more CPU than PostgreSQL spent answering them; see bench/REPORT.md).
 */
export async function findDetail(executor: Executor, id: string): Promise<RequestDetailRows | undefined> {
  let statement = detailStatements.get(executor);
  if (!statement) {
    statement = detailStatement(executor);
    detailStatements.set(executor, statement);
  }
  const [record] = await statement.execute({ id });
  if (!record) return undefined;
  const {
    timeline: { events, names },
    children,
    notices,
    ...view
  } = record;
  const personnelNames = new Map<string, { id: string; name: string; title: string }>();
  const neighborhoodNames = new Map<string, { id: string; code: string; name: string }>();
  for (const row of names) {
    if (row.kind === 'personnel')
      personnelNames.set(row.id, { id: row.id, name: row.name, title: row.detail });
    else neighborhoodNames.set(row.id, { id: row.id, code: row.detail, name: row.name });
  }
  return {
    view: toView(view),
    events: events.map((event) => ({ ...event, requestId: id, occurredAt: new Date(event.occurredAt) })),
    children,
    notices: new Map(
      notices.map((notice) => [
        notice.eventId,
        noticeOf({ ...notice, deliveredAt: notice.deliveredAt ? new Date(notice.deliveredAt) : null }),
      ]),
    ),
    names: { personnel: personnelNames, neighborhoods: neighborhoodNames },
  };
}

/**
 * The search text rebuilt from its sources: description, address and the text of every note. Used
 * when the description or address changes; a new note is appended instead (cheaper).
 */
/**
 * Both search texts rebuilt from the description, the address and the notes: every note for staff,
 * public updates only for the public text (see the schema).
 */
export function rebuiltSearchTexts(requestId: string, description: string, address: string | null) {
  const notes = (publicOnly: boolean) =>
    sql`coalesce((select ' ' || string_agg(${requestEvents.body}, ' ' order by ${requestEvents.id}) from ${requestEvents} where ${and(
      eq(requestEvents.requestId, requestId),
      eq(requestEvents.kind, 'note'),
      publicOnly ? eq(requestEvents.visibility, 'public') : undefined,
    )}), '')`;
  const base = sql`${description} || ' ' || ${address ?? ''}`;
  return {
    searchText: sql`${base} || ${notes(false)}` as unknown as string,
    publicSearchText: sql`${base} || ${notes(true)}` as unknown as string,
  };
}

/** The starting search text of a new request (the same for both texts: no notes yet). */
export function initialSearchText(description: string, address: string | null | undefined): string {
  return address ? `${description} ${address}` : description;
}

export function bumpVersion() {
  return sql`${serviceRequests.version} + 1`;
}
