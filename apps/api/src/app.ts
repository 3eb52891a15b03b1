import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import { problemClientErrorHandler } from './lib/client-errors.ts';
import { loggerOptions } from './lib/logger.ts';
import { replySerializerCompiler } from './lib/reply-serializer.ts';
import { apiClientsRoutes } from './modules/api-clients/routes.ts';
import { clientRateLimitPlugin } from './modules/api-clients/client-rate-limit.ts';
import { attachmentsModule } from './modules/attachments/index.ts';
import { assignmentsRoutes } from './modules/assignments/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { clientConfigRoutes } from './modules/client-config/routes.ts';
import { savedViewsRoutes } from './modules/saved-views/routes.ts';
import { saraRoutes } from './modules/sara/routes.ts';
import { geoPlugin } from './modules/geocoding/geo-plugin.ts';
import { geocodingRoutes } from './modules/geocoding/routes.ts';
import { neighborhoodsRoutes } from './modules/neighborhoods/routes.ts';
import { operationsRoutes } from './modules/operations/routes.ts';
import { personnelRoutes } from './modules/personnel/routes.ts';
import { serviceRequestsModule } from './modules/service-requests/index.ts';
import { requestViewCachePlugin } from './modules/service-requests/view-cache.ts';
import { rememberedRepliesPlugin } from './plugins/remembered-replies.ts';
import { serviceTypesModule } from './modules/service-types/index.ts';
import { usersRoutes } from './modules/users/routes.ts';
import { statsRoutes } from './modules/stats/routes.ts';
import { liveEventsRoutes } from './modules/live-events/routes.ts';
import { meetingsModule } from './modules/meetings/routes.ts';
import { prioritiesModule } from './modules/priorities/routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { databasePlugin } from './plugins/database.ts';
import { errorsPlugin, problem, sendProblem } from './plugins/errors.ts';
import { gracefulClosePlugin } from './plugins/graceful-close.ts';
import { inputGuardPlugin } from './plugins/input-guard.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { jobRegistryPlugin, jobsPlugin } from './plugins/jobs.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { observabilityPlugin } from './plugins/observability.ts';
import { publicModule, publicPlugin } from './modules/public/index.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { open311Routes } from './modules/open311/routes.ts';
import { webhooksModule } from './modules/webhooks/index.ts';

export interface BuildAppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  /** Overrides the logger (tests capture log lines through a stream). */
  logger?: FastifyInstance['log'] | undefined;
}

/** Replies above ~1 kB go out compressed (see fastifyCompress below). */
const COMPRESS_ABOVE_BYTES = 1024;

/**
 * The built admin app, apps/admin/dist, found upwards from this module (src/ when run from the
 * sources, dist/chunks/ when compiled); when it is not built, the API runs without it.
 */
const defaultAdminDist = (() => {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'admin/dist');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return path.resolve(start, '../../admin/dist');
})();

/**
 * NSP_TRUST_PROXY as Fastify takes it. A hop count trusts that many addresses from the socket
 * inward (Fastify's own numeric option now trusts none); it is only safe when NSP cannot be reached
 * except through those proxies, which the README says. Addresses are the safer choice.
 */
function trustProxyOption(setting: AppConfig['trustProxy']) {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

/** Builds the API (and the admin app's static files) without listening; server.ts and tests share it. */
export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const logging = loggerOptions(config.logLevel);
  const app = Fastify({
    ...(logger ? { loggerInstance: logger, genReqId: logging.genReqId } : logging),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(config.trustProxy),
    // Reply 400, not 500, for bad percent-encoding and similar URL faults.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler: problemClientErrorHandler,
    // Faults the router finds before any route runs (bad percent-encoding, an over-long path
    // parameter) get the same problem+json as everything else.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const detail =
        status === 414
          ? 'A part of the path is longer than any identifier NSP uses.'
          : 'The URL is not valid (bad percent-encoding or characters).';
      return sendProblem(reply, problem(request, status, { detail }));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Replies written by fast-json-stringify from the contracts; outside production every reply is also
  // written by zod and the two must agree (lib/reply-serializer.ts).
  app.setSerializerCompiler(replySerializerCompiler({ verify: config.nodeEnv !== 'production' }));

  // Infrastructure first, then auth, then the domain routes (style.md: plugins in a fixed order).
  await app.register(errorsPlugin);
  await app.register(gracefulClosePlugin);
  await app.register(inputGuardPlugin);
  await app.register(securityHeadersPlugin, {
    behindTls: config.behindTls,
    corsOrigins: config.corsOrigins,
    frameAncestors: config.frameAncestors,
    mapTileUrl: config.mapTileUrl,
  });
  await app.register(observabilityPlugin);
  // Replies above ~1 kB go out as Brotli or gzip (a 50-row queue page shrinks about tenfold on a
  // phone's weak signal). Brotli at quality 1, since these bodies are compressed on every request:
  // on a 2 kB request detail it costs ~31 µs against ~120 µs at quality 4 (and ~330 µs at 11), for a
  // body ~14 % larger (1,010 bytes against 886); a 50-row page compresses 25-fold either way. The admin app's files are
  // precompressed at build and served as such (fastifyStatic preCompressed below); the live-events
  // stream hijacks its reply and is never buffered here.
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_ABOVE_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 6 },
  });
  // Replies sent again unchanged (sentAgain) are compressed once, not per request.
  await app.register(rememberedRepliesPlugin, { threshold: COMPRESS_ABOVE_BYTES });
  await app.register(databasePlugin, { database });
  await app.register(authPlugin, { jwtSecret: config.jwtSecret });
  // Before every route: a change through any of them forgets the remembered request views.
  await app.register(requestViewCachePlugin);
  // Per-API-client limits, shared through Redis when NSP_REDIS_URL is set (after auth: it needs the client).
  await app.register(clientRateLimitPlugin, {
    redisUrl: config.redisUrl,
    defaultLimit: config.apiClientRateLimit,
    timeZone: config.timeZone,
  });
  // The in-memory neighborhood map and address index (`app.geo`), used by intake and locate.
  await app.register(geoPlugin);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
    }),
  });
  // Language, per-address limits, texts, cache and feed registry of /api/v1/public/* (before the
  // modules that register feed sources or public texts).
  await app.register(publicPlugin, {
    rateLimit: config.publicRateLimit,
    exportRateLimit: config.publicExportRateLimit,
  });
  await app.register(openApiPlugin);
  // Modules hand their background jobs to this registry while they register (jobsPlugin runs them).
  await app.register(jobRegistryPlugin);

  await app.register(operationsRoutes, { metricsToken: config.metricsToken });
  await app.register(notificationsModule, { config });
  await app.register(authRoutes, { loginRateLimit: config.loginRateLimit });
  await app.register(usersRoutes);
  await app.register(apiClientsRoutes, { defaultRateLimit: config.apiClientRateLimit });
  await app.register(statsRoutes);
  await app.register(liveEventsRoutes);
  await app.register(personnelRoutes);
  await app.register(assignmentsRoutes);
  await app.register(serviceTypesModule, {
    timeZone: config.timeZone,
    trackingPrefix: config.trackingPrefix,
  });
  await app.register(serviceRequestsModule, { phoneRegion: config.phoneRegion });
  await app.register(attachmentsModule, { config });
  await app.register(savedViewsRoutes);
  await app.register(saraRoutes);
  await app.register(meetingsModule, { timeZone: config.timeZone });
  await app.register(prioritiesModule, { timeZone: config.timeZone });
  await app.register(neighborhoodsRoutes);
  await app.register(geocodingRoutes);
  await app.register(clientConfigRoutes, { config });
  await app.register(publicModule, {
    timeZone: config.timeZone,
    publicBaseUrl: config.publicBaseUrl,
    adminDist: config.adminDist ?? defaultAdminDist,
  });
  await app.register(open311Routes, { config });
  await app.register(webhooksModule);
  // Background jobs (SLA breaches, notification delivery, retention), only when config.runJobs.
  await app.register(jobsPlugin, { config });

  const adminDist = config.adminDist ?? defaultAdminDist;
  if (existsSync(path.join(adminDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: adminDist,
      wildcard: false,
      index: ['index.html'],
      // dist holds file.br and file.gz next to each text file (apps/admin/scripts/precompress.mjs):
      // served to browsers that accept them, without compressing on every request.
      preCompressed: true,
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
