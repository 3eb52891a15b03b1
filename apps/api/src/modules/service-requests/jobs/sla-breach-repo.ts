import { and, asc, eq, inArray, isNull, lte, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  neighborhoods,
  requestEvents,
  type SlaBreachKind,
  serviceRequests,
  serviceTypes,
  slaBreaches,
} from '../../../db/schema/index.ts';
import { openStatuses } from '../request-workflow.ts';

export interface RecordedBreach {
  id: string;
  requestId: string;
  kind: SlaBreachKind;
  dueAt: Date;
  detectedAt: Date;
}

/** The due-time column each kind of breach is measured against. */
const dueColumn = {
  first_response: serviceRequests.firstResponseDueAt,
  resolution: serviceRequests.resolutionDueAt,
} as const;

/**
 * Records up to `limit` new breaches of one kind and returns the ones this call recorded.
 *
 * Two runs racing on the same request both select it, but the unique (request_id, kind) constraint lets
 * only the first INSERT through; the second waits for it, then ON CONFLICT DO NOTHING returns no row for
 * it, so whoever records a breach is also the only one who writes its timeline row and notices.
 */
export async function insertNewBreaches(
  executor: Executor,
  kind: SlaBreachKind,
  now: Date,
  limit: number,
): Promise<RecordedBreach[]> {
  const due = dueColumn[kind];
  const candidates = executor
    // insert … select needs every column, in table order.
    .select({
      id: sql<string>`gen_random_uuid()`.as('id'),
      requestId: serviceRequests.id,
      kind: sql<SlaBreachKind>`${kind}::text`.as('kind'),
      dueAt: sql<Date>`${due}`.as('due_at'),
      detectedAt: sql<Date>`${now.toISOString()}::timestamptz`.as('detected_at'),
    })
    .from(serviceRequests)
    .where(
      and(
        inArray(serviceRequests.status, [...openStatuses]),
        lte(due, now),
        // A first response that happened (even late) means that clock has stopped.
        kind === 'first_response' ? isNull(serviceRequests.firstRespondedAt) : undefined,
        notExists(
          executor
            .select({ one: sql`1` })
            .from(slaBreaches)
            .where(and(eq(slaBreaches.requestId, serviceRequests.id), eq(slaBreaches.kind, kind))),
        ),
      ),
    )
    // A total order (due time, then id) makes racing runs lock rows in the same order: no deadlocks.
    .orderBy(asc(due), asc(serviceRequests.id))
    .limit(limit);

  return executor
    .insert(slaBreaches)
    .select(candidates)
    .onConflictDoNothing({ target: [slaBreaches.requestId, slaBreaches.kind] })
    .returning({
      id: slaBreaches.id,
      requestId: slaBreaches.requestId,
      kind: slaBreaches.kind,
      dueAt: slaBreaches.dueAt,
      detectedAt: slaBreaches.detectedAt,
    });
}

export interface BreachedRequestSummary {
  id: string;
  trackingNumber: string;
  serviceCode: string;
  serviceName: string;
  neighborhoodId: string | null;
  neighborhoodName: string | null;
  priority: string;
}

/** What a breach notice says about its request: no requester data, by construction of this select. */
export async function breachedRequestSummaries(
  executor: Executor,
  requestIds: readonly string[],
): Promise<Map<string, BreachedRequestSummary>> {
  if (requestIds.length === 0) return new Map();
  const rows = await executor
    .select({
      id: serviceRequests.id,
      trackingNumber: serviceRequests.trackingNumber,
      serviceCode: serviceRequests.serviceCode,
      serviceName: sql<string>`${serviceTypes.name}->>'en'`,
      neighborhoodId: serviceRequests.neighborhoodId,
      neighborhoodName: neighborhoods.name,
      priority: serviceRequests.priority,
    })
    .from(serviceRequests)
    .innerJoin(serviceTypes, eq(serviceTypes.code, serviceRequests.serviceCode))
    .leftJoin(neighborhoods, eq(neighborhoods.id, serviceRequests.neighborhoodId))
    .where(inArray(serviceRequests.id, [...requestIds]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The timeline rows: one 'sla_breached' event per breach, by the system. */
export async function insertBreachEvents(executor: Executor, breaches: readonly RecordedBreach[]) {
  if (breaches.length === 0) return;
  await executor.insert(requestEvents).values(
    breaches.map((breach) => ({
      requestId: breach.requestId,
      occurredAt: breach.detectedAt,
      actorType: 'system',
      actorId: null,
      actorName: 'SLA monitor',
      kind: 'sla_breached',
      before: null,
      after: { slaKind: breach.kind, dueAt: breach.dueAt.toISOString() },
      visibility: 'internal' as const,
    })),
  );
}
