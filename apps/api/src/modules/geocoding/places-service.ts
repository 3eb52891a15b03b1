import type { Place, PlacesImportResult } from '@nsp/contracts';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { places } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { PlaceRecord } from './places-index.ts';
import { type PlaceRejection, type PlaceRowInput, type PlaceValues, preparePlaceRows } from './place-rows.ts';

export interface PlacesContext {
  db: Database;
  actor: AuditActor;
  /** Called after a committed change, so every instance reloads its gazetteer. */
  onPlacesChanged: () => Promise<void>;
}

const placesCursor = cursorKey(cursorPart.text, cursorPart.uuid);

type PlaceRow = typeof places.$inferSelect;

export function toPlaceDto(row: PlaceRow): Place {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    kind: row.kind as Place['kind'],
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function loadPlaceRecords(executor: Executor): Promise<PlaceRecord[]> {
  const rows = await executor.select().from(places);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    kind: row.kind as PlaceRecord['kind'],
    address: row.address,
    lat: row.lat,
    lon: row.lon,
  }));
}

/** By name, with a keyset cursor; `q` finds a part of a name or alias. */
export async function listPlaces(
  executor: Executor,
  query: { limit: number; cursor?: string | undefined; q?: string | undefined },
) {
  const after = decodeCursor(query.cursor, placesCursor);
  const conditions = [];
  if (after) {
    conditions.push(
      or(gt(places.nameKey, after[0]), and(eq(places.nameKey, after[0]), gt(places.id, after[1]))),
    );
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(${places.name} ilike ${pattern} or array_to_string(${places.aliases}, ' ') ilike ${pattern})`,
    );
  }
  const rows = await executor
    .select()
    .from(places)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(places.nameKey), asc(places.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => [row.nameKey, row.id]);
  return { items: page.items.map(toPlaceDto), nextCursor: page.nextCursor };
}

/**
 * A row whose name or alias already names another stored place is refused for that row (the
 * database's trigger would refuse the whole import). The table is locked first so that two imports
 * cannot both pass this check.
 */
async function withoutClashes(
  tx: Executor,
  values: PlaceValues[],
): Promise<{ kept: PlaceValues[]; clashes: PlaceRejection[] }> {
  await tx.execute(sql`lock table places in share row exclusive mode`);
  const stored = await tx
    .select({ name: places.name, nameKey: places.nameKey, aliasKeys: places.aliasKeys })
    .from(places);
  const owner = new Map<string, { name: string; nameKey: string }>();
  for (const place of stored) {
    for (const key of [place.nameKey, ...place.aliasKeys]) owner.set(key, place);
  }
  const kept: PlaceValues[] = [];
  const clashes: PlaceRejection[] = [];
  for (const value of values) {
    const clash = [value.name_key, ...value.alias_keys]
      .map((key) => ({ key, place: owner.get(key) }))
      .find(({ place }) => place !== undefined && place.nameKey !== value.name_key);
    if (clash?.place) {
      clashes.push({
        row: value.row,
        name: value.name,
        reason: `${clash.key} already names the place "${clash.place.name}"`,
      });
    } else kept.push(value);
  }
  return { kept, clashes };
}

/** Upserts checked places by name key, in one transaction, and audits the import. */
export async function importPlaces(
  ctx: PlacesContext,
  rows: readonly PlaceRowInput[],
  options: { source: 'csv' | 'geojson' | 'demo' },
): Promise<PlacesImportResult> {
  const prepared = preparePlaceRows(rows, options.source);
  const outcome = await withTransaction(ctx.db, async (tx) => {
    const { kept, clashes } = await withoutClashes(tx, prepared.values);
    let inserted = 0;
    let updated = 0;
    if (kept.length > 0) {
      const result = await tx.execute(sql`
        with upserted as (
          insert into places (name_key, name, aliases, alias_keys, kind, address, lat, lon, source, updated_at)
          select name_key, name,
            array(select json_array_elements_text(aliases)), array(select json_array_elements_text(alias_keys)),
            kind, address, lat, lon, source, now()
          from json_to_recordset(${JSON.stringify(kept)}::json) as row(
            name_key text, name text, aliases json, alias_keys json, kind text, address text,
            lat double precision, lon double precision, source text)
          on conflict (name_key) do update set
            name = excluded.name, aliases = excluded.aliases, alias_keys = excluded.alias_keys,
            kind = excluded.kind, address = excluded.address, lat = excluded.lat, lon = excluded.lon,
            source = excluded.source, updated_at = excluded.updated_at, version = places.version + 1
          returning (xmax = 0) as inserted
        )
        select (count(*) filter (where inserted))::int as inserted,
               (count(*) filter (where not inserted))::int as updated
        from upserted`);
      const counts = (result as unknown as { rows: Array<{ inserted: number; updated: number }> }).rows[0];
      inserted = Number(counts?.inserted ?? 0);
      updated = Number(counts?.updated ?? 0);
    }
    const rejected = [...prepared.rejected, ...clashes].sort((a, b) => a.row - b.row);
    await recordAudit(tx, ctx.actor, {
      action: 'places.imported',
      entityType: 'places',
      after: { source: options.source, total: rows.length, inserted, updated, rejected: rejected.length },
    });
    return { inserted, updated, rejected };
  });
  if (outcome.inserted + outcome.updated > 0) await ctx.onPlacesChanged();
  return { total: rows.length, ...outcome };
}

export async function deletePlace(ctx: PlacesContext, id: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const [removed] = await tx.delete(places).where(eq(places.id, id)).returning();
    if (!removed) throw new NotFoundError('No place has that id.');
    await recordAudit(tx, ctx.actor, {
      action: 'place.deleted',
      entityType: 'place',
      entityId: id,
      before: toPlaceDto(removed),
    });
  });
  await ctx.onPlacesChanged();
}
