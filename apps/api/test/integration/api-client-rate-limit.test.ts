import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Users, unique, usersByRole } from '../support/factories/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Per-API-client limits: shared through the real Redis on 127.0.0.1:6379 by two API instances on one
 * PostgreSQL, counted per instance without it; 429 with Retry-After; lastUsedAt and usage recorded.
 */

const redisUrl = process.env.NSP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let testDatabase: TestDatabase;
let first: TestApp;
let second: TestApp;
let users: Users;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  first = await startTestApp({ testDatabase, config: { redisUrl } });
  second = await startTestApp({ testDatabase, config: { redisUrl } });
  users = await usersByRole(first);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await testDatabase?.drop();
});

async function client(limit: number) {
  const reply = await first.http
    .post('/api/v1/api-clients')
    .set(bearer(users.admin))
    .send({
      name: `Town website ${unique()}`,
      scopes: ['requests:read', 'open311'],
      rateLimitPerMinute: limit,
    })
    .expect(201);
  return reply.body as { id: string; key: string };
}

/** The limit counts per clock minute: start well inside one so the test never straddles two. */
async function freshMinute() {
  const second = new Date().getSeconds();
  if (second > 45) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

const read = (t: TestApp, key: string) =>
  t.http.get('/api/v1/service-requests?limit=1').set('X-Api-Key', key);

describe('per-client rate limits', () => {
  it('holds one limit across two instances sharing Redis, then answers 429 with Retry-After', async () => {
    expect(first.app.clientRateLimit.store).toBe('redis');
    const { key } = await client(10);
    await freshMinute();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await read(i % 2 === 0 ? first : second, key)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const refused = await read(second, key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await read(first, key)).status).toBe(429);
    // Open311 replies in its own error format, and a key in the form body counts too.
    const open311 = await first.http
      .post('/open311/v2/requests.json')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(`api_key=${encodeURIComponent(key)}&service_code=x`);
    expect(open311.status).toBe(429);
    expect(open311.body[0]).toMatchObject({ code: 429 });
    expect(open311.headers['retry-after']).toBeDefined();
  });

  it('limits each client on its own, and requests without a key are not counted against it', async () => {
    const busy = await client(3);
    const quiet = await client(3);
    await freshMinute();
    for (let i = 0; i < 3; i++) await read(first, busy.key).expect(200);
    await read(second, busy.key).expect(429);
    await read(second, quiet.key).expect(200);
    await first.http.get('/open311/v2/services.json').expect(200);
  });

  it('records lastUsedAt and the day’s requests, shown to administrators', async () => {
    const { id, key } = await client(100);
    for (let i = 0; i < 3; i++) await read(i === 0 ? first : second, key).expect(200);
    await second.app.clientRateLimit.flushUsage();
    const usage = await first.http
      .get(`/api/v1/api-clients/${id}/usage`)
      .set(bearer(users.admin))
      .expect(200);
    expect(usage.body).toMatchObject({ clientId: id, rateLimitPerMinute: 100 });
    expect(usage.body.days[0].requests).toBe(3);
    expect(Date.now() - Date.parse(usage.body.lastUsedAt)).toBeLessThan(60_000);
    const listed = await first.http.get('/api/v1/api-clients').set(bearer(users.admin)).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === id).lastUsedAt).not.toBeNull();
    await first.http.get(`/api/v1/api-clients/${id}/usage`).set(bearer(users.supervisor)).expect(403);
  });

  it('lets an administrator change a client’s limit', async () => {
    const { id, key } = await client(2);
    await first.http
      .patch(`/api/v1/api-clients/${id}`)
      .set(bearer(users.admin))
      .send({ rateLimitPerMinute: 500 })
      .expect(200);
    await freshMinute();
    for (let i = 0; i < 4; i++) await read(first, key).expect(200);
    await first.http
      .patch(`/api/v1/api-clients/${id}`)
      .set(bearer(users.admin))
      .send({ rateLimitPerMinute: 0 })
      .expect(400);
    await first.http
      .patch(`/api/v1/api-clients/${id}`)
      .set(bearer(users.staff))
      .send({ name: 'x' })
      .expect(403);
  });
});

describe('without Redis', () => {
  let solo: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    solo = await startTestApp({ testDatabase });
    other = await startTestApp({ testDatabase });
  });
  afterAll(async () => {
    await solo?.close();
    await other?.close();
  });

  it('counts in each instance’s memory (the documented fallback)', async () => {
    expect(solo.app.clientRateLimit.store).toBe('memory');
    const { key } = await client(2);
    await freshMinute();
    await read(solo, key).expect(200);
    await read(solo, key).expect(200);
    await read(solo, key).expect(429);
    // The other instance has its own count.
    await read(other, key).expect(200);
  });
});
