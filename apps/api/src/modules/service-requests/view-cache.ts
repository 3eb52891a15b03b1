import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PublicCache } from '../public/public-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The request page's and the queue's rows, from memory while nothing they show changed. */
    requestViewCache: PublicCache;
  }
}

/** Announced by the triggers of migration 0026_request_view_changes. */
export const REQUEST_VIEWS_CHANGED_CHANNEL = 'nsp_request_views_changed';
/** The one topic: any change to a request, its events, messages, people or neighborhoods. */
export const REQUEST_VIEWS_TOPIC = 'views';

/** How stale a view can get if a notification is missed (the listener reconnecting). */
export const REQUEST_VIEW_TTL_MS = 5_000;

export const requestViewCacheOptions = { topics: [REQUEST_VIEWS_TOPIC], ttlMs: REQUEST_VIEW_TTL_MS } as const;

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What the request page and the queue's first page read from the database (rows, not replies: the
 * overdue flags and allowed transitions are still decided at each read, from the clock). Reads far
 * outnumber changes, so the same request is rarely read twice from the database:
 * - every committed change to the tables those reads use is announced by a trigger (whatever
 *   module, job or script made it) and every instance forgets everything it remembered;
 * - a change made through this instance also forgets, before its reply goes out, so whoever made it
 *   reads it back at once (the notification arrives a moment later);
 * - entries live at most REQUEST_VIEW_TTL_MS, the bound on staleness if a notification is missed.
 */
export const requestViewCachePlugin = fp(
  async (app: FastifyInstance) => {
    const cache = new PublicCache({
      database: app.database,
      log: app.log,
      channel: REQUEST_VIEWS_CHANGED_CHANNEL,
      maxEntries: 5_000,
    });
    await cache.start();
    app.decorate('requestViewCache', cache);
    app.addHook('onSend', async (request) => {
      if (!readOnlyMethods.has(request.method)) cache.invalidate(REQUEST_VIEWS_TOPIC);
    });
  },
  { name: 'nsp-request-view-cache', dependencies: ['nsp-database'] },
);
