import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { neighborhoods, personnel, requestEvents, serviceRequests } from '../../db/schema/index.ts';
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

export async function listEvents(executor: Executor, requestId: string): Promise<EventRow[]> {
  return executor
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.occurredAt), asc(requestEvents.id));
}

/** Names behind the ids events carry, for presenting a timeline. */
export interface EventNames {
  personnel: ReadonlyMap<string, { id: string; name: string; title: string }>;
  neighborhoods: ReadonlyMap<string, { id: string; code: string; name: string }>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The assigneeId and neighborhoodId values in events' before and after. */
function referencedIds(events: readonly EventRow[]) {
  const personnelIds = new Set<string>();
  const neighborhoodIds = new Set<string>();
  for (const event of events) {
    for (const side of [event.before, event.after]) {
      if (!side || typeof side !== 'object') continue;
      const { assigneeId, neighborhoodId } = side as { assigneeId?: unknown; neighborhoodId?: unknown };
      // Only well-formed ids go to the uuid comparison; anything else stays an id on the screen.
      if (typeof assigneeId === 'string' && uuidPattern.test(assigneeId)) personnelIds.add(assigneeId);
      if (typeof neighborhoodId === 'string' && uuidPattern.test(neighborhoodId))
        neighborhoodIds.add(neighborhoodId);
    }
  }
  return { personnelIds: [...personnelIds], neighborhoodIds: [...neighborhoodIds] };
}

/**
 * The people and neighborhoods a timeline's events name, in ONE query (both by primary key), however
 * many events there are. Names are today's: a person renamed since shows under the new name.
 */
export async function findEventNames(executor: Executor, events: readonly EventRow[]): Promise<EventNames> {
  const { personnelIds, neighborhoodIds } = referencedIds(events);
  const names: EventNames = { personnel: new Map(), neighborhoods: new Map() };
  if (personnelIds.length === 0 && neighborhoodIds.length === 0) return names;
  const people = executor
    .select({
      kind: sql<string>`'personnel'`.as('kind'),
      id: personnel.id,
      name: personnel.name,
      detail: personnel.title,
    })
    .from(personnel)
    .where(inArray(personnel.id, personnelIds));
  const places = executor
    .select({
      kind: sql<string>`'neighborhood'`.as('kind'),
      id: neighborhoods.id,
      name: neighborhoods.name,
      detail: neighborhoods.code,
    })
    .from(neighborhoods)
    .where(inArray(neighborhoods.id, neighborhoodIds));
  const rows = await unionAll(people, places);
  const personnelNames = new Map<string, { id: string; name: string; title: string }>();
  const neighborhoodNames = new Map<string, { id: string; code: string; name: string }>();
  for (const row of rows) {
    if (row.kind === 'personnel')
      personnelNames.set(row.id, { id: row.id, name: row.name, title: row.detail });
    else neighborhoodNames.set(row.id, { id: row.id, code: row.detail, name: row.name });
  }
  return { personnel: personnelNames, neighborhoods: neighborhoodNames };
}

export async function listChildren(executor: Executor, parentId: string) {
  return executor
    .select({ id: serviceRequests.id, trackingNumber: serviceRequests.trackingNumber })
    .from(serviceRequests)
    .where(eq(serviceRequests.parentId, parentId))
    .orderBy(asc(serviceRequests.createdAt));
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
