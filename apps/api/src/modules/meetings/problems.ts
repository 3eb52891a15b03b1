import type { createMeetingProblemBodySchema, updateMeetingProblemBodySchema } from '@nsp/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { meetingProblems, serviceRequests } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertCanRecord, type MeetingsContext } from './context.ts';
import { loadMeetingRow } from './read-model.ts';
import { saraCaseLink } from './sara-link.ts';

type ProblemRow = typeof meetingProblems.$inferSelect;

const present = (row: ProblemRow) => ({
  id: row.id,
  description: row.description,
  serviceRequestId: row.serviceRequestId,
  saraCaseId: row.saraCaseId,
  createdAt: iso(row.createdAt),
});

async function assertRequest(executor: Executor, requestId: string | null | undefined): Promise<void> {
  if (!requestId) return;
  const [row] = await executor
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId))
    .limit(1);
  if (!row)
    throw new ValidationError('There is no such service request.', [
      { path: 'serviceRequestId', message: 'is not a service request', in: 'body' },
    ]);
}

function requireSara() {
  if (!saraCaseLink)
    throw new ConflictError(
      'SARA cases are not part of this NSP yet; record the problem without a case for now.',
      {
        errors: [{ path: 'saraCaseId', message: 'SARA cases are not available', in: 'body' }],
      },
    );
  return saraCaseLink;
}

async function assertCase(executor: Executor, caseId: string | null | undefined, neighborhoodId: string) {
  if (!caseId) return;
  const caseNeighborhood = await requireSara().caseNeighborhood(executor, caseId);
  if (!caseNeighborhood)
    throw new ValidationError('There is no such SARA case.', [
      { path: 'saraCaseId', message: 'is not a SARA case', in: 'body' },
    ]);
  if (caseNeighborhood !== neighborhoodId)
    throw new ValidationError("A meeting's problem joins a case of the same neighborhood.", [
      { path: 'saraCaseId', message: 'is a case of another neighborhood', in: 'body' },
    ]);
}

/**
 * Records a problem raised at a meeting. It may name the service request it became, join an existing
 * SARA case, or start a new case in Scanning with the meeting as evidence (`startSaraCase`).
 */
export async function createMeetingProblem(
  ctx: MeetingsContext,
  meetingId: string,
  input: z.infer<typeof createMeetingProblemBodySchema>,
) {
  return withTransaction(ctx.db, async (tx) => {
    const meeting = await loadMeetingRow(tx, meetingId);
    assertCanRecord(ctx.caller, meeting.neighborhoodId);
    if (input.startSaraCase && input.saraCaseId)
      throw new ValidationError('A problem starts a new case or joins one, not both.', [
        { path: 'startSaraCase', message: 'must not be set with saraCaseId', in: 'body' },
      ]);
    await assertRequest(tx, input.serviceRequestId);
    await assertCase(tx, input.saraCaseId, meeting.neighborhoodId);
    const saraCaseId = input.startSaraCase
      ? await requireSara().startCase(tx, {
          neighborhoodId: meeting.neighborhoodId,
          title: input.description.length > 120 ? `${input.description.slice(0, 117)}…` : input.description,
          problemStatement: input.description,
          identifiedBy: `Raised at the meeting “${meeting.title.en}” on ${meeting.startsAt.toISOString().slice(0, 10)}`,
          meetingId,
          actor: { ...ctx.actor, name: ctx.actorName },
        })
      : (input.saraCaseId ?? null);
    const [row] = await tx
      .insert(meetingProblems)
      .values({
        meetingId,
        description: input.description,
        serviceRequestId: input.serviceRequestId ?? null,
        saraCaseId,
        createdBy: ctx.caller.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'meeting_problem.created',
      entityType: 'meeting_problem',
      entityId: row.id,
      after: row,
    });
    return present(row);
  });
}

export async function updateMeetingProblem(
  ctx: MeetingsContext,
  id: string,
  input: z.infer<typeof updateMeetingProblemBodySchema>,
) {
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select()
      .from(meetingProblems)
      .where(eq(meetingProblems.id, id))
      .for('update')
      .limit(1);
    if (!before) throw new NotFoundError(`There is no meeting problem ${id}.`);
    const meeting = await loadMeetingRow(tx, before.meetingId);
    assertCanRecord(ctx.caller, meeting.neighborhoodId);
    await assertRequest(tx, input.serviceRequestId);
    await assertCase(tx, input.saraCaseId, meeting.neighborhoodId);
    const [after] = await tx
      .update(meetingProblems)
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.serviceRequestId !== undefined ? { serviceRequestId: input.serviceRequestId } : {}),
        ...(input.saraCaseId !== undefined ? { saraCaseId: input.saraCaseId } : {}),
      })
      .where(eq(meetingProblems.id, id))
      .returning();
    if (!after) throw new Error('update returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'meeting_problem.updated',
      entityType: 'meeting_problem',
      entityId: id,
      before,
      after,
    });
    return present(after);
  });
}
