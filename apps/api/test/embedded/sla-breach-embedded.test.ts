import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import {
  notificationOutbox,
  notifications,
  serviceRequests,
  slaBreaches,
} from '../../src/db/schema/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import {
  retentionJobName,
  slaBreachJobName,
} from '../../src/modules/service-requests/jobs/job-definitions.ts';
import { eventually } from '../support/eventually.ts';
import { insertServiceRequest, insertServiceType, insertUser } from '../support/factories/index.ts';
import { testConfig } from '../support/test-app.ts';

/**
 * The job queue (pg-boss) on the embedded database: it creates its own schema in PGlite, runs the cron
 * and the workers, and the jobs behave as on PostgreSQL. One PGlite for the file (it takes seconds).
 */
let dataDir: string;
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-embedded-jobs-'));
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await applyMigrations(database);
  app = await buildApp({
    config: testConfig({ dataDir, runJobs: true, retentionDays: 730 }),
    database,
    logger: createLogger('silent'),
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('background jobs on embedded PostgreSQL (PGlite)', () => {
  it('has pg-boss’s own schema next to the app’s tables', async () => {
    const { rows } = await database.pglite!.query<{ name: string }>(
      "select name from pgboss.queue where name like 'service-requests.%' or name like 'notifications.%' order by name",
    );
    expect(rows.map((row) => row.name)).toEqual([
      'notifications.daily-digest',
      'notifications.delivery',
      'notifications.staff-notices',
      'service-requests.retention',
      'service-requests.sla-breaches',
    ]);
  });

  it('records a breach through the queue and delivers the supervisor’s notice', async () => {
    const db = database.db;
    const supervisor = await insertUser(db, ['supervisor']);
    const serviceCode = await insertServiceType(db);
    const request = await insertServiceRequest(db, {
      serviceCode,
      firstResponseDueInHours: -2,
      resolutionDueInHours: -1,
    });

    await app.jobs!.trigger(slaBreachJobName);
    const delivered = await eventually(
      async () => {
        const rows = await db
          .select({ status: notificationOutbox.status, recipient: notifications.recipientUserId })
          .from(notificationOutbox)
          .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
          // The inbox deliveries (supervisors also get breaches by e-mail, written to the mail folder here).
          .where(and(eq(notifications.entityId, request.id), eq(notificationOutbox.channel, 'in_app')));
        return rows.length === 2 && rows.every((row) => row.status === 'delivered') ? rows : null;
      },
      30_000,
      'the notices to be delivered',
    );
    expect(delivered.every((row) => row.recipient === supervisor)).toBe(true);
    const breaches = await db.select().from(slaBreaches).where(eq(slaBreaches.requestId, request.id));
    expect(breaches.map((breach) => breach.kind).sort()).toEqual(['first_response', 'resolution']);
  });

  it('anonymises an old closed request with the retention job', async () => {
    const db = database.db;
    const serviceCode = await insertServiceType(db);
    const longAgo = new Date(Date.now() - 800 * 86_400_000);
    const request = await insertServiceRequest(db, {
      serviceCode,
      status: 'closed',
      firstResponseDueInHours: -20_000,
      resolutionDueInHours: -20_000,
      closedAt: longAgo,
    });
    const result = await app.jobs!.runNow(retentionJobName);
    expect(result.anonymized).toBe(1);
    const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, request.id));
    expect(row).toMatchObject({ requesterName: null, requesterEmail: null, requesterPhone: null });
  });
});
