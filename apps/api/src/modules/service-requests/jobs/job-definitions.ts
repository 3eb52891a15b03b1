import { pruneIdempotencyKeys } from '../../../lib/idempotency.ts';
import type { BackgroundJob } from '../../../lib/background-jobs.ts';
import { attachmentStorageFor, purgeRemovedAttachments } from '../../attachments/index.ts';
import { pruneLoginFailures } from '../../auth/service.ts';
import { notificationDeliveryJobName } from '../../notifications/notification-jobs.ts';
import { anonymizeExpiredRequests } from './retention.ts';
import { recordSlaBreaches } from './sla-breach-sweep.ts';

export const slaBreachJobName = 'service-requests.sla-breaches';
export const retentionJobName = 'service-requests.retention';

/** Every minute: a breach is noticed at most about a minute after its due time. */
export const slaBreachJob: BackgroundJob = {
  name: slaBreachJobName,
  cron: '* * * * *',
  async run({ db, trigger }) {
    const result = await recordSlaBreaches({ db });
    // The notices are already committed in the outbox; this only spares them the wait for the next tick.
    if (result.notificationsQueued > 0) await trigger(notificationDeliveryJobName);
    return { ...result };
  },
};

/** Nightly, in the department's quiet hours. */
export const retentionJob: BackgroundJob = {
  name: retentionJobName,
  cron: '17 3 * * *',
  async run({ db, config }) {
    const result = await anonymizeExpiredRequests({ db, retentionDays: config.retentionDays });
    // The removed photos' files leave storage now (the attachments purge job retries any that fail).
    const attachmentFiles = await purgeRemovedAttachments({ db, storage: attachmentStorageFor(config) });
    // Stored Idempotency-Key replies can hold a create reply with requester contact: they go once
    // their 24-hour replay window has passed.
    const idempotencyKeysPruned = await pruneIdempotencyKeys(db);
    const loginFailuresPruned = await pruneLoginFailures(db);
    return {
      ...result,
      attachmentFilesPurged: attachmentFiles.purged,
      idempotencyKeysPruned,
      loginFailuresPruned,
    };
  },
};

export const serviceRequestJobs: readonly BackgroundJob[] = [slaBreachJob, retentionJob];
