import { MAX_SAVED_VIEWS, type SavedView } from '@nsp/contracts';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { savedQueueViews } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { sqlStateOf, sqlStates } from '../../lib/sql-state.ts';

const present = (row: typeof savedQueueViews.$inferSelect): SavedView => ({
  id: row.id,
  name: row.name,
  query: row.query,
  createdAt: row.createdAt.toISOString(),
});

/** A person's saved queue views, by name. Private: nobody sees another person's views. */
export async function listSavedViews(executor: Executor, userId: string): Promise<SavedView[]> {
  const rows = await executor
    .select()
    .from(savedQueueViews)
    .where(eq(savedQueueViews.userId, userId))
    .orderBy(asc(sql`lower(${savedQueueViews.name})`));
  return rows.map(present);
}

/**
 * Saves filters under a name. The name is unique per person (case ignored; the unique index decides
 * under concurrency); the number of views is bounded, counted under a lock on the person's views.
 */
export async function createSavedView(
  executor: Executor,
  userId: string,
  input: { name: string; query: string },
): Promise<SavedView> {
  return withTransaction(executor, async (tx) => {
    // Serialises one person's saves, so two at once cannot both pass the count.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('saved_queue_views'), hashtext(${userId}))`);
    const [existing] = await tx
      .select({ value: count() })
      .from(savedQueueViews)
      .where(eq(savedQueueViews.userId, userId));
    if (Number(existing?.value ?? 0) >= MAX_SAVED_VIEWS)
      throw new ConflictError(`You have ${MAX_SAVED_VIEWS} saved views; delete one before saving another.`);
    try {
      const [row] = await tx
        .insert(savedQueueViews)
        .values({ userId, name: input.name, query: input.query.replace(/^\?/, '') })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      return present(row);
    } catch (error) {
      if (sqlStateOf(error)?.code === sqlStates.uniqueViolation)
        throw new ConflictError(`You already have a view called “${input.name}”.`, {
          errors: [{ path: 'name', message: 'is already the name of one of your views', in: 'body' }],
        });
      throw error;
    }
  });
}

export async function deleteSavedView(executor: Executor, userId: string, id: string): Promise<void> {
  const removed = await executor
    .delete(savedQueueViews)
    .where(and(eq(savedQueueViews.id, id), eq(savedQueueViews.userId, userId)))
    .returning({ id: savedQueueViews.id });
  // Someone else's view is as absent as a missing one: its existence is not revealed.
  if (removed.length === 0) throw new NotFoundError(`You have no saved view ${id}.`);
}
