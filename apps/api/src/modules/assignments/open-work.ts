import type { MyAssignments } from '@nsp/contracts';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { neighborhoods, personnel, serviceRequests } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { openStatuses } from '../service-requests/request-workflow.ts';
import { callerAssignments } from './caller-assignments.ts';
import { findLieutenantCovering, neighborhoodExists } from './repo.ts';

/**
 * What a lieutenant reassignment effective at `at` would hand over: the open work of the lieutenant
 * in force then, counted now. SARA cases and meeting action items join `total` when those modules
 * count theirs here (one line each), so the screen's preview needs no change.
 */
export async function previewOpenWork(executor: Executor, neighborhoodId: string, at: Date) {
  if (!(await neighborhoodExists(executor, neighborhoodId)))
    throw new NotFoundError(`No neighborhood ${neighborhoodId}.`);
  const outgoing = await findLieutenantCovering(executor, neighborhoodId, at);
  if (!outgoing) return { outgoing: null, at: iso(at), openWork: { serviceRequests: 0, total: 0 } };
  const [requests] = await executor
    .select({ value: count() })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.neighborhoodId, neighborhoodId),
        eq(serviceRequests.assigneeId, outgoing.assignment.personnelId),
        inArray(serviceRequests.status, [...openStatuses]),
      ),
    );
  const serviceRequestCount = Number(requests?.value ?? 0);
  return {
    outgoing: { personnelId: outgoing.assignment.personnelId, name: outgoing.person.name },
    at: iso(at),
    openWork: { serviceRequests: serviceRequestCount, total: serviceRequestCount },
  };
}

/** The signed-in person's personnel record and what they hold now, with the neighborhoods' names. */
export async function myAssignments(executor: Executor, userId: string, now: Date): Promise<MyAssignments> {
  const held = await callerAssignments(executor, userId, now);
  if (!held.personnelId) return { personnel: null, assignments: [] };
  const [person] = await executor
    .select({ id: personnel.id, name: personnel.name, title: personnel.title })
    .from(personnel)
    .where(eq(personnel.id, held.personnelId))
    .limit(1);
  const ids = [...new Set(held.roles.map((role) => role.neighborhoodId))];
  const places =
    ids.length > 0
      ? await executor
          .select({ id: neighborhoods.id, code: neighborhoods.code, name: neighborhoods.name })
          .from(neighborhoods)
          .where(inArray(neighborhoods.id, ids))
      : [];
  const byId = new Map(places.map((place) => [place.id, place]));
  return {
    personnel: person ?? null,
    assignments: held.roles
      .flatMap((role) => {
        const place = byId.get(role.neighborhoodId);
        return place
          ? [{ neighborhoodId: place.id, code: place.code, name: place.name, role: role.role }]
          : [];
      })
      .sort((a, b) => a.code.localeCompare(b.code) || a.role.localeCompare(b.role)),
  };
}
