import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GeoService } from './geo-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Geocoding and point-in-neighborhood from the in-memory indexes (see geocoding/index.ts). */
    geo: GeoService;
  }
}

/**
 * Decorates `app.geo`. The indexes load when the app is ready (a database that is down does not stop
 * the start: the first geocode tries again) and follow changes made by any instance.
 */
export const geoPlugin = fp(
  async (app: FastifyInstance, options: { pollIntervalMs?: number } = {}) => {
    const service = new GeoService({
      db: app.database.db,
      database: app.database,
      log: app.log,
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    });
    app.decorate('geo', service);
    app.addHook('onReady', async () => {
      await service.start();
    });
    app.addHook('onClose', async () => {
      service.stop();
    });
  },
  { name: 'nsp-geo', dependencies: ['nsp-database'] },
);
