import { publicContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serviceTypes } from '../../db/schema/index.ts';
import { access } from '../../lib/access.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import type { PublicFeedItem } from './feed-sources.ts';
import { type FeedDocument, renderAtom, renderJsonFeed, renderRss } from './feed-formats.ts';
import { entityOf, type PublicEntity, sendPublicEntity } from './http-caching.ts';
import { Expiring, requestTopics } from './public-cache.ts';
import { loadDirectory } from './public-directory.ts';
import { replyPublicJson } from './public-reply.ts';
import { publicStatistics, statsPeriod } from './public-stats.ts';
import { findPublicRequest, normalizeTrackingNumber } from './request-status.ts';
import type { Translator } from './text-store.ts';

export interface PublicStatusOptions {
  timeZone: string;
  /** NSP_PUBLIC_BASE_URL: feeds carry absolute links. */
  publicBaseUrl: string;
}

const FEED_ITEMS = 50;

/** Where is my request, how is my neighborhood served, and the announcements feed. */
export async function publicStatusRoutes(app: FastifyInstance, options: PublicStatusOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const directory = () => loadDirectory(db, app.publicCache);
  const categoryNames = () =>
    app.publicCache.get(
      'public-category-names',
      { topics: ['service-types'], ttlMs: 10 * 60_000 },
      async () => {
        const rows = await db.select({ code: serviceTypes.code, name: serviceTypes.name }).from(serviceTypes);
        return new Map(rows.map((row) => [row.code, row.name]));
      },
    );
  const neighborhoodIdOf = async (code: string | undefined) => {
    if (code === undefined) return undefined;
    const found = (await directory()).byCode.get(code.toUpperCase());
    if (!found) throw new NotFoundError(`No neighborhood has the code ${code}.`);
    return found;
  };

  routes.route({
    ...fromContract(publicContracts.request, access.public()),
    handler: async (request, reply) => {
      const trackingNumber = normalizeTrackingNumber(request.params.trackingNumber);
      return replyPublicJson(request, reply, {
        key: `request:${trackingNumber}`,
        topics: [...requestTopics(trackingNumber), 'service-types', 'neighborhoods'],
        ttlMs: 5 * 60_000,
        maxAgeSeconds: 60,
        schema: publicContracts.request.responses[200],
        build: (texts) => findPublicRequest({ db, geo: app.geo, texts }, trackingNumber),
      });
    },
  });

  routes.route({
    ...fromContract(publicContracts.stats, access.public()),
    handler: async (request, reply) => {
      const period = statsPeriod(request.query, options.timeZone);
      const neighborhood = await neighborhoodIdOf(request.query.neighborhood);
      const serviceCode = request.query.category;
      if (serviceCode !== undefined && !(await categoryNames()).has(serviceCode)) {
        throw new NotFoundError(`No category has the code ${serviceCode}.`);
      }
      return replyPublicJson(request, reply, {
        key: `stats:${period.from}:${period.to}:${neighborhood?.id ?? ''}:${serviceCode ?? ''}`,
        // Figures move with every request; five minutes old is fresh enough for a public scorecard.
        topics: ['neighborhoods', 'service-types'],
        ttlMs: 5 * 60_000,
        maxAgeSeconds: 300,
        schema: publicContracts.stats.responses[200],
        build: async (texts) =>
          publicStatistics(app.database.reporting, {
            period,
            timeZone: options.timeZone,
            neighborhoodId: neighborhood?.id,
            serviceCode,
            directory: await directory(),
            categoryNames: await categoryNames(),
            texts,
            now: new Date(),
          }),
      });
    },
  });

  const absolute = (path: string) => (/^https?:\/\//.test(path) ? path : `${options.publicBaseUrl}${path}`);

  async function feedDocument(
    request: FastifyRequest,
    texts: Translator,
    code: string | undefined,
    feedPath: string,
  ) {
    const neighborhood = await neighborhoodIdOf(code);
    const now = new Date();
    const perSource = await Promise.all(
      app.publicFeed.all.map((source) =>
        source
          .items({ neighborhoodId: neighborhood?.id ?? null, texts, limit: FEED_ITEMS, now })
          .catch((error: unknown) => {
            // One broken source must not take the whole feed down.
            request.log.warn({ err: error, source: source.name }, 'public feed source failed');
            return [] as PublicFeedItem[];
          }),
      ),
    );
    const items = perSource
      .flat()
      .filter((item) => !neighborhood || !item.neighborhood || item.neighborhood.code === neighborhood.code)
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
      .slice(0, FEED_ITEMS);
    const query = new URLSearchParams({ lang: texts.language, ...(code ? { neighborhood: code } : {}) });
    const document: FeedDocument = {
      title: neighborhood
        ? texts.t('feed.title.neighborhood', { neighborhood: neighborhood.name })
        : texts.t('feed.title'),
      description: texts.t('feed.description'),
      language: texts.language,
      homePageUrl: absolute(`/public/?lang=${texts.language}`),
      feedUrl: absolute(`${feedPath}?${query}`),
      updatedAt: items[0]?.updatedAt ?? items[0]?.publishedAt ?? new Date(0),
      items: items.map((item) => ({ ...item, absoluteUrl: item.url ? absolute(item.url) : null })),
    };
    return document;
  }

  const cachedFeed = (
    request: FastifyRequest,
    key: string,
    render: (document: FeedDocument) => { payload: string; contentType: string },
    code: string | undefined,
    feedPath: string,
  ) =>
    app.publicCache.get<PublicEntity>(
      `feed:${key}:${code?.toUpperCase() ?? ''}|${request.publicLanguage ?? 'en'}`,
      { topics: app.publicFeed.topics, ttlMs: 5 * 60_000 },
      async () => {
        const { payload, contentType } = render(
          await feedDocument(request, await request.publicTexts(), code, feedPath),
        );
        return new Expiring(entityOf(payload, contentType), null);
      },
    );

  routes.route({
    ...fromContract(publicContracts.feedXml, access.public()),
    handler: async (request, reply) => {
      const { format, neighborhood } = request.query;
      const entity = await cachedFeed(
        request,
        format,
        (document) =>
          format === 'atom'
            ? { payload: renderAtom(document), contentType: 'application/atom+xml; charset=utf-8' }
            : { payload: renderRss(document), contentType: 'application/rss+xml; charset=utf-8' },
        neighborhood,
        publicContracts.feedXml.path,
      );
      return sendPublicEntity(request, reply, entity, 300);
    },
  });

  routes.route({
    ...fromContract(publicContracts.feedJson, access.public()),
    handler: async (request, reply) => {
      const entity = await cachedFeed(
        request,
        'json',
        (document) => ({
          payload: JSON.stringify(renderJsonFeed(document)),
          contentType: 'application/feed+json; charset=utf-8',
        }),
        request.query.neighborhood,
        publicContracts.feedJson.path,
      );
      return sendPublicEntity(request, reply, entity, 300);
    },
  });
}
