import { liveEventsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';
import { LIVE_EVENTS_CHANNEL } from './publish.ts';

const HEARTBEAT_MS = 25_000;

/**
 * GET /api/v1/events: Server-Sent Events. Each instance LISTENs on one PostgreSQL channel and fans
 * out to its own connected clients, so a change made through any instance reaches every screen.
 */
export async function liveEventsRoutes(app: FastifyInstance) {
  const clients = new Set<ServerResponse>();

  await app.database.listen(LIVE_EVENTS_CHANNEL, (payload) => {
    let type = 'change';
    try {
      type = String(JSON.parse(payload).type ?? 'change');
    } catch {
      return; // not ours
    }
    const frame = `event: ${type}\ndata: ${payload}\n\n`;
    for (const client of clients) client.write(frame);
  });

  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    for (const client of clients) client.end();
    clients.clear();
  });

  app.route({
    ...fromContract(
      liveEventsContracts.stream,
      access.roles(['admin', 'supervisor', 'lieutenant', 'staff', 'analyst']),
    ),
    handler: async (request, reply) => {
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      response.write('retry: 3000\n: connected\n\n');
      clients.add(response);
      request.raw.on('close', () => clients.delete(response));
    },
  });
}
