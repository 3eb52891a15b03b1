import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { publicPagePath } from '@nsp/contracts';
import type { FastifyInstance } from 'fastify';
import { access } from '../../lib/access.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { entityOf, type PublicEntity, sendPublicEntity } from './http-caching.ts';

/**
 * The public page (`/public/`): its own entry of the admin build (apps/admin/public-page/), with no
 * admin code, its scripts under /assets/ like the admin app's. It reads the language from the page's
 * own ?lang= and the browser, and everything else from the public API.
 */
export async function publicPageRoute(app: FastifyInstance, options: { adminDist: string }) {
  const file = path.join(options.adminDist, 'public-page', 'index.html');
  let page: PublicEntity | null = null;
  app.route({
    method: 'GET',
    url: publicPagePath,
    schema: {
      operationId: 'getPublicPage',
      summary: 'The public page (HTML): find my lieutenant, track my request, meetings, statistics',
      description:
        'For residents and for embedding in the town website (NSP_FRAME_ANCESTORS). `?lang=` chooses the language, `?track=` a tracking number to show.',
      tags: ['public'],
    },
    config: { access: access.public() },
    handler: async (request, reply) => {
      if (!page) {
        try {
          page = entityOf(await readFile(file, 'utf8'), 'text/html; charset=utf-8');
        } catch {
          throw new NotFoundError('The public page is not built (run the admin build).');
        }
      }
      // The HTML names hashed scripts: a browser revalidates it (cheap with the ETag) to pick up a new build.
      reply.header('cache-control', 'no-cache');
      return sendPublicEntity(request, reply, page, 0).header('cache-control', 'no-cache');
    },
  });
}
