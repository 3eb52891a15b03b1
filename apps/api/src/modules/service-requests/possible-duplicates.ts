import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { openStatuses } from './request-workflow.ts';

export const duplicateRadiusMeters = 100;
export const duplicateWindowDays = 14;
const maxSuggestions = 10;
const earthRadiusMeters = 6_371_000;
const metersPerDegreeLatitude = 111_320;

export interface PossibleDuplicate {
  id: string;
  trackingNumber: string;
  status: (typeof openStatuses)[number];
  description: string;
  address: string | null;
  distanceMeters: number;
  createdAt: string;
}

const openStatusList = sql.raw(openStatuses.map((status) => `'${status}'`).join(', '));

/**
 * The query text is built once with placeholders and runs as a named prepared statement: it is on
 * intake's hot path. The bounding box narrows what the partial (category, creation time) index
 * returns; the haversine distance then decides. No PostGIS needed for 100 m.
 */
const duplicatesQuery = new PgDialect().sqlToQuery(sql`
  select id, tracking_number, status, description, address, created_at, distance
  from (
    select id, tracking_number, status, description, address, created_at,
      ${sql.raw(String(earthRadiusMeters))} * 2 * asin(sqrt(
        power(sin(radians(lat - ${sql.placeholder('lat')}::float8) / 2), 2)
        + cos(radians(${sql.placeholder('lat')}::float8)) * cos(radians(lat))
          * power(sin(radians(lon - ${sql.placeholder('lon')}::float8) / 2), 2)
      )) as distance
    from service_requests
    where service_code = ${sql.placeholder('serviceCode')}
      and status in (${openStatusList})
      and created_at >= ${sql.placeholder('since')}::timestamptz
      and lat between ${sql.placeholder('minLat')}::float8 and ${sql.placeholder('maxLat')}::float8
      and lon between ${sql.placeholder('minLon')}::float8 and ${sql.placeholder('maxLon')}::float8
      and (${sql.placeholder('excludeId')}::uuid is null or id <> ${sql.placeholder('excludeId')}::uuid)
  ) nearby
  where distance <= ${sql.raw(String(duplicateRadiusMeters))}
  order by distance, created_at desc
  limit ${sql.raw(String(maxSuggestions))}`);

/** Open requests of the same category within 100 m created in the last 14 days, nearest first. */
export async function findPossibleDuplicates(
  executor: Executor,
  probe: { serviceCode: string; lat: number; lon: number; now: Date; excludeId?: string | undefined },
): Promise<PossibleDuplicate[]> {
  const latDelta = duplicateRadiusMeters / metersPerDegreeLatitude;
  const lonDelta =
    duplicateRadiusMeters / (metersPerDegreeLatitude * Math.max(Math.cos((probe.lat * Math.PI) / 180), 0.01));
  const result = await executor._.session
    .prepareQuery(duplicatesQuery, undefined, 'nsp_possible_duplicates', false)
    .execute({
      lat: probe.lat,
      lon: probe.lon,
      serviceCode: probe.serviceCode,
      since: new Date(probe.now.getTime() - duplicateWindowDays * 86_400_000).toISOString(),
      minLat: probe.lat - latDelta,
      maxLat: probe.lat + latDelta,
      minLon: probe.lon - lonDelta,
      maxLon: probe.lon + lonDelta,
      excludeId: probe.excludeId ?? null,
    });
  return (result as unknown as { rows: Array<Record<string, unknown>> }).rows.map((row) => ({
    id: String(row.id),
    trackingNumber: String(row.tracking_number),
    status: row.status as PossibleDuplicate['status'],
    description: String(row.description),
    address: (row.address as string | null) ?? null,
    distanceMeters: Math.round(Number(row.distance) * 10) / 10,
    createdAt: new Date(row.created_at as string | Date).toISOString(),
  }));
}
