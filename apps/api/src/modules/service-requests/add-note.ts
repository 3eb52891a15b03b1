import type { AddedNote, TimelineEvent } from '@nsp/contracts';
import { eq, sql } from 'drizzle-orm';
import { serviceRequests } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { VersionPrecondition } from '../../lib/etag.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { ServiceRequestsContext } from './context.ts';
import type { Transaction } from '../../db/client.ts';
import { bumpVersion, type EventRow, insertEvents, type RequestRow } from './repo.ts';
import { lockForChange } from './transition-request.ts';
import { presentEvent, viewerOf } from './visibility.ts';
import { recordRequesterMessage } from '../notifications/requester-messages.ts';
import type { RequesterNotice } from '@nsp/contracts';

export interface NoteInput {
  body: string;
  visibility: 'internal' | 'public';
  language?: string | undefined;
}

/**
 * An internal note or a public update (what the requester and the public API see). The text joins
 * the request's search text; the first public update is the first response.
 */
export async function addNote(
  ctx: ServiceRequestsContext,
  id: string,
  input: NoteInput,
  precondition: VersionPrecondition,
): Promise<AddedNote> {
  const written = await withTransaction(ctx.db, async (tx) => {
    const row = await lockForChange(tx, id, precondition);
    return addNoteInTransaction(tx, ctx, row, input);
  });
  const { inserted: event, row, version, notice } = written;
  ctx.announce({
    type: 'service_request.note_added',
    id,
    neighborhoodId: row.neighborhoodId,
    status: row.status,
  });
  // The author sees the note the way their role sees the timeline (an API client only public ones).
  const notices = notice ? new Map([[event.id, notice]]) : new Map();
  const presented = presentEvent(event, viewerOf(ctx.principal), undefined, notices) ?? {
    ...presentEvent(event, 'internal')!,
    actor: { type: event.actorType as TimelineEvent['actor']['type'], id: null, name: null },
  };
  // The request's new version, so the next change can be sent without reading the request again.
  return { ...presented, version };
}

/**
 * Writes the note on a request already locked in this transaction (addNote, or a status change that
 * posts its closing public update with it). Returns the event and the request's version after it.
 */
export async function addNoteInTransaction(
  tx: Transaction,
  ctx: ServiceRequestsContext,
  row: RequestRow,
  input: NoteInput,
): Promise<{ inserted: EventRow; row: RequestRow; version: number; notice: RequesterNotice | undefined }> {
  const now = ctx.now();
  const [inserted] = await insertEvents(tx, ctx.actor, row.id, [
    {
      occurredAt: now,
      kind: 'note',
      body: input.body,
      visibility: input.visibility,
      language: input.language ?? 'en',
    },
  ]);
  const [bumped] = await tx
    .update(serviceRequests)
    .set({
      searchText: sql`${serviceRequests.searchText} || ' ' || ${input.body}`,
      ...(input.visibility === 'public'
        ? { publicSearchText: sql`${serviceRequests.publicSearchText} || ' ' || ${input.body}` }
        : {}),
      ...(input.visibility === 'public' && row.firstRespondedAt === null ? { firstRespondedAt: now } : {}),
      updatedAt: now,
      version: bumpVersion(),
    })
    .where(eq(serviceRequests.id, row.id))
    .returning({ version: serviceRequests.version });
  // The audit entry names the note, not its text (which may quote the requester).
  await recordAudit(tx, ctx.actor, {
    action:
      input.visibility === 'public' ? 'service_request.public_update_added' : 'service_request.note_added',
    entityType: 'service_request',
    entityId: row.id,
    after: {
      eventId: inserted?.id ?? null,
      visibility: input.visibility,
      language: input.language ?? 'en',
    },
  });
  if (!inserted || !bumped) throw new Error('insert returned nothing');
  // A public update goes to the requester by e-mail when they asked for it (never an internal note).
  const notice =
    input.visibility === 'public'
      ? await recordRequesterMessage(tx, {
          ...row,
          requestId: row.id,
          eventId: inserted.id,
          kind: 'public_update',
        })
      : undefined;
  return { inserted, row, version: bumped.version, notice };
}
