import type {
  CreateSaraCaseBody,
  SaraCase,
  SaraCaseSummary,
  SaraStage,
  UpdateSaraCaseBody,
} from '@nsp/contracts';
import { and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  neighborhoods,
  personnel,
  saraCandidateDecisions,
  saraCandidates,
  saraCaseMembers,
  saraCaseRequests,
  saraCases,
  serviceRequests,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { type VersionPrecondition, assertFresh } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { cursorKey, cursorPart, decodeCursor, encodeCursor } from '../../lib/pagination.ts';
import { recordCaseEvent } from './case-events.ts';
import { gateFacts, loadCase, presentCase, presentSummaries } from './case-view.ts';
import { assertCanManage, canManageCase, type SaraContext } from './context.ts';
import { gateInto, nextStageOf, stageIndex } from './gates.ts';

const leadKinds = ['lieutenant', 'sergeant', 'officer', 'nro'];

export async function getCase(ctx: SaraContext, id: string): Promise<SaraCase> {
  const row = await loadCase(ctx.db, id);
  return presentCase(ctx.db, row, await canManageCase(ctx.db, ctx.principal, row));
}

const listCursor = cursorKey(cursorPart.timestamp, cursorPart.uuid);

export async function listCases(
  ctx: SaraContext,
  query: {
    limit: number;
    cursor?: string | undefined;
    stage?: SaraStage | undefined;
    neighborhoodId?: string | undefined;
    leadId?: string | undefined;
    open?: 'true' | 'false' | undefined;
    requestId?: string | undefined;
  },
): Promise<{ items: SaraCaseSummary[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, listCursor);
  const conditions = [
    query.stage ? eq(saraCases.stage, query.stage) : undefined,
    query.neighborhoodId ? eq(saraCases.neighborhoodId, query.neighborhoodId) : undefined,
    query.leadId ? eq(saraCases.leadId, query.leadId) : undefined,
    query.open === 'true' ? ne(saraCases.stage, 'closed') : undefined,
    query.open === 'false' ? eq(saraCases.stage, 'closed') : undefined,
    query.requestId
      ? inArray(
          saraCases.id,
          ctx.db
            .select({ id: saraCaseRequests.caseId })
            .from(saraCaseRequests)
            .where(eq(saraCaseRequests.requestId, query.requestId)),
        )
      : undefined,
    after
      ? or(
          lt(saraCases.stageChangedAt, sql`${after[0]}::timestamptz`),
          and(eq(saraCases.stageChangedAt, sql`${after[0]}::timestamptz`), lt(saraCases.id, after[1])),
        )
      : undefined,
  ];
  const rows = await ctx.db
    .select({ row: saraCases, changedAt: sql<string>`${saraCases.stageChangedAt}::text` })
    .from(saraCases)
    .where(and(...conditions))
    .orderBy(desc(saraCases.stageChangedAt), desc(saraCases.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await presentSummaries(
      ctx.db,
      page.map((entry) => entry.row),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.changedAt, last.row.id]) : null,
  };
}

async function assertPeople(
  executor: Executor,
  leadId: string | null | undefined,
  teamIds: string[] | undefined,
) {
  if (leadId) {
    const [lead] = await executor
      .select({ kind: personnel.kind, active: personnel.active })
      .from(personnel)
      .where(eq(personnel.id, leadId));
    if (!lead?.active)
      throw new ValidationError('The lead is not an active member of personnel.', [
        { path: 'leadId', message: 'is not an active member of personnel', in: 'body' },
      ]);
    if (!leadKinds.includes(lead.kind))
      throw new ValidationError('A case is led by a lieutenant or an officer.', [
        { path: 'leadId', message: 'must be a lieutenant, sergeant, officer or NRO', in: 'body' },
      ]);
  }
  if (teamIds && teamIds.length > 0) {
    const unique = [...new Set(teamIds)];
    const found = await executor
      .select({ id: personnel.id })
      .from(personnel)
      .where(inArray(personnel.id, unique));
    if (found.length !== unique.length)
      throw new ValidationError('A team member is not in personnel.', [
        { path: 'teamIds', message: 'names someone who is not in personnel', in: 'body' },
      ]);
  }
}

async function assertNeighborhood(executor: Executor, id: string) {
  const [row] = await executor
    .select({ id: neighborhoods.id })
    .from(neighborhoods)
    .where(eq(neighborhoods.id, id));
  if (!row)
    throw new ValidationError('No such neighborhood.', [
      { path: 'neighborhoodId', message: 'is not a neighborhood', in: 'body' },
    ]);
}

async function setTeam(executor: Executor, caseId: string, teamIds: string[]) {
  await executor.delete(saraCaseMembers).where(eq(saraCaseMembers.caseId, caseId));
  const unique = [...new Set(teamIds)];
  if (unique.length > 0)
    await executor.insert(saraCaseMembers).values(unique.map((personnelId) => ({ caseId, personnelId })));
}

async function linkRequests(ctx: SaraContext, executor: Executor, caseId: string, requestIds: string[]) {
  const unique = [...new Set(requestIds)];
  if (unique.length === 0) return 0;
  const found = await executor
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(inArray(serviceRequests.id, unique));
  if (found.length !== unique.length)
    throw new ValidationError('A request to link does not exist.', [
      { path: 'requestIds', message: 'names a request that does not exist', in: 'body' },
    ]);
  const inserted = await executor
    .insert(saraCaseRequests)
    .values(unique.map((requestId) => ({ caseId, requestId, linkedById: ctx.actor.id })))
    .onConflictDoNothing()
    .returning({ requestId: saraCaseRequests.requestId });
  return inserted.length;
}

export async function createCase(ctx: SaraContext, body: CreateSaraCaseBody): Promise<SaraCase> {
  const created = await withTransaction(ctx.db, async (tx) => {
    await assertNeighborhood(tx, body.neighborhoodId);
    // A lieutenant opens cases in a neighborhood they lead (the same rule as for working them).
    await assertCanManage(tx, ctx.principal, { neighborhoodId: body.neighborhoodId, leadId: null });
    await assertPeople(tx, body.leadId, body.teamIds);
    let candidate: typeof saraCandidates.$inferSelect | undefined;
    if (body.candidateKey) {
      [candidate] = await tx.select().from(saraCandidates).where(eq(saraCandidates.key, body.candidateKey));
      if (!candidate)
        throw new ValidationError('No such candidate problem (a scan may have replaced it).', [
          { path: 'candidateKey', message: 'is not a current candidate', in: 'body' },
        ]);
    }
    const [row] = await tx
      .insert(saraCases)
      .values({
        title: body.title,
        neighborhoodId: body.neighborhoodId,
        leadId: body.leadId ?? null,
        priority: body.priority ?? 'medium',
        partners: body.partners ?? [],
        location: body.location ?? candidate?.area ?? null,
        scanning: {
          ...(candidate
            ? {
                identifiedBy: `NSP candidate problem (${candidate.kind.replace('_', ' ')}): ${candidate.title}, ${candidate.periodFrom.toISOString().slice(0, 10)} to ${candidate.periodTo.toISOString().slice(0, 10)}`,
              }
            : {}),
          ...body.scanning,
        },
        sourceCandidateKey: candidate?.key ?? null,
        createdByType: ctx.actor.type,
        createdById: ctx.actor.id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    if (body.teamIds) await setTeam(tx, row.id, body.teamIds);
    const linked = await linkRequests(ctx, tx, row.id, [
      ...(body.requestIds ?? []),
      ...(candidate?.requestIds ?? []),
    ]);
    if (candidate)
      await tx
        .insert(saraCandidateDecisions)
        .values({
          key: candidate.key,
          decision: 'case',
          reason: `Became SARA case “${row.title}”`,
          requestCount: candidate.requestIds.length,
          caseId: row.id,
          decidedById: ctx.actor.id,
        })
        .onConflictDoUpdate({
          target: saraCandidateDecisions.key,
          set: {
            decision: 'case',
            reason: `Became SARA case “${row.title}”`,
            requestCount: candidate.requestIds.length,
            caseId: row.id,
            decidedById: ctx.actor.id,
            decidedAt: ctx.now(),
          },
        });
    await recordCaseEvent(tx, ctx.actor, row.id, {
      kind: 'created',
      toStage: 'scanning',
      detail: { title: row.title, linkedRequests: linked, candidateKey: candidate?.key ?? null },
      after: { title: row.title, neighborhoodId: row.neighborhoodId, leadId: row.leadId },
    });
    return row;
  });
  return presentCase(ctx.db, created, true);
}

/** Stage documents merge field by field (nested objects one level deeper), so a screen sends what it edits. */
function mergeDocument<T extends Record<string, unknown>>(current: T, patch: Partial<T> | undefined): T {
  if (!patch) return current;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const before = merged[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && before && typeof before === 'object'
        ? { ...(before as object), ...(value as object) }
        : value;
  }
  return merged as T;
}

export async function updateCase(
  ctx: SaraContext,
  id: string,
  body: UpdateSaraCaseBody,
  precondition: VersionPrecondition,
): Promise<SaraCase> {
  const updated = await withTransaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, id, { forUpdate: true });
    assertFresh(precondition, row.version, 'The case');
    await assertCanManage(tx, ctx.principal, row);
    const { version: _version, teamIds, ...fields } = body;
    if (row.stage === 'closed') {
      const other = Object.keys(fields).filter((key) => key !== 'assessment');
      if (other.length > 0 || teamIds)
        throw new ConflictError(
          'The case is closed: only its assessment (e.g. the public summary) can change.',
        );
    }
    if (fields.neighborhoodId && fields.neighborhoodId !== row.neighborhoodId) {
      await assertNeighborhood(tx, fields.neighborhoodId);
      await assertCanManage(tx, ctx.principal, { neighborhoodId: fields.neighborhoodId, leadId: null });
    }
    await assertPeople(tx, fields.leadId, teamIds);
    const next = {
      ...fields,
      scanning: mergeDocument(row.scanning, fields.scanning),
      analysis: mergeDocument(row.analysis, fields.analysis),
      response: mergeDocument(row.response, fields.response),
      assessment: mergeDocument(row.assessment, fields.assessment),
    };
    const [saved] = await tx
      .update(saraCases)
      .set({ ...next, updatedAt: ctx.now(), version: sql`${saraCases.version} + 1` })
      .where(eq(saraCases.id, id))
      .returning();
    if (teamIds) await setTeam(tx, id, teamIds);
    const changed = [...Object.keys(fields), ...(teamIds ? ['teamIds'] : [])];
    const before = Object.fromEntries(
      changed.map((key) => [key, (row as Record<string, unknown>)[key] ?? null]),
    );
    await recordCaseEvent(tx, ctx.actor, id, {
      kind: 'updated',
      detail: { fields: changed },
      before,
      after: { ...fields, ...(teamIds ? { teamIds } : {}) },
    });
    return saved!;
  });
  return presentCase(ctx.db, updated, true);
}

/**
 * Moves a case one stage forward when the gate holds (409 listing every unmet item, by field), or back
 * to any earlier stage with a reason. Stages cannot be skipped.
 */
export async function changeStage(
  ctx: SaraContext,
  id: string,
  body: { to: SaraStage; reason?: string | undefined },
): Promise<SaraCase> {
  const moved = await withTransaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, id, { forUpdate: true });
    await assertCanManage(tx, ctx.principal, row);
    const from = row.stage;
    if (body.to === from) throw new ConflictError(`The case is already in ${from}.`);
    const forward = stageIndex(body.to) > stageIndex(from);
    if (forward) {
      if (nextStageOf(from) !== body.to)
        throw new ConflictError(
          `A stage cannot be skipped: from ${from} the next stage is ${nextStageOf(from)}.`,
          { errors: [{ path: 'to', message: `must be ${nextStageOf(from)} (the next stage)`, in: 'body' }] },
        );
      const missing = gateInto(body.to, row, await gateFacts(tx, id)).filter((item) => !item.met);
      if (missing.length > 0)
        throw new ConflictError(
          `The case cannot move to ${body.to} yet: ${missing.map((item) => item.message).join('; ')}.`,
          { errors: missing.map(({ path, message }) => ({ path, message })), gate: body.to },
        );
    } else if (!body.reason?.trim()) {
      throw new ValidationError('Going back a stage needs a reason.', [
        { path: 'reason', message: 'is required when returning to an earlier stage', in: 'body' },
      ]);
    }
    const now = ctx.now();
    const [saved] = await tx
      .update(saraCases)
      .set({
        stage: body.to,
        stageChangedAt: now,
        closedAt: body.to === 'closed' ? now : null,
        updatedAt: now,
        version: sql`${saraCases.version} + 1`,
      })
      .where(eq(saraCases.id, id))
      .returning();
    await recordCaseEvent(tx, ctx.actor, id, {
      kind: 'stage_changed',
      fromStage: from,
      toStage: body.to,
      reason: body.reason?.trim() || null,
      before: { stage: from },
      after: { stage: body.to, reason: body.reason ?? null },
    });
    return saved!;
  });
  return presentCase(ctx.db, moved, true);
}

/** Staff may add evidence to any open case; a closed case's evidence is fixed. */
async function loadOpenCase(executor: Executor, id: string) {
  const row = await loadCase(executor, id, { forUpdate: true });
  if (row.stage === 'closed') throw new ConflictError('The case is closed: its evidence no longer changes.');
  return row;
}

export async function linkRequest(ctx: SaraContext, id: string, requestId: string): Promise<SaraCase> {
  const row = await withTransaction(ctx.db, async (tx) => {
    const row = await loadOpenCase(tx, id);
    const [request] = await tx
      .select({ id: serviceRequests.id, trackingNumber: serviceRequests.trackingNumber })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, requestId));
    if (!request) throw new NotFoundError(`No service request ${requestId}.`);
    const added = await linkRequests(ctx, tx, id, [requestId]);
    if (added > 0)
      await recordCaseEvent(tx, ctx.actor, id, {
        kind: 'request_linked',
        detail: { requestId, trackingNumber: request.trackingNumber },
      });
    return row;
  });
  return presentCase(ctx.db, row, await canManageCase(ctx.db, ctx.principal, row));
}

export async function unlinkRequest(ctx: SaraContext, id: string, requestId: string): Promise<SaraCase> {
  const row = await withTransaction(ctx.db, async (tx) => {
    const row = await loadOpenCase(tx, id);
    const removed = await tx
      .delete(saraCaseRequests)
      .where(and(eq(saraCaseRequests.caseId, id), eq(saraCaseRequests.requestId, requestId)))
      .returning();
    if (removed.length === 0) throw new NotFoundError(`Request ${requestId} is not linked to this case.`);
    await recordCaseEvent(tx, ctx.actor, id, { kind: 'request_unlinked', detail: { requestId } });
    return row;
  });
  return presentCase(ctx.db, row, await canManageCase(ctx.db, ctx.principal, row));
}

export async function addNote(ctx: SaraContext, id: string, body: string) {
  return withTransaction(ctx.db, async (tx) => {
    await loadCase(tx, id);
    const event = await recordCaseEvent(tx, ctx.actor, id, { kind: 'note', detail: { body } });
    return {
      id: String(event.id),
      occurredAt: event.occurredAt.toISOString(),
      actorName: event.actorName,
      kind: event.kind,
      fromStage: null,
      toStage: null,
      reason: null,
      detail: event.detail,
    };
  });
}

/** The cases a request is evidence for (the request page shows them). */
export async function casesOfRequest(ctx: SaraContext, requestId: string) {
  const [request] = await ctx.db
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId));
  if (!request) throw new NotFoundError(`No service request ${requestId}.`);
  const rows = await ctx.db
    .select({ id: saraCases.id, title: saraCases.title, stage: saraCases.stage })
    .from(saraCaseRequests)
    .innerJoin(saraCases, eq(saraCases.id, saraCaseRequests.caseId))
    .where(eq(saraCaseRequests.requestId, requestId))
    .orderBy(desc(saraCases.stageChangedAt));
  return { items: rows };
}
