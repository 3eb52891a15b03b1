import type {
  CreatePriorityActionBody,
  CreatePriorityBody,
  Priority,
  PrioritySource,
  UpdatePriorityBody,
} from '@nsp/contracts';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  actionItems,
  meetingProblems,
  meetings,
  neighborhoodPriorities,
  neighborhoods,
  priorityActions,
  saraCases,
  saraResponseActions,
} from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertCanSetPriorities, type PrioritiesContext } from './context.ts';
import { loadPriority, loadPriorityRow, localized } from './read-model.ts';

/** Clocks differ a little: a time up to five minutes ahead is "now". */
const CLOCK_SLACK_MS = 5 * 60_000;

const invalid = (path: string, message: string, detail: string) =>
  new ValidationError(detail, [{ path, message, in: 'body' }]);

function assertNotFuture(value: Date, now: Date, path: string): void {
  if (value.getTime() > now.getTime() + CLOCK_SLACK_MS)
    throw invalid(path, 'must not be in the future', 'A priority records what has happened, not plans.');
}

async function assertNeighborhood(executor: Executor, id: string): Promise<void> {
  const [row] = await executor
    .select({ id: neighborhoods.id })
    .from(neighborhoods)
    .where(eq(neighborhoods.id, id))
    .limit(1);
  if (!row) throw new NotFoundError(`There is no neighborhood ${id}.`);
}

/** The meeting (and problem raised there) a priority answers, checked to be the neighborhood's. */
async function meetingOrigin(
  executor: Executor,
  neighborhoodId: string,
  input: Pick<CreatePriorityBody, 'meetingId' | 'meetingProblemId'>,
): Promise<{ meetingId: string | null; meetingProblemId: string | null; startsAt: Date | null }> {
  let meetingId = input.meetingId ?? null;
  const meetingProblemId = input.meetingProblemId ?? null;
  if (meetingProblemId) {
    const [problem] = await executor
      .select({ meetingId: meetingProblems.meetingId })
      .from(meetingProblems)
      .where(eq(meetingProblems.id, meetingProblemId))
      .limit(1);
    if (!problem)
      throw invalid('meetingProblemId', 'is not a problem raised at a meeting', 'There is no such problem.');
    if (meetingId && meetingId !== problem.meetingId)
      throw invalid(
        'meetingProblemId',
        'was raised at another meeting',
        'The problem was raised at another meeting than meetingId.',
      );
    meetingId = problem.meetingId;
  }
  if (!meetingId) return { meetingId: null, meetingProblemId: null, startsAt: null };
  const [meeting] = await executor
    .select({ neighborhoodId: meetings.neighborhoodId, startsAt: meetings.startsAt })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .limit(1);
  const path = input.meetingProblemId ? 'meetingProblemId' : 'meetingId';
  if (!meeting) throw invalid(path, 'is not a meeting', 'There is no such meeting.');
  if (meeting.neighborhoodId !== neighborhoodId)
    throw invalid(
      path,
      'is a meeting of another neighborhood',
      "A priority is set at its neighborhood's meeting.",
    );
  return { meetingId, meetingProblemId, startsAt: meeting.startsAt };
}

async function assertCaseOf(executor: Executor, caseId: string | null | undefined, neighborhoodId: string) {
  if (!caseId) return;
  const [row] = await executor
    .select({ neighborhoodId: saraCases.neighborhoodId })
    .from(saraCases)
    .where(eq(saraCases.id, caseId))
    .limit(1);
  if (!row) throw invalid('saraCaseId', 'is not a SARA case', 'There is no such SARA case.');
  if (row.neighborhoodId !== neighborhoodId)
    throw invalid(
      'saraCaseId',
      'is a case of another neighborhood',
      'The SARA case is of another neighborhood.',
    );
}

/** Sets a priority. Where it came from follows from what it names: a meeting, a SARA case, a candidate. */
export async function createPriority(
  ctx: PrioritiesContext,
  neighborhoodId: string,
  input: CreatePriorityBody,
): Promise<Priority> {
  const now = ctx.now();
  const id = await withTransaction(ctx.db, async (tx) => {
    await assertNeighborhood(tx, neighborhoodId);
    assertCanSetPriorities(ctx.caller, neighborhoodId);
    const origin = await meetingOrigin(tx, neighborhoodId, input);
    await assertCaseOf(tx, input.saraCaseId, neighborhoodId);
    const source: PrioritySource = origin.meetingId
      ? 'meeting'
      : input.saraCaseId
        ? 'sara_case'
        : input.candidateKey
          ? 'candidate'
          : 'staff';
    const setAt = input.setAt ? new Date(input.setAt) : now;
    assertNotFuture(setAt, now, 'setAt');
    const [row] = await tx
      .insert(neighborhoodPriorities)
      .values({
        neighborhoodId,
        title: localized(input.title),
        description: localized(input.description),
        source,
        meetingId: origin.meetingId,
        meetingProblemId: origin.meetingProblemId,
        saraCaseId: input.saraCaseId ?? null,
        candidateKey: input.candidateKey ?? null,
        setAt,
        createdBy: ctx.caller.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'priority.set',
      entityType: 'neighborhood_priority',
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  await ctx.announcePublicChange();
  return loadPriority(ctx.db, id, now);
}

/**
 * Closes a priority (achieved or retired, with its public outcome, dated now), reopens it, or edits its
 * texts. A closed priority keeps its date when only its outcome is corrected.
 */
export async function updatePriority(
  ctx: PrioritiesContext,
  id: string,
  input: Omit<UpdatePriorityBody, 'version'>,
  precondition: VersionPrecondition,
): Promise<Priority> {
  const now = ctx.now();
  await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select()
      .from(neighborhoodPriorities)
      .where(eq(neighborhoodPriorities.id, id))
      .for('update')
      .limit(1);
    if (!before) throw new NotFoundError(`There is no priority ${id}.`);
    assertCanSetPriorities(ctx.caller, before.neighborhoodId);
    assertFresh(precondition, before.version, 'The priority');
    const status = input.status ?? before.status;
    const outcome =
      status === 'active'
        ? null
        : input.outcome !== undefined
          ? input.outcome === null
            ? null
            : localized(input.outcome)
          : before.outcome;
    if (status === 'active' && input.outcome)
      throw invalid(
        'outcome',
        'is for an achieved or retired priority',
        'An active priority has no outcome yet.',
      );
    if (status !== 'active' && !outcome)
      throw invalid(
        'outcome',
        'is required to mark a priority achieved or retired',
        'Say publicly what came of it: the outcome is published with the date.',
      );
    const closing = status !== 'active' && before.status === 'active';
    const reopening = status === 'active' && before.status !== 'active';
    const [after] = await tx
      .update(neighborhoodPriorities)
      .set({
        status,
        outcome,
        ...(input.title !== undefined ? { title: localized(input.title) } : {}),
        ...(input.description !== undefined ? { description: localized(input.description) } : {}),
        ...(closing ? { closedAt: now } : {}),
        ...(reopening ? { closedAt: null } : {}),
        updatedAt: now,
        version: before.version + 1,
      })
      .where(eq(neighborhoodPriorities.id, id))
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: closing ? `priority.${status}` : reopening ? 'priority.reopened' : 'priority.updated',
      entityType: 'neighborhood_priority',
      entityId: id,
      before,
      after,
    });
  });
  await ctx.announcePublicChange();
  return loadPriority(ctx.db, id, now);
}

/** Records an action on an active priority, typed or taken with one click from a suggestion. */
export async function addPriorityAction(
  ctx: PrioritiesContext,
  id: string,
  input: CreatePriorityActionBody,
): Promise<Priority> {
  const now = ctx.now();
  await withTransaction(ctx.db, async (tx) => {
    const row = await loadPriorityRow(tx, id);
    assertCanSetPriorities(ctx.caller, row.neighborhoodId);
    if (row.status !== 'active')
      throw new ConflictError(`The priority is ${row.status}; reopen it to record more actions.`);
    const takenAt = new Date(input.takenAt);
    assertNotFuture(takenAt, now, 'takenAt');
    if (input.saraResponseActionId) {
      const [response] = await tx
        .select({ caseId: saraResponseActions.caseId })
        .from(saraResponseActions)
        .where(eq(saraResponseActions.id, input.saraResponseActionId))
        .limit(1);
      if (!response || response.caseId !== row.saraCaseId)
        throw invalid(
          'saraResponseActionId',
          "is not a response of the priority's SARA case",
          "The response is not one of the priority's SARA case.",
        );
    }
    if (input.actionItemId) {
      const [item] = await tx
        .select({ neighborhoodId: actionItems.neighborhoodId })
        .from(actionItems)
        .where(eq(actionItems.id, input.actionItemId))
        .limit(1);
      if (!item || item.neighborhoodId !== row.neighborhoodId)
        throw invalid(
          'actionItemId',
          "is not an action item of the priority's neighborhood",
          "The action item is not one of the priority's neighborhood.",
        );
    }
    const sourceTaken = input.saraResponseActionId
      ? eq(priorityActions.saraResponseActionId, input.saraResponseActionId)
      : input.actionItemId
        ? eq(priorityActions.actionItemId, input.actionItemId)
        : undefined;
    if (sourceTaken) {
      const [already] = await tx
        .select({ id: priorityActions.id })
        .from(priorityActions)
        .where(and(eq(priorityActions.priorityId, id), sourceTaken))
        .limit(1);
      if (already) throw new ConflictError('That suggestion was already added as an action.');
    }
    const [action] = await tx
      .insert(priorityActions)
      .values({
        priorityId: id,
        body: localized(input.body),
        takenAt,
        saraResponseActionId: input.saraResponseActionId ?? null,
        actionItemId: input.actionItemId ?? null,
        createdBy: ctx.caller.userId,
        createdAt: now,
      })
      .returning();
    await tx
      .update(neighborhoodPriorities)
      .set({ updatedAt: now, version: row.version + 1 })
      .where(eq(neighborhoodPriorities.id, id));
    await recordAudit(tx, ctx.actor, {
      action: 'priority.action_added',
      entityType: 'neighborhood_priority',
      entityId: id,
      after: action,
    });
  });
  await ctx.announcePublicChange();
  return loadPriority(ctx.db, id, now);
}
