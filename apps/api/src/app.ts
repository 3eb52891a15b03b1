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
import { authRoutes } from './modules/auth/routes.ts';
import { operationsRoutes } from './modules/operations/routes.ts';
import { usersRoutes } from './modules/users/routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { databasePlugin } from './plugins/database.ts';
import { errorsPlugin } from './plugins/errors.ts';
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
    ...(logger
      ? { loggerInstance: logger, genReqId: logging.genReqId, requestIdLogLabel: logging.requestIdLogLabel }
      : logging),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // Reply 400, not 500, for bad percent-encoding and similar URL faults.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Infrastructure first, then auth, then the domain routes (style.md: plugins in a fixed order).
  await app.register(errorsPlugin);
  await app.register(observabilityPlugin);
  await app.register(databasePlugin, { database });
  await app.register(authPlugin, { jwtSecret: config.jwtSecret });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
    }),
  });
  await app.register(openApiPlugin);

  await app.register(operationsRoutes);
  await app.register(authRoutes, { loginRateLimit: config.loginRateLimit });
  await app.register(usersRoutes);
  await app.register(apiClientsRoutes);

  const adminDist = config.adminDist ?? defaultAdminDist;
  if (existsSync(path.join(adminDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: adminDist, wildcard: false, index: ['index.html'] });
    app.decorate('spaIndexAvailable', true);
  }
  return app;
}
