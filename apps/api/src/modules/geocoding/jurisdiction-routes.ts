import { geocodingAdminContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, allRoles } from '../../lib/access.ts';
import { sendEtag, versionPrecondition } from '../../lib/etag.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { loadJurisdiction, toJurisdictionDto, updateJurisdiction } from './jurisdiction-service.ts';

const readers = access.roles(allRoles);
const adminOnly = access.roles(['admin']);

/** The jurisdiction's town names, villages, ZIP codes and state: read by staff, kept by the administrator. */
export async function jurisdictionRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.route({
    ...fromContract(geocodingAdminContracts.getJurisdiction, readers),
    handler: async (_request, reply) => {
      const stored = await loadJurisdiction(app.database.db);
      sendEtag(reply, stored.version);
      return toJurisdictionDto(stored);
    },
  });

  routes.route({
    ...fromContract(geocodingAdminContracts.updateJurisdiction, adminOnly),
    handler: async (request, reply) => {
      const { version, ...changes } = request.body;
      const stored = await updateJurisdiction(
        app.database.db,
        actorFromRequest(request),
        changes,
        versionPrecondition(request.headers['if-match'], version),
      );
      await app.geo.changed('jurisdiction');
      sendEtag(reply, stored.version);
      return toJurisdictionDto(stored);
    },
  });
}
