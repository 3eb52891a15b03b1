import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { deliverPendingNotifications } from './notification-service.ts';

export const notificationDeliveryJobName = 'notifications.delivery';

/**
 * Delivers the outbox. Producers trigger it right after committing notices; the cron tick also picks
 * up retries that have come due and anything a crashed instance left behind.
 */
export const notificationDeliveryJob: BackgroundJob = {
  name: notificationDeliveryJobName,
  cron: '* * * * *',
  async run({ db }) {
    const result = await deliverPendingNotifications({ db });
    return { ...result };
  },
};

export const notificationJobs: readonly BackgroundJob[] = [notificationDeliveryJob];
