import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assignments, personnel } from '../../db/schema/index.ts';

export interface CurrentLieutenant {
  personnelId: string;
  name: string;
  title: string;
  phone: string | null;
  email: string | null;
}

/**
 * The coordination lieutenant of each given neighborhood at an instant (default: now), keyed by
 * neighborhood id; neighborhoods without one are absent from the map. "Current" is always computed
 * from the intervals, so a scheduled reassignment takes effect at its time with no job running.
 * Superseded (corrected) records are ignored: their correction speaks for them.
 */
export async function currentLieutenants(
  executor: Executor,
  neighborhoodIds: string[],
  at: Date = new Date(),
): Promise<Map<string, CurrentLieutenant>> {
  const result = new Map<string, CurrentLieutenant>();
  if (neighborhoodIds.length === 0) return result;
  const rows = await executor
    .select({
      neighborhoodId: assignments.neighborhoodId,
      personnelId: personnel.id,
      name: personnel.name,
      title: personnel.title,
      phone: personnel.phone,
      email: personnel.email,
    })
    .from(assignments)
    .innerJoin(personnel, eq(personnel.id, assignments.personnelId))
    .where(
      and(
        inArray(assignments.neighborhoodId, [...new Set(neighborhoodIds)]),
        eq(assignments.role, 'coordination_lieutenant'),
        isNull(assignments.supersededBy),
        lte(assignments.startsAt, at),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, at)),
      ),
    );
  for (const { neighborhoodId, ...lieutenant } of rows) result.set(neighborhoodId, lieutenant);
  return result;
}
