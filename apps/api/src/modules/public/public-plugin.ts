import { publicApiPrefix, publicLanguageParameter } from '@nsp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TooManyRequestsError } from '../../lib/errors.ts';
import { PublicFeedRegistry, type PublicFeedSource } from './feed-sources.ts';
import { negotiateLanguage } from './language-negotiation.ts';
import { localizeProblem } from './localized-problems.ts';
import { PublicCache } from './public-cache.ts';
import type { SeedText } from './text-catalog.ts';
import { PublicTextStore, type Translator } from './text-store.ts';

export interface PublicPluginOptions {
  /** Requests per client address per minute on the public surface. */
  rateLimit: number;
  /** Open-data downloads per client address per minute (routes with config.publicRateLimit 'export'). */
  exportRateLimit: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The public texts and languages (translations as data). */
    publicTexts: PublicTextStore;
    /** In-memory public replies and data, dropped on every instance when the data changes. */
    publicCache: PublicCache;
    publicFeed: PublicFeedRegistry;
    /** Adds a source of announcements to the public feed (SARA summaries, meeting notices, …). */
    registerPublicFeedSource(source: PublicFeedSource): void;
    /** Adds a module's fixed public texts (seeded like the shipped ones, then editable as data). */
    registerPublicTexts(texts: Record<string, SeedText>): void;
  }
  interface FastifyRequest {
    /** The language of this public reply (set for every route under /api/v1/public/). */
    publicLanguage: string | null;
    /** This reply's texts, in `publicLanguage`. */
    publicTexts(): Promise<Translator>;
  }
  interface FastifyContextConfig {
    /** 'export': the open-data budget (NSP_PUBLIC_EXPORT_RATE_LIMIT) instead of the lookup one. */
    publicRateLimit?: 'standard' | 'export';
  }
}

const isPublicRequest = (request: FastifyRequest) => request.url.startsWith(publicApiPrefix);

/**
 * The public surface's plumbing, for every route under /api/v1/public/ (whoever registers it):
 * - the reply's language from `?lang=`, else Accept-Language with quality values, else English,
 *   said in Content-Language (and Vary: Accept-Language) on every reply;
 * - a request budget per client address (429 with Retry-After);
 * - problem+json replies rewritten in the reader's language.
 * Also the text store, the public cache and the feed-source registry, as app decorators.
 */
export const publicPlugin = fp(
  async (app: FastifyInstance, options: PublicPluginOptions) => {
    const cache = new PublicCache({ database: app.database, log: app.log });
    const texts = new PublicTextStore(app.database.db, cache, app.log);
    const feed = new PublicFeedRegistry();
    app.decorate('publicCache', cache);
    app.decorate('publicTexts', texts);
    app.decorate('publicFeed', feed);
    app.decorate('registerPublicFeedSource', (source: PublicFeedSource) => feed.register(source));
    app.decorate('registerPublicTexts', (defaults: Record<string, SeedText>) =>
      texts.registerDefaults(defaults),
    );
    app.decorateRequest('publicLanguage', null);
    app.decorateRequest('publicTexts', function (this: FastifyRequest) {
      return texts.translator(this.publicLanguage ?? 'en');
    });

    const tooMany = (_request: FastifyRequest, context: { ttl: number }) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new TooManyRequestsError(
        `Too many requests from your address. Try again in ${retryAfterSeconds} seconds.`,
        { retryAfterSeconds },
      );
    };
    const lookupLimit = app.rateLimit({
      max: options.rateLimit,
      timeWindow: 60_000,
      errorResponseBuilder: tooMany,
    });
    const exportLimit = app.rateLimit({
      max: options.exportRateLimit,
      timeWindow: 60_000,
      errorResponseBuilder: tooMany,
    });

    app.addHook('onRequest', async (request, reply) => {
      if (!isPublicRequest(request)) return;
      const query = request.query as Record<string, unknown> | undefined;
      const requested = query?.[publicLanguageParameter];
      request.publicLanguage = negotiateLanguage(
        texts.offeredLanguages(),
        typeof requested === 'string' && /^[A-Za-z]{2,3}(-|$)/.test(requested) ? requested : undefined,
        request.headers['accept-language'],
      );
      const limit = request.routeOptions.config.publicRateLimit === 'export' ? exportLimit : lookupLimit;
      await limit.call(app, request, reply);
    });

    app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
      if (!request.publicLanguage) return payload;
      reply.header('content-language', request.publicLanguage);
      const vary = reply.getHeader('vary');
      if (
        !String(vary ?? '')
          .toLowerCase()
          .includes('accept-language')
      ) {
        reply.header('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
      }
      const contentType = String(reply.getHeader('content-type') ?? '');
      if (!contentType.startsWith('application/problem+json') || typeof payload !== 'string') return payload;
      try {
        const translator = await texts.translator(request.publicLanguage);
        return JSON.stringify(
          localizeProblem(JSON.parse(payload), translator, reply.getHeader('allow')?.toString()),
        );
      } catch (error) {
        // The texts could not be read (database away): the English problem still says what happened.
        request.log.warn({ err: error }, 'problem not localized');
        return payload;
      }
    });

    app.addHook('onReady', async () => {
      await cache.start();
      try {
        await texts.seed();
      } catch (error) {
        app.log.warn({ err: error }, 'public texts not seeded; the shipped wording is used meanwhile');
      }
    });
  },
  { name: 'nsp-public', dependencies: ['nsp-database', '@fastify/rate-limit'] },
);
