import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  type BoundaryGeometry,
  boundaryImports,
  neighborhoodBoundaries,
  neighborhoods,
  requestEvents,
  serviceRequests,
} from '../../db/schema/index.ts';
import { openStatuses } from '../service-requests/request-workflow.ts';

export type NeighborhoodRow = typeof neighborhoods.$inferSelect;
export type BoundaryRow = typeof neighborhoodBoundaries.$inferSelect;
export interface NeighborhoodWithBoundary {
  neighborhood: NeighborhoodRow;
  boundary: BoundaryRow | null;
}

/** Arbitrary constant: one boundary change at a time, so two imports never both pass the overlap check. */
const BOUNDARY_CHANGE_LOCK_ID = 727_002;

export async function lockBoundaryChanges(executor: Executor): Promise<void> {
  await executor.execute(sql`select pg_advisory_xact_lock(${BOUNDARY_CHANGE_LOCK_ID})`);
}

function withCurrentBoundary(executor: Executor) {
  return executor
    .select({ neighborhood: neighborhoods, boundary: neighborhoodBoundaries })
    .from(neighborhoods)
    .leftJoin(
      neighborhoodBoundaries,
      and(
        eq(neighborhoodBoundaries.neighborhoodId, neighborhoods.id),
        isNull(neighborhoodBoundaries.validTo),
      ),
    );
}

export async function findNeighborhoods(
  executor: Executor,
  filter: {
    status?: NeighborhoodRow['status'] | undefined;
    after?: { code: string; id: string } | null;
    limit: number;
  },
): Promise<NeighborhoodWithBoundary[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(neighborhoods.status, filter.status));
  if (filter.after) {
    const upperCode = sql`upper(${neighborhoods.code})`;
    conditions.push(
      or(
        sql`${upperCode} > ${filter.after.code}`,
        and(sql`${upperCode} = ${filter.after.code}`, sql`${neighborhoods.id} > ${filter.after.id}`),
      )!,
    );
  }
  return withCurrentBoundary(executor)
    .where(and(...conditions))
    .orderBy(sql`upper(${neighborhoods.code})`, asc(neighborhoods.id))
    .limit(filter.limit);
}

export async function findNeighborhoodById(
  executor: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<NeighborhoodWithBoundary | undefined> {
  if (options.forUpdate) {
    await executor
      .select({ id: neighborhoods.id })
      .from(neighborhoods)
      .where(eq(neighborhoods.id, id))
      .for('update');
  }
  const [row] = await withCurrentBoundary(executor).where(eq(neighborhoods.id, id)).limit(1);
  return row;
}

/** Neighborhoods (any status) whose code matches one of these, case-insensitively. */
export async function findNeighborhoodsByCodes(
  executor: Executor,
  codes: string[],
): Promise<NeighborhoodRow[]> {
  if (codes.length === 0) return [];
  const upperCodes = [...new Set(codes.map((code) => code.toUpperCase()))];
  return executor
    .select()
    .from(neighborhoods)
    .where(inArray(sql`upper(${neighborhoods.code})`, upperCodes));
}

export async function findNeighborhoodCodesByIds(
  executor: Executor,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .select({ id: neighborhoods.id, code: neighborhoods.code })
    .from(neighborhoods)
    .where(inArray(neighborhoods.id, ids));
  return new Map(rows.map((row) => [row.id, row.code]));
}

/** Every active neighborhood that has a boundary, with that boundary: the map the locator uses. */
export async function findActiveBoundaries(
  executor: Executor,
): Promise<Array<{ neighborhood: NeighborhoodRow; boundary: BoundaryRow }>> {
  const rows = await withCurrentBoundary(executor).where(
    and(eq(neighborhoods.status, 'active'), isNotNull(neighborhoodBoundaries.id)),
  );
  return rows.filter(
    (row): row is { neighborhood: NeighborhoodRow; boundary: BoundaryRow } => row.boundary !== null,
  );
}

export async function insertNeighborhood(
  executor: Executor,
  values: { code: string; name: string; description: string },
): Promise<NeighborhoodRow> {
  const [row] = await executor.insert(neighborhoods).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateNeighborhoodRow(
  executor: Executor,
  id: string,
  values: Partial<Pick<NeighborhoodRow, 'name' | 'description' | 'status'>>,
): Promise<NeighborhoodRow> {
  const [row] = await executor
    .update(neighborhoods)
    .set({ ...values, updatedAt: new Date(), version: sql`${neighborhoods.version} + 1` })
    .where(eq(neighborhoods.id, id))
    .returning();
  if (!row) throw new Error(`neighborhood ${id} vanished inside its transaction`);
  return row;
}

/** Closes the current boundary (if any) and stores the next version; returns the new version. */
export async function replaceBoundary(
  executor: Executor,
  neighborhoodId: string,
  boundary: {
    geometry: BoundaryGeometry;
    bbox: [number, number, number, number];
    areaSquareMeters: number;
  },
  context: { at: Date; importId: string | null; createdBy: string | null },
): Promise<BoundaryRow> {
  const [closed] = await executor
    .update(neighborhoodBoundaries)
    .set({ validTo: context.at })
    .where(
      and(eq(neighborhoodBoundaries.neighborhoodId, neighborhoodId), isNull(neighborhoodBoundaries.validTo)),
    )
    .returning({ versionNumber: neighborhoodBoundaries.versionNumber });
  let versionNumber = (closed?.versionNumber ?? 0) + 1;
  if (!closed) {
    const [latest] = await executor
      .select({ versionNumber: neighborhoodBoundaries.versionNumber })
      .from(neighborhoodBoundaries)
      .where(eq(neighborhoodBoundaries.neighborhoodId, neighborhoodId))
      .orderBy(desc(neighborhoodBoundaries.versionNumber))
      .limit(1);
    versionNumber = (latest?.versionNumber ?? 0) + 1;
  }
  const [minLon, minLat, maxLon, maxLat] = boundary.bbox;
  const [row] = await executor
    .insert(neighborhoodBoundaries)
    .values({
      neighborhoodId,
      versionNumber,
      geometry: boundary.geometry,
      minLon,
      minLat,
      maxLon,
      maxLat,
      areaSquareMeters: boundary.areaSquareMeters,
      validFrom: context.at,
      importId: context.importId,
      createdBy: context.createdBy,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findBoundaryVersions(
  executor: Executor,
  neighborhoodId: string,
  filter: { beforeVersion?: number | undefined; limit: number },
): Promise<BoundaryRow[]> {
  return executor
    .select()
    .from(neighborhoodBoundaries)
    .where(
      and(
        eq(neighborhoodBoundaries.neighborhoodId, neighborhoodId),
        filter.beforeVersion !== undefined
          ? lt(neighborhoodBoundaries.versionNumber, filter.beforeVersion)
          : undefined,
      ),
    )
    .orderBy(desc(neighborhoodBoundaries.versionNumber))
    .limit(filter.limit);
}

export interface OpenRequestPosition {
  id: string;
  lat: number;
  lon: number;
  neighborhoodId: string | null;
}

/** Open requests that have a coordinate: the ones a boundary change can move. */
export async function findOpenRequestPositions(executor: Executor): Promise<OpenRequestPosition[]> {
  const rows = await executor
    .select({
      id: serviceRequests.id,
      lat: serviceRequests.lat,
      lon: serviceRequests.lon,
      neighborhoodId: serviceRequests.neighborhoodId,
    })
    .from(serviceRequests)
    .where(
      and(
        inArray(serviceRequests.status, [...openStatuses]),
        isNotNull(serviceRequests.lat),
        isNotNull(serviceRequests.lon),
      ),
    );
  return rows as OpenRequestPosition[];
}

export interface RequestMove {
  requestId: string;
  from: { id: string; code: string } | null;
  to: { id: string; code: string };
}

/**
 * Moves open requests to their new neighborhood and writes a 'rerouted' event on each timeline.
 * A request that was closed meanwhile is left alone (the status condition), and gets no event.
 */
export async function rerouteRequests(
  executor: Executor,
  moves: readonly RequestMove[],
  context: {
    at: Date;
    actor: { type: string; id: string | null; name: string | null };
    why: string;
  },
): Promise<number> {
  const byTarget = new Map<string, RequestMove[]>();
  for (const move of moves) byTarget.set(move.to.id, [...(byTarget.get(move.to.id) ?? []), move]);
  let moved = 0;
  for (const [targetId, group] of byTarget) {
    for (let start = 0; start < group.length; start += 1000) {
      const batch = group.slice(start, start + 1000);
      const updated = await executor
        .update(serviceRequests)
        .set({
          neighborhoodId: targetId,
          updatedAt: context.at,
          version: sql`${serviceRequests.version} + 1`,
        })
        .where(
          and(
            inArray(
              serviceRequests.id,
              batch.map((move) => move.requestId),
            ),
            inArray(serviceRequests.status, [...openStatuses]),
          ),
        )
        .returning({ id: serviceRequests.id });
      const updatedIds = new Set(updated.map((row) => row.id));
      const events = batch
        .filter((move) => updatedIds.has(move.requestId))
        .map((move) => ({
          requestId: move.requestId,
          occurredAt: context.at,
          actorType: context.actor.type,
          actorId: context.actor.id,
          actorName: context.actor.name,
          kind: 'rerouted',
          before: { neighborhoodId: move.from?.id ?? null, neighborhoodCode: move.from?.code ?? null },
          after: { neighborhoodId: move.to.id, neighborhoodCode: move.to.code },
          body: context.why,
          visibility: 'internal' as const,
        }));
      if (events.length > 0) await executor.insert(requestEvents).values(events);
      moved += events.length;
    }
  }
  return moved;
}

export async function insertBoundaryImport(
  executor: Executor,
  values: { id: string; dryRun: boolean; applied: boolean; report: unknown; createdBy: string | null },
): Promise<void> {
  await executor.insert(boundaryImports).values(values);
}
