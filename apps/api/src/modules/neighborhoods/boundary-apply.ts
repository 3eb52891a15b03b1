import type { Executor, Transaction } from '../../db/client.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { type BoundaryPlan, newNeighborhoodKey, type PlannedBoundary } from './boundary-plan.ts';
import { neighborhoodAuditView } from './dto.ts';
import {
  type BoundaryRow,
  findNeighborhoodById,
  insertNeighborhood,
  type NeighborhoodRow,
  type RequestMove,
  replaceBoundary,
  rerouteRequests,
  updateNeighborhoodRow,
} from './repo.ts';

export interface NeighborhoodsContext {
  /** The database, or the caller's transaction (e.g. the one that stores an Idempotency-Key). */
  db: Executor;
  actor: AuditActor;
  /** Shown on request timelines ("rerouted by ..."). */
  actorName: string | null;
  /**
   * Called after a committed change to neighborhoods or boundaries, so that this instance and every
   * other one reload their in-memory map before the next locate.
   */
  onGeographyChanged: () => Promise<void>;
}

export interface AppliedBoundaries {
  created: NeighborhoodRow[];
  changed: Array<{ neighborhood: NeighborhoodRow; boundary: BoundaryRow }>;
  requestsRerouted: number;
}

/** The users table is what created_by references; API clients and the system leave it empty. */
export const userIdOf = (actor: AuditActor) => (actor.type === 'user' ? actor.id : null);

/**
 * Stores a checked plan: new neighborhoods for new codes, a new boundary version for every planned
 * boundary (the old one closed at the same instant), and the open requests that moved re-routed with
 * a timeline event. Runs in the caller's transaction, which must hold the boundary-change lock.
 */
export async function applyBoundaryPlan(
  tx: Transaction,
  ctx: NeighborhoodsContext,
  plan: BoundaryPlan,
  options: { importId: string | null; at: Date },
): Promise<AppliedBoundaries> {
  const created: NeighborhoodRow[] = [];
  const changed: AppliedBoundaries['changed'] = [];
  const idOfKey = new Map<string, { id: string; code: string }>();
  for (const planned of plan.boundaries) {
    if (planned.existing && !planned.boundaryChanged) {
      await applyMetadataOnly(tx, ctx, planned);
      continue;
    }
    let neighborhood: NeighborhoodRow;
    let before: ReturnType<typeof neighborhoodAuditView> | null = null;
    if (planned.existing) {
      const current = await findNeighborhoodById(tx, planned.existing.id, { forUpdate: true });
      before = current ? neighborhoodAuditView(current.neighborhood, current.boundary) : null;
      // The boundary is part of what a client reads, so its change bumps the version (ETag) too.
      neighborhood = await updateNeighborhoodRow(tx, planned.existing.id, {
        ...(planned.name !== planned.existing.name ? { name: planned.name } : {}),
        ...(planned.description !== null && planned.description !== planned.existing.description
          ? { description: planned.description }
          : {}),
      });
    } else {
      neighborhood = await insertNeighborhood(tx, {
        code: planned.code,
        name: planned.name,
        description: planned.description ?? '',
      });
      created.push(neighborhood);
      idOfKey.set(newNeighborhoodKey(planned.code), { id: neighborhood.id, code: neighborhood.code });
    }
    const boundary = await replaceBoundary(tx, neighborhood.id, planned.boundary, {
      at: options.at,
      importId: options.importId,
      createdBy: userIdOf(ctx.actor),
    });
    changed.push({ neighborhood, boundary });
    await recordAudit(tx, ctx.actor, {
      action: planned.existing ? 'neighborhood.boundary_changed' : 'neighborhood.created',
      entityType: 'neighborhood',
      entityId: neighborhood.id,
      before,
      after: { ...neighborhoodAuditView(neighborhood, boundary), importId: options.importId },
    });
  }

  const moves: RequestMove[] = plan.moves.map((move) => ({
    ...move,
    to: move.to.id.startsWith('new:') ? (idOfKey.get(move.to.id) ?? move.to) : move.to,
  }));
  const requestsRerouted = await rerouteRequests(tx, moves, {
    at: options.at,
    actor: { type: ctx.actor.type, id: ctx.actor.id, name: ctx.actorName },
    why: options.importId
      ? `Boundary import ${options.importId} moved this request to another neighborhood.`
      : `A boundary change moved this request to another neighborhood.`,
  });
  return { created, changed, requestsRerouted };
}

/** Same boundary as now: only a new name or description is stored (and audited), if any. */
async function applyMetadataOnly(tx: Transaction, ctx: NeighborhoodsContext, planned: PlannedBoundary) {
  const existing = planned.existing!;
  const changes = {
    ...(planned.name !== existing.name ? { name: planned.name } : {}),
    ...(planned.description !== null && planned.description !== existing.description
      ? { description: planned.description }
      : {}),
  };
  if (Object.keys(changes).length === 0) return;
  const after = await updateNeighborhoodRow(tx, existing.id, changes);
  await recordAudit(tx, ctx.actor, {
    action: 'neighborhood.updated',
    entityType: 'neighborhood',
    entityId: existing.id,
    before: neighborhoodAuditView(existing),
    after: neighborhoodAuditView(after),
  });
}
