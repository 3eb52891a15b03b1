import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config.ts';
import type { BackgroundJob } from '../../lib/background-jobs.ts';
import { attachmentsRoutes } from './routes.ts';
import { purgeRemovedAttachments } from './service.ts';
import { type AttachmentStorage, createAttachmentStorage } from './storage.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where attachments' files are stored (a folder or an S3 bucket). */
    attachmentStorage: AttachmentStorage;
  }
}

export const attachmentPurgeJobName = 'attachments.purge';

/** One storage per configuration, shared by the routes and the jobs of this process. */
const storages = new WeakMap<AppConfig['attachmentStorage'], AttachmentStorage>();
export function attachmentStorageFor(config: AppConfig): AttachmentStorage {
  let storage = storages.get(config.attachmentStorage);
  if (!storage) {
    storage = createAttachmentStorage(config.attachmentStorage);
    storages.set(config.attachmentStorage, storage);
  }
  return storage;
}

/** Every 10 minutes: files of removed attachments whose first removal failed (storage was down). */
const purgeJob: BackgroundJob = {
  name: attachmentPurgeJobName,
  cron: '*/10 * * * *',
  async run({ db, config }) {
    return { ...(await purgeRemovedAttachments({ db, storage: attachmentStorageFor(config) })) };
  },
};

/** Photos and documents on service requests (and SARA cases and meetings, owners.ts). */
export const attachmentsModule = fp(
  async (app: FastifyInstance, options: { config: AppConfig }) => {
    const storage = attachmentStorageFor(options.config);
    app.decorate('attachmentStorage', storage);
    app.registerBackgroundJobs(purgeJob);
    await app.register(attachmentsRoutes, { storage, maxBytes: options.config.attachmentMaxBytes });
  },
  { name: 'nsp-attachments', dependencies: ['nsp-database', 'nsp-auth', 'nsp-job-registry'] },
);

export { publicMediaOf, removeRequesterAttachments, purgeRemovedAttachments } from './service.ts';
