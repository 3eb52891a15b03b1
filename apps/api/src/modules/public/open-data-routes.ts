import { createHash } from 'node:crypto';
import { publicContracts } from '@nsp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serviceTypes } from '../../db/schema/index.ts';
import { access } from '../../lib/access.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { fromContract } from '../../lib/route.ts';
import { ifNoneMatchMatches, publicCacheControl } from './http-caching.ts';
import { type OpenDataFilter, openDataCsv, openDataFingerprint, openDataGeoJson } from './open-data.ts';
import { loadDirectory } from './public-directory.ts';
import { statsPeriod } from './public-stats.ts';

/** A year of requests unless the period says otherwise. */
const DEFAULT_EXPORT_DAYS = 365;

/** Open data: every request of a period without personal data, streamed (CSV and GeoJSON). */
export async function publicOpenDataRoutes(app: FastifyInstance, options: { timeZone: string }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const categoryNames = () =>
    app.publicCache.get(
      'public-category-names',
      { topics: ['service-types'], ttlMs: 10 * 60_000 },
      async () => {
        const rows = await db.select({ code: serviceTypes.code, name: serviceTypes.name }).from(serviceTypes);
        return new Map(rows.map((row) => [row.code, row.name]));
      },
    );

  async function exportOf(
    request: FastifyRequest,
    query: {
      from?: string | undefined;
      to?: string | undefined;
      neighborhood?: string | undefined;
      category?: string | undefined;
    },
    reply: FastifyReply,
    format: 'csv' | 'geojson',
  ) {
    const period = statsPeriod(query, options.timeZone, DEFAULT_EXPORT_DAYS);
    const neighborhood = query.neighborhood
      ? (await loadDirectory(db, app.publicCache)).byCode.get(query.neighborhood.toUpperCase())
      : undefined;
    if (query.neighborhood && !neighborhood)
      throw new NotFoundError(`No neighborhood has the code ${query.neighborhood}.`);
    const names = await categoryNames();
    if (query.category && !names.has(query.category))
      throw new NotFoundError(`No category has the code ${query.category}.`);
    const filter: OpenDataFilter = {
      period,
      timeZone: options.timeZone,
      neighborhoodId: neighborhood?.id,
      serviceCode: query.category,
    };
    const language = request.publicLanguage ?? 'en';
    // Weak: the same rows may come out byte-different after a block's address points change.
    const fingerprint = await openDataFingerprint(app.database.reporting, filter);
    const etag = `W/"${createHash('sha1')
      .update(`${format}|${language}|${JSON.stringify(filter)}|${fingerprint}`)
      .digest('base64url')}"`;
    reply.header('etag', etag).header('cache-control', publicCacheControl(300));
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    const name = `service-requests-${period.from}-to-${period.to}${neighborhood ? `-${neighborhood.code}` : ''}`;
    const ctx = {
      db: app.database.reporting,
      geo: app.geo,
      texts: await request.publicTexts(),
      categoryNames: names,
    };
    reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
    return format === 'csv'
      ? reply.type('text/csv; charset=utf-8').send(openDataCsv(ctx, filter))
      : reply.type('application/geo+json; charset=utf-8').send(openDataGeoJson(ctx, filter));
  }

  routes.route({
    ...fromContract(publicContracts.openDataCsv, access.public()),
    config: { access: access.public(), publicRateLimit: 'export' },
    handler: (request, reply) => exportOf(request, request.query, reply, 'csv'),
  });
  routes.route({
    ...fromContract(publicContracts.openDataGeoJson, access.public()),
    config: { access: access.public(), publicRateLimit: 'export' },
    handler: (request, reply) => exportOf(request, request.query, reply, 'geojson'),
  });
}
