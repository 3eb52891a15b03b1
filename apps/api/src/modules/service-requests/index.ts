import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serviceRequestJobs } from './jobs/job-definitions.ts';
import { type ServiceRequestsOptions, serviceRequestsRoutes } from './routes.ts';

/** Service requests: intake, the queue, the workflow, notes, merge and bulk actions. */
export const serviceRequestsModule = fp(
  async (app: FastifyInstance, options: ServiceRequestsOptions) => {
    app.registerBackgroundJobs(...serviceRequestJobs);
    await app.register(serviceRequestsRoutes, options);
  },
  {
    name: 'nsp-service-requests',
    dependencies: ['nsp-database', 'nsp-auth', 'nsp-geo', 'nsp-service-types', 'nsp-job-registry'],
  },
);
