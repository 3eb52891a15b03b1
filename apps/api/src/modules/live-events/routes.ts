import { liveEventsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { access, requireUser } from '../../lib/access.ts';
import { fromContract } from '../../lib/route.ts';
import { LIVE_EVENTS_CHANNEL } from './publish.ts';

const HEARTBEAT_MS = 25_000;

interface StreamClient {
  response: ServerResponse;
  userId: string;
  sessionId: string;
  roles: Parameters<FastifyInstance['sessions']['check']>[2];
  expiry: NodeJS.Timeout;
}

/**
 * GET /api/v1/events: Server-Sent Events. Each instance LISTENs on one PostgreSQL channel and fans
 * out to its own connected clients, so a change made through any instance reaches every screen.
 * A stream lives no longer than the access token it was opened with, and ends as soon as its
 * session does (sign-out, deactivation, role change on any instance): the client reconnects with
 * a fresh token or is signed out.
 */
export async function liveEventsRoutes(app: FastifyInstance) {
  const clients = new Map<ServerResponse, StreamClient>();

  const end = (client: StreamClient) => {
    clearTimeout(client.expiry);
    clients.delete(client.response);
    client.response.end();
  };

  app.sessions.onChange((userId) => {
    for (const client of clients.values()) {
      if (client.userId !== userId) continue;
      app.sessions
        .check(client.userId, client.sessionId, client.roles)
        .then((verdict) => {
          if (verdict !== 'valid') end(client);
        })
        // The database is away: keep the stream; the next change or the token's expiry decides.
        .catch(() => {});
    }
  });

  await app.database.listen(LIVE_EVENTS_CHANNEL, (payload) => {
    let type = 'change';
    try {
      type = String(JSON.parse(payload).type ?? 'change');
    } catch {
      return; // not ours
    }
    const frame = `event: ${type}\ndata: ${payload}\n\n`;
    for (const response of clients.keys()) response.write(frame);
  });

  const heartbeat = setInterval(() => {
    for (const response of clients.keys()) response.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // preClose, not onClose: Fastify waits for every open connection to finish before its onClose
  // hooks run, and a stream never finishes by itself. Ending the streams first lets a SIGTERM drain
  // them cleanly (browsers reconnect, through the load balancer, to another instance) while
  // requests in flight are still answered.
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const client of [...clients.values()]) end(client);
  });

  app.route({
    ...fromContract(
      liveEventsContracts.stream,
      access.roles(['admin', 'supervisor', 'lieutenant', 'staff', 'analyst']),
    ),
    handler: async (request, reply) => {
      const user = requireUser(request);
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
      const client: StreamClient = {
        response,
        userId: user.id,
        sessionId: user.sessionId,
        roles: user.roles,
        expiry: setTimeout(() => end(client), Math.max(0, user.tokenExpiresAt - Date.now())),
      };
      client.expiry.unref();
      clients.set(response, client);
      request.raw.on('close', () => {
        clearTimeout(client.expiry);
        clients.delete(response);
      });
    },
  });
}
