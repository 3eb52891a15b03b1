import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { type DeliveryEnvironment, deliverPendingNotifications } from './delivery.ts';
import { sendDailyDigests } from './digest.ts';
import { queueStaffNotices } from './staff-notices.ts';

export const notificationDeliveryJobName = 'notifications.delivery';
export const staffNoticesJobName = 'notifications.staff-notices';
export const dailyDigestJobName = 'notifications.daily-digest';

/**
 * The module's jobs, made with the app's transports and links:
 * - delivery, every minute (producers may trigger it sooner): the outbox, with retries that have come
 *   due and anything a crashed instance left behind;
 * - staff notices, every minute: new assignments and lieutenant reassignments;
 * - the daily digest, hourly (each user has their own hour).
 */
export function createNotificationJobs(environment: DeliveryEnvironment): BackgroundJob[] {
  return [
    {
      name: notificationDeliveryJobName,
      cron: '* * * * *',
      async run({ db }) {
        return { ...(await deliverPendingNotifications({ db, ...environment })) };
      },
    },
    {
      name: staffNoticesJobName,
      cron: '* * * * *',
      async run({ db, trigger }) {
        const result = await queueStaffNotices(db);
        if (result.queued > 0) await trigger(notificationDeliveryJobName);
        return result;
      },
    },
    {
      name: dailyDigestJobName,
      cron: '0 * * * *',
      async run({ db, trigger }) {
        const result = await sendDailyDigests({
          db,
          timeZone: environment.timeZone,
          publicBaseUrl: environment.publicBaseUrl,
        });
        if (result.digests + result.released > 0) await trigger(notificationDeliveryJobName);
        return result;
      },
    },
  ];
}
