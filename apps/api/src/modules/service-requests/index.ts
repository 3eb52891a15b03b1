import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serviceRequestsRoutes } from './routes.ts';

/** Service requests: intake, the queue, the workflow, notes, merge and bulk actions. */
export const serviceRequestsModule = fp(
  async (app: FastifyInstance) => {
    await app.register(serviceRequestsRoutes);
  },
  {
    name: 'nsp-service-requests',
    dependencies: ['nsp-database', 'nsp-auth', 'nsp-geo', 'nsp-service-types'],
  },
);
