import type { LocalizedText } from '../../db/schema/index.ts';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  neighborhoods,
  open311Requests,
  requestEvents,
  serviceRequests,
  serviceTypes,
} from '../../db/schema/index.ts';
import type { HundredBlock } from '../geocoding/index.ts';
import type { Translator } from '../public/index.ts';
import { open311DateTime } from './dates.ts';

export const openStatuses = ['new', 'triaged', 'assigned', 'in_progress'] as const;
const openSet = new Set<string>(openStatuses);
export const open311StatusOf = (status: string): 'open' | 'closed' =>
  openSet.has(status) ? 'open' : 'closed';

/** Channels through which residents wrote the description themselves, for the public: it is shown. */
const selfFiledChannels = new Set(['web', 'integration']);

/** FixMyStreet acts on these keywords (hides or restricts a service): never publish them by accident. */
const reservedKeywords = new Set(['private', 'inactive', 'staff', 'waste_only']);

export interface Open311Context {
  db: Database;
  timeZone: string;
  agency: string;
  texts: Translator;
  generalise(location: {
    address: string | null;
    lat: number | null;
    lon: number | null;
  }): HundredBlock | null;
}

export async function listServices(ctx: Open311Context) {
  const rows = await ctx.db
    .select()
    .from(serviceTypes)
    .where(eq(serviceTypes.active, true))
    .orderBy(asc(serviceTypes.group), asc(serviceTypes.code));
  return rows.map((row) => ({
    service_code: row.code,
    service_name: ctx.texts.pick(row.name),
    description: ctx.texts.pick(row.description),
    metadata: row.attributes.length > 0,
    type: 'realtime' as const,
    keywords: row.keywords.filter((keyword) => !reservedKeywords.has(keyword.toLowerCase())).join(','),
    group: row.group,
  }));
}

export function serviceDefinition(ctx: Open311Context, row: typeof serviceTypes.$inferSelect) {
  return {
    service_code: row.code,
    attributes: [...row.attributes]
      .sort((a, b) => a.order - b.order)
      .map((attribute) => ({
        variable: true,
        code: attribute.code,
        datatype: attribute.datatype,
        required: attribute.required,
        datatype_description: attribute.datatypeDescription
          ? ctx.texts.pick(attribute.datatypeDescription)
          : '',
        order: attribute.order,
        description: ctx.texts.pick(attribute.description),
        ...(attribute.values
          ? {
              values: attribute.values.map((value) => ({ key: value.key, name: ctx.texts.pick(value.name) })),
            }
          : {}),
      })),
  };
}

const requestColumns = {
  id: serviceRequests.id,
  trackingNumber: serviceRequests.trackingNumber,
  status: serviceRequests.status,
  serviceCode: serviceRequests.serviceCode,
  serviceName: serviceTypes.name,
  description: serviceRequests.description,
  channel: serviceRequests.channel,
  address: serviceRequests.address,
  lat: serviceRequests.lat,
  lon: serviceRequests.lon,
  neighborhoodName: neighborhoods.name,
  createdAt: serviceRequests.createdAt,
  updatedAt: serviceRequests.updatedAt,
  resolvedAt: serviceRequests.resolvedAt,
  closedAt: serviceRequests.closedAt,
  resolutionDueAt: serviceRequests.resolutionDueAt,
  mediaUrl: open311Requests.mediaUrl,
};
type RequestRow = {
  [K in keyof typeof requestColumns]: (typeof requestColumns)[K]['_']['data'] | null;
} & {
  id: string;
  trackingNumber: string;
  status: string;
  serviceCode: string;
  createdAt: Date;
  updatedAt: Date;
};

export interface RequestFilters {
  ids?: string[];
  serviceCodes?: string[];
  from?: Date;
  /** Exclusive. */
  to?: Date;
  statuses?: Array<'open' | 'closed'>;
  limit: number;
  offset: number;
}

export async function findRequests(ctx: Open311Context, filters: RequestFilters) {
  const conditions = [];
  if (filters.ids) {
    conditions.push(inArray(serviceRequests.trackingNumber, filters.ids));
  } else {
    if (filters.serviceCodes) conditions.push(inArray(serviceRequests.serviceCode, filters.serviceCodes));
    if (filters.from) conditions.push(gte(serviceRequests.createdAt, filters.from));
    if (filters.to) conditions.push(lt(serviceRequests.createdAt, filters.to));
    if (filters.statuses && filters.statuses.length === 1) {
      const open = sql`${serviceRequests.status} in ('new', 'triaged', 'assigned', 'in_progress')`;
      conditions.push(filters.statuses[0] === 'open' ? open : sql`not (${open})`);
    }
  }
  const rows = (await ctx.db
    .select(requestColumns)
    .from(serviceRequests)
    .innerJoin(serviceTypes, eq(serviceTypes.code, serviceRequests.serviceCode))
    .leftJoin(neighborhoods, eq(neighborhoods.id, serviceRequests.neighborhoodId))
    .leftJoin(open311Requests, eq(open311Requests.requestId, serviceRequests.id))
    .where(and(...conditions))
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(filters.limit)
    .offset(filters.offset)) as RequestRow[];
  return rows;
}

/** The time a finished request was finished (open311.md: when closed, updated_datetime is the closing time). */
function updatedOf(row: RequestRow): Date {
  if (row.status === 'closed') return row.closedAt ?? row.resolvedAt ?? row.updatedAt;
  if (row.status === 'resolved') return row.resolvedAt ?? row.updatedAt;
  return row.updatedAt;
}

/** Public updates (public notes) and status changes of these requests, oldest first (the `notes` extension). */
async function publicNotes(ctx: Open311Context, requestIds: string[]) {
  if (requestIds.length === 0)
    return new Map<string, Array<{ datetime: string; description: string; type: string }>>();
  const events = await ctx.db
    .select({
      requestId: requestEvents.requestId,
      occurredAt: requestEvents.occurredAt,
      kind: requestEvents.kind,
      body: requestEvents.body,
      after: requestEvents.after,
    })
    .from(requestEvents)
    .where(
      and(
        inArray(requestEvents.requestId, requestIds),
        eq(requestEvents.visibility, 'public'),
        inArray(requestEvents.kind, ['note', 'status_changed', 'reopened']),
      ),
    )
    .orderBy(asc(requestEvents.occurredAt), asc(requestEvents.id));
  const notes = new Map<string, Array<{ datetime: string; description: string; type: string }>>();
  for (const event of events) {
    const list = notes.get(event.requestId) ?? [];
    const status = (event.after as { status?: string } | null)?.status;
    list.push({
      datetime: open311DateTime(event.occurredAt, ctx.timeZone),
      description: event.kind === 'note' ? (event.body ?? '') : ctx.texts.t(`status.${status}`),
      type: event.kind === 'note' ? 'update' : 'status',
    });
    notes.set(event.requestId, list);
  }
  return notes;
}

/** Where a request is, for the public: its hundred-block and that block's centre, never the house. */
export function publicLocation(ctx: Open311Context, row: Pick<RequestRow, 'address' | 'lat' | 'lon'>) {
  const block = ctx.generalise({ address: row.address, lat: row.lat, lon: row.lon });
  if (block) return { address: block.label, lat: round(block.lat, 5), long: round(block.lon, 5) };
  // No address point near enough to name a block: the coordinates to ~100 m, no address.
  return {
    address: '',
    lat: row.lat === null ? null : round(row.lat, 3),
    long: row.lon === null ? null : round(row.lon, 3),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The GeoReport `request` of each row: no requester data, no internal notes, the hundred-block. */
export async function presentRequests(ctx: Open311Context, rows: RequestRow[], extensions: boolean) {
  const notes = extensions
    ? await publicNotes(
        ctx,
        rows.map((row) => row.id),
      )
    : null;
  return rows.map((row) => {
    const status = open311StatusOf(row.status);
    return {
      service_request_id: row.trackingNumber,
      status,
      status_notes: ctx.texts.t(`status.${row.status}`),
      service_name: row.serviceName ? ctx.texts.pick(row.serviceName as LocalizedText) : row.serviceCode,
      service_code: row.serviceCode,
      description: row.channel && selfFiledChannels.has(row.channel) ? (row.description ?? '') : '',
      agency_responsible: row.neighborhoodName ? `${ctx.agency} – ${row.neighborhoodName}` : ctx.agency,
      service_notice: '',
      requested_datetime: open311DateTime(row.createdAt, ctx.timeZone),
      updated_datetime: open311DateTime(updatedOf(row), ctx.timeZone),
      expected_datetime: status === 'open' ? open311DateTime(row.resolutionDueAt, ctx.timeZone) : '',
      ...publicLocation(ctx, row),
      address_id: '',
      zipcode: '',
      media_url: row.mediaUrl ?? '',
      ...(notes
        ? {
            extended_attributes: {
              nsp_status: row.status,
              status_description: ctx.texts.t(`status.${row.status}.description`),
              neighborhood: row.neighborhoodName ?? '',
            },
            notes: notes.get(row.id) ?? [],
          }
        : {}),
    };
  });
}

/** Public updates and status changes in a window (mySociety's servicerequestupdates). */
export async function findUpdates(ctx: Open311Context, from: Date, to: Date) {
  const rows = await ctx.db
    .select({
      id: requestEvents.id,
      occurredAt: requestEvents.occurredAt,
      kind: requestEvents.kind,
      body: requestEvents.body,
      after: requestEvents.after,
      trackingNumber: serviceRequests.trackingNumber,
      currentStatus: serviceRequests.status,
    })
    .from(requestEvents)
    .innerJoin(serviceRequests, eq(serviceRequests.id, requestEvents.requestId))
    .where(
      and(
        eq(requestEvents.visibility, 'public'),
        inArray(requestEvents.kind, ['note', 'status_changed', 'reopened']),
        gte(requestEvents.occurredAt, from),
        lt(requestEvents.occurredAt, to),
      ),
    )
    .orderBy(asc(requestEvents.occurredAt), asc(requestEvents.id))
    .limit(1000);
  // A status change carries the status it moved to; a public update, the status the request has now.
  return rows.map((row) => {
    const nspStatus = (row.after as { status?: string } | null)?.status ?? row.currentStatus;
    return {
      update_id: String(row.id),
      service_request_id: row.trackingNumber,
      status: open311StatusOf(nspStatus),
      external_status_code: nspStatus,
      updated_datetime: open311DateTime(row.occurredAt, ctx.timeZone),
      description: row.kind === 'note' ? (row.body ?? '') : ctx.texts.t(`status.${nspStatus}`),
      media_url: '',
    };
  });
}

export async function tokenLookup(db: Database, token: string) {
  const [row] = await db
    .select({ trackingNumber: serviceRequests.trackingNumber })
    .from(open311Requests)
    .innerJoin(serviceRequests, eq(serviceRequests.id, open311Requests.requestId))
    .where(eq(open311Requests.token, token));
  return row ?? null;
}
