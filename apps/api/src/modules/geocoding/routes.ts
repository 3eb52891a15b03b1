import { geocodingContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ValidationError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { access, allRoles } from '../../lib/access.ts';
import { currentLieutenants } from '../assignments/current-lieutenant.ts';
import { actorFromRequest } from '../audit/audit-log.ts';
import { importAddressPoints } from './address-import.ts';
import { rowsFromCsv, rowsFromFeatures } from './address-rows.ts';
import { jurisdictionRoutes } from './jurisdiction-routes.ts';
import { placesRoutes } from './places-routes.ts';

const readers = access.roles(allRoles, { scopes: ['requests:read', 'requests:write'] });
// product.md: the administrator owns boundary and address data.
const adminOnly = access.roles(['admin']);

/** A town's E911 address file as GeoJSON runs to tens of megabytes. */
export const ADDRESS_IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

export async function geocodingRoutes(app: FastifyInstance) {
  // Scoped to this plugin: only the address-points import takes CSV (and GeoJSON's own media type).
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: ADDRESS_IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    'application/geo+json',
    { parseAs: 'string', bodyLimit: ADDRESS_IMPORT_BODY_LIMIT },
    app.getDefaultJsonParser('error', 'ignore'),
  );
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.route({
    ...fromContract(geocodingContracts.geocode, readers),
    handler: async (request) => app.geo.geocode(request.query.address),
  });

  routes.route({
    ...fromContract(geocodingContracts.reverse, readers),
    handler: async (request) => app.geo.reverse(request.query.lat, request.query.lon),
  });

  routes.route({
    ...fromContract(geocodingContracts.locate, readers),
    handler: async (request) => {
      const { lat, lon, address } = request.query;
      let located: { neighborhood: { id: string; code: string; name: string } | null; reason?: string };
      let match = undefined as Awaited<ReturnType<typeof app.geo.geocode>>['match'] | undefined;
      if (lat !== undefined && lon !== undefined) {
        located = app.geo.locatePoint(lat, lon);
      } else if (address !== undefined && lat === undefined && lon === undefined) {
        const geocoded = await app.geo.geocode(address);
        match = geocoded.match;
        located = {
          neighborhood: geocoded.neighborhood,
          ...(geocoded.reason ? { reason: geocoded.reason } : {}),
        };
      } else {
        throw new ValidationError('Give either lat and lon, or address.', [
          {
            path: lat === undefined ? 'lat' : 'lon',
            message:
              address === undefined ? 'lat and lon go together' : 'give either lat and lon, or address',
            in: 'querystring',
          },
        ]);
      }
      const lieutenants = located.neighborhood
        ? await currentLieutenants(app.database.db, [located.neighborhood.id])
        : new Map();
      return {
        ...located,
        lieutenant: located.neighborhood ? (lieutenants.get(located.neighborhood.id) ?? null) : null,
        ...(match !== undefined ? { match } : {}),
      };
    },
  });

  routes.route({
    ...fromContract(geocodingContracts.importAddressPoints, adminOnly),
    bodyLimit: ADDRESS_IMPORT_BODY_LIMIT,
    handler: async (request) => {
      const body = request.body;
      const isCsv = typeof body === 'string';
      const rows = isCsv ? rowsFromCsv(body) : rowsFromFeatures(body.features);
      return importAddressPoints(
        {
          db: app.database.db,
          actor: actorFromRequest(request),
          onAddressesChanged: () => app.geo.changed('addresses'),
        },
        rows,
        { source: isCsv ? 'csv' : 'geojson' },
      );
    },
  });

  await placesRoutes(app);
  await jurisdictionRoutes(app);
}
