import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import {
  ConflictError,
  ForbiddenError,
  LockedError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
} from '../../src/lib/errors.ts';
import { access } from '../../src/lib/access.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { eventually } from '../support/eventually.ts';
import { startTestApp, testConfig } from '../support/test-app.ts';

let app: FastifyInstance;
let database: DatabaseHandle;
let testDatabase: TestDatabase;
let http: ReturnType<typeof supertest>;

const domainErrors = {
  validation: () => new ValidationError('bad', [{ path: 'title', message: 'is required', in: 'body' }]),
  unauthorized: () => new UnauthorizedError('who are you'),
  forbidden: () => new ForbiddenError('not you'),
  'not-found': () => new NotFoundError('nothing here'),
  conflict: () => new ConflictError('already there', { allowed: ['triaged'] }),
  'precondition-failed': () => new PreconditionFailedError('stale'),
  locked: () => new LockedError('locked'),
  unavailable: () => new ServiceUnavailableError('down'),
} as const;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '' });
  app = await buildApp({ config: testConfig(), database, logger: createLogger('silent') });
  // Test-only routes that fail in each way the handler must translate.
  app.post(
    '/test/echo',
    {
      config: { access: access.public() },
      schema: { body: z.object({ title: z.string().min(1), requester: z.object({ email: z.email() }) }) },
    },
    async (request) => request.body,
  );
  app.get('/test/domain/:kind', { config: { access: access.public() } }, async (request) => {
    throw domainErrors[(request.params as { kind: keyof typeof domainErrors }).kind]();
  });
  app.get('/test/crash', { config: { access: access.public() } }, async () => {
    throw new Error('secret internal detail: relation "users" at /srv/app.ts:12');
  });
  app.get('/test/database-down', { config: { access: access.public() } }, async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  await app.ready();
  http = supertest(app.server);
});

afterAll(async () => {
  await app.close();
  await database.close();
  await testDatabase.drop();
});

function expectProblem(reply: supertest.Response, status: number) {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    instance: expect.any(String),
  });
}

describe('the error handler', () => {
  it('answers unknown routes with a 404 problem', async () => {
    const reply = await http.get('/api/v1/no-such-thing');
    expectProblem(reply, 404);
    expect(reply.body.instance).toBe('/api/v1/no-such-thing');
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const reply = await http.delete('/api/v1/auth/login');
    expectProblem(reply, 405);
    expect(reply.headers.allow).toContain('POST');
  });

  it('answers malformed JSON with 400', async () => {
    const reply = await http.post('/test/echo').set('content-type', 'application/json').send('{"title": ');
    expectProblem(reply, 400);
    expect(reply.body.detail).toMatch(/JSON/);
  });

  it('answers an oversize body with 413', async () => {
    const reply = await http
      .post('/test/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), requester: { email: 'a@b.co' } }));
    expectProblem(reply, 413);
  });

  it('answers an unsupported content type with 415', async () => {
    const reply = await http.post('/test/echo').set('content-type', 'application/x-unknown').send('abc');
    expectProblem(reply, 415);
  });

  it('answers validation failures with 400 naming every field path', async () => {
    const reply = await http.post('/test/echo').send({ title: '', requester: { email: 'not-an-email' } });
    expectProblem(reply, 400);
    const paths = reply.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'requester.email']));
    expect(reply.body.errors[0]).toMatchObject({ in: 'body', message: expect.any(String) });
  });

  it.each([
    ['validation', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['precondition-failed', 412],
    ['locked', 423],
    ['unavailable', 503],
  ] as const)('maps the %s domain error to %i', async (kind, status) => {
    const reply = await http.get(`/test/domain/${kind}`);
    expectProblem(reply, status);
  });

  it('keeps extension members such as the allowed transitions on a conflict', async () => {
    const reply = await http.get('/test/domain/conflict');
    expect(reply.body.allowed).toEqual(['triaged']);
  });

  it('answers an unexpected error with 500 and no internal detail', async () => {
    const reply = await http.get('/test/crash');
    expectProblem(reply, 500);
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/secret internal detail|relation|\/srv\/|stack/);
    expect(reply.headers['x-request-id']).toBeTruthy();
  });

  it('answers a lost database connection with 503', async () => {
    const reply = await http.get('/test/database-down');
    expectProblem(reply, 503);
    expect(reply.body.detail).not.toMatch(/5432|ECONNREFUSED/);
  });

  it('answers missing credentials with 401 and the wrong role with 403, as problems', async () => {
    expectProblem(await http.get('/api/v1/users'), 401);
    expectProblem(await http.get('/api/v1/users').set('Authorization', 'Bearer not-a-jwt'), 401);
  });
});

describe('a client that hangs up mid-request', () => {
  it('is logged as an aborted request, not as a 500 or a database outage', async () => {
    const aborted = await startTestApp();
    try {
      const port = (aborted.app.server.address() as { port: number }).port;
      for (const path of ['/api/v1/auth/login', '/api/v1/auth/refresh']) {
        await new Promise<void>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.write(
              `POST ${path} HTTP/1.1\r\nHost: nsp\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":"a`,
            );
            setTimeout(() => {
              socket.destroy();
              resolve();
            }, 200);
          });
        });
      }
      await eventually(
        async () =>
          aborted.logLines.filter((line) => line.includes('request aborted by the client')).length === 2,
        5000,
        'two aborted-request lines',
      );
      const alarming = aborted.logLines.filter(
        (line) =>
          /"level":(50|60)/.test(line) ||
          line.includes('database unavailable') ||
          line.includes('"statusCode":500'),
      );
      expect(alarming).toEqual([]);
    } finally {
      await aborted.close();
    }
  });
});
