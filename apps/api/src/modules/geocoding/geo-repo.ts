import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { addressPoints } from '../../db/schema/index.ts';
import type { LocatableNeighborhood } from '../neighborhoods/neighborhood-locator.ts';
import { findActiveBoundaries } from '../neighborhoods/repo.ts';
import type { AddressPointRecord } from './address-index.ts';

export async function loadLocatableNeighborhoods(executor: Executor): Promise<LocatableNeighborhood[]> {
  const rows = await findActiveBoundaries(executor);
  return rows.map(({ neighborhood, boundary }) => ({
    id: neighborhood.id,
    code: neighborhood.code,
    name: neighborhood.name,
    geometry: boundary.geometry,
  }));
}

export async function loadAddressPointRecords(executor: Executor): Promise<AddressPointRecord[]> {
  return executor
    .select({
      addressKey: addressPoints.addressKey,
      address: addressPoints.address,
      street: addressPoints.street,
      houseNumberValue: addressPoints.houseNumberValue,
      lat: addressPoints.lat,
      lon: addressPoints.lon,
    })
    .from(addressPoints);
}

function textOf(result: unknown): string {
  const rows =
    (result as { rows?: Array<Record<string, unknown>> }).rows ?? (result as Array<Record<string, unknown>>);
  const first = rows?.[0];
  return first ? String(Object.values(first)[0] ?? '') : '';
}

/**
 * Cheap summaries that change whenever the boundaries or the address points do: a safety net that
 * catches a change whose notification this instance missed (e.g. while its LISTEN connection was down).
 */
export async function geographyFingerprints(
  executor: Executor,
): Promise<{ boundaries: string; addresses: string; places: string; jurisdiction: string }> {
  const boundaries = await executor.execute(sql`
    select (select count(*) from neighborhood_boundaries)::text || '/' ||
      coalesce((select max(valid_from)::text from neighborhood_boundaries), '') || '/' ||
      coalesce((select max(updated_at)::text from neighborhoods), '') as fingerprint`);
  const addresses = await executor.execute(sql`
    select count(*)::text || '/' || coalesce(max(updated_at)::text, '') as fingerprint from address_points`);
  const places = await executor.execute(sql`
    select count(*)::text || '/' || coalesce(max(updated_at)::text, '') as fingerprint from places`);
  const jurisdiction = await executor.execute(sql`
    select coalesce((select version::text from geocoding_jurisdiction where id = 1), '0') as fingerprint`);
  return {
    boundaries: textOf(boundaries),
    addresses: textOf(addresses),
    places: textOf(places),
    jurisdiction: textOf(jurisdiction),
  };
}
