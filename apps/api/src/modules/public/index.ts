import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publishedUpdatesSource } from './feed.ts';
import { publicFeedPublicationRoutes } from './feed-publications.ts';
import { publicDirectoryRoutes } from './directory-routes.ts';
import { publicOpenDataRoutes } from './open-data-routes.ts';
import { publicPageRoute } from './public-page-route.ts';
import { publicStatusRoutes } from './status-routes.ts';
import { publicTextsRoutes } from './texts-routes.ts';

export interface PublicModuleOptions {
  timeZone: string;
  publicBaseUrl: string;
  /** The built admin app, whose public-page/ entry is served at /public/. */
  adminDist: string;
}

/**
 * The public surface (no login, no personal data, four languages and more as data). Other modules use:
 *   app.registerPublicFeedSource(source)   a source of announcements for the feed (feed-sources.ts)
 *   app.registerPublicTexts({ key: { en, es, pt, pl } })   fixed texts, then editable by administrators
 *   await request.publicTexts()            the reply's texts: t('status.new'), pick(localizedData)
 *   replyPublicJson(request, reply, …)     a cached public GET with ETag / 304 (public-reply.ts)
 *   app.publicCache.announce(topic)        drop cached public replies on every instance after a change
 * Routes under /api/v1/public/ get the language (request.publicLanguage), Content-Language, the per-address
 * rate limit and localized problems from publicPlugin whoever registers them.
 */
export const publicModule = fp(
  async (app: FastifyInstance, options: PublicModuleOptions) => {
    app.registerPublicFeedSource(publishedUpdatesSource(app.database.db));
    await app.register(publicTextsRoutes);
    await app.register(publicDirectoryRoutes);
    await app.register(publicStatusRoutes, options);
    await app.register(publicOpenDataRoutes, options);
    await app.register(publicFeedPublicationRoutes);
    await app.register(publicPageRoute, { adminDist: options.adminDist });
  },
  { name: 'nsp-public-routes', dependencies: ['nsp-public', 'nsp-auth', 'nsp-geo'] },
);

export type { PublicFeedItem, PublicFeedQuery, PublicFeedSource } from './feed-sources.ts';
export { entityOf, ifNoneMatchMatches, sendPublicEntity, strongEtag } from './http-caching.ts';
export { Expiring, PUBLIC_CHANGED_CHANNEL, PublicCache } from './public-cache.ts';
export { type Directory, loadDirectory } from './public-directory.ts';
export { neighborhoodRef } from './public-present.ts';
export { publicPlugin } from './public-plugin.ts';
export { replyPublicJson } from './public-reply.ts';
export type { SeedText } from './text-catalog.ts';
export type { Translator } from './text-store.ts';
