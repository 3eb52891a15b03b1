import { personnelContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { idempotencyScopeOf, markReplay, runIdempotently } from '../../lib/idempotency.ts';
import { fromContract } from '../../lib/route.ts';
import { access, allRoles } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import {
  createPerson,
  getPerson,
  listPersonnel,
  type PersonnelContext,
  updatePersonnelRecord,
} from './service.ts';
import { workloadByPerson } from './workload.ts';

/** Every staff role reads the roster (work contact details only); supervisors and admins keep it. */
const staffReaders = access.roles(allRoles);
const rosterKeepers = access.roles(['supervisor', 'admin']);

export async function personnelRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): PersonnelContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
  });

  routes.route({
    ...fromContract(personnelContracts.list, staffReaders),
    handler: async (request) => listPersonnel(app.database.db, request.query),
  });
  routes.route({
    ...fromContract(personnelContracts.create, rosterKeepers),
    handler: async (request, reply) => {
      const result = await runIdempotently(app.database.db, idempotencyScopeOf(request, request.body), {
        work: async (tx) => ({
          statusCode: 201,
          body: await createPerson({ ...context(request), db: tx }, request.body),
        }),
      });
      markReplay(reply, result);
      sendEtag(reply, result.body.version);
      return reply.code(201).send(result.body);
    },
  });
  routes.route({
    ...fromContract(personnelContracts.workload, staffReaders),
    handler: async (request) => workloadByPerson(app.database.db, request.query),
  });
  routes.route({
    ...fromContract(personnelContracts.get, staffReaders),
    handler: async (request, reply) => {
      const person = await getPerson(app.database.db, request.params.id);
      sendEtag(reply, person.version);
      return person;
    },
  });
  routes.route({
    ...fromContract(personnelContracts.update, rosterKeepers),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const person = await updatePersonnelRecord(
        context(request),
        request.params.id,
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      sendEtag(reply, person.version);
      return person;
    },
  });
}
