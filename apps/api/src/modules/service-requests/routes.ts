import { serviceRequestsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { idempotencyScopeOf, markReplay, runIdempotently } from '../../lib/idempotency.ts';
import { fromContract } from '../../lib/route.ts';
import { access, requireUser } from '../../lib/access.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { publishLiveEvent } from '../live-events/publish.ts';
import { addNote } from './add-note.ts';
import { applyBulk } from './bulk.ts';
import type { RequestLocator, ServiceRequestsContext } from './context.ts';
import { createServiceRequest } from './create-request.ts';
import { getServiceRequest, getServiceRequestDetail } from './get-request.ts';
import { listServiceRequests } from './list-requests.ts';
import { mergeRequest } from './merge-request.ts';
import { transitionServiceRequest } from './transition-request.ts';
import { updateServiceRequest } from './update-request.ts';
import { findPossibleDuplicates } from './possible-duplicates.ts';
import { queueCaller } from './queue-caller.ts';
import { findRequesterRequests } from './requester-requests.ts';
import { mayFindByRequester, viewerOf } from './visibility.ts';

/** Intake: the people who take requests, and integrations allowed to file them. */
const intake = access.roles(['admin', 'supervisor', 'lieutenant', 'staff'], { scopes: ['requests:write'] });
/** Reading: every internal role (analysts without requester contact) and integrations that follow requests. */
const readers = access.roles(['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'], {
  scopes: ['requests:read', 'requests:write'],
});
/** Working a request: staff roles only; analysts and integrations never change one. */
const workers = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);
/** Reads found through the requester's personal data (visibility.ts): staff roles, no integrations. */
const personalDataReaders = access.roles(['admin', 'supervisor', 'lieutenant', 'staff']);

export interface ServiceRequestsOptions {
  /** NSP_PHONE_REGION: the numbering plan of phone numbers typed without a country code. */
  phoneRegion?: string;
}

export async function serviceRequestsRoutes(app: FastifyInstance, options: ServiceRequestsOptions = {}) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // The geocoding module's in-memory index (app.geo): geocode and locate never wait on the database.
  const locator: RequestLocator = app.geo;

  const context = (request: FastifyRequest): ServiceRequestsContext => {
    const principal = request.principal ?? requireUser(request);
    return {
      db: app.database.db,
      // Users and API clients both have a name: the timeline shows it next to what they did.
      actor: { ...actorFromRequest(request), name: principal.name },
      principal,
      catalog: app.serviceCatalog,
      locator,
      now: () => new Date(),
      // After the commit and off the reply's path: live updates are best effort (screens re-read on reconnect).
      announce: (change) => {
        publishLiveEvent(app.database.db, { ...change, entity: 'service_request' }).catch((error) =>
          request.log.warn({ err: error }, 'live event not published'),
        );
      },
    };
  };
  const viewer = (request: FastifyRequest) => viewerOf(request.principal);

  routes.route({
    ...fromContract(serviceRequestsContracts.create, intake),
    handler: async (request, reply) => {
      const result = await createServiceRequest(
        context(request),
        request.body,
        idempotencyScopeOf(request, request.body),
      );
      markReplay(reply, result);
      sendEtag(reply, result.body.version);
      reply.header('location', `/api/v1/service-requests/${result.body.id}`);
      return reply.code(result.statusCode as 201).send(result.body);
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.list, readers),
    handler: async (request) => {
      const query = request.query;
      if (query.matchRequester && !mayFindByRequester(viewer(request)))
        throw new ForbiddenError('Your role may not search requests by the requester’s name or phone.');
      const personal = query.assigneeId === 'me' || query.neighborhoodId === 'mine';
      return listServiceRequests(app.database.db, viewer(request), query, new Date(), {
        trackingPrefix: app.serviceCatalog.trackingPrefix,
        phoneRegion: options.phoneRegion,
        caller: personal ? await queueCaller(app.database.db, request) : undefined,
        cache: app.requestViewCache,
      });
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.possibleDuplicates, intake),
    handler: async (request) => ({
      items: await findPossibleDuplicates(app.database.db, { ...request.query, now: new Date() }),
    }),
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.requesterRequests, personalDataReaders),
    handler: async (request) =>
      findRequesterRequests(app.database.db, viewer(request), request.params.id, new Date()),
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.get, readers),
    handler: async (request, reply) => {
      const detail = await getServiceRequestDetail(
        app.database.db,
        app.serviceCatalog,
        viewer(request),
        request.params.id,
        new Date(),
        app.requestViewCache,
      );
      sendEtag(reply, detail.version);
      return detail;
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.update, workers),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const ctx = context(request);
      const row = await updateServiceRequest(
        ctx,
        request.params.id,
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      ctx.announce({
        type: 'service_request.updated',
        id: row.id,
        neighborhoodId: row.neighborhoodId,
        status: row.status,
      });
      const updated = await getServiceRequest(app.database.db, viewer(request), request.params.id, ctx.now());
      sendEtag(reply, updated.version);
      return updated;
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.transition, workers),
    handler: async (request, reply) => {
      const { version, ...transition } = request.body;
      const ctx = context(request);
      // Idempotency-Key: a phone that lost the reply sends the change again (its outbox) and gets the
      // first reply, not a 412 for the version its own change moved on. The change runs in the
      // transaction that stores the key (withTransaction reuses it).
      const result = await runIdempotently(app.database.db, idempotencyScopeOf(request, request.body), {
        work: async (tx) => ({
          statusCode: 200,
          body: await transitionServiceRequest(
            { ...ctx, db: tx },
            request.params.id,
            transition,
            versionPrecondition(request.headers['if-match'], version),
          ),
        }),
      });
      markReplay(reply, result);
      sendEtag(reply, result.body.version);
      return result.body;
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.addNote, workers),
    handler: async (request, reply) => {
      const { version, ...note } = request.body;
      const ctx = context(request);
      // Idempotency-Key as for transitions: a note sent twice from a phone's outbox is written once.
      const result = await runIdempotently(app.database.db, idempotencyScopeOf(request, request.body), {
        work: async (tx) => ({
          statusCode: 201,
          body: await addNote(
            { ...ctx, db: tx },
            request.params.id,
            note,
            versionPrecondition(request.headers['if-match'], version),
          ),
        }),
      });
      markReplay(reply, result);
      return reply.code(201).send(result.body);
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.merge, workers),
    handler: async (request, reply) => {
      const { version, ...merge } = request.body;
      const ctx = context(request);
      const row = await mergeRequest(
        ctx,
        request.params.id,
        merge,
        versionPrecondition(request.headers['if-match'], version),
      );
      ctx.announce({
        type: 'service_request.merged',
        id: row.id,
        neighborhoodId: row.neighborhoodId,
        status: row.status,
      });
      const merged = await getServiceRequest(app.database.db, viewer(request), request.params.id, ctx.now());
      sendEtag(reply, merged.version);
      return merged;
    },
  });

  routes.route({
    ...fromContract(serviceRequestsContracts.bulk, workers),
    handler: async (request) => applyBulk(context(request), request.body),
  });
}
