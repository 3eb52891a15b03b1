import { saraContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, requireUser } from '../../lib/access.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { idempotencyScopeOf, markReplay, runIdempotently } from '../../lib/idempotency.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { addAction, updateAction } from './actions.ts';
import { candidateScanJob, dismissCandidate, listCandidates, scanCandidatesNow } from './candidates.ts';
import {
  addNote,
  casesOfRequest,
  changeStage,
  createCase,
  getCase,
  linkRequest,
  listCases,
  unlinkRequest,
  updateCase,
} from './cases.ts';
import type { SaraContext } from './context.ts';
import { saraFigures } from './figures.ts';
import { addMeasure } from './measures.ts';
import { saraFeedSource, saraPublicTexts } from './public-feed.ts';

/*
 * Who may do what (the service adds the per-case rule: a lieutenant works the cases of the
 * neighborhoods they lead, or that they lead themselves):
 * - read: every signed-in role;
 * - open, edit, move stages, response actions, dismiss candidates: supervisors, admins, lieutenants;
 * - evidence and notes: staff as well;
 * - measures and scans: analysts as well.
 */
const readers = access.roles(['admin', 'supervisor', 'lieutenant', 'staff', 'analyst']);
const managers = access.roles(['admin', 'supervisor', 'lieutenant']);
const evidence = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);
const measurers = access.roles(['admin', 'supervisor', 'lieutenant', 'analyst']);

export async function saraRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  app.registerBackgroundJobs(candidateScanJob);
  // Closed cases' public summaries (and only they) reach the public feed.
  app.registerPublicTexts(saraPublicTexts);
  app.registerPublicFeedSource(saraFeedSource(() => app.database.db));
  const announcePublic = (request: FastifyRequest) =>
    app.publicCache
      .announce('sara')
      .catch((error) => request.log.warn({ err: error }, 'public cache not told'));

  const context = (request: FastifyRequest): SaraContext => {
    const principal = requireUser(request);
    return {
      db: app.database.db,
      actor: { ...actorFromRequest(request), name: principal.name },
      principal,
      now: () => new Date(),
    };
  };

  // Fixed paths before /:id (Fastify prefers static segments anyway; the order reads the same way).
  routes.route({
    ...fromContract(saraContracts.candidates, readers),
    handler: async (request) => listCandidates(app.database.db, request.query),
  });
  routes.route({
    ...fromContract(saraContracts.scanCandidates, measurers),
    handler: async (request) => scanCandidatesNow(context(request)),
  });
  routes.route({
    ...fromContract(saraContracts.dismissCandidate, managers),
    handler: async (request, reply) => {
      await dismissCandidate(context(request), request.params.key, request.body.reason);
      return reply.code(204).send(null);
    },
  });
  routes.route({
    ...fromContract(saraContracts.figures, readers),
    handler: async () => saraFigures(app.database.reporting),
  });
  routes.route({
    ...fromContract(saraContracts.list, readers),
    handler: async (request) => listCases(context(request), request.query),
  });
  routes.route({
    ...fromContract(saraContracts.create, managers),
    handler: async (request, reply) => {
      // Idempotency-Key: a retried "Open case" (a flaky connection) opens one case, not two.
      const result = await runIdempotently(app.database.db, idempotencyScopeOf(request, request.body), {
        work: async (tx) => ({
          statusCode: 201,
          body: await createCase({ ...context(request), db: tx }, request.body),
        }),
      });
      markReplay(reply, result);
      sendEtag(reply, result.body.version);
      return reply.code(201).send(result.body);
    },
  });
  routes.route({
    ...fromContract(saraContracts.get, readers),
    handler: async (request, reply) => {
      const found = await getCase(context(request), request.params.id);
      sendEtag(reply, found.version);
      return found;
    },
  });
  routes.route({
    ...fromContract(saraContracts.update, managers),
    handler: async (request, reply) => {
      const updated = await updateCase(
        context(request),
        request.params.id,
        request.body,
        versionPrecondition(request.headers['if-match'], request.body.version),
      );
      if (updated.stage === 'closed') await announcePublic(request);
      sendEtag(reply, updated.version);
      return updated;
    },
  });
  routes.route({
    ...fromContract(saraContracts.stage, managers),
    handler: async (request, reply) => {
      const moved = await changeStage(context(request), request.params.id, request.body);
      await announcePublic(request);
      sendEtag(reply, moved.version);
      return moved;
    },
  });
  routes.route({
    ...fromContract(saraContracts.linkRequest, evidence),
    handler: async (request) => linkRequest(context(request), request.params.id, request.params.requestId),
  });
  routes.route({
    ...fromContract(saraContracts.unlinkRequest, evidence),
    handler: async (request) => unlinkRequest(context(request), request.params.id, request.params.requestId),
  });
  routes.route({
    ...fromContract(saraContracts.addNote, evidence),
    handler: async (request, reply) =>
      reply.code(201).send(await addNote(context(request), request.params.id, request.body.body)),
  });
  routes.route({
    ...fromContract(saraContracts.addAction, managers),
    handler: async (request, reply) =>
      reply.code(201).send(await addAction(context(request), request.params.id, request.body)),
  });
  routes.route({
    ...fromContract(saraContracts.updateAction, managers),
    handler: async (request) =>
      updateAction(context(request), request.params.id, request.params.rid, request.body),
  });
  routes.route({
    ...fromContract(saraContracts.addMeasure, measurers),
    handler: async (request, reply) =>
      reply.code(201).send(await addMeasure(context(request), request.params.id, request.body)),
  });
  routes.route({
    ...fromContract(saraContracts.requestCases, readers),
    handler: async (request) => casesOfRequest(context(request), request.params.id),
  });
}
