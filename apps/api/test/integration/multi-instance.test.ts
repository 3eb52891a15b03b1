import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionJobName } from '../../src/modules/service-requests/jobs/job-definitions.ts';
import { insertServiceRequest, insertServiceType } from '../support/factories/index.ts';
import { type Nginx, startNginx } from '../support/nginx.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/**
 * Two API instances on one PostgreSQL behind Debian's nginx, with the proxy settings shipped in
 * deploy/nginx/nsp-locations.conf, reached only through nginx (real HTTP): live events, the session
 * cache's invalidation, the Redis-backed rate limit and background jobs each work across them.
 * nginx reports which instance answered in X-Upstream.
 */

const redisUrl = process.env.NSP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let testDatabase: TestDatabase;
let instances: TestApp[] = [];
let nginx: Nginx | undefined;
let admin: TestUser;
let serviceCode: string;

const addressOf = (t: TestApp) => `127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  for (let i = 0; i < 2; i++) {
    instances.push(
      await startTestApp({
        testDatabase,
        config: { redisUrl, runJobs: true, trustProxy: ['127.0.0.1'], logLevel: 'debug' },
      }),
    );
  }
  nginx = await startNginx(instances.map(addressOf));
  admin = await userWithRoles(instances[0]!, ['admin']);
  serviceCode = await insertServiceType(instances[0]!.database.db);
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  for (const t of instances) await t.close().catch(() => {});
  instances = [];
  await testDatabase?.drop();
});

interface Reply {
  status: number;
  upstream: string;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  options: { token?: string; apiKey?: string; body?: unknown } = {},
) {
  const reply = await fetch(`${nginx!.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      ...(options.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await reply.text();
  return {
    status: reply.status,
    upstream: reply.headers.get('x-upstream') ?? '',
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: reply.headers,
  } satisfies Reply;
}

/** Calls until one answer comes from `upstream` (or from any other one, with `not`). */
async function callOn(
  target: { upstream: string; not?: boolean },
  method: string,
  path: string,
  options: Parameters<typeof call>[2] = {},
): Promise<Reply> {
  for (let i = 0; i < 20; i++) {
    const reply = await call(method, path, options);
    if ((reply.upstream === target.upstream) !== (target.not ?? false)) return reply;
  }
  throw new Error(`nginx never sent ${method} ${path} ${target.not ? 'away from' : 'to'} ${target.upstream}`);
}

const createBody = (description: string) => ({
  serviceCode,
  description,
  channel: 'phone',
  lat: 41.77,
  lon: -72.64,
});

describe('two API instances behind nginx', () => {
  it('balances across both instances', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) seen.add((await call('GET', '/healthz')).upstream);
    expect([...seen].sort()).toEqual(instances.map(addressOf).sort());
  });

  it('delivers a live event caused through one instance to a stream held open on the other', async () => {
    let text = '';
    let streamUpstream = '';
    const request = http.get(`${nginx!.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${admin.token}`, accept: 'text/event-stream' },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        request.on('error', reject);
        request.on('response', (response) => {
          expect(response.statusCode).toBe(200);
          streamUpstream = String(response.headers['x-upstream']);
          response.setEncoding('utf8');
          response.on('data', (chunk) => {
            text += chunk;
            if (text.includes(': connected')) resolve();
          });
        });
      });
      const created = await callOn(
        { upstream: streamUpstream, not: true },
        'POST',
        '/api/v1/service-requests',
        {
          token: admin.token,
          body: createBody('Live event across instances'),
        },
      );
      expect(created.status).toBe(201);
      expect(created.upstream).not.toBe(streamUpstream);
      const deadline = Date.now() + 5000;
      while (!text.includes(String(created.body.id)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(text).toContain(String(created.body.id));
    } finally {
      request.destroy();
    }
  });

  it('invalidates the session cache on both: a user deactivated through one is refused by the other', async () => {
    const user = await userWithRoles(instances[0]!, ['staff']);
    // Both instances have accepted (and cached) the session.
    const upstreams = instances.map(addressOf);
    for (const upstream of upstreams) {
      expect((await callOn({ upstream }, 'GET', '/api/v1/me', { token: user.token })).status).toBe(200);
    }
    const patched = await call('PATCH', `/api/v1/users/${user.id}`, {
      token: admin.token,
      body: { active: false },
    });
    expect(patched.status).toBe(200);
    // Each instance forgets the session when the change's NOTIFY reaches it: within milliseconds,
    // on the instance that made the change as on the other one.
    const started = Date.now();
    const refusedAfter: Record<string, number> = {};
    for (const upstream of upstreams) {
      let reply: Reply | undefined;
      while (Date.now() - started < 2000) {
        reply = await callOn({ upstream }, 'GET', '/api/v1/me', { token: user.token });
        if (reply.status === 401) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(reply?.status, `${upstream}, deactivated through ${patched.upstream}`).toBe(401);
      refusedAfter[upstream === patched.upstream ? 'same' : 'other'] = Date.now() - started;
    }
    console.info(`session cache: refused ${JSON.stringify(refusedAfter)} ms after the deactivation`);
    // And it stays refused on both.
    for (const upstream of upstreams) {
      expect((await callOn({ upstream }, 'GET', '/api/v1/me', { token: user.token })).status).toBe(401);
    }
  });

  it('shows a change made through one instance on the request page and queue remembered by both', async () => {
    const created = await call('POST', '/api/v1/service-requests', {
      token: admin.token,
      body: createBody('Remembered views across instances'),
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const queuePath = `/api/v1/service-requests?status=new&limit=50&counts=true`;
    const upstreams = instances.map(addressOf);
    // Both instances read (and remember) the request page and the queue's first page.
    for (const upstream of upstreams) {
      const page = await callOn({ upstream }, 'GET', `/api/v1/service-requests/${id}`, {
        token: admin.token,
      });
      expect(page.status).toBe(200);
      const queue = await callOn({ upstream }, 'GET', queuePath, { token: admin.token });
      expect((queue.body.items as Array<{ id: string }>).map((item) => item.id)).toContain(id);
    }
    const noted = await call('POST', `/api/v1/service-requests/${id}/notes`, {
      token: admin.token,
      body: { body: 'Seen on both instances', visibility: 'internal' },
    });
    expect(noted.status).toBe(201);
    // The instance that took the note shows it at once (its reply went out after it forgot).
    const same = await callOn({ upstream: noted.upstream }, 'GET', `/api/v1/service-requests/${id}`, {
      token: admin.token,
    });
    expect(JSON.stringify(same.body.timeline)).toContain('Seen on both instances');
    // The other one as soon as the database's notification reaches it.
    const started = Date.now();
    let other: Reply | undefined;
    while (Date.now() - started < 2000) {
      other = await callOn({ upstream: noted.upstream, not: true }, 'GET', `/api/v1/service-requests/${id}`, {
        token: admin.token,
      });
      if (JSON.stringify(other.body.timeline).includes('Seen on both instances')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(JSON.stringify(other?.body.timeline)).toContain('Seen on both instances');
    console.info(
      `request page: the note shown by the other instance ${Date.now() - started} ms after it was added`,
    );

    // A status change made directly in the database (a script, another tool) reaches both queues.
    await instances[0]!.database.pool!.query(
      `update service_requests set status = 'triaged', version = version + 1 where id = $1`,
      [id],
    );
    for (const upstream of upstreams) {
      let items: Array<{ id: string }> = [];
      const since = Date.now();
      while (Date.now() - since < 2000) {
        items = (await callOn({ upstream }, 'GET', queuePath, { token: admin.token })).body
          .items as typeof items;
        if (!items.some((item) => item.id === id)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(
        items.map((item) => item.id),
        upstream,
      ).not.toContain(id);
    }
  });

  it('counts an API client’s rate limit once across both instances (Redis)', async () => {
    for (const t of instances) expect(t.app.clientRateLimit.store).toBe('redis');
    const client = await call('POST', '/api/v1/api-clients', {
      token: admin.token,
      body: { name: `Across instances ${Date.now()}`, scopes: ['requests:read'], rateLimitPerMinute: 4 },
    });
    expect(client.status).toBe(201);
    const key = String(client.body.key);
    // The limit counts per clock minute: start well inside one so the test never straddles two.
    const second = new Date().getSeconds();
    if (second > 45) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    const served: Reply[] = [];
    for (let i = 0; i < 4; i++)
      served.push(await call('GET', '/api/v1/service-requests?limit=1', { apiKey: key }));
    expect(served.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    // Both instances served some of the four, so neither alone reached the limit of 4...
    expect(new Set(served.map((reply) => reply.upstream)).size).toBe(2);
    // ...yet the fifth is refused, by whichever instance gets it.
    for (const upstream of instances.map(addressOf)) {
      const refused = await callOn({ upstream }, 'GET', '/api/v1/service-requests?limit=1', { apiKey: key });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('runs a background job once, not once per instance', async () => {
    // A closed request past retention: the retention job anonymises it (work that shows in the log).
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const old = await insertServiceRequest(instances[0]!.database.db, {
      serviceCode,
      status: 'closed',
      ageHours: 800 * 24,
      closedAt: daysAgo(790),
      resolvedAt: daysAgo(790),
      updatedAt: daysAgo(790),
    });
    const finishedLines = () =>
      instances.map(
        (t) =>
          t.logLines.filter(
            (line) => line.includes('background job finished') && line.includes(retentionJobName),
          ).length,
      );
    const before = finishedLines();
    // One run is queued; both instances' workers are polling the same queue for it.
    await instances[1]!.app.jobs!.trigger(retentionJobName);
    const client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const { rows } = await client.query('select anonymized_at from service_requests where id = $1', [
          old.id,
        ]);
        if (rows[0]?.anonymized_at) break;
        if (Date.now() > deadline) throw new Error('the retention job did not run');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // Long enough for both instances' workers (polling every 2 s) to have picked up a second run.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const runs = finishedLines().map((count, i) => count - before[i]!);
      console.info(`background job: runs per instance ${JSON.stringify(runs)}`);
      expect(runs[0]! + runs[1]!).toBe(1);
      const { rows } = await client.query<{ runs: number }>(
        `select count(*)::int as runs from pgboss.job where name = $1 and state = 'completed'`,
        [retentionJobName],
      );
      expect(rows[0]!.runs).toBe(1);
    } finally {
      await client.end();
    }
  });
});
