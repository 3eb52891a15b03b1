import { operationsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ServiceUnavailableError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';

export async function operationsRoutes(app: FastifyInstance) {
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
    handler: async (_request, reply) => {
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  });
}
