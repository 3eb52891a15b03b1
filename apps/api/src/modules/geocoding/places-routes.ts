import { geocodingAdminContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access, allRoles } from '../../lib/access.ts';
import { fromContract } from '../../lib/route.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { placeRowsFromCsv, placeRowsFromFeatures } from './place-rows.ts';
import { deletePlace, importPlaces, listPlaces, type PlacesContext } from './places-service.ts';

// Staff look places up (and integrations file requests at them); the administrator keeps the list.
const readers = access.roles(allRoles, { scopes: ['requests:read', 'requests:write'] });
const adminOnly = access.roles(['admin']);
const PLACES_BODY_LIMIT = 10 * 1024 * 1024;

/** The gazetteer: list, import (CSV or GeoJSON, like address points), remove. */
export async function placesRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest): PlacesContext => ({
    db: app.database.db,
    actor: actorFromRequest(request),
    onPlacesChanged: () => app.geo.changed('places'),
  });

  routes.route({
    ...fromContract(geocodingAdminContracts.listPlaces, readers),
    handler: async (request) => listPlaces(app.database.db, request.query),
  });

  routes.route({
    ...fromContract(geocodingAdminContracts.importPlaces, adminOnly),
    bodyLimit: PLACES_BODY_LIMIT,
    handler: async (request) => {
      const body = request.body;
      const isCsv = typeof body === 'string';
      const rows = isCsv ? placeRowsFromCsv(body) : placeRowsFromFeatures(body.features);
      return importPlaces(context(request), rows, { source: isCsv ? 'csv' : 'geojson' });
    },
  });

  routes.route({
    ...fromContract(geocodingAdminContracts.deletePlace, adminOnly),
    handler: async (request, reply) => {
      await deletePlace(context(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
