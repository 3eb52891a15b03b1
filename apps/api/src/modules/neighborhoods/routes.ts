import { neighborhoodsContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendEtag } from '../../lib/etag.ts';
import { idempotencyScopeOf, markReplay, runIdempotently } from '../../lib/idempotency.ts';
import { fromContract } from '../../lib/route.ts';
import { access, allRoles } from '../../lib/access.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { replyCachedJson } from '../public/cached-json.ts';
import { Expiring } from '../public/public-cache.ts';
import { nextAssignmentChange } from '../public/public-directory.ts';
import { importBoundaries } from './boundary-import.ts';
import {
  createNeighborhood,
  getNeighborhood,
  listBoundaryVersions,
  listNeighborhoods,
  type NeighborhoodsContext,
  updateNeighborhood,
} from './service.ts';

// product.md: boundary and address data belong to the administrator; every staff role reads them, and
// integrations that file requests may look neighborhoods up.
const readers = access.roles(allRoles, { scopes: ['requests:read', 'requests:write'] });
const adminOnly = access.roles(['admin']);

/** Boundary files of a whole town with detailed outlines run to megabytes. */
const BOUNDARY_IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const BOUNDARY_BODY_LIMIT = 5 * 1024 * 1024;

export async function neighborhoodsRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): NeighborhoodsContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
    actorName: request.principal?.name ?? null,
    onGeographyChanged: () => app.geo.changed('boundaries'),
  });

  routes.route({
    ...fromContract(neighborhoodsContracts.list, readers),
    // The same for every reader: from memory, dropped when neighborhoods, boundaries, assignments or
    // personnel change (triggers announce it to every instance) or when a known assignment starts or ends.
    handler: async (request, reply) =>
      replyCachedJson(request, reply, {
        key: `staff:neighborhoods:${JSON.stringify(request.query)}`,
        topics: ['neighborhoods'],
        ttlMs: 60_000,
        schema: neighborhoodsContracts.list.responses[200],
        build: async () => {
          const now = new Date();
          const [page, changesAt] = await Promise.all([
            listNeighborhoods(app.database.db, request.query, now),
            nextAssignmentChange(app.database.db, now),
          ]);
          return new Expiring(page, changesAt);
        },
      }),
  });
  routes.route({
    ...fromContract(neighborhoodsContracts.get, readers),
    handler: async (request, reply) => {
      const neighborhood = await getNeighborhood(app.database.db, request.params.id);
      sendEtag(reply, neighborhood.version);
      return neighborhood;
    },
  });
  routes.route({
    ...fromContract(neighborhoodsContracts.create, adminOnly),
    bodyLimit: BOUNDARY_BODY_LIMIT,
    handler: async (request, reply) => {
      const result = await runIdempotently(app.database.db, idempotencyScopeOf(request, request.body), {
        work: async (tx) => ({
          statusCode: 201,
          // The map is reloaded after the key's transaction commits, not inside it.
          body: await createNeighborhood(
            { ...context(request), db: tx, onGeographyChanged: async () => {} },
            request.body,
          ),
        }),
      });
      if (!result.replayed) await app.geo.changed('boundaries');
      markReplay(reply, result);
      sendEtag(reply, result.body.version);
      return reply.code(201).send(result.body);
    },
  });
  routes.route({
    ...fromContract(neighborhoodsContracts.update, adminOnly),
    bodyLimit: BOUNDARY_BODY_LIMIT,
    handler: async (request, reply) => {
      const neighborhood = await updateNeighborhood(
        context(request),
        request.params.id,
        request.body,
        request.headers['if-match'],
      );
      sendEtag(reply, neighborhood.version);
      return neighborhood;
    },
  });
  routes.route({
    ...fromContract(neighborhoodsContracts.boundaries, readers),
    handler: async (request) => listBoundaryVersions(app.database.db, request.params.id, request.query),
  });
  routes.route({
    ...fromContract(neighborhoodsContracts.importBoundaries, adminOnly),
    bodyLimit: BOUNDARY_IMPORT_BODY_LIMIT,
    handler: async (request) =>
      importBoundaries(context(request), request.body.features, { dryRun: request.query.dryRun }),
  });
}
