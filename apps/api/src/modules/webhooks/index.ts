import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LIVE_EVENTS_CHANNEL } from '../live-events/publish.ts';
import { webhookDeliveryJob, webhookDeliveryJobName } from './jobs.ts';
import { webhooksRoutes } from './routes.ts';

export { recordWebhookEvent } from './events.ts';

/**
 * Webhooks: subscriptions, signed deliveries (Standard Webhooks) in order per subscription, retries
 * with backoff on the job queue, a delivery log, test sends and replays.
 */
export const webhooksModule = fp(
  async (app: FastifyInstance) => {
    app.registerBackgroundJobs(webhookDeliveryJob);
    await app.register(webhooksRoutes);
    // A request change is announced on the live-events channel after it commits: deliver it within
    // seconds instead of at the next minute. Bursts coalesce (the queue keeps one run waiting).
    let pending: NodeJS.Timeout | null = null;
    await app.database.listen(LIVE_EVENTS_CHANNEL, () => {
      if (pending || !app.jobs) return;
      pending = setTimeout(() => {
        pending = null;
        app.jobs
          ?.trigger(webhookDeliveryJobName)
          .catch((error) => app.log.warn({ err: error }, 'webhook job not triggered'));
      }, 500);
      pending.unref();
    });
    app.addHook('onClose', async () => {
      if (pending) clearTimeout(pending);
    });
  },
  { name: 'nsp-webhooks', dependencies: ['nsp-database', 'nsp-auth', 'nsp-job-registry'] },
);
