import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actionItems, meetings, personnel, users } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { type NewNotification, queueNotifications } from '../notifications/notification-service.ts';
import { neighborhoodLeadUserIds } from '../notifications/staff-notices.ts';
import { todayIn } from './read-model.ts';

/**
 * Tells the owner of an open action item past its due date, and the neighborhood's lieutenant, once per
 * due date (the dedupe key names it: moving the due date and missing it again tells them again).
 */
export async function queueOverdueActionItemNotices(db: Database, timeZone: string, now: Date = new Date()) {
  const today = todayIn(timeZone, now);
  return withTransaction(db, async (tx) => {
    const overdue = await tx
      .select({
        id: actionItems.id,
        title: actionItems.title,
        dueDate: actionItems.dueDate,
        neighborhoodId: actionItems.neighborhoodId,
        meetingId: actionItems.meetingId,
        meetingTitle: meetings.title,
        ownerUserId: users.id,
      })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(personnel, eq(personnel.id, actionItems.ownerId))
      .leftJoin(users, and(eq(users.id, personnel.userId), eq(users.active, true)))
      .where(
        and(
          inArray(actionItems.status, ['open', 'in_progress']),
          isNotNull(actionItems.dueDate),
          lt(actionItems.dueDate, today),
        ),
      );
    const leads = await neighborhoodLeadUserIds(
      tx,
      overdue.map((item) => item.neighborhoodId),
      now,
    );
    const notices: NewNotification[] = [];
    for (const item of overdue) {
      const recipients = new Set([
        ...(item.ownerUserId ? [item.ownerUserId] : []),
        ...(leads.get(item.neighborhoodId) ?? []),
      ]);
      for (const recipientUserId of recipients)
        notices.push({
          recipientUserId,
          kind: 'action_item_overdue',
          title: `Action item overdue: ${item.title}`,
          body: `Due ${item.dueDate}, from “${item.meetingTitle.en}”. Report progress or close it on the meeting page.`,
          entityType: 'meeting',
          entityId: item.meetingId,
          data: { actionItemId: item.id, dueDate: item.dueDate },
          dedupeKey: `action_item_overdue:${item.id}:${item.dueDate}`,
        });
    }
    return { overdue: overdue.length, queued: await queueNotifications(tx, notices) };
  });
}

export const overdueActionItemsJob: BackgroundJob = {
  name: 'action-items-overdue',
  cron: '0 7 * * *',
  run: async ({ db, config }) => queueOverdueActionItemNotices(db, config.timeZone),
};
