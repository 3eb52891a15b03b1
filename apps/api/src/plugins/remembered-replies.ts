import { constants as zlibConstants, brotliCompressSync, gzipSync } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

type Encoding = 'br' | 'gzip';
const encodings: Encoding[] = ['br', 'gzip'];

/** The frozen reply (lib/reply-serializer.ts `sentAgain`) a request is answering with, if any. */
const rememberedReplies = new WeakMap<FastifyRequest, object>();
/** Each remembered reply's body, compressed once per encoding, for as long as the reply lives. */
const compressedBodies = new WeakMap<object, { source: string } & Partial<Record<Encoding, Buffer>>>();

function compress(body: string, encoding: Encoding): Buffer {
  // Once per reply, not per request: a better ratio than the per-request quality is affordable.
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body, { level: 6 });
}

/**
 * A reply sent again and again unchanged (a remembered request page or queue page) is written to
 * JSON once (the serializer) and compressed once per encoding (here), instead of on every request.
 * Runs before @fastify/compress, which leaves a body that already has a Content-Encoding alone;
 * every other reply is compressed by it as before.
 */
export const rememberedRepliesPlugin = fp(
  async (app: FastifyInstance, options: { threshold: number }) => {
    app.addHook('preSerialization', async (request, _reply, payload) => {
      if (payload !== null && typeof payload === 'object' && Object.isFrozen(payload))
        rememberedReplies.set(request, payload);
      return payload;
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const remembered = rememberedReplies.get(request);
      if (!remembered || typeof payload !== 'string' || payload.length < options.threshold) return payload;
      const accepted = request.headers['accept-encoding'];
      if (
        !accepted ||
        reply.hasHeader('content-encoding') ||
        request.headers['x-no-compression'] !== undefined
      )
        return payload;
      const encoding = negotiate(accepted, encodings) as Encoding | null;
      if (!encoding) return payload;
      let bodies = compressedBodies.get(remembered);
      // (Keyed by the reply and checked against its JSON: the same object could go out on another route.)
      if (bodies?.source !== payload) {
        bodies = { source: payload };
        compressedBodies.set(remembered, bodies);
      }
      bodies[encoding] ??= compress(payload, encoding);
      const vary = reply.getHeader('vary');
      if (!vary) reply.header('vary', 'accept-encoding');
      else if (!/accept-encoding/i.test(String(vary))) reply.header('vary', `${vary}, accept-encoding`);
      reply.header('content-encoding', encoding);
      return bodies[encoding];
    });
  },
  { name: 'nsp-remembered-replies' },
);
