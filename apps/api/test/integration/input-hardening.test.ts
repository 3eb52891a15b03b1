import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredApiRoutes } from '../support/route-catalog.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * Issue #9, defect 2: 32 requests (two without logging in) answered 500. Each class has a test here;
 * the route fuzzer (test/fuzz) keeps the whole class from coming back.
 */
let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithRoles(t, ['admin']);
});
afterAll(async () => {
  await t.close();
});

function expectProblemNaming(
  reply: { status: number; headers: Record<string, string>; body: unknown },
  field: string,
) {
  expect(reply.status).toBe(400);
  expect(reply.headers['content-type']).toContain('application/problem+json');
  const body = reply.body as { errors?: Array<{ path: string }> };
  expect(body.errors?.map((error) => error.path)).toContain(field);
}

describe('text with NUL bytes or lone surrogates', () => {
  const bad = ['a\u0000b', 'x\uD800y', '\uDFFF'];

  it('is refused in the login e-mail, without logging in, with 400 naming the field', async () => {
    for (const email of bad) {
      const reply = await t.http.post('/api/v1/auth/login').send({ email, password: 'whatever-it-is' });
      expectProblemNaming(reply, 'email');
    }
  });

  it('is refused in query filters (a URL cannot carry a lone surrogate, only NUL)', async () => {
    for (const q of ['a\u0000b', '\u0000']) {
      expectProblemNaming(await t.http.get('/api/v1/service-requests').query({ q }).set(bearer(admin)), 'q');
    }
    const raw = await t.http.get('/api/v1/service-requests?q=%00%00').set(bearer(admin));
    expectProblemNaming(raw, 'q');
  });

  it('is refused in names, codes and JSON descriptions', async () => {
    for (const value of bad) {
      expectProblemNaming(
        await t.http
          .post('/api/v1/personnel')
          .set(bearer(admin))
          .send({ name: value, title: 'Officer', kind: 'officer' }),
        'name',
      );
      expectProblemNaming(
        await t.http
          .post('/api/v1/service-requests')
          .set(bearer(admin))
          .send({ serviceCode: value, description: 'ok', channel: 'phone', lat: 41.76, lon: -72.64 }),
        'serviceCode',
      );
      expectProblemNaming(
        await t.http
          .post('/api/v1/service-requests')
          .set(bearer(admin))
          .send({ serviceCode: 'x', description: `noise ${value}`, channel: 'phone' }),
        'description',
      );
    }
  });

  it('is refused in object keys too', async () => {
    const reply = await t.http
      .post('/api/v1/service-requests')
      .set(bearer(admin))
      .set('content-type', 'application/json')
      .send('{"serviceCode":"x","description":"d","channel":"phone","attributes":{"a\\u0000":"1"}}');
    expectProblemNaming(reply, 'attributes.a\u0000');
  });
});

describe('pagination cursors', () => {
  const forged = [
    Buffer.from('"just a string"').toString('base64url'),
    Buffer.from('[1,2,3,4,5,6,7]').toString('base64url'),
    Buffer.from('["dueAt","9999-99-99 99:99:99","not-a-uuid"]').toString('base64url'),
    Buffer.from('[{"$gt":""},null]').toString('base64url'),
    'not base64 at all!',
    '%%%',
  ];

  it('that are forged or garbled get 400 naming cursor on every list route', async () => {
    const lists = registeredApiRoutes(t.app).filter(
      (route) =>
        route.method === 'GET' &&
        !route.path.includes(':') &&
        route.contract?.querystring &&
        'cursor' in ((route.contract.querystring as unknown as { shape?: object }).shape ?? {}),
    );
    expect(lists.length).toBeGreaterThan(4);
    for (const route of lists) {
      for (const cursor of forged) {
        const reply = await t.http.get(route.path).query({ cursor }).set(bearer(admin));
        expect(reply.status, `${route.path} with ${cursor}`).toBe(400);
        expect(reply.body.errors?.[0]?.path, route.path).toBe('cursor');
      }
    }
  });
});

describe('dates', () => {
  it('that PostgreSQL rejects or that do not exist get 400 naming the field', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['/api/v1/service-requests', { createdFrom: '0000-01-01T00:00:00Z' }, 'createdFrom'],
      ['/api/v1/service-requests', { createdTo: '9999-12-31T23:59:59Z' }, 'createdTo'],
      ['/api/v1/assignments', { at: '9999-12-31T23:59:59Z' }, 'at'],
      ['/api/v1/assignments', { at: '0000-01-01T00:00:00Z' }, 'at'],
      ['/api/v1/assignments', { at: '2026-02-30T10:00:00Z' }, 'at'],
    ];
    for (const [path, query, field] of cases) {
      expectProblemNaming(await t.http.get(path).query(query).set(bearer(admin)), field);
    }
  });
});

describe('URLs the router cannot read', () => {
  it('get problem+json for bad percent-encoding and over-long path parts, even anonymously', async () => {
    for (const path of ['/api/v1/service-requests/%FF', '/api/v1/users/%ED%A0%80']) {
      const reply = await t.http.get(path);
      expect(reply.status).toBe(400);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    }
    const long = await t.http.get(`/api/v1/service-requests/${'x'.repeat(400)}`);
    expect(long.status).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
  });

  it('get a problem+json 431 when the request line is larger than the server reads', async () => {
    const port = (t.app.server.address() as { port: number }).port;
    const reply = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port, path: `/api/v1/me?q=${'x'.repeat(100_000)}` },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              type: String(response.headers['content-type']),
              body,
            }),
          );
        },
      );
      request.on('error', reject);
    });
    expect(reply.status).toBe(431);
    expect(reply.type).toContain('application/problem+json');
    expect(JSON.parse(reply.body)).toMatchObject({ status: 431 });
  });
});
