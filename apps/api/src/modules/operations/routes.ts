import { operationsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { timingSafeEqual } from 'node:crypto';
import { ServiceUnavailableError, UnauthorizedError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';

/** Whether the Authorization header carries exactly this bearer token (compared in constant time). */
function hasBearer(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function operationsRoutes(app: FastifyInstance, options: { metricsToken?: string | undefined }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.route({
    ...fromContract(operationsContracts.health, access.public()),
    handler: async () => ({ status: 'ok' as const }),
  });

  routes.route({
    ...fromContract(operationsContracts.ready, access.public()),
    handler: async () => {
      try {
        // Answer within 1.5 s even when the database hangs, so load balancers react quickly.
        await app.database.ping(1500);
      } catch {
        throw new ServiceUnavailableError('The database is not reachable.', {}, { 'retry-after': '5' });
      }
      return { status: 'ready' as const, database: app.database.kind };
    },
  });

  routes.route({
    ...fromContract(operationsContracts.metrics, access.public()),
    handler: async (request, reply) => {
      // NSP_METRICS_TOKEN: the scraper sends it as a bearer token; without it /metrics stays open
      // (bind it to a private network then).
      if (options.metricsToken && !hasBearer(request.headers.authorization, options.metricsToken)) {
        throw new UnauthorizedError(
          'Send the metrics token as a bearer token.',
          {},
          { 'www-authenticate': 'Bearer' },
        );
      }
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  });
}
