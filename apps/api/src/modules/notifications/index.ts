import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notificationJobs } from './notification-jobs.ts';

/** Notifications: the outbox and its delivery job. Producers queue notices through notification-service.ts. */
export const notificationsModule = fp(
  async (app: FastifyInstance) => {
    app.registerBackgroundJobs(...notificationJobs);
  },
  { name: 'nsp-notifications', dependencies: ['nsp-database', 'nsp-job-registry'] },
);
