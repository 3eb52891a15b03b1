import type { InboxNotification, InboxPage } from '@nsp/contracts';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { cursorKey, cursorPart, decodeCursor, pageOf } from '../../lib/pagination.ts';

/** Newest first; the key keeps PostgreSQL's microseconds so that no row falls between two pages. */
const inboxCursor = cursorKey(cursorPart.timestamp, cursorPart.uuid);

const inboxColumns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  entityType: notifications.entityType,
  entityId: notifications.entityId,
  urgent: notifications.urgent,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
  createdAtKey: sql<string>`${notifications.createdAt}::text`,
};

type InboxRow = { [K in keyof typeof inboxColumns]: unknown } & {
  id: string;
  kind: InboxNotification['kind'];
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  urgent: boolean;
  createdAt: Date;
  readAt: Date | null;
  createdAtKey: string;
};

function present(row: InboxRow): InboxNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    entityType: row.entityType,
    entityId: row.entityId,
    urgent: row.urgent,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The caller's own inbox rows only: the recipient is part of every query, never a parameter from outside. */
const mine = (userId: string) =>
  and(eq(notifications.recipientUserId, userId), eq(notifications.inInbox, true));

export async function unreadCount(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listInbox(
  executor: Executor,
  userId: string,
  query: { limit: number; cursor?: string | undefined; unread?: boolean | undefined },
): Promise<InboxPage> {
  const after = decodeCursor(query.cursor, inboxCursor);
  const [rows, unread] = await Promise.all([
    executor
      .select(inboxColumns)
      .from(notifications)
      .where(
        and(
          mine(userId),
          query.unread === true ? isNull(notifications.readAt) : undefined,
          query.unread === false ? sql`${notifications.readAt} is not null` : undefined,
          after
            ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit + 1),
    unreadCount(executor, userId),
  ]);
  const page = pageOf(rows as InboxRow[], query.limit, (row) => [row.createdAtKey, row.id]);
  return { items: page.items.map(present), nextCursor: page.nextCursor, unreadCount: unread };
}

/** Marks some or all of the caller's notifications read; others' ids are silently not theirs to mark. */
export async function markRead(
  executor: Executor,
  userId: string,
  which: { ids?: string[] | undefined; all?: true | undefined },
  now: Date = new Date(),
): Promise<{ marked: number; unreadCount: number }> {
  const marked = await executor
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        mine(userId),
        isNull(notifications.readAt),
        which.ids ? inArray(notifications.id, which.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { marked: marked.length, unreadCount: await unreadCount(executor, userId) };
}

/** Marks one of the caller's notifications read (again is fine); someone else's is a 404. */
export async function markOneRead(
  executor: Executor,
  userId: string,
  id: string,
  now: Date = new Date(),
): Promise<InboxNotification> {
  await executor
    .update(notifications)
    .set({ readAt: now })
    .where(and(mine(userId), eq(notifications.id, id), isNull(notifications.readAt)));
  const [row] = await executor
    .select(inboxColumns)
    .from(notifications)
    .where(and(mine(userId), eq(notifications.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError(`No notification ${id} in your inbox.`);
  return present(row as InboxRow);
}
