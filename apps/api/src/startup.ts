import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import { applyMigrations } from './db/migrate.ts';
import { seedDemoData } from './demo/seed.ts';
import { createAttachmentStorage } from './modules/attachments/storage.ts';
import { systemActor } from './modules/audit/audit-log.ts';
import { ensureBootstrapAdmin } from './modules/users/service.ts';

export interface DemoCredential {
  role: string;
  email: string;
  password: string;
}

/** Migrations, bootstrap administrator and demo data: everything a start does before listening. */
export async function prepareDatabase(config: AppConfig, database: DatabaseHandle, log: FastifyBaseLogger) {
  const started = Date.now();
  await applyMigrations(database);
  log.info({ ms: Date.now() - started }, 'migrations applied');

  if (config.adminEmail && config.adminPassword) {
    const created = await ensureBootstrapAdmin(
      database.db,
      systemActor,
      config.adminEmail,
      config.adminPassword,
    );
    if (created)
      log.info({ admin: config.adminEmail.replace(/^(.).*@/, '$1…@') }, 'bootstrap administrator created');
  }

  let demoCredentials: DemoCredential[] = [];
  if (config.demoData) {
    const credentialsFile = path.join(config.dataDir, 'demo-credentials.json');
    const seeded = await seedDemoData(database.db, {
      passwordFor: () => `${randomBytes(9).toString('base64url')}-Nsp`,
      timeZone: config.timeZone,
      trackingPrefix: config.trackingPrefix,
      attachmentStorage: createAttachmentStorage(config.attachmentStorage),
    });
    if (seeded) {
      // With DATABASE_URL nothing else creates the data folder (the JWT secret may come from the
      // environment), so the credentials file must not assume it exists.
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(credentialsFile, JSON.stringify(seeded.credentials, null, 2), { mode: 0o600 });
      log.info(seeded.counts, 'demo data loaded');
    }
    if (existsSync(credentialsFile)) demoCredentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
  }
  return { demoCredentials };
}
