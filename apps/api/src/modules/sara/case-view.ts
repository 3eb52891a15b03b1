import type { SaraCase, SaraCaseSummary, SaraMeasure, SaraStage } from '@nsp/contracts';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  neighborhoods,
  personnel,
  saraCaseEvents,
  saraCaseMembers,
  saraCaseRequests,
  saraCases,
  saraMeasures,
  saraResponseActions,
  serviceRequests,
} from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { type GateFacts, gateInto, nextStageOf } from './gates.ts';

type CaseRow = typeof saraCases.$inferSelect;

export async function loadCase(executor: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = executor.select().from(saraCases).where(eq(saraCases.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFoundError(`No SARA case ${id}.`);
  return row;
}

export async function gateFacts(executor: Executor, caseId: string): Promise<GateFacts> {
  const [links] = await executor
    .select({ value: count() })
    .from(saraCaseRequests)
    .where(eq(saraCaseRequests.caseId, caseId));
  const actions = await executor
    .select({ status: saraResponseActions.status })
    .from(saraResponseActions)
    .where(eq(saraResponseActions.caseId, caseId));
  const [measures] = await executor
    .select({ value: count() })
    .from(saraMeasures)
    .where(eq(saraMeasures.caseId, caseId));
  return {
    linkedRequests: Number(links?.value ?? 0),
    actionStatuses: actions.map((action) => action.status),
    measures: Number(measures?.value ?? 0),
  };
}

export function presentMeasure(row: typeof saraMeasures.$inferSelect): SaraMeasure {
  const definition = row.definition ?? {};
  const result = row.result;
  return {
    id: row.id,
    kind: row.kind,
    metric: row.metric,
    baselineValue: row.baselineValue,
    baselinePeriod: { from: row.baselineFrom.toISOString(), to: row.baselineTo.toISOString() },
    followUpValue: row.followUpValue,
    followUpPeriod: { from: row.followUpFrom.toISOString(), to: row.followUpTo.toISOString() },
    change: row.baselineValue === 0 ? null : (row.followUpValue - row.baselineValue) / row.baselineValue,
    serviceCodes: definition.serviceCodes ?? null,
    bufferMeters: definition.bufferMeters ?? null,
    control: definition.control ?? null,
    areas: result ? { target: result.target, buffer: result.buffer, control: result.control } : null,
    weightedDisplacementQuotient: result?.weightedDisplacementQuotient ?? null,
    interpretation: result?.interpretation ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentAction(row: typeof saraResponseActions.$inferSelect, ownerName: string | null) {
  return {
    id: row.id,
    title: row.title,
    ownerId: row.ownerId,
    ownerName,
    partner: row.partner,
    dueDate: row.dueDate,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Summaries of several cases (the board): one query for names and evidence counts. */
export async function presentSummaries(executor: Executor, rows: CaseRow[]): Promise<SaraCaseSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const places = await executor
    .select({ id: neighborhoods.id, code: neighborhoods.code, name: neighborhoods.name })
    .from(neighborhoods)
    .where(
      inArray(
        neighborhoods.id,
        rows.map((row) => row.neighborhoodId),
      ),
    );
  const leadIds = rows.flatMap((row) => (row.leadId ? [row.leadId] : []));
  const leads =
    leadIds.length > 0
      ? await executor
          .select({ id: personnel.id, name: personnel.name })
          .from(personnel)
          .where(inArray(personnel.id, leadIds))
      : [];
  const counts = await executor
    .select({ caseId: saraCaseRequests.caseId, value: count() })
    .from(saraCaseRequests)
    .where(inArray(saraCaseRequests.caseId, ids))
    .groupBy(saraCaseRequests.caseId);
  const placeById = new Map(places.map((place) => [place.id, place]));
  const leadById = new Map(leads.map((lead) => [lead.id, lead.name]));
  const countById = new Map(counts.map((row) => [row.caseId, Number(row.value)]));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    neighborhoodId: row.neighborhoodId,
    neighborhood: placeById.get(row.neighborhoodId) ?? { id: row.neighborhoodId, code: '', name: '' },
    stage: row.stage,
    leadId: row.leadId,
    leadName: row.leadId ? (leadById.get(row.leadId) ?? null) : null,
    priority: row.priority,
    requestCount: countById.get(row.id) ?? 0,
    stageChangedAt: row.stageChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }));
}

/** A whole case as its page shows it. */
export async function presentCase(executor: Executor, row: CaseRow, canManage: boolean): Promise<SaraCase> {
  const [summary] = await presentSummaries(executor, [row]);
  const team = await executor
    .select({ id: personnel.id, name: personnel.name })
    .from(saraCaseMembers)
    .innerJoin(personnel, eq(personnel.id, saraCaseMembers.personnelId))
    .where(eq(saraCaseMembers.caseId, row.id))
    .orderBy(asc(personnel.name));
  const requests = await executor
    .select({
      id: serviceRequests.id,
      trackingNumber: serviceRequests.trackingNumber,
      serviceCode: serviceRequests.serviceCode,
      status: serviceRequests.status,
      address: serviceRequests.address,
      lat: serviceRequests.lat,
      lon: serviceRequests.lon,
      createdAt: serviceRequests.createdAt,
      linkedAt: saraCaseRequests.linkedAt,
    })
    .from(saraCaseRequests)
    .innerJoin(serviceRequests, eq(serviceRequests.id, saraCaseRequests.requestId))
    .where(eq(saraCaseRequests.caseId, row.id))
    .orderBy(desc(serviceRequests.createdAt));
  const actions = await executor
    .select({ action: saraResponseActions, ownerName: personnel.name })
    .from(saraResponseActions)
    .leftJoin(personnel, eq(personnel.id, saraResponseActions.ownerId))
    .where(eq(saraResponseActions.caseId, row.id))
    .orderBy(asc(saraResponseActions.createdAt));
  const measures = await executor
    .select()
    .from(saraMeasures)
    .where(eq(saraMeasures.caseId, row.id))
    .orderBy(asc(saraMeasures.createdAt));
  const history = await executor
    .select()
    .from(saraCaseEvents)
    .where(and(eq(saraCaseEvents.caseId, row.id)))
    .orderBy(desc(saraCaseEvents.id))
    .limit(200);
  const nextStage = nextStageOf(row.stage);
  const facts: GateFacts = {
    linkedRequests: requests.length,
    actionStatuses: actions.map(({ action }) => action.status),
    measures: measures.length,
  };
  return {
    ...summary!,
    teamIds: team.map((member) => member.id),
    team,
    partners: row.partners,
    location: row.location ?? null,
    scanning: row.scanning,
    analysis: row.analysis,
    response: row.response,
    assessment: row.assessment,
    sourceCandidateKey: row.sourceCandidateKey,
    requests: requests.map((request) => ({
      ...request,
      createdAt: request.createdAt.toISOString(),
      linkedAt: request.linkedAt.toISOString(),
    })),
    actions: actions.map(({ action, ownerName }) => presentAction(action, ownerName)),
    measures: measures.map(presentMeasure),
    nextStage,
    gate: nextStage ? gateInto(nextStage, row, facts) : [],
    history: history.map((event) => ({
      id: String(event.id),
      occurredAt: event.occurredAt.toISOString(),
      actorName: event.actorName,
      kind: event.kind,
      fromStage: (event.fromStage as SaraStage | null) ?? null,
      toStage: (event.toStage as SaraStage | null) ?? null,
      reason: event.reason,
      detail: event.detail ?? null,
    })),
    canManage,
  };
}
