import { usersContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { createUser, getUser, listUsers, toUserDto, type UsersContext, updateUser } from './service.ts';

const adminOnly = access.roles(['admin']);

export async function usersRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): UsersContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
  });

  routes.route({
    ...fromContract(usersContracts.list, adminOnly),
    handler: async (request) => listUsers(context(request), request.query),
  });
  routes.route({
    ...fromContract(usersContracts.create, adminOnly),
    handler: async (request, reply) => reply.code(201).send(await createUser(context(request), request.body)),
  });
  routes.route({
    ...fromContract(usersContracts.get, adminOnly),
    handler: async (request) => toUserDto(await getUser(app.database.db, request.params.id)),
  });
  routes.route({
    ...fromContract(usersContracts.update, adminOnly),
    handler: async (request) => updateUser(context(request), request.params.id, request.body),
  });
}
