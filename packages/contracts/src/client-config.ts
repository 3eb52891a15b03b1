import { z } from 'zod';
import { defineContract } from './route.ts';

/**
 * Settings the admin app reads at run time rather than at build time, so one build serves every
 * department: each sets its own tile server (or none) in the API's environment.
 */
export const clientConfigSchema = z
  .object({
    map: z.object({
      tileUrl: z
        .string()
        .nullable()
        .describe(
          'Raster tile URL template such as https://tiles.example.org/{z}/{x}/{y}.png (NSP_MAP_TILE_URL). null: no tile server, the map draws neighborhoods over a plain background and needs no internet',
        ),
      attribution: z
        .string()
        .nullable()
        .describe('Plain text credit shown with the tiles (NSP_MAP_TILE_ATTRIBUTION)'),
    }),
  })
  .meta({ id: 'ClientConfig' });
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export const clientConfigContracts = {
  get: defineContract({
    method: 'GET',
    path: '/api/v1/client-config',
    summary: 'Run-time settings for the staff app (map tile server); public, no credentials needed',
    description:
      'Read before signing in as well as after, so it carries nothing secret: only what the operator configured for browsers to use.',
    tags: ['client-config'],
    responses: { 200: clientConfigSchema },
  }),
};
