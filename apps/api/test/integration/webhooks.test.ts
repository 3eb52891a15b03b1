import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, webhookDeliveries, webhookSubscriptions } from '../../src/db/schema/index.ts';
import { MAX_ATTEMPTS } from '../../src/modules/webhooks/delivery.ts';
import { webhookDeliveryJobName } from '../../src/modules/webhooks/jobs.ts';
import { eventually } from '../support/eventually.ts';
import {
  createNeighborhood,
  createServiceType,
  newRequest,
  type TestNeighborhood,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Webhooks against a real receiver on localhost (no fake HTTP), with two API instances sharing one
 * PostgreSQL and both running the delivery job: deliveries verify with the Standard Webhooks
 * reference verifier, a 500 is retried, and nothing is delivered twice after a success.
 */

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  status: number;
}

let testDatabase: TestDatabase;
let first: TestApp;
let second: TestApp;
let users: Users;
let area: TestNeighborhood;
let serviceCode: string;
let receiver: Server;
let receiverUrl: string;
let secret = '';
/** What the receiver answers next: a queue of statuses, then 204. */
const answers: number[] = [];
const received: Received[] = [];
const unverified: string[] = [];

function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: { type: string; data: Record<string, unknown> };
      try {
        payload = new Webhook(secret).verify(body, headersOf(request.headers)) as typeof payload;
      } catch (error) {
        unverified.push(String(error));
        response.writeHead(400).end();
        return;
      }
      const status = answers.shift() ?? 204;
      received.push({
        id: String(request.headers['webhook-id']),
        type: payload.type,
        data: payload.data,
        status,
      });
      response.writeHead(status).end();
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () => {
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/nsp`;
      resolve();
    }),
  );
}

const headersOf = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

/** Both instances run the delivery job at the same moment. */
const runOnBoth = () =>
  Promise.all([
    first.app.jobs!.runNow(webhookDeliveryJobName),
    second.app.jobs!.runNow(webhookDeliveryJobName),
  ]);

const successes = (id: string) => received.filter((r) => r.id === id && r.status < 300).length;

let subscriptionId: string;

beforeAll(async () => {
  await startReceiver();
  testDatabase = await createTestDatabase();
  first = await startTestApp({ testDatabase, config: { runJobs: true } });
  second = await startTestApp({ testDatabase, config: { runJobs: true } });
  users = await usersByRole(first);
  area = await createNeighborhood(first, users.admin, { lat: 41.76, lon: -72.64 });
  serviceCode = (await createServiceType(first, users.admin)).code;
  const created = await first.http
    .post('/api/v1/webhooks')
    .set(bearer(users.admin))
    .send({
      url: receiverUrl,
      description: 'Town 311 CRM',
      eventTypes: [
        'service_request.created',
        'service_request.status_changed',
        'service_request.public_update',
      ],
    })
    .expect(201);
  secret = created.body.secret;
  subscriptionId = created.body.id;
  expect(secret).toMatch(/^whsec_/);
});

afterAll(async () => {
  for (const line of [...(first?.logLines ?? []), ...(second?.logLines ?? [])])
    if (line.includes('"level":50')) console.log(line.slice(0, 700));
  await first?.close();
  await second?.close();
  await testDatabase?.drop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhook deliveries across two instances', () => {
  it('signs deliveries, retries after a 500 and never delivers twice after a success', async () => {
    answers.push(500);
    const request = await newRequest(second, users.staff, {
      serviceCode,
      lat: area.center.lat,
      lon: area.center.lon,
      requester: { name: 'Maria Resident', email: 'maria@example.org' },
    });
    await runOnBoth();
    const firstTry = await eventually(
      async () => received.find((r) => r.type === 'service_request.created'),
      20_000,
      'the first delivery',
    );
    expect(firstTry.status).toBe(500);
    expect(firstTry.data).toMatchObject({
      serviceRequestId: request.id,
      trackingNumber: request.trackingNumber,
      serviceCode,
    });
    // No personal data in any payload.
    expect(JSON.stringify(firstTry)).not.toMatch(/Maria|maria@/);
    const [pending] = await first.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, firstTry.id));
    expect(pending).toMatchObject({ state: 'pending', attempts: 1, lastStatusCode: 500 });
    // Backoff: the retry waits (at least 15 s for the first), so running again now sends nothing.
    expect(pending!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    await runOnBoth();
    expect(received.filter((r) => r.id === firstTry.id)).toHaveLength(1);

    // Time passes: the retry is due; both instances race for it and it is delivered once.
    await first.database.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookDeliveries.id, pending!.id));
    await runOnBoth();
    await eventually(async () => successes(firstTry.id) === 1, 20_000, 'the retry');
    for (let i = 0; i < 3; i++) await runOnBoth();
    expect(received.filter((r) => r.id === firstTry.id).map((r) => r.status)).toEqual([500, 204]);
    expect(unverified).toEqual([]);

    const log = await first.http
      .get(`/api/v1/webhook-deliveries/${pending!.id}`)
      .set(bearer(users.admin))
      .expect(200);
    expect(log.body).toMatchObject({ state: 'succeeded', attempts: 2, eventId: firstTry.id });
    expect(log.body.log.map((entry: { statusCode: number }) => entry.statusCode)).toEqual([500, 204]);
  });

  it('delivers a subscription’s events in order, each once, while both instances run the job', async () => {
    const request = await newRequest(first, users.staff, {
      serviceCode,
      lat: area.center.lat,
      lon: area.center.lon,
    });
    await second.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'An officer will visit tonight.', visibility: 'public' })
      .expect(201);
    await first.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Internal: the caller is Bob', visibility: 'internal' })
      .expect(201);
    await second.http
      .post(`/api/v1/service-requests/${request.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'in_progress', reason: 'Internal reason' })
      .expect(200);
    const forRequest = () => received.filter((r) => r.data.serviceRequestId === request.id);
    await eventually(
      async () => {
        await runOnBoth();
        return forRequest().length >= 3;
      },
      20_000,
      'three deliveries',
    );
    for (let i = 0; i < 2; i++) await runOnBoth();
    expect(forRequest().map((r) => r.type)).toEqual([
      'service_request.created',
      'service_request.public_update',
      'service_request.status_changed',
    ]);
    expect(new Set(forRequest().map((r) => r.id)).size).toBe(3);
    expect(forRequest()[1]!.data.update).toBe('An officer will visit tonight.');
    expect(forRequest()[2]!.data).toMatchObject({ status: 'in_progress', previousStatus: 'assigned' });
    expect(JSON.stringify(forRequest())).not.toMatch(/Bob|Internal/);
  });

  it('test-sends to the receiver and reports the answer', async () => {
    const reply = await first.http
      .post(`/api/v1/webhooks/${subscriptionId}/test`)
      .set(bearer(users.admin))
      .expect(200);
    expect(reply.body).toMatchObject({ eventType: 'webhook.test', state: 'succeeded', attempts: 1 });
    expect(reply.body.log).toEqual([expect.objectContaining({ statusCode: 204 })]);
    expect(received.at(-1)).toMatchObject({ type: 'webhook.test', id: reply.body.eventId });
    const listed = await first.http.get('/api/v1/webhooks').set(bearer(users.admin)).expect(200);
    expect(
      Date.parse(listed.body.items[0].lastDeliveryAt),
      JSON.stringify(listed.body.items[0]),
    ).toBeGreaterThan(Date.now() - 60_000);
    expect(listed.body.items[0]).toMatchObject({ active: true, pendingDeliveries: 0, failedDeliveries: 0 });
    const failedAfterwards = await first.http
      .get(`/api/v1/webhooks/${subscriptionId}`)
      .set(bearer(users.admin));
    expect(failedAfterwards.body.lastDeliveryAt).toBe(listed.body.items[0].lastDeliveryAt);
  });

  it('disables a subscription that keeps failing, tells its owner, and replays the failed delivery', async () => {
    const request = await newRequest(first, users.staff, {
      serviceCode,
      lat: area.center.lat,
      lon: area.center.lon,
    });
    answers.push(503);
    await eventually(
      async () => {
        await runOnBoth();
        return received.find((r) => r.data.serviceRequestId === request.id);
      },
      20_000,
      'the failing delivery',
    );
    const [delivery] = await first.database.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.state, 'pending')),
      );
    // The attempts before the last have been used up; the last one fails too.
    await first.database.db
      .update(webhookDeliveries)
      .set({ attempts: MAX_ATTEMPTS - 1, nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookDeliveries.id, delivery!.id));
    answers.push(500);
    // A run the trigger started on its own may hold the queue for a moment: run until it is given up.
    const subscription = await eventually(
      async () => {
        await runOnBoth();
        const [row] = await first.database.db
          .select()
          .from(webhookSubscriptions)
          .where(eq(webhookSubscriptions.id, subscriptionId));
        return row?.disabledAt ? row : null;
      },
      20_000,
      'the subscription to be disabled',
    );
    expect(subscription.disabledAt).not.toBeNull();
    const told = await first.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.recipientUserId, users.admin.id), eq(notifications.kind, 'webhook_disabled')),
      );
    expect(told).toHaveLength(1);
    const failed = await first.http
      .get(`/api/v1/webhooks/${subscriptionId}/deliveries?state=failed`)
      .set(bearer(users.admin))
      .expect(200);
    expect(failed.body.items.map((item: { id: string }) => item.id)).toEqual([delivery!.id]);
    expect(failed.body.items[0]).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatusCode: 500 });
    const shown = await first.http
      .get(`/api/v1/webhooks/${subscriptionId}`)
      .set(bearer(users.admin))
      .expect(200);
    expect(shown.body).toMatchObject({ active: false, failedDeliveries: 1 });
    expect(shown.body.disabledReason).toContain('failed 10 times');

    // Fixed receiver: re-enable, replay, and the same event id arrives once more, successfully.
    await first.http
      .patch(`/api/v1/webhooks/${subscriptionId}`)
      .set(bearer(users.admin))
      .send({ active: true })
      .expect(200);
    await first.http
      .post(`/api/v1/webhook-deliveries/${delivery!.id}/replay`)
      .set(bearer(users.admin))
      .expect(202);
    await first.http
      .post(`/api/v1/webhook-deliveries/${delivery!.id}/replay`)
      .set(bearer(users.admin))
      .expect(409);
    await runOnBoth();
    await eventually(async () => successes(delivery!.eventId) === 1, 20_000, 'the replay');
    // The receiver has answered; the sender writes the answer into the log just after.
    const last = await eventually(
      async () => {
        const log = await first.http
          .get(`/api/v1/webhook-deliveries/${delivery!.id}`)
          .set(bearer(users.admin))
          .expect(200);
        return log.body.state === 'succeeded' ? log.body.log.at(-1) : null;
      },
      20_000,
      'the replay in the delivery log',
    );
    expect(last).toMatchObject({ statusCode: 204 });
  });

  it('is for administrators only', async () => {
    await first.http.get('/api/v1/webhooks').set(bearer(users.supervisor)).expect(403);
    await first.http
      .post('/api/v1/webhooks')
      .set(bearer(users.staff))
      .send({ url: receiverUrl, eventTypes: ['service_request.created'] })
      .expect(403);
    const bad = await first.http
      .post('/api/v1/webhooks')
      .set(bearer(users.admin))
      .send({ url: 'ftp://example.org', eventTypes: ['webhook.test'] })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['eventTypes.0', 'url']);
  });
});
