import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A public reply as it is kept in memory: the bytes, their content type and a strong ETag of them
 * (the bytes of one language never differ for one URL, so a strong tag is honest).
 */
export interface PublicEntity {
  payload: string;
  contentType: string;
  etag: string;
}

export function entityOf(payload: string, contentType = 'application/json; charset=utf-8'): PublicEntity {
  return { payload, contentType, etag: strongEtag(payload) };
}

/** A strong entity tag of some bytes (or of a fingerprint standing for them). */
export function strongEtag(content: string): string {
  return `"${createHash('sha1').update(content).digest('base64url')}"`;
}

/**
 * RFC 9110 §13.1.2: If-None-Match matches when any listed tag equals ours by weak comparison
 * (W/ ignored), or it is `*`.
 */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const ours = etag.replace(/^W\//, '');
  return value
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === ours);
}

/** How long browsers and shared caches may reuse a public reply without asking again. */
export function publicCacheControl(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${maxAgeSeconds}`;
}

/**
 * Sets ETag and Cache-Control and answers 304 (no body) when the client already has these bytes, else
 * the bytes. Content-Language and Vary are set for every public reply by the public plugin.
 */
export function sendPublicEntity(
  request: FastifyRequest,
  reply: FastifyReply,
  entity: PublicEntity,
  maxAgeSeconds: number,
): FastifyReply {
  reply.header('etag', entity.etag).header('cache-control', publicCacheControl(maxAgeSeconds));
  if (ifNoneMatchMatches(request.headers['if-none-match'], entity.etag)) {
    return reply.code(304).send();
  }
  return reply.type(entity.contentType).send(entity.payload);
}
