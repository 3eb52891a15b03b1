import type { AddressPointsImportResult } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { addressKeyOf } from './address-index.ts';
import { normalizeAddress } from './address-normalizer.ts';
import { type AddressRowInput, readCoordinates } from './address-rows.ts';

export interface AddressImportContext {
  db: Database;
  actor: AuditActor;
  /** Called after the import commits, so every instance reloads its address index. */
  onAddressesChanged: () => Promise<void>;
}

/** Rows per INSERT: large enough to amortise the round trip, small enough for one JSON parameter. */
const BATCH_SIZE = 5000;
const MAX_ADDRESS_LENGTH = 300;

interface AddressPointValues {
  address_key: string;
  address: string;
  street: string;
  house_number: string | null;
  house_number_value: number | null;
  unit: string | null;
  zip: string | null;
  lat: number;
  lon: number;
  source: string;
}

type Rejection = AddressPointsImportResult['rejected'][number];

/** Checks and normalises rows; every bad row is rejected with its reason, never the whole file. */
export function prepareAddressRows(
  rows: readonly AddressRowInput[],
  source: string,
): { values: AddressPointValues[]; rejected: Rejection[] } {
  const values: AddressPointValues[] = [];
  const rejected: Rejection[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const input of rows) {
    const address =
      typeof input.address === 'string' && input.address.trim() !== '' ? input.address.trim() : null;
    const reject = (reason: string) => rejected.push({ row: input.row, address, reason });
    if (input.readingProblem) {
      reject(input.readingProblem);
      continue;
    }
    if (!address) {
      reject('the address is missing');
      continue;
    }
    if (address.length > MAX_ADDRESS_LENGTH) {
      reject(`the address is longer than ${MAX_ADDRESS_LENGTH} characters`);
      continue;
    }
    const point = readCoordinates(input.lat, input.lon);
    if ('problem' in point) {
      reject(point.problem);
      continue;
    }
    const { lat, lon } = point;
    const normalized = normalizeAddress(address);
    if (!normalized) {
      reject('the address cannot be read as a street address');
      continue;
    }
    if (normalized.houseNumber === null || normalized.houseNumberValue === null) {
      reject('the address has no house number');
      continue;
    }
    const key = addressKeyOf(normalized);
    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      reject(`the same address (${key}) is already in row ${earlier}`);
      continue;
    }
    firstRowOfKey.set(key, input.row);
    values.push({
      address_key: key,
      address,
      street: normalized.street,
      house_number: normalized.houseNumber,
      house_number_value: normalized.houseNumberValue,
      unit: normalized.unit ? [normalized.unit.type, normalized.unit.id].filter(Boolean).join(' ') : null,
      zip: normalized.zip,
      lat,
      lon,
      source,
    });
  }
  return { values, rejected };
}

/**
 * Inserts or updates one batch: rows travel as one JSON parameter (one round trip, same SQL on
 * PostgreSQL and PGlite); `xmax = 0` tells a fresh insert from an update of an existing key.
 */
async function upsertBatch(
  executor: Executor,
  batch: AddressPointValues[],
): Promise<{ inserted: number; updated: number }> {
  const result = await executor.execute(sql`
    with upserted as (
      insert into address_points
        (address_key, address, street, house_number, house_number_value, unit, zip, lat, lon, source, updated_at)
      select address_key, address, street, house_number, house_number_value, unit, zip, lat, lon, source, now()
      from json_to_recordset(${JSON.stringify(batch)}::json) as row(
        address_key text, address text, street text, house_number text, house_number_value numeric,
        unit text, zip text, lat double precision, lon double precision, source text)
      on conflict (address_key) do update set
        address = excluded.address, street = excluded.street, house_number = excluded.house_number,
        house_number_value = excluded.house_number_value, unit = excluded.unit, zip = excluded.zip,
        lat = excluded.lat, lon = excluded.lon, source = excluded.source, updated_at = excluded.updated_at
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated
    from upserted`);
  const rows = (result as unknown as { rows: Array<{ inserted: number; updated: number }> }).rows;
  return { inserted: Number(rows[0]?.inserted ?? 0), updated: Number(rows[0]?.updated ?? 0) };
}

/** Upserts checked address points in batches, in one transaction, and audits the import. */
export async function importAddressPoints(
  ctx: AddressImportContext,
  rows: readonly AddressRowInput[],
  options: { source: 'csv' | 'geojson' | 'demo' },
): Promise<AddressPointsImportResult> {
  const { values, rejected } = prepareAddressRows(rows, options.source);
  const counts = await withTransaction(ctx.db, async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (let start = 0; start < values.length; start += BATCH_SIZE) {
      const batch = await upsertBatch(tx, values.slice(start, start + BATCH_SIZE));
      inserted += batch.inserted;
      updated += batch.updated;
    }
    await recordAudit(tx, ctx.actor, {
      action: 'address_points.imported',
      entityType: 'address_points',
      after: { source: options.source, total: rows.length, inserted, updated, rejected: rejected.length },
    });
    return { inserted, updated };
  });
  if (values.length > 0) await ctx.onAddressesChanged();
  return { total: rows.length, ...counts, rejected };
}
