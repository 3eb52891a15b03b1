import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import { loggerOptions } from './lib/logger.ts';
import { apiClientsRoutes } from './modules/api-clients/routes.ts';
import { assignmentsRoutes } from './modules/assignments/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { clientConfigRoutes } from './modules/client-config/routes.ts';
import { geoPlugin } from './modules/geocoding/geo-plugin.ts';
import { geocodingRoutes } from './modules/geocoding/routes.ts';
import { neighborhoodsRoutes } from './modules/neighborhoods/routes.ts';
import { operationsRoutes } from './modules/operations/routes.ts';
import { personnelRoutes } from './modules/personnel/routes.ts';
import { serviceRequestsModule } from './modules/service-requests/index.ts';
import { serviceTypesModule } from './modules/service-types/index.ts';
import { usersRoutes } from './modules/users/routes.ts';
import { statsRoutes } from './modules/stats/routes.ts';
import { liveEventsRoutes } from './modules/live-events/routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { databasePlugin } from './plugins/database.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { inputGuardPlugin } from './plugins/input-guard.ts';
import { jobRegistryPlugin, jobsPlugin } from './plugins/jobs.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { observabilityPlugin } from './plugins/observability.ts';
import { openApiPlugin } from './plugins/openapi.ts';

export interface BuildAppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  /** Overrides the logger (tests capture log lines through a stream). */
  logger?: FastifyInstance['log'] | undefined;
}

const defaultAdminDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../admin/dist');

/** Builds the API (and the admin app's static files) without listening; server.ts and tests share it. */
export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const logging = loggerOptions(config.logLevel);
  const app = Fastify({
    ...(logger ? { loggerInstance: logger, genReqId: logging.genReqId } : logging),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // Reply 400, not 500, for bad percent-encoding and similar URL faults.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Infrastructure first, then auth, then the domain routes (style.md: plugins in a fixed order).
  await app.register(errorsPlugin);
  await app.register(inputGuardPlugin);
  await app.register(observabilityPlugin);
  await app.register(databasePlugin, { database });
  await app.register(authPlugin, { jwtSecret: config.jwtSecret });
  // The in-memory neighborhood map and address index (`app.geo`), used by intake and locate.
  await app.register(geoPlugin);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
    }),
  });
  await app.register(openApiPlugin);
  // Modules hand their background jobs to this registry while they register (jobsPlugin runs them).
  await app.register(jobRegistryPlugin);

  await app.register(operationsRoutes);
  await app.register(notificationsModule, { config });
  await app.register(authRoutes, { loginRateLimit: config.loginRateLimit });
  await app.register(usersRoutes);
  await app.register(apiClientsRoutes);
  await app.register(statsRoutes);
  await app.register(liveEventsRoutes);
  await app.register(personnelRoutes);
  await app.register(assignmentsRoutes);
  await app.register(serviceTypesModule, {
    timeZone: config.timeZone,
    trackingPrefix: config.trackingPrefix,
  });
  await app.register(serviceRequestsModule);
  await app.register(neighborhoodsRoutes);
  await app.register(geocodingRoutes);
  await app.register(clientConfigRoutes, { config });
  // Background jobs (SLA breaches, notification delivery, retention), only when config.runJobs.
  await app.register(jobsPlugin, { config });

  const adminDist = config.adminDist ?? defaultAdminDist;
  if (existsSync(path.join(adminDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: adminDist,
      wildcard: false,
      index: ['index.html'],
      // Hashed bundles never change; index.html must always be revalidated to pick up a new build.
      setHeaders(reply, filePath) {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.decorate('spaIndexAvailable', true);
  }
  return app;
}
