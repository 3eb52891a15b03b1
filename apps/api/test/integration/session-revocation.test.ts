import http from 'node:http';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * Issue #9, defect 1: access tokens lived 10.4 days and nothing checked them against the database.
 * Two API instances share one database here, as behind a load balancer.
 */
let database: TestDatabase;
let first: TestApp;
let second: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApp({ testDatabase: database });
  second = await startTestApp({ testDatabase: database });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
});

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

async function adminPatch(admin: TestUser, userId: string, body: Record<string, unknown>) {
  await first.http.patch(`/api/v1/users/${userId}`).set(bearer(admin)).send(body).expect(200);
}

/** Polls until the call answers `status`; returns how long that took. */
async function msUntilStatus(call: () => Promise<{ status: number }>, status: number, limitMs = 5000) {
  const started = Date.now();
  for (;;) {
    if ((await call()).status === status) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`still not ${status} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('access tokens', () => {
  it('live 15 minutes (exp - iat = 900 s), as the login reply says', async () => {
    const user = await userWithRoles(first, ['staff']);
    const claims = claimsOf(user.token);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    const refreshed = await first.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    const refreshedClaims = claimsOf(refreshed.body.accessToken);
    expect(Number(refreshedClaims.exp) - Number(refreshedClaims.iat)).toBe(900);
    expect(refreshedClaims.sid).toBe(claims.sid);
  });

  it('of a deactivated user are refused on another instance within 5 seconds', async () => {
    const admin = await userWithRoles(first, ['admin']);
    const user = await userWithRoles(first, ['staff']);
    await second.http.get('/api/v1/me').set(bearer(user)).expect(200);
    await adminPatch(admin, user.id, { active: false });
    const ms = await msUntilStatus(() => second.http.get('/api/v1/me').set(bearer(user)), 401);
    expect(ms).toBeLessThan(5000);
    const refused = await second.http.get('/api/v1/me').set(bearer(user)).expect(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await first.http.get('/api/v1/me').set(bearer(user)).expect(401);
  });

  it('of a demoted user no longer read requesters’ contact data, on either instance', async () => {
    const admin = await userWithRoles(first, ['admin']);
    const user = await userWithRoles(first, ['staff']);
    await second.http.get('/api/v1/service-requests').set(bearer(user)).expect(200);
    await adminPatch(admin, user.id, { roles: ['analyst'] });
    await msUntilStatus(() => second.http.get('/api/v1/service-requests').set(bearer(user)), 401);
    await first.http.get('/api/v1/service-requests').set(bearer(user)).expect(401);
  });

  it('end with a logout of their session, and only that session', async () => {
    const user = await userWithRoles(first, ['staff']);
    const otherSession = await first.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await first.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await msUntilStatus(() => second.http.get('/api/v1/me').set(bearer(user)), 401);
    await first.http.get('/api/v1/me').set(bearer(user)).expect(401);
    await second.http
      .get('/api/v1/me')
      .set(bearer({ token: otherSession.body.accessToken }))
      .expect(200);
  });

  it('with claims of the wrong type are refused with 401, even when signed with the server’s key', async () => {
    const user = await userWithRoles(first, ['admin']);
    const good = claimsOf(user.token);
    const sign = createSigner({ key: first.config.jwtSecret, algorithm: 'HS256' });
    const { exp: _exp, iat: _iat, ...base } = good;
    const variants: Array<Record<string, unknown>> = [
      { ...base, roles: 'admin' },
      { ...base, roles: ['admin', 'root'] },
      { ...base, sub: 'not-a-uuid' },
      { ...base, sub: 42 },
      { ...base, sid: undefined },
      { ...base, email: { $ne: null } },
    ];
    for (const claims of variants) {
      const token = createSigner({ key: first.config.jwtSecret, algorithm: 'HS256', expiresIn: 60_000 })(
        claims,
      );
      const reply = await first.http.get('/api/v1/users').set('Authorization', `Bearer ${token}`);
      expect(reply.status, JSON.stringify(claims)).toBe(401);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    }
    // No expiry at all.
    const forever = sign({ ...base });
    await first.http.get('/api/v1/users').set('Authorization', `Bearer ${forever}`).expect(401);
    await first.http.get('/api/v1/users').set(bearer(user)).expect(200);
  });
});

/** Opens an SSE stream on an instance and resolves when the server ends it. */
function streamEnd(app: TestApp, token: string): { opened: Promise<void>; ended: Promise<number> } {
  const port = (app.app.server.address() as { port: number }).port;
  let markOpened: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    markOpened = resolve;
  });
  const ended = new Promise<number>((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/api/v1/events', headers: bearer({ token }) },
      (response) => {
        response.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(': connected')) markOpened();
        });
        response.on('end', () => resolve(Date.now()));
      },
    );
    request.on('error', reject);
    setTimeout(() => {
      request.destroy();
      reject(new Error('the stream was not ended by the server within 10 s'));
    }, 10_000);
  });
  return { opened, ended };
}

describe('live event streams', () => {
  it('close when their user is deactivated through another instance', async () => {
    const admin = await userWithRoles(first, ['admin']);
    const user = await userWithRoles(first, ['staff']);
    const stream = streamEnd(second, user.token);
    await stream.opened;
    const deactivatedAt = Date.now();
    await adminPatch(admin, user.id, { active: false });
    expect((await stream.ended) - deactivatedAt).toBeLessThan(5000);
  });

  it('close when their access token expires', async () => {
    const user = await userWithRoles(first, ['staff']);
    const claims = claimsOf(user.token);
    const { exp: _exp, iat: _iat, ...base } = claims;
    const shortLived = createSigner({
      key: first.config.jwtSecret,
      algorithm: 'HS256',
      expiresIn: 2000,
    })(base);
    const stream = streamEnd(first, shortLived);
    await stream.opened;
    const openedAt = Date.now();
    const endedAt = await stream.ended;
    expect(endedAt - openedAt).toBeLessThan(4000);
  });
});
