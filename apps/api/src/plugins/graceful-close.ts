import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Lets a stopping instance (SIGTERM during a rolling deploy) drain: once app.close() has begun,
 * every reply still being worked on goes out with `Connection: close`, so its keep-alive connection
 * ends with it instead of holding the process open until the keep-alive timeout. Fastify already
 * refuses new requests while closing (503) and closes idle connections; live-event streams end in
 * their own preClose hook.
 */
export const gracefulClosePlugin = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'nsp-graceful-close' },
);
