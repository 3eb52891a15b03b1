import { assignmentsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from '../../db/client.ts';
import { idempotencyScopeOf, markReplay, runIdempotently } from '../../lib/idempotency.ts';
import { fromContract } from '../../lib/route.ts';
import { access, allRoles, requireUser } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { myAssignments, previewOpenWork } from './open-work.ts';
import { reassignLieutenant } from './reassign-lieutenant.ts';
import { scheduledWorkTransfersJob } from './scheduled-transfers.ts';
import {
  type AssignmentsContext,
  assignmentsAt,
  correctAssignment,
  createAssignment,
  listNeighborhoodHistory,
} from './service.ts';

/** Everyone on staff may see who is responsible where; only supervisors and admins change it. */
const staffReaders = access.roles(allRoles);
const assignmentChangers = access.roles(['supervisor', 'admin']);
/** "Me" is a person: every signed-in role, no integrations. */
const peopleOnly = access.roles(allRoles);

export async function assignmentsRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  app.registerBackgroundJobs(scheduledWorkTransfersJob);
  const context = (request: FastifyRequest, reply: FastifyReply, tx: Transaction): AssignmentsContext => ({
    db: tx,
    actor: actorFromRequest(request),
    actorName: request.principal?.name ?? null,
    receivedAt: new Date(Date.now() - reply.elapsedTime),
  });

  /**
   * 201 with what `work` created; an Idempotency-Key retry gets the first reply back (the key's
   * fingerprint includes the path parameters: the same body for another neighborhood is another request).
   */
  async function created<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    work: (ctx: AssignmentsContext) => Promise<T>,
  ) {
    const scope = idempotencyScopeOf(request, request.body);
    const result = await runIdempotently(app.database.db, scope, {
      work: async (tx) => ({ statusCode: 201, body: await work(context(request, reply, tx)) }),
    });
    markReplay(reply, result);
    return reply.code(result.statusCode).send(result.body);
  }

  routes.route({
    ...fromContract(assignmentsContracts.history, staffReaders),
    handler: async (request) => listNeighborhoodHistory(app.database.db, request.params.id, request.query),
  });
  routes.route({
    ...fromContract(assignmentsContracts.create, assignmentChangers),
    handler: async (request, reply) =>
      created(request, reply, (ctx) => createAssignment(ctx, request.params.id, request.body)),
  });
  routes.route({
    ...fromContract(assignmentsContracts.reassignLieutenant, assignmentChangers),
    handler: async (request, reply) =>
      created(request, reply, (ctx) => reassignLieutenant(ctx, request.params.id, request.body)),
  });
  routes.route({
    ...fromContract(assignmentsContracts.correct, assignmentChangers),
    handler: async (request, reply) =>
      created(request, reply, (ctx) => correctAssignment(ctx, request.params.id, request.body)),
  });
  routes.route({
    ...fromContract(assignmentsContracts.openWorkPreview, assignmentChangers),
    handler: async (request) =>
      previewOpenWork(
        app.database.db,
        request.params.id,
        request.query.at ? new Date(request.query.at) : new Date(),
      ),
  });
  routes.route({
    ...fromContract(assignmentsContracts.mine, peopleOnly),
    handler: async (request) => myAssignments(app.database.db, requireUser(request).id, new Date()),
  });
  routes.route({
    ...fromContract(assignmentsContracts.at, staffReaders),
    handler: async (request) => assignmentsAt(app.database.db, request.query),
  });
}
