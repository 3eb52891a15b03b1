import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publicTextsRoutes } from './texts-routes.ts';

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
  async (app: FastifyInstance) => {
    await app.register(publicTextsRoutes);
  },
  { name: 'nsp-public-routes', dependencies: ['nsp-public', 'nsp-auth'] },
);

export type { PublicFeedItem, PublicFeedQuery, PublicFeedSource } from './feed-sources.ts';
export { entityOf, ifNoneMatchMatches, sendPublicEntity, strongEtag } from './http-caching.ts';
export { Expiring, PUBLIC_CHANGED_CHANNEL, PublicCache } from './public-cache.ts';
export { publicPlugin } from './public-plugin.ts';
export { replyPublicJson } from './public-reply.ts';
export type { SeedText } from './text-catalog.ts';
export type { Translator } from './text-store.ts';
