import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Expiring } from './public-cache.ts';
import { entityOf, ifNoneMatchMatches, type PublicEntity } from './http-caching.ts';

export interface CachedJsonOptions<S extends z.ZodType> {
  /** Identifies the reply, e.g. `staff:neighborhoods?…` (the same for every caller allowed the route). */
  key: string;
  /** PublicCache topics whose change drops it (announced by triggers, migration 0012, on every instance). */
  topics: readonly string[];
  /** How long this instance may keep it at most (a safety net for a missed notification). */
  ttlMs: number;
  /** The contract's 200 schema: the value is parsed with it once, when it is built. */
  schema: S;
  build(): Promise<z.input<S> | Expiring<z.input<S>>>;
}

/**
 * Answers a GET of slowly-changing data that every caller allowed the route sees alike (categories,
 * neighborhoods) from this instance's memory: the reply is read, checked against its contract and
 * serialised once per change instead of on every request. Kept in the PublicCache (its NOTIFY topics),
 * but never marked cacheable by shared caches: the route's own access policy still decides who gets it.
 * The ETag lets a client revalidate with If-None-Match (304).
 */
export async function replyCachedJson<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: CachedJsonOptions<S>,
): Promise<FastifyReply> {
  const entity = await request.server.publicCache.get<PublicEntity>(
    options.key,
    { topics: options.topics, ttlMs: options.ttlMs },
    async () => {
      const built = await options.build();
      const value = built instanceof Expiring ? built.value : built;
      const entity = entityOf(JSON.stringify(options.schema.parse(value)));
      return built instanceof Expiring ? new Expiring(entity, built.expiresAt) : entity;
    },
  );
  reply.header('etag', entity.etag).header('cache-control', 'private, no-cache');
  if (ifNoneMatchMatches(request.headers['if-none-match'], entity.etag)) return reply.code(304).send();
  const encoded = compressedOnce(entity, request.headers['accept-encoding']);
  if (!encoded) return reply.type(entity.contentType).send(entity.payload);
  // Compressed once per entity, not on every request (@fastify/compress leaves an encoded reply alone).
  return reply
    .type(entity.contentType)
    .header('vary', 'accept-encoding')
    .header('content-encoding', encoded.encoding)
    .send(encoded.bytes);
}

const compressed = new WeakMap<PublicEntity, Partial<Record<'br' | 'gzip', Buffer>>>();

/** The entity's bytes in the encoding the client takes (Brotli, else gzip), as the app compresses. */
function compressedOnce(entity: PublicEntity, acceptEncoding: string | string[] | undefined) {
  // Replies under 1 kB go out as they are (the app's compression threshold).
  if (entity.payload.length < 1024 || acceptEncoding === undefined) return undefined;
  const accepted = (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding).toLowerCase();
  const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
  if (!encoding) return undefined;
  const byEncoding = compressed.get(entity) ?? {};
  let bytes = byEncoding[encoding];
  if (!bytes) {
    bytes =
      encoding === 'br'
        ? brotliCompressSync(entity.payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
        : gzipSync(entity.payload, { level: 6 });
    byEncoding[encoding] = bytes;
    compressed.set(entity, byEncoding);
  }
  return { encoding, bytes };
}
