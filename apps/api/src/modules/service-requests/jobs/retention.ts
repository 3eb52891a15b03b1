import { and, asc, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { auditLog, requestEvents, serviceRequests } from '../../../db/schema/index.ts';
import { withTransaction } from '../../../db/transaction.ts';
import { removeRequesterAttachments } from '../../attachments/service.ts';

/** Finished for good: a closed, rejected or merged request's requester no longer needs to be reached. */
export const retentionStatuses = ['closed', 'rejected', 'duplicate'] as const;

/** Keys under which request timeline events might carry requester contact; removed on anonymisation. */
const requesterKeys = ['requester', 'requesterName', 'requesterEmail', 'requesterPhone'];

const millisecondsPerDay = 86_400_000;

export interface RetentionOptions {
  db: Database;
  retentionDays: number;
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
}

export interface RetentionResult {
  anonymized: number;
  /** Residents' photos removed with the contact data (their files go in the purge that follows). */
  attachmentsRemoved: number;
  cutoff: string;
}

/**
 * Removes requester contact (name, e-mail, phone) from requests finished more than `retentionDays` ago
 * and sets anonymizedAt. The preferred language stays: it is not contact data and language-access
 * statistics need it. Each request gets a timeline event and an audit entry (which name the fields,
 * never their values). Rows are claimed with SKIP LOCKED, so overlapping runs split the work.
 */
export async function anonymizeExpiredRequests(options: RetentionOptions): Promise<RetentionResult> {
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) {
    throw new RangeError(`retentionDays must be a whole number >= 1, got ${options.retentionDays}`);
  }
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * millisecondsPerDay);
  const batchSize = options.batchSize ?? 1000;
  const maxBatches = options.maxBatches ?? 100;
  // closedAt is set when a request is closed or rejected; a merged duplicate may only have updatedAt.
  const finishedAt = sql`coalesce(${serviceRequests.closedAt}, ${serviceRequests.updatedAt})`;
  let anonymized = 0;
  let attachmentsRemoved = 0;

  for (let batch = 0; batch < maxBatches; batch += 1) {
    const count = await withTransaction(options.db, async (tx) => {
      const expired = await tx
        .select({ id: serviceRequests.id })
        .from(serviceRequests)
        .where(
          and(
            inArray(serviceRequests.status, [...retentionStatuses]),
            isNull(serviceRequests.anonymizedAt),
            lte(finishedAt, cutoff),
          ),
        )
        .orderBy(asc(finishedAt), asc(serviceRequests.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (expired.length === 0) return 0;
      const ids = expired.map((row) => row.id);

      const updated = await tx
        .update(serviceRequests)
        .set({
          requesterName: null,
          requesterEmail: null,
          requesterPhone: null,
          anonymizedAt: now,
          updatedAt: now,
          // A new version, so an ETag taken while the contact was visible no longer matches.
          version: sql`${serviceRequests.version} + 1`,
        })
        .where(inArray(serviceRequests.id, ids))
        .returning({ id: serviceRequests.id });

      // A resident's own photos are personal data like their contact: they go in the same transaction.
      attachmentsRemoved += await removeRequesterAttachments(tx, ids, now);

      const keysArray = sql.raw(`array[${requesterKeys.map((key) => `'${key}'`).join(', ')}]::text[]`);
      await tx
        .update(requestEvents)
        .set({
          before: sql`${requestEvents.before} - ${keysArray}`,
          after: sql`${requestEvents.after} - ${keysArray}`,
        })
        .where(
          and(
            inArray(requestEvents.requestId, ids),
            or(sql`${requestEvents.before} ?| ${keysArray}`, sql`${requestEvents.after} ?| ${keysArray}`),
          ),
        );

      await tx.insert(requestEvents).values(
        updated.map((row) => ({
          requestId: row.id,
          occurredAt: now,
          actorType: 'system',
          actorId: null,
          actorName: 'Retention policy',
          kind: 'requester_anonymized',
          before: null,
          after: {
            fields: ['requesterName', 'requesterEmail', 'requesterPhone'],
            retentionDays: options.retentionDays,
          },
          visibility: 'internal' as const,
        })),
      );
      // Bulk form of recordAudit (actor 'system'); the values removed are deliberately not kept.
      await tx.insert(auditLog).values(
        updated.map((row) => ({
          actorType: 'system' as const,
          actorId: null,
          action: 'service_request.anonymized',
          entityType: 'service_request',
          entityId: row.id,
          before: null,
          after: {
            fields: ['requesterName', 'requesterEmail', 'requesterPhone'],
            anonymizedAt: now.toISOString(),
            retentionDays: options.retentionDays,
          },
        })),
      );
      return updated.length;
    });
    anonymized += count;
    if (count < batchSize) break;
  }
  return { anonymized, attachmentsRemoved, cutoff: cutoff.toISOString() };
}
