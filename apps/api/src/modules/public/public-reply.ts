import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Expiring } from './public-cache.ts';
import { entityOf, type PublicEntity, sendPublicEntity } from './http-caching.ts';
import type { Translator } from './text-store.ts';

export interface PublicJsonOptions<S extends z.ZodType> {
  /** Identifies the reply apart from its language, e.g. `neighborhoods` or `request:EH-2026-000123`. */
  key: string;
  /** What the reply depends on (PublicCache topics); `texts` is always added. */
  topics: readonly string[];
  /** How long this instance may keep it at most (changes announced earlier drop it sooner). */
  ttlMs: number;
  /** Cache-Control max-age for browsers and shared caches. */
  maxAgeSeconds: number;
  /** The contract's 200 schema: the reply is parsed with it before it is kept, so only its fields leave. */
  schema: S;
  build(texts: Translator): Promise<z.input<S> | Expiring<z.input<S>>>;
}

/**
 * Answers a public GET from memory: the serialised reply per language with its ETag, built once per
 * change (or lifetime) on this instance; 304 when the client's If-None-Match still matches.
 */
export async function replyPublicJson<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: PublicJsonOptions<S>,
): Promise<FastifyReply> {
  const language = request.publicLanguage ?? 'en';
  const entity = await request.server.publicCache.get<PublicEntity>(
    `reply:${options.key}|${language}`,
    { topics: [...new Set([...options.topics, 'texts'])], ttlMs: options.ttlMs },
    async () => {
      const built = await options.build(await request.publicTexts());
      const value = built instanceof Expiring ? built.value : built;
      const entity = entityOf(JSON.stringify(options.schema.parse(value)));
      return built instanceof Expiring ? new Expiring(entity, built.expiresAt) : entity;
    },
  );
  return sendPublicEntity(request, reply, entity, options.maxAgeSeconds);
}
