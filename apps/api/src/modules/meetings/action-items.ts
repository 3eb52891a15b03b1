import type { ActionItem, ActionItemStatus } from '@nsp/contracts';
import {
  type createActionItemBodySchema,
  type listActionItemsQuerySchema,
  openActionItemStatuses,
  type updateActionItemBodySchema,
} from '@nsp/contracts';
import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { actionItemNotes, actionItems, personnel } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertCanRecord, type MeetingsContext } from './context.ts';
import { loadActionItem, loadActionItems, loadMeetingRow, todayIn } from './read-model.ts';

async function assertOwner(executor: Executor, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const [row] = await executor
    .select({ id: personnel.id })
    .from(personnel)
    .where(eq(personnel.id, ownerId))
    .limit(1);
  if (!row)
    throw new ValidationError('The owner is not on the roster.', [
      { path: 'ownerId', message: 'is not a person on the roster', in: 'body' },
    ]);
}

export async function createActionItem(
  ctx: MeetingsContext,
  meetingId: string,
  input: z.infer<typeof createActionItemBodySchema>,
): Promise<ActionItem> {
  const id = await withTransaction(ctx.db, async (tx) => {
    const meeting = await loadMeetingRow(tx, meetingId);
    assertCanRecord(ctx.caller, meeting.neighborhoodId);
    if (meeting.status === 'cancelled')
      throw new ConflictError('A cancelled meeting takes no new action items; plan it again first.');
    await assertOwner(tx, input.ownerId);
    const [row] = await tx
      .insert(actionItems)
      .values({
        meetingId,
        neighborhoodId: meeting.neighborhoodId,
        title: input.title,
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate ?? null,
        createdBy: ctx.caller.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.actor, {
      action: 'action_item.created',
      entityType: 'action_item',
      entityId: row.id,
      after: row,
    });
    return row.id;
  });
  return loadActionItem(ctx.db, id, ctx.timeZone);
}

const isClosed = (status: ActionItemStatus) => !openActionItemStatuses.includes(status);

/**
 * Progress, changes and closing. Closing (done or dropped) records who and when; the item is one row,
 * so it is closed on every meeting that shows it. Reopening clears both.
 */
export async function updateActionItem(
  ctx: MeetingsContext,
  id: string,
  input: Omit<z.infer<typeof updateActionItemBodySchema>, 'version'>,
  precondition: VersionPrecondition,
  now: Date = new Date(),
): Promise<ActionItem> {
  await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(actionItems).where(eq(actionItems.id, id)).for('update').limit(1);
    if (!before) throw new NotFoundError(`There is no action item ${id}.`);
    assertFresh(precondition, before.version, 'The action item');
    assertCanRecord(ctx.caller, before.neighborhoodId);
    if (input.reportedAtMeetingId) {
      const meeting = await loadMeetingRow(tx, input.reportedAtMeetingId).catch(() => null);
      if (!meeting || meeting.neighborhoodId !== before.neighborhoodId)
        throw new ValidationError('Progress is reported at a meeting of the same neighborhood.', [
          { path: 'reportedAtMeetingId', message: "is not a meeting of the item's neighborhood", in: 'body' },
        ]);
    }
    if (input.reportedAtMeetingId && !input.progressNote)
      throw new ValidationError('Say what progress was reported.', [
        { path: 'progressNote', message: 'is required with reportedAtMeetingId', in: 'body' },
      ]);
    await assertOwner(tx, input.ownerId);
    const status = input.status ?? before.status;
    const closing = isClosed(status) && !isClosed(before.status);
    const reopening = !isClosed(status) && isClosed(before.status);
    const [after] = await tx
      .update(actionItems)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
        ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
        status,
        ...(closing ? { closedAt: now, closedBy: ctx.caller.userId } : {}),
        ...(reopening ? { closedAt: null, closedBy: null } : {}),
        updatedAt: now,
        version: before.version + 1,
      })
      .where(eq(actionItems.id, id))
      .returning();
    if (input.progressNote)
      await tx.insert(actionItemNotes).values({
        actionItemId: id,
        meetingId: input.reportedAtMeetingId ?? null,
        body: input.progressNote,
        createdBy: ctx.caller.userId,
      });
    await recordAudit(tx, ctx.actor, {
      action: closing ? `action_item.${status}` : reopening ? 'action_item.reopened' : 'action_item.updated',
      entityType: 'action_item',
      entityId: id,
      before,
      after: { ...after, ...(input.progressNote ? { progressNote: input.progressNote } : {}) },
    });
  });
  return loadActionItem(ctx.db, id, ctx.timeZone);
}

/** Action items for overviews: "overdue in my neighborhoods", "mine", a neighborhood's open list. */
export async function listActionItems(
  ctx: MeetingsContext,
  query: z.infer<typeof listActionItemsQuerySchema>,
): Promise<ActionItem[]> {
  const neighborhoodIds =
    query.neighborhoodId === 'mine'
      ? [...ctx.caller.ledNeighborhoodIds]
      : query.neighborhoodId
        ? [query.neighborhoodId]
        : null;
  const ownerId = query.ownerId === 'me' ? ctx.caller.personnelId : query.ownerId;
  if (query.ownerId === 'me' && !ownerId) return [];
  if (neighborhoodIds?.length === 0) return [];
  const onlyOpen = query.open === 'true' || query.overdue === 'true';
  const conditions = [
    neighborhoodIds ? inArray(actionItems.neighborhoodId, neighborhoodIds) : undefined,
    ownerId ? eq(actionItems.ownerId, ownerId) : undefined,
    onlyOpen ? inArray(actionItems.status, [...openActionItemStatuses]) : undefined,
    query.open === 'false' ? sql`${actionItems.status} in ('done', 'dropped')` : undefined,
    query.overdue === 'true'
      ? and(isNotNull(actionItems.dueDate), lt(actionItems.dueDate, todayIn(ctx.timeZone)))
      : undefined,
  ].filter((condition) => condition !== undefined);
  return loadActionItems(ctx.db, and(...conditions), ctx.timeZone, query.limit);
}
