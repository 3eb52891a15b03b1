import { type ClientConfig, clientConfigContracts } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../../config.ts';
import { fromContract } from '../../lib/route.ts';
import { access } from '../../lib/access.ts';

export interface ClientConfigRoutesOptions {
  config: Pick<AppConfig, 'mapTileUrl' | 'mapTileAttribution'>;
}

/**
 * The admin app's run-time settings. Public: the app may need them before anyone signs in, and
 * they hold only what the operator chose to hand to browsers.
 */
export async function clientConfigRoutes(app: FastifyInstance, { config }: ClientConfigRoutesOptions) {
  // Fixed for the life of the process (config is read once at start).
  const clientConfig: ClientConfig = {
    map: {
      tileUrl: config.mapTileUrl ?? null,
      attribution: config.mapTileAttribution || null,
    },
  };

  app.withTypeProvider<ZodTypeProvider>().route({
    ...fromContract(clientConfigContracts.get, access.public()),
    handler: async (_request, reply) => {
      // Short browser cache: a changed tile server shows up within minutes of a restart.
      reply.header('cache-control', 'public, max-age=300');
      return clientConfig;
    },
  });
}
