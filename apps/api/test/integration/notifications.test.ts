import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox, notificationSettings, notifications } from '../../src/db/schema/index.ts';
import {
  type DeliveryOptions,
  deliverPendingNotifications as deliverWith,
  retryDelayMs,
} from '../../src/modules/notifications/delivery.ts';
import {
  activeUserIdsWithRole,
  queueNotifications,
} from '../../src/modules/notifications/notification-service.ts';
import type { NotificationTransport, OutgoingMessage } from '../../src/modules/notifications/transport.ts';
import { insertUser } from '../support/factories/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let testDatabase: TestDatabase;
let first: TestApp;
let second: TestApp;
let recipient: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  // Jobs off: these tests drive delivery themselves, with their own transports and clocks.
  first = await startTestApp({ testDatabase });
  second = await startTestApp({ testDatabase });
  recipient = await insertUser(first.database.db, ['supervisor']);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await testDatabase?.drop();
});

/** Delivery of e-mail with the given transport (in-app is delivered as usual), as the job does it. */
function deliverPendingNotifications(
  options: Omit<DeliveryOptions, 'transports' | 'links' | 'publicBaseUrl' | 'timeZone'> & {
    transport: NotificationTransport;
  },
) {
  const { transport, ...rest } = options;
  return deliverWith({
    ...rest,
    transports: { email: transport },
    links: first.app.notifications.links,
    publicBaseUrl: 'http://nsp.test',
    timeZone: 'America/New_York',
  });
}

const notice = (dedupeKey = `test:${randomBytes(6).toString('hex')}`) => ({
  recipientUserId: recipient,
  kind: 'sla_breached' as const,
  title: 'SLA breached',
  body: 'A test notice',
  dedupeKey,
});

/** The e-mail deliveries of these notices (sla_breached: in-app and e-mail by default). */
async function outboxOf(dedupeKeys: string[], channel: 'email' | 'in_app' = 'email') {
  return first.database.db
    .select({
      dedupeKey: notifications.dedupeKey,
      status: notificationOutbox.status,
      attempts: notificationOutbox.attempts,
      nextAttemptAt: notificationOutbox.nextAttemptAt,
      lastError: notificationOutbox.lastError,
      deliveredAt: notificationOutbox.deliveredAt,
    })
    .from(notificationOutbox)
    .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
    .where(and(inArray(notifications.dedupeKey, dedupeKeys), eq(notificationOutbox.channel, channel)));
}

/** Records what it was asked to send, slowly, so two instances overlap. */
function countingTransport(delivered: string[]): NotificationTransport {
  return {
    channel: 'email',
    async send(message: OutgoingMessage) {
      delivered.push(message.messageId);
      await new Promise((resolve) => setTimeout(resolve, 2));
    },
  };
}

describe('notification outbox', () => {
  it('writes one notification and one outbox row per recipient and key, however often it is asked', async () => {
    const item = notice();
    const db = first.database.db;
    expect(await queueNotifications(db, [item, item])).toBe(1);
    expect(await queueNotifications(db, [item])).toBe(0);
    const rows = await outboxOf([item.dedupeKey]);
    expect(rows).toEqual([expect.objectContaining({ status: 'pending', attempts: 0, deliveredAt: null })]);
    expect(await outboxOf([item.dedupeKey], 'in_app')).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0, deliveredAt: null }),
    ]);
  });

  it('delivers each pending notice exactly once when two instances deliver at the same time', async () => {
    const items = Array.from({ length: 120 }, () => notice());
    await queueNotifications(first.database.db, items);
    const delivered: string[] = [];
    const results = await Promise.all([
      deliverPendingNotifications({
        db: first.database.db,
        transport: countingTransport(delivered),
        batchSize: 10,
      }),
      deliverPendingNotifications({
        db: second.database.db,
        transport: countingTransport(delivered),
        batchSize: 10,
      }),
    ]);
    const rows = await outboxOf(items.map((item) => item.dedupeKey));
    expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1 && row.deliveredAt)).toBe(
      true,
    );
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(results[0]!.delivered + results[1]!.delivered).toBeGreaterThanOrEqual(items.length);
    // Both instances took part: the work was split, not serialised behind one of them.
    expect(results.every((result) => result.delivered > 0)).toBe(true);
  });

  it('retries a failed delivery with backoff, then marks it failed after the last attempt', async () => {
    const item = notice();
    await queueNotifications(first.database.db, [item]);
    const failing: NotificationTransport = {
      channel: 'email',
      async send() {
        throw new Error('mail server said 451 for <someone@example.org>');
      },
    };
    // A second ahead: the database's now() has microseconds, Date.now() only milliseconds.
    let clock = Date.now() + 1000;
    const now = () => new Date(clock);

    const firstTry = await deliverPendingNotifications({
      db: first.database.db,
      transport: failing,
      now,
      maxAttempts: 3,
    });
    expect(firstTry).toMatchObject({ delivered: 0, retrying: 1, failed: 0 });
    let [row] = await outboxOf([item.dedupeKey]);
    // The error is kept for operators, without the address the server quoted.
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Error: mail server said 451 for <[address]>',
    });
    expect(row!.nextAttemptAt.getTime()).toBe(clock + retryDelayMs(1));

    // Not due yet: nothing is attempted.
    expect(
      await deliverPendingNotifications({ db: first.database.db, transport: failing, now, maxAttempts: 3 }),
    ).toMatchObject({
      retrying: 0,
    });

    clock += retryDelayMs(1);
    await deliverPendingNotifications({ db: first.database.db, transport: failing, now, maxAttempts: 3 });
    [row] = await outboxOf([item.dedupeKey]);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.nextAttemptAt.getTime()).toBe(clock + retryDelayMs(2));
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    clock += retryDelayMs(2);
    const last = await deliverPendingNotifications({
      db: first.database.db,
      transport: failing,
      now,
      maxAttempts: 3,
    });
    expect(last).toMatchObject({ failed: 1 });
    [row] = await outboxOf([item.dedupeKey]);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, deliveredAt: null });

    // A failed row is left for a person; later runs do not touch it.
    clock += 24 * 3_600_000;
    const delivered: string[] = [];
    await deliverPendingNotifications({
      db: first.database.db,
      transport: countingTransport(delivered),
      now,
    });
    [row] = await outboxOf([item.dedupeKey]);
    expect(row!.status).toBe('failed');
  });

  it('addresses notices to active users with the role only', async () => {
    const inactive = await insertUser(first.database.db, ['supervisor'], false);
    const staff = await insertUser(first.database.db, ['staff']);
    const supervisors = await activeUserIdsWithRole(first.database.db, 'supervisor');
    expect(supervisors).toContain(recipient);
    expect(supervisors).not.toContain(inactive);
    expect(supervisors).not.toContain(staff);
  });

  it('holds non-urgent e-mail in quiet hours and for the daily digest, but sends a P1 notice at once', async () => {
    const user = await insertUser(first.database.db, ['supervisor']);
    await first.database.db
      .insert(notificationSettings)
      .values({ userId: user, quietHoursStart: '22:00', quietHoursEnd: '07:00' });
    const sent: OutgoingMessage[] = [];
    const transport: NotificationTransport = {
      channel: 'email',
      async send(message) {
        sent.push(message);
      },
    };
    // 23:30 in New York, inside the quiet hours.
    const night = new Date('2026-01-15T23:30:00-05:00');
    const calm = { ...notice(), recipientUserId: user, title: 'Calm notice' };
    const urgent = { ...notice(), recipientUserId: user, title: 'P1 notice', urgent: true };
    await queueNotifications(first.database.db, [calm, urgent]);
    // The rows were queued "now", which is after `night` in real time; deliver as if it were late that night.
    await first.database.db
      .update(notificationOutbox)
      .set({ nextAttemptAt: night })
      .where(
        inArray(
          notificationOutbox.notificationId,
          first.database.db
            .select({ id: notifications.id })
            .from(notifications)
            .where(eq(notifications.recipientUserId, user)),
        ),
      );
    const result = await deliverPendingNotifications({ db: first.database.db, transport, now: () => night });
    expect(result).toMatchObject({ deferred: 1 });
    expect(sent.map((message) => message.subject)).toEqual(['P1 notice']);
    const [held] = await outboxOf([calm.dedupeKey]);
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(held!.nextAttemptAt).toEqual(new Date('2026-01-16T07:00:00-05:00'));
    // At 07:00 it goes.
    await deliverPendingNotifications({
      db: first.database.db,
      transport,
      now: () => new Date('2026-01-16T07:00:01-05:00'),
    });
    expect(sent.map((message) => message.subject)).toEqual(['P1 notice', 'Calm notice']);

    // With a daily digest at 06:00, non-urgent e-mails wait for it and go as one.
    await first.database.db
      .update(notificationSettings)
      .set({ dailyDigest: true, digestHour: 6, quietHoursStart: null, quietHoursEnd: null })
      .where(eq(notificationSettings.userId, user));
    const morning = new Date('2026-01-17T05:00:00-05:00');
    const items = [0, 1].map((index) => ({
      ...notice(),
      recipientUserId: user,
      title: `Digest item ${index}`,
    }));
    await queueNotifications(first.database.db, items);
    await first.database.db
      .update(notificationOutbox)
      .set({ nextAttemptAt: morning })
      .where(eq(notificationOutbox.status, 'pending'));
    const heldResult = await deliverPendingNotifications({
      db: first.database.db,
      transport,
      now: () => morning,
    });
    expect(heldResult.held).toBeGreaterThanOrEqual(2);
    expect((await outboxOf(items.map((item) => item.dedupeKey))).map((row) => row.status)).toEqual([
      'held',
      'held',
    ]);
    // Not yet the digest hour (05:00): nothing; at 06:00: one digest.
    expect(await first.app.notifications.sendDigestsNow(morning)).toMatchObject({ digests: 0 });
    const six = new Date('2026-01-17T06:00:00-05:00');
    expect(await first.app.notifications.sendDigestsNow(six)).toMatchObject({ digests: 1 });
    expect(await first.app.notifications.sendDigestsNow(six)).toMatchObject({ digests: 0 });
    await deliverPendingNotifications({
      db: first.database.db,
      transport,
      now: () => new Date(Date.now() + 1000),
    });
    const digest = sent.find((message) => message.subject === 'NSP daily digest: 2 notifications');
    expect(digest?.text).toContain('Digest item 0');
    expect(digest?.text).toContain('Digest item 1');
    expect((await outboxOf(items.map((item) => item.dedupeKey))).map((row) => row.status)).toEqual([
      'delivered',
      'delivered',
    ]);
  });
});
