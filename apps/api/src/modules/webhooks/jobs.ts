import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { notificationDeliveryJobName } from '../notifications/notification-jobs.ts';
import { deliverDueWebhooks, fanOutWebhookEvents } from './delivery.ts';

export const webhookDeliveryJobName = 'webhooks.delivery';

/**
 * Every minute (and soon after any request change, see index.ts): new events become deliveries, and
 * what is due is delivered; a failed delivery's retry is simply due later (backoff with jitter).
 */
export const webhookDeliveryJob: BackgroundJob = {
  name: webhookDeliveryJobName,
  cron: '* * * * *',
  async run({ db, log, trigger }) {
    const fannedOut = await fanOutWebhookEvents(db, new Date());
    const result = await deliverDueWebhooks({ db, log });
    if (result.disabled > 0) await trigger(notificationDeliveryJobName);
    return { fannedOut, ...result };
  },
};
