import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { notificationOutbox, notifications } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { deliverySettingsOf } from './preferences.ts';
import { localHour } from './quiet-hours.ts';

export interface DigestOptions {
  db: Database;
  timeZone: string;
  publicBaseUrl: string;
  now?: Date;
}

/** A digest waits at most this long, whatever the hour (a missed run, an hour changed in between). */
const longestWaitMs = 26 * 3_600_000;

/**
 * The daily digest: e-mails held for users who chose one (non-urgent ones; see delivery.ts) go out as
 * one e-mail at their digest hour. Runs hourly; a user who turned the digest off gets what was held
 * released to go out one by one. The held rows are locked (SKIP LOCKED) while a digest is made of them,
 * so two runs never put the same notice in two digests.
 */
export async function sendDailyDigests(
  options: DigestOptions,
): Promise<{ digests: number; released: number }> {
  const now = options.now ?? new Date();
  const holders = await options.db
    .selectDistinct({ userId: notifications.recipientUserId })
    .from(notificationOutbox)
    .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
    .where(eq(notificationOutbox.status, 'held'));
  const userIds = holders.map((row) => row.userId);
  const settings = await deliverySettingsOf(options.db, userIds);
  const { date, hour } = localHour(now, options.timeZone);
  let digests = 0;
  let released = 0;
  for (const userId of userIds) {
    const setting = settings.get(userId);
    if (!setting?.dailyDigest) {
      released += await releaseHeld(options.db, userId, now);
      continue;
    }
    const made = await withTransaction(options.db, async (tx) => {
      const held = await tx
        .select({
          outboxId: notificationOutbox.id,
          createdAt: notifications.createdAt,
          title: notifications.title,
          body: notifications.body,
          entityType: notifications.entityType,
          entityId: notifications.entityId,
        })
        .from(notificationOutbox)
        .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
        .where(and(eq(notificationOutbox.status, 'held'), eq(notifications.recipientUserId, userId)))
        .orderBy(asc(notifications.createdAt), asc(notificationOutbox.id))
        .limit(500)
        .for('update', { of: notificationOutbox, skipLocked: true });
      if (held.length === 0) return false;
      const oldest = held[0]!.createdAt.getTime();
      if (hour !== setting.digestHour && now.getTime() - oldest < longestWaitMs) return false;
      const lines = held.map((item) => {
        const link =
          item.entityType === 'service_request' && item.entityId
            ? `\n  ${options.publicBaseUrl}/service-requests/${encodeURIComponent(item.entityId)}`
            : '';
        return `- ${item.title}\n  ${item.body}${link}`;
      });
      const [digest] = await tx
        .insert(notifications)
        .values({
          recipientUserId: userId,
          kind: 'daily_digest',
          title: `NSP daily digest: ${held.length} notification${held.length === 1 ? '' : 's'}`,
          body: `Since your last digest:\n\n${lines.join('\n\n')}`,
          dedupeKey: `daily_digest:${date}:${held[0]!.outboxId}`,
          inInbox: false,
        })
        .onConflictDoNothing({ target: [notifications.recipientUserId, notifications.dedupeKey] })
        .returning({ id: notifications.id });
      if (!digest) return false;
      await tx.insert(notificationOutbox).values({ notificationId: digest.id, channel: 'email' });
      await tx
        .update(notificationOutbox)
        .set({ status: 'delivered', deliveredAt: now, digestNotificationId: digest.id, lastError: null })
        .where(
          inArray(
            notificationOutbox.id,
            held.map((item) => item.outboxId),
          ),
        );
      return true;
    });
    if (made) digests += 1;
  }
  return { digests, released };
}

async function releaseHeld(db: Database, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notificationOutbox)
    .set({ status: 'pending', nextAttemptAt: now })
    .where(
      and(
        eq(notificationOutbox.status, 'held'),
        sql`${notificationOutbox.notificationId} in (select id from ${notifications} where recipient_user_id = ${userId})`,
      ),
    )
    .returning({ id: notificationOutbox.id });
  return rows.length;
}
