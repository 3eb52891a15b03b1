import type { WorkloadEntry } from '@nsp/contracts';
import { and, asc, eq, exists, gt, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assignments, neighborhoods, personnel, saraCases, serviceRequests } from '../../db/schema/index.ts';
import { iso } from '../../lib/iso.ts';
import { openStatuses } from '../service-requests/request-workflow.ts';

export interface WorkloadQuery {
  kind?: WorkloadEntry['kind'] | undefined;
  neighborhoodId?: string | undefined;
  includeInactive?: boolean | undefined;
}

/**
 * Each person's open and overdue service requests now, busiest first, with where they currently
 * serve: what a supervisor looks at before rebalancing. Counts cover all of a person's open work,
 * also when the list is narrowed to one neighborhood, because that is the load they carry.
 */
export async function workloadByPerson(executor: Executor, query: WorkloadQuery, now = new Date()) {
  const currentlyAssignedHere = (neighborhoodId: string) =>
    and(
      eq(assignments.personnelId, personnel.id),
      eq(assignments.neighborhoodId, neighborhoodId),
      isNull(assignments.supersededBy),
      lte(assignments.startsAt, now),
      or(isNull(assignments.endsAt), gt(assignments.endsAt, now)),
    );

  const conditions: SQL[] = [];
  if (!query.includeInactive) conditions.push(eq(personnel.active, true));
  if (query.kind) conditions.push(eq(personnel.kind, query.kind));
  if (query.neighborhoodId) {
    conditions.push(
      or(
        exists(
          executor
            .select({ one: sql`1` })
            .from(assignments)
            .where(currentlyAssignedHere(query.neighborhoodId)),
        ),
        exists(
          executor
            .select({ one: sql`1` })
            .from(serviceRequests)
            .where(
              and(
                eq(serviceRequests.assigneeId, personnel.id),
                eq(serviceRequests.neighborhoodId, query.neighborhoodId),
                inArray(serviceRequests.status, [...openStatuses]),
              ),
            ),
        ),
      )!,
    );
  }
  const people = await executor
    .select({
      personnelId: personnel.id,
      name: personnel.name,
      title: personnel.title,
      kind: personnel.kind,
      active: personnel.active,
    })
    .from(personnel)
    .where(and(...conditions));
  if (people.length === 0) return { asOf: iso(now), items: [] };
  const ids = people.map((person) => person.personnelId);

  // Counted only for the people shown, through the partial index on open requests by assignee.
  const counts = await executor
    .select({
      assigneeId: serviceRequests.assigneeId,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${serviceRequests.resolutionDueAt} < ${now}))::int`,
    })
    .from(serviceRequests)
    .where(and(inArray(serviceRequests.status, [...openStatuses]), inArray(serviceRequests.assigneeId, ids)))
    .groupBy(serviceRequests.assigneeId);
  const countsByPerson = new Map(counts.map((row) => [row.assigneeId, row]));
  // Open SARA cases count as work too (#10): the ones each person leads.
  const cases = await executor
    .select({ leadId: saraCases.leadId, open: sql<number>`count(*)::int` })
    .from(saraCases)
    .where(and(ne(saraCases.stage, 'closed'), inArray(saraCases.leadId, ids)))
    .groupBy(saraCases.leadId);
  const casesByPerson = new Map(cases.map((row) => [row.leadId, Number(row.open)]));

  const current = await executor
    .select({
      assignmentId: assignments.id,
      personnelId: assignments.personnelId,
      neighborhoodId: assignments.neighborhoodId,
      neighborhoodCode: neighborhoods.code,
      neighborhoodName: neighborhoods.name,
      role: assignments.role,
    })
    .from(assignments)
    .innerJoin(neighborhoods, eq(neighborhoods.id, assignments.neighborhoodId))
    .where(
      and(
        inArray(assignments.personnelId, ids),
        isNull(assignments.supersededBy),
        lte(assignments.startsAt, now),
        or(isNull(assignments.endsAt), gt(assignments.endsAt, now)),
      ),
    )
    .orderBy(asc(neighborhoods.code), asc(assignments.role));
  const assignmentsByPerson = new Map<string, WorkloadEntry['currentAssignments']>();
  for (const { personnelId, ...assignment } of current) {
    const list = assignmentsByPerson.get(personnelId) ?? [];
    list.push(assignment);
    assignmentsByPerson.set(personnelId, list);
  }

  const items = people.map((person) => ({
    ...person,
    openRequests: Number(countsByPerson.get(person.personnelId)?.open ?? 0),
    overdueRequests: Number(countsByPerson.get(person.personnelId)?.overdue ?? 0),
    openSaraCases: casesByPerson.get(person.personnelId) ?? 0,
    currentAssignments: assignmentsByPerson.get(person.personnelId) ?? [],
  }));
  // Busiest first: overdue work, then open work, then by name.
  items.sort(
    (a, b) =>
      b.overdueRequests - a.overdueRequests ||
      b.openRequests - a.openRequests ||
      a.name.localeCompare(b.name),
  );
  return { asOf: iso(now), items };
}
