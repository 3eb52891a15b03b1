import type { RequesterNotice, TransitionResult } from '@nsp/contracts';
import { recordRequesterMessage } from '../notifications/requester-messages.ts';
import { eq } from 'drizzle-orm';
import type { Transaction } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { assertFresh, type VersionPrecondition } from '../../lib/etag.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { addNoteInTransaction } from './add-note.ts';
import type { ServiceRequestsContext } from './context.ts';
import {
  bumpVersion,
  type EventRow,
  findView,
  insertEvents,
  lockRequest,
  type RequestRow,
  requestColumns,
} from './repo.ts';
import { allowedTransitions, checkTransition, isReopen, type RequestStatus } from './request-workflow.ts';
import { presentEvent, presentRequest, viewerOf } from './visibility.ts';

export interface TransitionInput {
  to: RequestStatus;
  reason?: string | undefined;
}

/** A status change with the public update that goes with it (the closing message when resolving). */
export interface TransitionWithUpdateInput extends TransitionInput {
  publicUpdate?: { body: string; language?: string | undefined } | undefined;
}

export async function lockForChange(
  tx: Transaction,
  id: string,
  precondition: VersionPrecondition,
): Promise<RequestRow> {
  const row = await lockRequest(tx, id);
  if (!row) throw new NotFoundError(`No service request ${id}.`);
  assertFresh(precondition, row.version, `Service request ${row.trackingNumber}`);
  return row;
}

/** The statuses a request may move to now (the table, minus a reopen whose window has passed). */
export function transitionsAllowedNow(
  row: Pick<RequestRow, 'status' | 'closedAt'>,
  now: Date,
  reopenWindowDays: number,
) {
  return allowedTransitions(row.status).filter(
    (to) => checkTransition({ from: row.status, to, closedAt: row.closedAt, now, reopenWindowDays }).ok,
  );
}

/** The status timestamps that go with a move: set when finishing, cleared when reopening. */
function statusTimestamps(row: RequestRow, to: RequestStatus, now: Date) {
  if (to === 'resolved') return { resolvedAt: now };
  if (to === 'closed') return { closedAt: now, resolvedAt: row.resolvedAt ?? now };
  // closedAt doubles as "when it was finished" for rejections and merges: the reopen window counts from it.
  if (to === 'rejected' || to === 'duplicate') return { closedAt: now };
  if (isReopen(row.status, to)) return { resolvedAt: null, closedAt: null };
  return {};
}

/**
 * Moves a request to another status inside the caller's transaction, by THE transition table
 * (request-workflow.ts). An illegal move is a 409 whose `allowed` lists what may happen now.
 * firstRespondedAt is set by the first status change a person makes.
 */
export async function transitionInTransaction(
  tx: Transaction,
  ctx: Pick<ServiceRequestsContext, 'actor' | 'catalog' | 'now'>,
  id: string,
  input: TransitionInput,
  precondition: VersionPrecondition,
): Promise<{ row: RequestRow; event: EventRow; notice: RequesterNotice | undefined }> {
  const row = await lockForChange(tx, id, precondition);
  const now = ctx.now();
  if (input.to === 'duplicate') {
    throw new ValidationError('A duplicate needs the request it duplicates: use POST …/merge with intoId.', [
      { path: 'to', message: 'use the merge endpoint to mark a duplicate', in: 'body' },
    ]);
  }
  const { reopenWindowDays } = await ctx.catalog.deskSettings();
  const check = checkTransition({
    from: row.status,
    to: input.to,
    closedAt: row.closedAt,
    now,
    reopenWindowDays,
  });
  if (!check.ok) {
    const detail =
      check.reason === 'reopen_window_expired'
        ? `${row.trackingNumber} was finished more than ${reopenWindowDays} days ago and can no longer be reopened.`
        : `${row.trackingNumber} cannot go from ${row.status} to ${input.to}.`;
    throw new ConflictError(
      `${detail} Allowed now: ${check.allowed.length > 0 ? check.allowed.join(', ') : 'none'}.`,
      { allowed: check.allowed, reason: check.reason, currentStatus: row.status },
    );
  }
  if (input.to === 'rejected' && !input.reason) {
    throw new ValidationError('Say why the request is rejected.', [
      { path: 'reason', message: 'is required when rejecting', in: 'body' },
    ]);
  }
  if (input.to === 'assigned' && !row.assigneeId) {
    throw new ConflictError(`${row.trackingNumber} has no assignee yet; assign someone first.`, {
      allowed: transitionsAllowedNow(row, now, reopenWindowDays).filter((status) => status !== 'assigned'),
      reason: 'no_assignee',
      currentStatus: row.status,
    });
  }
  const reopen = isReopen(row.status, input.to);
  const [updated] = await tx
    .update(serviceRequests)
    .set({
      status: input.to,
      ...statusTimestamps(row, input.to, now),
      ...(row.firstRespondedAt === null && ctx.actor.type === 'user' ? { firstRespondedAt: now } : {}),
      updatedAt: now,
      version: bumpVersion(),
    })
    .where(eq(serviceRequests.id, id))
    .returning(requestColumns);
  if (!updated) throw new NotFoundError(`No service request ${id}.`);
  // Status changes are public facts (the requester follows them); the reason stays internal.
  const [event] = await insertEvents(tx, ctx.actor, id, [
    {
      occurredAt: now,
      kind: reopen ? 'reopened' : 'status_changed',
      before: { status: row.status },
      after: { status: input.to, ...(input.reason ? { reason: input.reason } : {}) },
      visibility: 'public',
    },
  ]);
  await recordAudit(tx, ctx.actor, {
    action: reopen ? 'service_request.reopened' : 'service_request.status_changed',
    entityType: 'service_request',
    entityId: id,
    before: { status: row.status, version: row.version },
    after: { status: input.to, version: updated.version, ...(input.reason ? { reason: input.reason } : {}) },
  });
  if (!event) throw new Error('insert returned nothing');
  // The resolution goes to the requester by e-mail when they asked for it, with a "not fixed" link.
  const notice =
    input.to === 'resolved'
      ? await recordRequesterMessage(tx, { ...updated, requestId: id, eventId: event.id, kind: 'resolution' })
      : undefined;
  return { row: updated, event, notice };
}

/**
 * A status change as its own transaction, answered with what the screen needs next without reading
 * the request again: the request as the caller may see it (new status and version), the moves
 * allowed from the new status, and the timeline event it added.
 */
export async function transitionServiceRequest(
  ctx: ServiceRequestsContext,
  id: string,
  input: TransitionWithUpdateInput,
  precondition: VersionPrecondition,
): Promise<TransitionResult> {
  const { publicUpdate, ...transition } = input;
  const { view, event, notice, noteEvent, noteNotice } = await withTransaction(ctx.db, async (tx) => {
    const changed = await transitionInTransaction(tx, ctx, id, transition, precondition);
    // Both or neither: a resolution is not announced without its closing message, nor the reverse.
    const note = publicUpdate
      ? await addNoteInTransaction(tx, ctx, changed.row, { ...publicUpdate, visibility: 'public' })
      : null;
    // Read in the same transaction: the reply shows exactly this change, whatever commits next.
    return {
      view: await findView(tx, id),
      event: changed.event,
      notice: changed.notice,
      noteEvent: note?.inserted,
      noteNotice: note?.notice,
    };
  });
  if (!view) throw new NotFoundError(`No service request ${id}.`);
  ctx.announce({
    type: 'service_request.status_changed',
    id: view.id,
    neighborhoodId: view.neighborhoodId,
    status: view.status,
  });
  const viewer = viewerOf(ctx.principal);
  const now = ctx.now();
  const settings = await ctx.catalog.deskSettings();
  const presented = presentEvent(
    event,
    viewer,
    undefined,
    notice ? new Map([[event.id, notice]]) : new Map(),
  );
  if (!presented) throw new Error('a status change is a public event');
  const presentedNote = noteEvent
    ? presentEvent(
        noteEvent,
        viewer,
        undefined,
        noteNotice ? new Map([[noteEvent.id, noteNotice]]) : new Map(),
      )
    : null;
  return {
    ...presentRequest(view, viewer, now),
    allowedTransitions: [...transitionsAllowedNow(view, now, settings.reopenWindowDays)],
    event: presented,
    ...(presentedNote ? { publicUpdate: presentedNote } : {}),
  };
}
