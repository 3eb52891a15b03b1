import { publicContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../lib/access.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { entityOf, sendPublicEntity } from './http-caching.ts';
import { locatePublicly } from './locate.ts';
import { contactOf, neighborhoodRef } from './public-present.ts';
import { loadDirectory } from './public-directory.ts';
import { replyPublicJson } from './public-reply.ts';

/** Who serves a neighborhood changes rarely and is announced: browsers may keep it for 5 minutes. */
const DIRECTORY_MAX_AGE_SECONDS = 300;

/** Neighborhoods, their teams and "who is my lieutenant", all answered from memory. */
export async function publicDirectoryRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const directory = () => loadDirectory(app.database.db, app.publicCache);

  routes.route({
    ...fromContract(publicContracts.neighborhoods, access.public()),
    handler: async (request, reply) =>
      replyPublicJson(request, reply, {
        key: 'neighborhoods',
        topics: ['neighborhoods'],
        ttlMs: 10 * 60_000,
        maxAgeSeconds: DIRECTORY_MAX_AGE_SECONDS,
        schema: publicContracts.neighborhoods.responses[200],
        build: async (texts) => {
          const { neighborhoods } = await directory();
          return {
            items: neighborhoods.map((neighborhood) => ({
              ...neighborhoodRef(neighborhood),
              description: neighborhood.description || null,
              boundary: neighborhood.boundary,
              lieutenant: neighborhood.lieutenant
                ? contactOf(neighborhood.lieutenant, 'lieutenant', texts)
                : null,
            })),
            nextCursor: null,
          };
        },
      }),
  });

  routes.route({
    ...fromContract(publicContracts.team, access.public()),
    handler: async (request, reply) => {
      const code = request.params.code.toUpperCase();
      const found = (await directory()).byCode.get(code);
      if (!found) throw new NotFoundError(`No neighborhood has the code ${request.params.code}.`);
      return replyPublicJson(request, reply, {
        key: `team:${code}`,
        topics: ['neighborhoods'],
        ttlMs: 10 * 60_000,
        maxAgeSeconds: DIRECTORY_MAX_AGE_SECONDS,
        schema: publicContracts.team.responses[200],
        build: async (texts) => {
          const neighborhood = (await directory()).byCode.get(code) ?? found;
          return {
            neighborhood: neighborhoodRef(neighborhood),
            lieutenant: neighborhood.lieutenant
              ? contactOf(neighborhood.lieutenant, 'lieutenant', texts)
              : null,
            members: neighborhood.members.map((member) => ({
              ...contactOf(member, member.kind, texts),
              kind: member.kind,
            })),
          };
        },
      });
    },
  });

  routes.route({
    ...fromContract(publicContracts.locate, access.public()),
    handler: async (request, reply) => {
      const { address, lat, lon } = request.query;
      const byPoint = lat !== undefined && lon !== undefined;
      if (byPoint === (address !== undefined) || (lat === undefined) !== (lon === undefined)) {
        throw new ValidationError('Give either address, or lat and lon.', [
          {
            path:
              address === undefined && lat === undefined && lon === undefined
                ? 'address'
                : lat === undefined
                  ? 'lat'
                  : 'lon',
            message: 'give either address, or lat and lon',
            in: 'querystring',
          },
        ]);
      }
      const answer = await locatePublicly(
        { geo: app.geo, directory: await directory(), texts: await request.publicTexts() },
        byPoint ? { lat: lat!, lon: lon! } : { address: address! },
      );
      // Not kept in the shared cache (it would hold what people typed): built from memory each time.
      const entity = entityOf(JSON.stringify(publicContracts.locate.responses[200].parse(answer)));
      return sendPublicEntity(request, reply, entity, DIRECTORY_MAX_AGE_SECONDS);
    },
  });
}
