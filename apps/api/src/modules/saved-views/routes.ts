import { savedViewsContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, allRoles, requireUser } from '../../lib/access.ts';
import { fromContract } from '../../lib/route.ts';
import { createSavedView, deleteSavedView, listSavedViews } from './service.ts';

/** A person's own views of the queue: every signed-in role that reads the queue; no integrations. */
const people = access.roles(allRoles);

export async function savedViewsRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.route({
    ...fromContract(savedViewsContracts.list, people),
    handler: async (request) => ({ items: await listSavedViews(app.database.db, requireUser(request).id) }),
  });
  routes.route({
    ...fromContract(savedViewsContracts.create, people),
    handler: async (request, reply) =>
      reply.code(201).send(await createSavedView(app.database.db, requireUser(request).id, request.body)),
  });
  routes.route({
    ...fromContract(savedViewsContracts.remove, people),
    handler: async (request, reply) => {
      await deleteSavedView(app.database.db, requireUser(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  });
}
