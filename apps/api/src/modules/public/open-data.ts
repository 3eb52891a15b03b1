import { Readable } from 'node:stream';
import { csvCell, type OpenDataField, openDataFields } from '@nsp/contracts';
import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { neighborhoods, serviceRequests } from '../../db/schema/index.ts';
import type { Geo, HundredBlock } from '../geocoding/index.ts';
import { blockLabel, round6 } from './public-present.ts';
import { periodBounds, type StatsPeriod } from './public-stats.ts';
import type { Translator } from './text-store.ts';

export interface OpenDataFilter {
  period: StatsPeriod;
  timeZone: string;
  neighborhoodId?: string | undefined;
  serviceCode?: string | undefined;
}

export interface OpenDataContext {
  db: Database;
  geo: Geo;
  texts: Translator;
  categoryNames: Map<string, { en: string } & Partial<Record<string, string>>>;
}

/** Rows read per query: memory stays flat whatever the period, and each query is a short index range. */
export const OPEN_DATA_BATCH = 2000;
const columns = Object.keys(openDataFields) as OpenDataField[];

function conditions(filter: OpenDataFilter): SQL[] {
  const { start, end } = periodBounds(filter.period, filter.timeZone);
  return [
    sql`${serviceRequests.createdAt} >= ${start}`,
    sql`${serviceRequests.createdAt} < ${end}`,
    ...(filter.neighborhoodId ? [eq(serviceRequests.neighborhoodId, filter.neighborhoodId)] : []),
    ...(filter.serviceCode ? [eq(serviceRequests.serviceCode, filter.serviceCode)] : []),
  ];
}

/**
 * What the export would contain, in one cheap aggregate: its ETag changes when a row is added, changes
 * or leaves the filter, so a client that has it gets 304 without the download.
 */
export async function openDataFingerprint(db: Database, filter: OpenDataFilter): Promise<string> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      changed: sql<string | null>`max(${serviceRequests.updatedAt})::text`,
    })
    .from(serviceRequests)
    .where(and(...conditions(filter)));
  return `${row?.count ?? 0}:${row?.changed ?? ''}`;
}

type ExportRow = Awaited<ReturnType<typeof readBatch>>[number];

function readBatch(db: Database, filter: OpenDataFilter, after: { createdAt: Date; id: string } | null) {
  return db
    .select({
      id: serviceRequests.id,
      createdAt: serviceRequests.createdAt,
      trackingNumber: serviceRequests.trackingNumber,
      serviceCode: serviceRequests.serviceCode,
      status: serviceRequests.status,
      priority: serviceRequests.priority,
      channel: serviceRequests.channel,
      address: serviceRequests.address,
      lat: serviceRequests.lat,
      lon: serviceRequests.lon,
      neighborhoodCode: neighborhoods.code,
      neighborhoodName: neighborhoods.name,
      firstRespondedAt: serviceRequests.firstRespondedAt,
      resolvedAt: serviceRequests.resolvedAt,
      closedAt: serviceRequests.closedAt,
      firstResponseDueAt: serviceRequests.firstResponseDueAt,
      resolutionDueAt: serviceRequests.resolutionDueAt,
    })
    .from(serviceRequests)
    .leftJoin(neighborhoods, eq(neighborhoods.id, serviceRequests.neighborhoodId))
    .where(
      and(
        ...conditions(filter),
        after
          ? or(
              gt(serviceRequests.createdAt, after.createdAt),
              and(eq(serviceRequests.createdAt, after.createdAt), gt(serviceRequests.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(serviceRequests.createdAt), asc(serviceRequests.id))
    .limit(OPEN_DATA_BATCH);
}

/** Every matching request, oldest first, a batch at a time (keyset pagination: no OFFSET, no cursor). */
async function* batches(db: Database, filter: OpenDataFilter): AsyncGenerator<ExportRow[]> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await readBatch(db, filter, after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < OPEN_DATA_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** The open-data record of one request: no requester, no description, the hundred-block only. */
function recordOf(row: ExportRow, ctx: OpenDataContext, blocks: Map<string, HundredBlock | null>) {
  // Many requests share a block's address: generalise each distinct location once per export.
  const key = `${row.address ?? ''}|${row.lat ?? ''}|${row.lon ?? ''}`;
  let block = blocks.get(key);
  if (block === undefined) {
    block = ctx.geo.generalise({ address: row.address, lat: row.lat, lon: row.lon });
    if (blocks.size > 50_000) blocks.clear();
    blocks.set(key, block);
  }
  const category = ctx.categoryNames.get(row.serviceCode);
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  const record: Record<OpenDataField, string | number | null> = {
    tracking_number: row.trackingNumber,
    category_code: row.serviceCode,
    category_name: category ? ctx.texts.pick(category) : row.serviceCode,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    neighborhood_code: row.neighborhoodCode,
    neighborhood_name: row.neighborhoodName,
    location: block ? blockLabel(block, ctx.texts) : null,
    lat: block ? round6(block.lat) : null,
    lon: block ? round6(block.lon) : null,
    received_at: iso(row.createdAt),
    first_response_at: iso(row.firstRespondedAt),
    resolved_at: iso(row.resolvedAt),
    closed_at: iso(row.closedAt),
    first_response_due_at: iso(row.firstResponseDueAt),
    resolution_due_at: iso(row.resolutionDueAt),
  };
  return record;
}

/** CSV (RFC 4180, CRLF, formula-safe cells), streamed a batch at a time. */
export function openDataCsv(ctx: OpenDataContext, filter: OpenDataFilter): Readable {
  const blocks = new Map<string, HundredBlock | null>();
  return Readable.from(
    (async function* () {
      yield `${columns.join(',')}\r\n`;
      for await (const rows of batches(ctx.db, filter)) {
        let chunk = '';
        for (const row of rows) {
          const record = recordOf(row, ctx, blocks);
          chunk += `${columns.map((column) => csvCell(record[column])).join(',')}\r\n`;
        }
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
}

/** A GeoJSON FeatureCollection, streamed a batch at a time. */
export function openDataGeoJson(ctx: OpenDataContext, filter: OpenDataFilter): Readable {
  const blocks = new Map<string, HundredBlock | null>();
  return Readable.from(
    (async function* () {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const rows of batches(ctx.db, filter)) {
        let chunk = '';
        for (const row of rows) {
          const record = recordOf(row, ctx, blocks);
          const geometry =
            record.lat !== null && record.lon !== null
              ? { type: 'Point', coordinates: [record.lon, record.lat] }
              : null;
          chunk += `${first ? '' : ','}\n${JSON.stringify({ type: 'Feature', id: row.trackingNumber, geometry, properties: record })}`;
          first = false;
        }
        yield chunk;
      }
      yield '\n]}\n';
    })(),
    { objectMode: false },
  );
}
