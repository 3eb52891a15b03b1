import { and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  neighborhoods,
  publicFeedPublications,
  requestEvents,
  serviceRequests,
  serviceTypes,
} from '../../db/schema/index.ts';
import type { PublicFeedItem, PublicFeedQuery, PublicFeedSource } from './feed-sources.ts';

/** The public updates staff chose to publish (public_feed_publications), newest first. */
export function publishedUpdatesSource(db: Database): PublicFeedSource {
  return {
    name: 'request-updates',
    topics: ['feed'],
    async items(query: PublicFeedQuery): Promise<PublicFeedItem[]> {
      const rows = await db
        .select({
          eventId: publicFeedPublications.eventId,
          publishedAt: publicFeedPublications.publishedAt,
          body: requestEvents.body,
          language: requestEvents.language,
          occurredAt: requestEvents.occurredAt,
          trackingNumber: serviceRequests.trackingNumber,
          categoryName: serviceTypes.name,
          neighborhoodCode: neighborhoods.code,
          neighborhoodName: neighborhoods.name,
        })
        .from(publicFeedPublications)
        .innerJoin(requestEvents, eq(requestEvents.id, publicFeedPublications.eventId))
        .innerJoin(serviceRequests, eq(serviceRequests.id, publicFeedPublications.requestId))
        .innerJoin(serviceTypes, eq(serviceTypes.code, serviceRequests.serviceCode))
        .leftJoin(neighborhoods, eq(neighborhoods.id, serviceRequests.neighborhoodId))
        .where(
          and(
            isNull(publicFeedPublications.withdrawnAt),
            eq(requestEvents.visibility, 'public'),
            query.neighborhoodId
              ? or(
                  eq(serviceRequests.neighborhoodId, query.neighborhoodId),
                  isNull(serviceRequests.neighborhoodId),
                )
              : undefined,
          ),
        )
        .orderBy(desc(publicFeedPublications.publishedAt))
        .limit(query.limit);
      const { texts } = query;
      return rows.map((row) => {
        const category = texts.pick(row.categoryName);
        const neighborhood =
          row.neighborhoodCode && row.neighborhoodName
            ? { code: row.neighborhoodCode, name: row.neighborhoodName }
            : null;
        return {
          id: `request-update:${row.eventId}`,
          title: neighborhood
            ? texts.t('feed.request-update.title', { category, neighborhood: neighborhood.name })
            : texts.t('feed.request-update.title.no-neighborhood', { category }),
          text: row.body ?? '',
          url: `/public/?track=${encodeURIComponent(row.trackingNumber)}`,
          publishedAt: row.publishedAt,
          updatedAt: row.occurredAt > row.publishedAt ? row.occurredAt : null,
          neighborhood,
          language: row.language ?? 'en',
          tags: neighborhood ? [neighborhood.name, category] : [category],
        };
      });
    },
  };
}
