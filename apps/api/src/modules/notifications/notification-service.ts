import type { StaffNotificationKind } from '@nsp/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notificationOutbox, notifications, users } from '../../db/schema/index.ts';
import { channelsFor } from './preferences.ts';

export interface NewNotification {
  recipientUserId: string;
  kind: StaffNotificationKind;
  title: string;
  body: string;
  entityType?: string | null;
  entityId?: string | null;
  data?: Record<string, unknown>;
  /** What the notification is about; a recipient never gets two with the same key. */
  dedupeKey: string;
  /** About a P1 request: e-mailed at once, even in quiet hours and with a daily digest. */
  urgent?: boolean;
}

/** Active users holding a role, e.g. every supervisor for SLA breach notices. */
export async function activeUserIdsWithRole(executor: Executor, role: string): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`${role} = any(${users.roles})`))
    .orderBy(asc(users.id));
  return rows.map((row) => row.id);
}

/**
 * Writes notifications and their outbox rows in the caller's transaction, so they exist exactly when
 * the change they announce does. Each recipient's preferences for the kind decide the channels: in-app
 * (the inbox) and/or e-mail; someone who turned both off gets nothing. Ones a recipient already has
 * (same dedupeKey) are skipped. Returns how many notifications were created.
 */
export async function queueNotifications(
  executor: Executor,
  items: readonly NewNotification[],
): Promise<number> {
  if (items.length === 0) return 0;
  const channelsByKind = new Map<StaffNotificationKind, Awaited<ReturnType<typeof channelsFor>>>();
  for (const kind of new Set(items.map((item) => item.kind))) {
    const recipients = items.filter((item) => item.kind === kind).map((item) => item.recipientUserId);
    channelsByKind.set(kind, await channelsFor(executor, recipients, kind));
  }
  const wanted = items
    .map((item) => ({
      item,
      channels: channelsByKind.get(item.kind)?.get(item.recipientUserId) ?? new Set(),
    }))
    .filter(({ channels }) => channels.size > 0);
  let created = 0;
  // Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
  for (let start = 0; start < wanted.length; start += 1000) {
    const chunk = wanted.slice(start, start + 1000);
    const inserted = await executor
      .insert(notifications)
      .values(
        chunk.map(({ item, channels }) => ({
          recipientUserId: item.recipientUserId,
          kind: item.kind,
          title: item.title,
          body: item.body,
          entityType: item.entityType ?? null,
          entityId: item.entityId ?? null,
          data: item.data ?? {},
          dedupeKey: item.dedupeKey,
          urgent: item.urgent ?? false,
          inInbox: channels.has('in_app'),
        })),
      )
      .onConflictDoNothing({ target: [notifications.recipientUserId, notifications.dedupeKey] })
      .returning({
        id: notifications.id,
        recipientUserId: notifications.recipientUserId,
        dedupeKey: notifications.dedupeKey,
      });
    const channelsOf = new Map(
      chunk.map(({ item, channels }) => [`${item.recipientUserId}\n${item.dedupeKey}`, channels]),
    );
    const outbox = inserted.flatMap((row) =>
      [...(channelsOf.get(`${row.recipientUserId}\n${row.dedupeKey}`) ?? [])].map((channel) => ({
        notificationId: row.id,
        channel,
      })),
    );
    if (outbox.length > 0) await executor.insert(notificationOutbox).values(outbox);
    created += inserted.length;
  }
  return created;
}
