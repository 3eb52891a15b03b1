import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { neighborhoods, personnel, requestEvents, serviceRequests } from '../../db/schema/index.ts';
import type { RequestActor } from './context.ts';

/** A request as the services handle it: every column but the search text and its vector. */
export type RequestRow = Omit<typeof serviceRequests.$inferSelect, 'searchText' | 'searchVector'>;
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
export function rebuiltSearchText(requestId: string, description: string, address: string | null) {
  return sql`${description} || ' ' || ${address ?? ''} || coalesce((select ' ' || string_agg(${requestEvents.body}, ' ' order by ${requestEvents.id}) from ${requestEvents} where ${and(
    eq(requestEvents.requestId, requestId),
    eq(requestEvents.kind, 'note'),
  )}), '')`;
}

/** The starting search text of a new request. */
export function initialSearchText(description: string, address: string | null | undefined): string {
  return address ? `${description} ${address}` : description;
}

export function bumpVersion() {
  return sql`${serviceRequests.version} + 1`;
}
