import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { publicFeedPublications, requestEvents, serviceRequests } from '../db/schema/index.ts';

/**
 * The announcements feed of the demo: the department published the closing public updates of its six
 * most recently resolved requests (staff publish more from a request's timeline). Idempotent.
 */
export async function seedDemoPublicFeed(db: Database): Promise<void> {
  const updates = await db
    .select({ eventId: requestEvents.id, requestId: requestEvents.requestId, at: requestEvents.occurredAt })
    .from(requestEvents)
    .innerJoin(serviceRequests, eq(serviceRequests.id, requestEvents.requestId))
    .where(
      and(
        eq(requestEvents.kind, 'note'),
        eq(requestEvents.visibility, 'public'),
        sql`${serviceRequests.status} in ('resolved', 'closed')`,
        sql`${serviceRequests.neighborhoodId} is not null`,
        sql`${requestEvents.occurredAt} >= ${serviceRequests.resolvedAt} - interval '1 minute'`,
      ),
    )
    .orderBy(desc(requestEvents.occurredAt))
    .limit(6);
  if (updates.length === 0) return;
  await db
    .insert(publicFeedPublications)
    .values(
      updates.map((update) => ({
        eventId: update.eventId,
        requestId: update.requestId,
        publishedAt: update.at,
      })),
    )
    .onConflictDoNothing();
}
