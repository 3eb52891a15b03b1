import { randomUUID } from 'node:crypto';
import type { Attachment } from '@nsp/contracts';
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { attachments } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../lib/access.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import { type AttachmentOwner, mayManage, mayWrite, ownerOf, readAccessOf } from './owners.ts';
import { processUpload } from './process-upload.ts';
import type { AttachmentStorage } from './storage.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

export interface AttachmentsContext {
  db: Database;
  storage: AttachmentStorage;
  actor: AuditActor & { name: string };
  principal: Principal;
  now: () => Date;
}

export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    ownerKind: row.ownerKind,
    ownerId: row.ownerId,
    kind: row.kind,
    contentType: row.contentType,
    fileName: row.fileName,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    visibility: row.visibility,
    source: row.source,
    caption: row.caption,
    uploadedBy: { type: row.uploadedByType, name: row.uploadedByName },
    createdAt: row.createdAt.toISOString(),
    url: `/api/v1/attachments/${row.id}`,
    thumbnailUrl: row.thumbnailKey ? `/api/v1/attachments/${row.id}/thumbnail` : null,
  };
}

async function requireOwner(executor: Executor, owner: AttachmentOwner, ownerId: string) {
  if (!(await owner.exists(executor, ownerId))) {
    throw new NotFoundError(`No ${owner.kind.replace('_', ' ')} ${ownerId}.`);
  }
}

export interface UploadInput {
  owner: AttachmentOwner;
  ownerId: string;
  file: Buffer;
  clientName: string | undefined;
  source: 'staff' | 'requester' | undefined;
  caption: string | undefined;
}

/**
 * Checks, cleans and stores one upload. Nothing reaches storage before the bytes passed the checks,
 * and a failure after the files were written removes them again: a refused upload leaves nothing.
 */
export async function uploadAttachment(context: AttachmentsContext, input: UploadInput): Promise<Attachment> {
  const { owner, ownerId, file } = input;
  if (!mayWrite(owner, context.principal)) throw new ForbiddenError('You may not attach files here.');
  await requireOwner(context.db, owner, ownerId);
  const processed = await processUpload(file, input.clientName);

  const id = randomUUID();
  const storageKey = `${id}/${processed.kind === 'image' ? 'image' : 'document'}.${processed.fileName.split('.').pop()}`;
  const thumbnailKey = processed.thumbnail ? `${id}/thumbnail.jpg` : null;
  const written: string[] = [];
  try {
    await context.storage.put(storageKey, processed.body, processed.contentType);
    written.push(storageKey);
    if (thumbnailKey && processed.thumbnail) {
      await context.storage.put(thumbnailKey, processed.thumbnail, 'image/jpeg');
      written.push(thumbnailKey);
    }
    const row = await withTransaction(context.db, async (tx) => {
      // The owner could have gone between the check and now; the foreign key (where there is one) and
      // this second look keep a file from hanging off nothing.
      await requireOwner(tx, owner, ownerId);
      const [inserted] = await tx
        .insert(attachments)
        .values({
          id,
          ownerKind: owner.kind,
          ownerId,
          kind: processed.kind,
          contentType: processed.contentType,
          fileName: processed.fileName,
          byteSize: processed.body.length,
          width: processed.width,
          height: processed.height,
          sha256: processed.sha256,
          storageKey,
          thumbnailKey,
          visibility: 'internal',
          // An integration files for a resident: whatever it sends is the resident's.
          source: context.principal.kind === 'api_client' ? 'requester' : (input.source ?? 'staff'),
          caption: input.caption?.trim() || null,
          uploadedByType: context.actor.type,
          uploadedById: context.actor.id,
          uploadedByName: context.actor.name,
          createdAt: context.now(),
        })
        .returning();
      await recordAudit(tx, context.actor, {
        action: 'attachment.added',
        entityType: 'attachment',
        entityId: id,
        after: {
          ownerKind: owner.kind,
          ownerId,
          contentType: processed.contentType,
          byteSize: processed.body.length,
          sha256: processed.sha256,
          source: inserted!.source,
        },
      });
      await owner.recordEvent?.(tx, ownerId, {
        kind: 'attachment_added',
        actor: context.actor,
        file: processed.kind === 'image' ? 'photo' : 'document',
      });
      return inserted!;
    });
    return presentAttachment(row);
  } catch (error) {
    await Promise.all(written.map((key) => context.storage.delete(key).catch(() => undefined)));
    throw error;
  }
}

export async function listAttachments(
  context: Pick<AttachmentsContext, 'db' | 'principal'>,
  owner: AttachmentOwner,
  ownerId: string,
): Promise<Attachment[]> {
  const sees = readAccessOf(owner, context.principal);
  if (!sees) throw new ForbiddenError('You may not see these attachments.');
  await requireOwner(context.db, owner, ownerId);
  const rows = await context.db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.ownerKind, owner.kind),
        eq(attachments.ownerId, ownerId),
        isNull(attachments.deletedAt),
        sees === 'public' ? eq(attachments.visibility, 'public') : undefined,
      ),
    )
    .orderBy(desc(attachments.createdAt), desc(attachments.id));
  return rows.map(presentAttachment);
}

/**
 * One attachment this caller may see, or 404: someone who may not see it learns nothing, not even
 * that it exists.
 */
async function visibleAttachment(executor: Executor, principal: Principal | null, id: string) {
  const [row] = await executor
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .limit(1);
  const owner = row ? ownerOf(row.ownerKind) : undefined;
  if (!row || !owner) throw new NotFoundError(`No attachment ${id}.`);
  const sees = principal ? readAccessOf(owner, principal) : row.visibility === 'public' ? 'public' : null;
  if (sees === null || (sees === 'public' && row.visibility !== 'public')) {
    throw new NotFoundError(`No attachment ${id}.`);
  }
  return { row, owner };
}

/** The stored file (or its thumbnail) for a download; `principal` null is the public. */
export async function openAttachment(
  context: Pick<AttachmentsContext, 'db' | 'storage'>,
  principal: Principal | null,
  id: string,
  variant: 'file' | 'thumbnail',
) {
  const { row } = await visibleAttachment(context.db, principal, id);
  const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
  if (!key) throw new NotFoundError(`Attachment ${id} has no thumbnail.`);
  const stored = await context.storage.get(key);
  if (!stored) throw new NotFoundError(`The file of attachment ${id} is missing from storage.`);
  return {
    row,
    body: stored.body,
    size: stored.size,
    contentType: variant === 'thumbnail' ? 'image/jpeg' : row.contentType,
  };
}

export async function updateAttachment(
  context: AttachmentsContext,
  id: string,
  patch: { visibility?: 'internal' | 'public' | undefined; caption?: string | null | undefined },
): Promise<Attachment> {
  return withTransaction(context.db, async (tx) => {
    const { row, owner } = await visibleAttachment(tx, context.principal, id);
    if (!mayManage(owner, context.principal)) throw new ForbiddenError('You may not change this attachment.');
    if (patch.visibility === 'public' && !(owner.mayBePublic && row.kind === 'image')) {
      throw new ConflictError(
        owner.mayBePublic
          ? 'Only photos can be made public; documents stay internal.'
          : 'Attachments here are internal; only a request’s photos can be public.',
      );
    }
    const caption = patch.caption === undefined ? row.caption : patch.caption?.trim() || null;
    const [updated] = await tx
      .update(attachments)
      .set({ visibility: patch.visibility ?? row.visibility, caption })
      .where(eq(attachments.id, id))
      .returning();
    await recordAudit(tx, context.actor, {
      action: 'attachment.updated',
      entityType: 'attachment',
      entityId: id,
      before: { visibility: row.visibility, caption: row.caption },
      after: { visibility: updated!.visibility, caption: updated!.caption },
    });
    if (updated!.visibility !== row.visibility) {
      await owner.recordEvent?.(tx, row.ownerId, {
        kind: updated!.visibility === 'public' ? 'attachment_published' : 'attachment_unpublished',
        actor: context.actor,
        file: 'photo',
      });
    }
    return presentAttachment(updated!);
  });
}

/** Removes an attachment: the row stays as the record (who, when), the files go now. */
export async function removeAttachment(context: AttachmentsContext, id: string): Promise<void> {
  await withTransaction(context.db, async (tx) => {
    const { row, owner } = await visibleAttachment(tx, context.principal, id);
    if (!mayManage(owner, context.principal)) throw new ForbiddenError('You may not remove this attachment.');
    await tx
      .update(attachments)
      .set({
        deletedAt: context.now(),
        deletedByType: context.actor.type,
        deletedById: context.actor.id,
        deletedReason: 'removed',
        visibility: 'internal',
      })
      .where(eq(attachments.id, id));
    await recordAudit(tx, context.actor, {
      action: 'attachment.removed',
      entityType: 'attachment',
      entityId: id,
      before: {
        ownerKind: row.ownerKind,
        ownerId: row.ownerId,
        fileName: row.fileName,
        contentType: row.contentType,
        byteSize: row.byteSize,
        sha256: row.sha256,
        visibility: row.visibility,
      },
    });
    await owner.recordEvent?.(tx, row.ownerId, {
      kind: 'attachment_removed',
      actor: context.actor,
      file: row.kind === 'image' ? 'photo' : 'document',
    });
  });
  await purgeRemovedAttachments({ db: context.db, storage: context.storage });
}

/**
 * Marks a set of requests' residents' photos removed (retention), in the caller's transaction. The
 * files go with the next purge (right after, in the retention job). Their names go too: a file name
 * can be personal ("Maria's car.jpg").
 */
export async function removeRequesterAttachments(
  executor: Executor,
  serviceRequestIds: string[],
  now: Date,
): Promise<number> {
  if (serviceRequestIds.length === 0) return 0;
  const removed = await executor
    .update(attachments)
    .set({
      deletedAt: now,
      deletedByType: 'system',
      deletedById: null,
      deletedReason: 'retention',
      visibility: 'internal',
      fileName: 'removed.bin',
      caption: null,
    })
    .where(
      and(
        eq(attachments.ownerKind, 'service_request'),
        inArray(attachments.ownerId, serviceRequestIds),
        eq(attachments.source, 'requester'),
        isNull(attachments.deletedAt),
      ),
    )
    .returning({ id: attachments.id });
  return removed.length;
}

/**
 * Deletes the files of removed attachments from storage and notes when. Safe to run again and from
 * several instances: a file already gone is not an error, and a failure leaves the row for next time.
 */
export async function purgeRemovedAttachments(options: {
  db: Database;
  storage: AttachmentStorage;
  limit?: number;
}): Promise<{ purged: number; failed: number }> {
  const pending = await options.db
    .select({
      id: attachments.id,
      storageKey: attachments.storageKey,
      thumbnailKey: attachments.thumbnailKey,
    })
    .from(attachments)
    .where(and(isNotNull(attachments.deletedAt), isNull(attachments.purgedAt)))
    .limit(options.limit ?? 500);
  let purged = 0;
  let failed = 0;
  for (const row of pending) {
    try {
      await options.storage.delete(row.storageKey);
      if (row.thumbnailKey) await options.storage.delete(row.thumbnailKey);
      await options.db.update(attachments).set({ purgedAt: new Date() }).where(eq(attachments.id, row.id));
      purged += 1;
    } catch {
      failed += 1;
    }
  }
  return { purged, failed };
}

/** Public photo addresses per request (public status page, Open311 `media_url`), oldest first. */
export async function publicMediaOf(
  executor: Executor,
  serviceRequestIds: string[],
  baseUrl = '',
): Promise<Map<string, string[]>> {
  const media = new Map<string, string[]>();
  if (serviceRequestIds.length === 0) return media;
  const rows = await executor
    .select({ id: attachments.id, ownerId: attachments.ownerId })
    .from(attachments)
    .where(
      and(
        eq(attachments.ownerKind, 'service_request'),
        inArray(attachments.ownerId, serviceRequestIds),
        eq(attachments.visibility, 'public'),
        isNull(attachments.deletedAt),
      ),
    )
    .orderBy(attachments.createdAt, attachments.id);
  for (const row of rows) {
    const list = media.get(row.ownerId) ?? [];
    list.push(`${baseUrl}/api/v1/public/attachments/${row.id}`);
    media.set(row.ownerId, list);
  }
  return media;
}
