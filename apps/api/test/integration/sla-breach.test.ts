import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  notificationOutbox,
  notifications,
  requestEvents,
  slaBreaches,
} from '../../src/db/schema/index.ts';
import { slaBreachJobName } from '../../src/modules/service-requests/jobs/job-definitions.ts';
import { recordSlaBreaches } from '../../src/modules/service-requests/jobs/sla-breach-sweep.ts';
import { eventually } from '../support/eventually.ts';
import {
  insertNeighborhood,
  insertServiceRequest,
  insertServiceType,
  insertUser,
} from '../support/factories/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Two API instances on one database, both running the job queue, as behind a load balancer.
 * Whatever runs the breach sweep and however often, each breach is recorded once.
 */
let testDatabase: TestDatabase;
let first: TestApp;
let second: TestApp;
let supervisors: string[];
let staffUser: string;
let serviceCode: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  first = await startTestApp({ testDatabase, config: { runJobs: true } });
  second = await startTestApp({ testDatabase, config: { runJobs: true } });
  const db = first.database.db;
  supervisors = [await insertUser(db, ['supervisor']), await insertUser(db, ['supervisor', 'analyst'])];
  await insertUser(db, ['supervisor'], false); // inactive: gets nothing
  staffUser = await insertUser(db, ['staff']);
  serviceCode = await insertServiceType(db);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await testDatabase?.drop();
});

async function breachesOf(requestIds: string[]) {
  return first.database.db
    .select({ requestId: slaBreaches.requestId, kind: slaBreaches.kind })
    .from(slaBreaches)
    .where(inArray(slaBreaches.requestId, requestIds));
}

describe('SLA breaches with two API instances', () => {
  it('records each breach exactly once when sweeps on both instances race', async () => {
    const db = first.database.db;
    const neighborhood = await insertNeighborhood(db);
    const bothOverdue: Array<{ id: string; trackingNumber: string }> = [];
    for (let i = 0; i < 25; i += 1) {
      bothOverdue.push(
        await insertServiceRequest(db, {
          serviceCode,
          firstResponseDueInHours: -30 - i,
          resolutionDueInHours: -2,
          neighborhoodId: neighborhood.id,
          status: i % 2 ? 'triaged' : 'new',
        }),
      );
    }
    const firstResponseOnly = await insertServiceRequest(db, {
      serviceCode,
      firstResponseDueInHours: -1,
      resolutionDueInHours: 20,
      status: 'assigned',
    });
    const respondedLateButResolutionDue = await insertServiceRequest(db, {
      serviceCode,
      firstResponseDueInHours: -10,
      resolutionDueInHours: 10,
      status: 'in_progress',
      firstRespondedAt: new Date(Date.now() - 3_600_000),
    });
    const notYetDue = await insertServiceRequest(db, {
      serviceCode,
      firstResponseDueInHours: 1,
      resolutionDueInHours: 24,
    });
    const finishedLongAgo = await Promise.all(
      (['resolved', 'closed', 'rejected', 'duplicate'] as const).map((status) =>
        insertServiceRequest(db, {
          serviceCode,
          firstResponseDueInHours: -100,
          resolutionDueInHours: -50,
          status,
        }),
      ),
    );
    const allIds = [
      ...bothOverdue,
      firstResponseOnly,
      respondedLateButResolutionDue,
      notYetDue,
      ...finishedLongAgo,
    ].map((request) => request.id);

    // Four sweeps at once, two per instance, with small batches of different sizes, so they race inside
    // the same requests. One round only: a later sweep must not be what fills any gap.
    const results = await Promise.all([
      recordSlaBreaches({ db: first.database.db, batchSize: 3 }),
      recordSlaBreaches({ db: second.database.db, batchSize: 4 }),
      recordSlaBreaches({ db: first.database.db, batchSize: 5 }),
      recordSlaBreaches({ db: second.database.db, batchSize: 7 }),
    ]);

    const breaches = await breachesOf(allIds);
    const keys = breaches.map((breach) => `${breach.requestId}:${breach.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    const expected = [
      ...bothOverdue.flatMap((request) => [`${request.id}:first_response`, `${request.id}:resolution`]),
      `${firstResponseOnly.id}:first_response`,
    ];
    expect(keys.sort()).toEqual(expected.sort());
    // The cron may also have run in between; together, everyone recorded each breach once.
    const recordedByTheseCalls = results.reduce(
      (sum, result) => sum + result.firstResponseBreaches + result.resolutionBreaches,
      0,
    );
    expect(recordedByTheseCalls).toBeLessThanOrEqual(expected.length);

    const events = await db
      .select({
        requestId: requestEvents.requestId,
        actorType: requestEvents.actorType,
        after: requestEvents.after,
      })
      .from(requestEvents)
      .where(and(inArray(requestEvents.requestId, allIds), eq(requestEvents.kind, 'sla_breached')));
    expect(events).toHaveLength(expected.length);
    expect(events.every((event) => event.actorType === 'system')).toBe(true);

    const audits = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'service_request.sla_breached'), inArray(auditLog.entityId, allIds)));
    expect(audits[0]!.n).toBe(expected.length);

    const notices = await db
      .select({
        recipient: notifications.recipientUserId,
        entityId: notifications.entityId,
        title: notifications.title,
        body: notifications.body,
      })
      .from(notifications)
      .where(inArray(notifications.entityId, allIds));
    expect(notices).toHaveLength(expected.length * supervisors.length);
    expect(new Set(notices.map((notice) => notice.recipient))).toEqual(new Set(supervisors));
    expect(notices.some((notice) => notice.recipient === staffUser)).toBe(false);
    const aNotice = notices.find((notice) => notice.entityId === bothOverdue[0]!.id)!;
    expect(aNotice.title).toContain(bothOverdue[0]!.trackingNumber);
    expect(aNotice.body).toContain(neighborhood.name);
    // Notices name the request, never the requester.
    const noticeText = JSON.stringify(notices);
    expect(noticeText).not.toContain('Maria Requester');
    expect(noticeText).not.toContain('@example.org');
    expect(noticeText).not.toContain('555 0100');

    // Another sweep later finds nothing new.
    const again = await recordSlaBreaches({ db: second.database.db });
    expect(again.firstResponseBreaches + again.resolutionBreaches).toBe(0);
  });

  it('refuses a second breach row for the same request and kind in the database itself', async () => {
    const request = await insertServiceRequest(first.database.db, {
      serviceCode,
      firstResponseDueInHours: 5,
      resolutionDueInHours: 50,
    });
    const row = { requestId: request.id, kind: 'resolution' as const, dueAt: new Date() };
    await first.database.db.insert(slaBreaches).values(row);
    await expect(second.database.db.insert(slaBreaches).values(row)).rejects.toThrow();
  });

  it('runs the sweep on the job queue and delivers the supervisors’ notices from the outbox', async () => {
    const request = await insertServiceRequest(first.database.db, {
      serviceCode,
      firstResponseDueInHours: -3,
      resolutionDueInHours: 5,
      status: 'new',
    });
    // Both instances asked at once (as two cron ticks might): still one breach.
    await Promise.all([
      first.app.jobs!.trigger(slaBreachJobName),
      second.app.jobs!.trigger(slaBreachJobName),
    ]);

    const delivered = await eventually(
      async () => {
        const rows = await first.database.db
          .select({
            status: notificationOutbox.status,
            deliveredAt: notificationOutbox.deliveredAt,
            attempts: notificationOutbox.attempts,
          })
          .from(notificationOutbox)
          .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
          // The inbox deliveries (supervisors also get the breach by e-mail by default).
          .where(and(eq(notifications.entityId, request.id), eq(notificationOutbox.channel, 'in_app')));
        return rows.length === supervisors.length && rows.every((row) => row.status === 'delivered')
          ? rows
          : null;
      },
      30_000,
      'the breach notices to be delivered',
    );
    expect(delivered.every((row) => row.deliveredAt instanceof Date && row.attempts === 1)).toBe(true);
    expect(await breachesOf([request.id])).toEqual([{ requestId: request.id, kind: 'first_response' }]);
  });

  it('does not store overdue on the request: a breach leaves the request row as it was', async () => {
    const request = await insertServiceRequest(first.database.db, {
      serviceCode,
      firstResponseDueInHours: -2,
      resolutionDueInHours: 30,
    });
    const before = await first.database.pool!.query('select * from service_requests where id = $1', [
      request.id,
    ]);
    await recordSlaBreaches({ db: first.database.db });
    const after = await first.database.pool!.query('select * from service_requests where id = $1', [
      request.id,
    ]);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
