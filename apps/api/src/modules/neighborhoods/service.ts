import type { Neighborhood } from '@nsp/contracts';
import type { Executor } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, versionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';
import { currentLieutenants } from '../assignments/current-lieutenant.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { applyBoundaryPlan, type NeighborhoodsContext } from './boundary-apply.ts';
import { type BoundaryPlan, planBoundaries } from './boundary-plan.ts';
import { neighborhoodAuditView, toBoundaryVersionDto, toNeighborhoodDto } from './dto.ts';
import {
  findBoundaryVersions,
  findNeighborhoodById,
  findNeighborhoods,
  findNeighborhoodsByCodes,
  lockBoundaryChanges,
  type NeighborhoodRow,
  updateNeighborhoodRow,
} from './repo.ts';

export type { NeighborhoodsContext } from './boundary-apply.ts';

export async function listNeighborhoods(
  executor: Executor,
  query: {
    limit: number;
    cursor?: string | undefined;
    includeBoundary: boolean;
    status?: NeighborhoodRow['status'] | undefined;
  },
  now: Date = new Date(),
) {
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.text, cursorPart.uuid));
  const rows = await findNeighborhoods(executor, {
    status: query.status,
    after: after ? { code: after[0], id: after[1] } : null,
    limit: query.limit + 1,
  });
  const page = pageOf(rows, query.limit, (row) => [row.neighborhood.code.toUpperCase(), row.neighborhood.id]);
  const lieutenants = await currentLieutenants(
    executor,
    page.items.map((row) => row.neighborhood.id),
    now,
  );
  return {
    items: page.items.map((row) =>
      toNeighborhoodDto(row.neighborhood, row.boundary, lieutenants.get(row.neighborhood.id) ?? null, {
        includeBoundary: query.includeBoundary,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

export async function getNeighborhood(executor: Executor, id: string): Promise<Neighborhood> {
  const row = await findNeighborhoodById(executor, id);
  if (!row) throw new NotFoundError(`No neighborhood ${id}.`);
  const lieutenants = await currentLieutenants(executor, [id]);
  return toNeighborhoodDto(row.neighborhood, row.boundary, lieutenants.get(id) ?? null, {
    includeBoundary: true,
  });
}

/** A plan for one boundary must apply cleanly; otherwise the caller learns exactly why. */
function assertSingleBoundaryApplies(plan: BoundaryPlan): void {
  const feature = plan.report.features[0];
  if (!feature) throw new Error('a single-boundary plan without its feature');
  if (!feature.valid) {
    throw new ValidationError(
      `The boundary is not valid: ${feature.reasons.join('; ')}.`,
      feature.reasons.map((message) => ({ path: 'boundary', message, in: 'body' as const })),
    );
  }
  if (feature.overlaps.length > 0) {
    const named = feature.overlaps.map((o) => `${o.code} (${Math.round(o.areaSquareMeters)} m²)`).join(', ');
    throw new ConflictError(`The boundary overlaps ${named}.`, { overlaps: feature.overlaps });
  }
}

export async function createNeighborhood(
  ctx: NeighborhoodsContext,
  input: { code: string; name: string; description: string; boundary: unknown },
): Promise<Neighborhood> {
  const created = await withTransaction(ctx.db, async (tx) => {
    await lockBoundaryChanges(tx);
    const [clash] = await findNeighborhoodsByCodes(tx, [input.code]);
    if (clash) {
      throw new ConflictError(`A neighborhood with code ${clash.code} already exists.`, {
        neighborhoodId: clash.id,
      });
    }
    const plan = await planBoundaries(tx, [
      {
        code: input.code,
        name: input.name,
        description: input.description,
        geometry: input.boundary,
        readingProblems: [],
      },
    ]);
    assertSingleBoundaryApplies(plan);
    const applied = await applyBoundaryPlan(tx, ctx, plan, { importId: null, at: new Date() });
    return applied.changed[0]!;
  });
  await ctx.onGeographyChanged();
  return toNeighborhoodDto(created.neighborhood, created.boundary, null, { includeBoundary: true });
}

export async function updateNeighborhood(
  ctx: NeighborhoodsContext,
  id: string,
  input: {
    name?: string | undefined;
    description?: string | undefined;
    status?: NeighborhoodRow['status'] | undefined;
    boundary?: unknown;
    version?: number | undefined;
  },
  ifMatch: string | string[] | undefined,
): Promise<Neighborhood> {
  const precondition = versionPrecondition(ifMatch, input.version);
  await withTransaction(ctx.db, async (tx) => {
    // Boundary changes and reactivations are checked against the whole map: one at a time.
    if (input.boundary !== undefined || input.status === 'active') await lockBoundaryChanges(tx);
    const current = await findNeighborhoodById(tx, id, { forUpdate: true });
    if (!current) throw new NotFoundError(`No neighborhood ${id}.`);
    const before = current.neighborhood;
    assertFresh(precondition, before.version, `Neighborhood ${before.code}`);
    const targetStatus = input.status ?? before.status;
    const reactivating = before.status === 'retired' && targetStatus === 'active';
    let metadata: Partial<Pick<NeighborhoodRow, 'name' | 'description' | 'status'>> = {
      ...(input.name !== undefined && input.name !== before.name ? { name: input.name } : {}),
      ...(input.description !== undefined && input.description !== before.description
        ? { description: input.description }
        : {}),
    };

    if (input.boundary !== undefined) {
      if (targetStatus === 'retired') {
        throw new ValidationError(
          'A retired neighborhood keeps its last boundary; reactivate it to change it.',
          [{ path: 'boundary', message: 'cannot change while the neighborhood is retired', in: 'body' }],
        );
      }
      const plan = await planBoundaries(
        tx,
        [
          {
            code: before.code,
            name: input.name ?? null,
            description: input.description ?? null,
            geometry: input.boundary,
            readingProblems: [],
          },
        ],
        { allowRetiredCodes: reactivating ? [before.code] : [] },
      );
      assertSingleBoundaryApplies(plan);
      // Name and description travel with the new boundary version (and its audit entry).
      await applyBoundaryPlan(tx, ctx, plan, { importId: null, at: new Date() });
      metadata = {};
    } else if (reactivating && current.boundary) {
      const plan = await planBoundaries(
        tx,
        [
          {
            code: before.code,
            name: null,
            description: null,
            geometry: current.boundary.geometry,
            readingProblems: [],
          },
        ],
        { allowRetiredCodes: [before.code] },
      );
      assertSingleBoundaryApplies(plan);
    }

    if (targetStatus !== before.status) metadata.status = targetStatus;
    if (Object.keys(metadata).length === 0) return;
    const after = await updateNeighborhoodRow(tx, id, metadata);
    await recordAudit(tx, ctx.actor, {
      action:
        metadata.status === 'retired'
          ? 'neighborhood.retired'
          : metadata.status === 'active'
            ? 'neighborhood.reactivated'
            : 'neighborhood.updated',
      entityType: 'neighborhood',
      entityId: id,
      before: neighborhoodAuditView(before),
      after: neighborhoodAuditView(after),
    });
  });
  await ctx.onGeographyChanged();
  return getNeighborhood(ctx.db, id);
}

export async function listBoundaryVersions(
  executor: Executor,
  neighborhoodId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const row = await findNeighborhoodById(executor, neighborhoodId);
  if (!row) throw new NotFoundError(`No neighborhood ${neighborhoodId}.`);
  const after = decodeCursor(query.cursor, cursorKey(cursorPart.integer));
  const versions = await findBoundaryVersions(executor, neighborhoodId, {
    beforeVersion: after ? after[0] : undefined,
    limit: query.limit + 1,
  });
  const page = pageOf(versions, query.limit, (version) => [version.versionNumber]);
  return { items: page.items.map(toBoundaryVersionDto), nextCursor: page.nextCursor };
}
