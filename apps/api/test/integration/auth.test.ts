import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  startTestApp,
  strongPassword,
  type TestApp,
  uniqueEmail,
  userWithRoles,
} from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function auditActions(entityId: string): Promise<string[]> {
  const { rows } = await t.database.pool!.query<{ action: string }>(
    'select action from audit_log where entity_id = $1 order by id',
    [entityId],
  );
  return rows.map((row) => row.action);
}

describe('login, tokens and sessions', () => {
  it('logs in and answers the documented session shape, then /me', async () => {
    const user = await userWithRoles(t, ['staff']);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email.toUpperCase(), password: user.password })
      .expect(200);
    expect(login.body).toMatchObject({
      expiresIn: 900,
      user: { id: user.id, email: user.email, roles: ['staff'] },
    });
    expect(typeof login.body.accessToken).toBe('string');
    expect(typeof login.body.refreshToken).toBe('string');
    const me = await t.http
      .get('/api/v1/me')
      .set(bearer({ token: login.body.accessToken }))
      .expect(200);
    expect(me.body).toMatchObject({
      id: user.id,
      email: user.email,
      roles: ['staff'],
      active: true,
      lockedUntil: null,
    });
    expect(await auditActions(user.id)).toContain('auth.login');
  });

  it('refuses a wrong password with 401 and does not say which part was wrong', async () => {
    const user = await userWithRoles(t, ['staff']);
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'not-the-password-at-all' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail(), password: 'whatever-password' })
      .expect(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rotates refresh tokens; reusing a rotated one ends the whole session family', async () => {
    const user = await userWithRoles(t, ['staff']);
    const first = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    // The old token comes back (stolen copy): refused, and the new one dies with it.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    expect(await auditActions(user.id)).toContain('auth.refresh_token_reused');
  });

  it('logout revokes the refresh token', async () => {
    const user = await userWithRoles(t, ['analyst']);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('ends a session after 30 minutes without activity', async () => {
    const user = await userWithRoles(t, ['staff']);
    const { rows } = await t.database.pool!.query(
      'select extract(epoch from (idle_expires_at - created_at)) as idle, extract(epoch from (absolute_expires_at - created_at)) as absolute from refresh_tokens where user_id = $1',
      [user.id],
    );
    expect(Number(rows[0].idle)).toBeCloseTo(30 * 60, -1);
    expect(Number(rows[0].absolute)).toBeCloseTo(12 * 60 * 60, -1);
    await t.database.pool!.query(
      "update refresh_tokens set idle_expires_at = now() - interval '1 second' where user_id = $1",
      [user.id],
    );
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('only accepts HS256 tokens with the right issuer and audience', async () => {
    const user = await userWithRoles(t, ['admin']);
    const claims = { sub: user.id, email: user.email, name: 'x', roles: ['admin'] };
    const secret = t.config.jwtSecret;
    const forged = [
      createSigner({ algorithm: 'none' })({ ...claims, iss: 'nsp', aud: 'nsp-api' }),
      createSigner({ key: secret, algorithm: 'HS512' })({ ...claims, iss: 'nsp', aud: 'nsp-api' }),
      createSigner({ key: secret, algorithm: 'HS256' })({ ...claims, iss: 'someone-else', aud: 'nsp-api' }),
      createSigner({ key: secret, algorithm: 'HS256' })({ ...claims, iss: 'nsp', aud: 'another-api' }),
      createSigner({ key: secret, algorithm: 'HS256', expiresIn: -1000 })({
        ...claims,
        iss: 'nsp',
        aud: 'nsp-api',
      }),
    ];
    for (const token of forged) {
      await t.http.get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(401);
    }
    await t.http.get('/api/v1/users').set(bearer(user)).expect(200);
  });
});

describe('lockout', () => {
  it('locks after 5 failed logins, refuses the right password while locked, and an admin can unlock', async () => {
    const user = await userWithRoles(t, ['staff']);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `wrong-password-${attempt}` })
        .expect(401);
    }
    const sixth = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong-password-6' })
      .expect(423);
    expect(sixth.body.detail).toMatch(/locked/i);
    const right = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(423);
    const lockedUntil = new Date(right.body.lockedUntil).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(10 * 60 * 1000 - 5_000);
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(['auth.login_failed', 'user.locked', 'auth.login_refused_locked']),
    );

    const admin = await userWithRoles(t, ['admin']);
    const shown = await t.http.get(`/api/v1/users/${user.id}`).set(bearer(admin)).expect(200);
    expect(shown.body.lockedUntil).not.toBeNull();
    await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ unlock: true }).expect(200);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(await auditActions(user.id)).toContain('user.unlocked');
  });

  it('rate-limits logins per client address', async () => {
    const limited = await startTestApp({ config: { loginRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const reply = await limited.http
          .post('/api/v1/auth/login')
          .send({ email: uniqueEmail(), password: 'wrong-password-x' });
        statuses.push(reply.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('passwords', () => {
  it('refuses short, long and common passwords, naming the field', async () => {
    const admin = await userWithRoles(t, ['admin']);
    const cases = ['short-pw', 'x'.repeat(129), 'qwerty123456', 'Password1234', 'aaaaaaaaaaaaaaa'];
    for (const password of cases) {
      const reply = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ email: uniqueEmail(), name: 'New Person', password, roles: ['staff'] })
        .expect(400);
      expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain('password');
    }
    await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: uniqueEmail(), name: 'New Person', password: strongPassword(), roles: ['staff'] })
      .expect(201);
  });

  it('stores argon2id hashes, never the password', async () => {
    const user = await userWithRoles(t, ['staff']);
    const { rows } = await t.database.pool!.query('select password_hash from users where id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(user.password);
  });
});

describe('logs', () => {
  it('never contain passwords, tokens or authorization headers', async () => {
    const user = await userWithRoles(t, ['staff']);
    await t.http.get('/api/v1/me').set(bearer(user)).expect(200);
    await t.http.get('/healthz?api_key=secret-key-in-query').expect(200);
    const logs = t.logLines.join('\n');
    expect(logs).not.toContain(user.password);
    expect(logs).not.toContain(user.token);
    expect(logs).not.toContain(user.refreshToken);
    expect(logs).not.toContain('secret-key-in-query');
    expect(logs).toContain('"reqId"');
  });

  it('honours an incoming X-Request-Id', async () => {
    const reply = await t.http.get('/healthz').set('X-Request-Id', 'lb-1234-abcd').expect(200);
    expect(reply.headers['x-request-id']).toBe('lb-1234-abcd');
  });

  it('refuses a token once it expires, even one it accepted a moment before', async () => {
    const user = await userWithRoles(t, ['admin']);
    const claims = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString());
    const { iat: _iat, exp: _exp, ...rest } = claims;
    const shortLived = createSigner({ key: t.config.jwtSecret, algorithm: 'HS256', expiresIn: 4000 })(rest);
    await t.http.get('/api/v1/users').set('Authorization', `Bearer ${shortLived}`).expect(200);
    await t.http.get('/api/v1/users').set('Authorization', `Bearer ${shortLived}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 5100));
    await t.http.get('/api/v1/users').set('Authorization', `Bearer ${shortLived}`).expect(401);
  });
});
