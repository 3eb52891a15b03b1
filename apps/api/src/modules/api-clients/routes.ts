import { apiClientsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import {
  type ApiClientsContext,
  apiClientUsageOf,
  createApiClient,
  listApiClients,
  revokeApiClient,
  updateApiClient,
} from './service.ts';

const adminOnly = access.roles(['admin']);

export async function apiClientsRoutes(app: FastifyInstance, options: { defaultRateLimit: number }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): ApiClientsContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
  });

  routes.route({
    ...fromContract(apiClientsContracts.list, adminOnly),
    handler: async (request) => listApiClients(context(request), request.query),
  });
  routes.route({
    ...fromContract(apiClientsContracts.create, adminOnly),
    handler: async (request, reply) =>
      reply.code(201).send(await createApiClient(context(request), request.body)),
  });
  routes.route({
    ...fromContract(apiClientsContracts.update, adminOnly),
    handler: async (request) => updateApiClient(context(request), request.params.id, request.body),
  });
  routes.route({
    ...fromContract(apiClientsContracts.usage, adminOnly),
    handler: async (request) => {
      // Counts still in memory are written first, so the admin sees this instance's latest requests.
      await app.clientRateLimit.flushUsage();
      return apiClientUsageOf(context(request), request.params.id, options.defaultRateLimit);
    },
  });
  routes.route({
    ...fromContract(apiClientsContracts.revoke, adminOnly),
    handler: async (request, reply) => {
      await revokeApiClient(context(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
