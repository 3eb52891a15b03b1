import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { serviceRequests } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { insertEvents, lockRequest, type RequestRow } from '../service-requests/repo.ts';
import { transitionInTransaction } from '../service-requests/transition-request.ts';
import type { ServiceCatalog } from '../service-types/catalog.ts';
import type { RequesterLinkPurpose, RequesterLinks } from './requester-links.ts';

export interface RequesterActionContext {
  db: Database;
  catalog: ServiceCatalog;
  links: RequesterLinks;
  /** The anonymous caller (address, request id) for the audit log; the timeline names them "Requester". */
  actor: AuditActor;
  now: () => Date;
}

/** How the timeline names what a requester did through a link in their e-mail (never their name). */
const requesterActorName = 'Requester (e-mail link)';

/**
 * The request a signed link is for, locked for the change. An unknown tracking number is a 404; a
 * token that was not made for this request and purpose is a 403 (it proves nothing about the caller).
 */
async function lockByToken(
  ctx: RequesterActionContext,
  tx: Parameters<Parameters<typeof withTransaction>[1]>[0],
  trackingNumber: string,
  purpose: RequesterLinkPurpose,
  token: string,
): Promise<RequestRow> {
  const [found] = await tx
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(
      inArray(serviceRequests.trackingNumber, [...new Set([trackingNumber, trackingNumber.toUpperCase()])]),
    )
    .limit(1);
  if (!found) throw new NotFoundError(`No request ${trackingNumber}.`);
  if (!ctx.links.verify(purpose, found.id, token)) {
    throw new ForbiddenError('This link is not valid for this request.');
  }
  const row = await lockRequest(tx, found.id);
  if (!row) throw new NotFoundError(`No request ${trackingNumber}.`);
  return row;
}

/** Checks a link without changing anything (the pages behind the links, before the button is pressed). */
export async function requestForLink(
  ctx: RequesterActionContext,
  trackingNumber: string,
  purpose: RequesterLinkPurpose,
  token: string,
): Promise<RequestRow> {
  return withTransaction(ctx.db, (tx) => lockByToken(ctx, tx, trackingNumber, purpose, token));
}

/**
 * One-click unsubscribe: the requester's consent is withdrawn, so no further e-mail about this request
 * is sent (including any still queued). Idempotent. The timeline and audit log record that it happened,
 * never the address.
 */
export async function unsubscribeRequester(
  ctx: RequesterActionContext,
  trackingNumber: string,
  token: string,
): Promise<{ trackingNumber: string; changed: boolean; language: string | null; requestId: string }> {
  return withTransaction(ctx.db, async (tx) => {
    const row = await lockByToken(ctx, tx, trackingNumber, 'unsubscribe', token);
    const result = { trackingNumber: row.trackingNumber, language: row.requesterLanguage, requestId: row.id };
    if (!row.requesterEmailUpdates) return { ...result, changed: false };
    const now = ctx.now();
    await tx
      .update(serviceRequests)
      .set({ requesterEmailUpdates: false, updatedAt: now, version: sql`${serviceRequests.version} + 1` })
      .where(eq(serviceRequests.id, row.id));
    await insertEvents(tx, { ...ctx.actor, name: requesterActorName }, row.id, [
      {
        occurredAt: now,
        kind: 'requester_unsubscribed',
        before: { emailUpdates: true },
        after: { emailUpdates: false },
        visibility: 'internal',
      },
    ]);
    await recordAudit(tx, ctx.actor, {
      action: 'service_request.requester_unsubscribed',
      entityType: 'service_request',
      entityId: row.id,
      before: { emailUpdates: true },
      after: { emailUpdates: false },
    });
    return { ...result, changed: true };
  });
}

export type NotFixedOutcome = 'reopened' | 'already_open' | 'cannot_reopen';

/**
 * "Not fixed": the requester reopens their resolved (or recently closed) request, within the reopen
 * window, through the same workflow rules as staff. Their words, if any, go on the reopen event as its
 * reason (internal, like every reason). An open request stays as it is; a request past the window, or
 * rejected or merged, cannot be reopened this way (409).
 */
export async function requesterSaysNotFixed(
  ctx: RequesterActionContext,
  trackingNumber: string,
  token: string,
  comment: string | undefined,
): Promise<{
  outcome: NotFixedOutcome;
  trackingNumber: string;
  status: string;
  language: string | null;
  row: RequestRow;
}> {
  return withTransaction(ctx.db, async (tx) => {
    const row = await lockByToken(ctx, tx, trackingNumber, 'not-fixed', token);
    const base = { trackingNumber: row.trackingNumber, language: row.requesterLanguage };
    if (['new', 'triaged', 'assigned', 'in_progress'].includes(row.status)) {
      return { ...base, outcome: 'already_open' as const, status: row.status, row };
    }
    if (row.status !== 'resolved' && row.status !== 'closed') {
      throw new ConflictError(`${row.trackingNumber} cannot be reopened by the requester.`, {
        currentStatus: row.status,
        reason: 'not_resolved',
      });
    }
    const reason = `The requester says it is not fixed${comment?.trim() ? `: ${comment.trim()}` : '.'}`;
    const { row: updated } = await transitionInTransaction(
      tx,
      { actor: { ...ctx.actor, name: requesterActorName }, catalog: ctx.catalog, now: ctx.now },
      row.id,
      { to: 'in_progress', reason: reason.slice(0, 2000) },
      { kind: 'none' },
    );
    return { ...base, outcome: 'reopened' as const, status: updated.status, row: updated };
  });
}
