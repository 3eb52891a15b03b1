import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config.ts';
import type { OutboxChannel } from '../../db/schema/index.ts';
import { type DeliveryOptions, type DeliveryResult, deliverPendingNotifications } from './delivery.ts';
import { sendDailyDigests } from './digest.ts';
import { createMailTransport } from './mail-transport.ts';
import { ensureDefaultMailTemplates } from './mail-templates.ts';
import { createNotificationJobs, notificationDeliveryJobName } from './notification-jobs.ts';
import { createRequesterLinks, type RequesterLinks } from './requester-links.ts';
import { requesterLinkRoutes } from './requester-routes.ts';
import { notificationRoutes } from './routes.ts';
import { queueStaffNotices } from './staff-notices.ts';
import { inAppTransport, type NotificationTransport } from './transport.ts';

export interface NotificationsApi {
  links: RequesterLinks;
  /** Delivers what is due now, in this process (tests, operators); the job does the same every minute. */
  deliverNow(options?: Partial<Omit<DeliveryOptions, 'db'>>): Promise<DeliveryResult>;
  /** Queues notices for recent assignments and reassignments now (the job runs every minute). */
  queueStaffNoticesNow(now?: Date): Promise<{ queued: number }>;
  sendDigestsNow(now?: Date): Promise<{ digests: number; released: number }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationsApi;
  }
}

/**
 * Notifications: the outbox and its channels (in-app inbox, e-mail; an SMS transport would join `transports`), staff
 * preferences, digest and quiet hours, the inbox API, and requester e-mail with its two public links.
 * Producers queue through notification-service.ts (staff) and requester-messages.ts (requesters).
 */
export const notificationsModule = fp(
  async (app: FastifyInstance, options: { config: AppConfig }) => {
    const { config } = options;
    const log = app.log.child({ component: 'notifications' });
    const transports: Partial<Record<OutboxChannel, NotificationTransport>> = {
      in_app: inAppTransport,
      email: createMailTransport({
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        folder: path.join(config.dataDir, 'mail'),
        log,
      }),
    };
    const links = createRequesterLinks({ secret: config.jwtSecret, publicBaseUrl: config.publicBaseUrl });
    const environment = {
      transports,
      links,
      publicBaseUrl: config.publicBaseUrl,
      timeZone: config.timeZone,
      log,
    };
    const db = app.database.db;

    app.decorate('notifications', {
      links,
      deliverNow: (overrides = {}) => deliverPendingNotifications({ db, ...environment, ...overrides }),
      queueStaffNoticesNow: (now) => queueStaffNotices(db, now),
      sendDigestsNow: (now) =>
        sendDailyDigests({
          db,
          timeZone: config.timeZone,
          publicBaseUrl: config.publicBaseUrl,
          ...(now ? { now } : {}),
        }),
    } satisfies NotificationsApi);
    app.registerBackgroundJobs(...createNotificationJobs(environment));

    await app.register(notificationRoutes, {
      onRetry: () => {
        app.jobs
          ?.trigger(notificationDeliveryJobName)
          .catch((error) => log.warn({ err: error }, 'delivery not triggered'));
      },
    });
    await app.register(requesterLinkRoutes, { links });

    // The editable e-mail texts exist in every database, demo or not (a no-op once they do).
    app.addHook('onReady', async () => {
      try {
        await ensureDefaultMailTemplates(db);
      } catch (error) {
        log.warn({ err: error }, 'default e-mail templates not added');
      }
    });
    app.addHook('onClose', async () => {
      for (const transport of Object.values(transports)) await transport.close?.();
    });
  },
  { name: 'nsp-notifications', dependencies: ['nsp-database', 'nsp-auth', 'nsp-job-registry'] },
);
