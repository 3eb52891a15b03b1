import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createServiceCatalog, type ServiceCatalog } from './catalog.ts';
import { serviceTypesRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Categories and service-desk settings (business calendar, reopen window), cached per instance. */
    serviceCatalog: ServiceCatalog;
  }
}

/**
 * Service types (categories), response templates and the service desk's settings. Decorates the app
 * with `serviceCatalog`, which intake, the SLA clock users and Open311 read categories through.
 */
export const serviceTypesModule = fp(
  async (app: FastifyInstance, options: { timeZone: string; trackingPrefix: string }) => {
    const catalog = createServiceCatalog(app.database, options);
    await catalog.listen((error) =>
      app.log.warn({ err: error }, 'service catalog change notifications unavailable'),
    );
    app.decorate('serviceCatalog', catalog);
    await app.register(serviceTypesRoutes, { catalog });
  },
  { name: 'nsp-service-types', dependencies: ['nsp-database', 'nsp-auth'] },
);
