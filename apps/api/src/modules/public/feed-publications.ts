import { publicFeedContracts } from '@nsp/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { publicFeedPublications, requestEvents } from '../../db/schema/index.ts';
import { withTransaction } from '../../db/transaction.ts';
import { access } from '../../lib/access.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest, type AuditActor, recordAudit } from '../audit/audit-log.ts';

/** The people who write public updates decide which of them go on the announcements feed. */
const publishers = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);

type PublicationRow = typeof publicFeedPublications.$inferSelect;
const toDto = (row: PublicationRow) => ({
  eventId: String(row.eventId),
  requestId: row.requestId,
  publishedAt: row.publishedAt.toISOString(),
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
});

const userId = (actor: AuditActor) => (actor.type === 'user' ? actor.id : null);

async function publish(db: Database, actor: AuditActor, requestId: string, eventId: number) {
  return withTransaction(db, async (tx) => {
    const [event] = await tx
      .select({ id: requestEvents.id })
      .from(requestEvents)
      .where(
        and(
          eq(requestEvents.id, eventId),
          eq(requestEvents.requestId, requestId),
          eq(requestEvents.kind, 'note'),
          eq(requestEvents.visibility, 'public'),
        ),
      );
    if (!event) throw new NotFoundError(`Request ${requestId} has no public update ${eventId}.`);
    const [row] = await tx
      .insert(publicFeedPublications)
      .values({ eventId, requestId, publishedBy: userId(actor) })
      .onConflictDoUpdate({
        target: publicFeedPublications.eventId,
        set: {
          withdrawnAt: null,
          withdrawnBy: null,
          publishedAt: sql`case when ${publicFeedPublications.withdrawnAt} is null then ${publicFeedPublications.publishedAt} else now() end`,
          publishedBy: sql`case when ${publicFeedPublications.withdrawnAt} is null then ${publicFeedPublications.publishedBy} else excluded.published_by end`,
          version: sql`${publicFeedPublications.version} + 1`,
        },
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'public_feed.published',
      entityType: 'service_request',
      entityId: requestId,
      after: { eventId },
    });
    return toDto(row!);
  });
}

async function withdraw(db: Database, actor: AuditActor, requestId: string, eventId: number) {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .update(publicFeedPublications)
      .set({
        withdrawnAt: sql`coalesce(${publicFeedPublications.withdrawnAt}, now())`,
        withdrawnBy: userId(actor),
        version: sql`${publicFeedPublications.version} + 1`,
      })
      .where(
        and(eq(publicFeedPublications.eventId, eventId), eq(publicFeedPublications.requestId, requestId)),
      )
      .returning();
    if (!row) throw new NotFoundError(`Public update ${eventId} of request ${requestId} is not on the feed.`);
    await recordAudit(tx, actor, {
      action: 'public_feed.withdrawn',
      entityType: 'service_request',
      entityId: requestId,
      before: { eventId },
    });
    return toDto(row);
  });
}

export async function publicFeedPublicationRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.route({
    ...fromContract(publicFeedContracts.list, publishers),
    handler: async (request) => {
      const rows = await app.database.db
        .select()
        .from(publicFeedPublications)
        .where(eq(publicFeedPublications.requestId, request.params.id));
      return { items: rows.map(toDto) };
    },
  });
  routes.route({
    ...fromContract(publicFeedContracts.publish, publishers),
    handler: async (request) => {
      const publication = await publish(
        app.database.db,
        actorFromRequest(request),
        request.params.id,
        Number(request.params.eventId),
      );
      // This instance at once (the trigger's notification tells the others, and this one, a moment later).
      app.publicCache.invalidate('feed');
      return publication;
    },
  });
  routes.route({
    ...fromContract(publicFeedContracts.withdraw, publishers),
    handler: async (request) => {
      const publication = await withdraw(
        app.database.db,
        actorFromRequest(request),
        request.params.id,
        Number(request.params.eventId),
      );
      app.publicCache.invalidate('feed');
      return publication;
    },
  });
}
