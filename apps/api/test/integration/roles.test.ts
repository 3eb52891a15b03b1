import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Users, usersByRole } from '../support/factories/index.ts';
import {
  bearer,
  startTestApp,
  strongPassword,
  type TestApp,
  uniqueEmail,
  userWithRoles,
} from '../support/test-app.ts';

let t: TestApp;
let users: Users;
beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
});
afterAll(async () => {
  await t.close();
});

const adminRoutes = [
  { method: 'get', path: () => '/api/v1/users' },
  {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({ email: uniqueEmail(), name: 'N', password: strongPassword(), roles: ['staff'] }),
  },
  { method: 'get', path: () => `/api/v1/users/${users.staff.id}` },
  { method: 'patch', path: () => `/api/v1/users/${users.staff.id}`, body: () => ({ name: 'Renamed' }) },
  { method: 'get', path: () => '/api/v1/api-clients' },
  {
    method: 'post',
    path: () => '/api/v1/api-clients',
    body: () => ({ name: 'Town 311', scopes: ['open311'] }),
  },
  { method: 'delete', path: () => '/api/v1/api-clients/00000000-0000-4000-8000-000000000000' },
] as const;

describe('user and API-client administration', () => {
  for (const role of ['supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
    it(`refuses ${role} with 403 on every administration route`, async () => {
      for (const route of adminRoutes) {
        const request = t.http[route.method](route.path()).set(bearer(users[role]));
        const reply = await ('body' in route ? request.send(route.body()) : request);
        expect(reply.status, `${route.method} ${route.path()}`).toBe(403);
      }
    });
  }

  it('refuses callers without credentials with 401 on every administration route', async () => {
    for (const route of adminRoutes) {
      const reply = await t.http[route.method](route.path());
      expect(reply.status, `${route.method} ${route.path()}`).toBe(401);
    }
  });

  it('lets an admin create a staff user, who is then refused on user administration', async () => {
    const email = uniqueEmail('clerk');
    const password = strongPassword();
    const created = await t.http
      .post('/api/v1/users')
      .set(bearer(users.admin))
      .send({ email, name: 'New Clerk', password, roles: ['staff'] })
      .expect(201);
    expect(created.body).toMatchObject({ email, name: 'New Clerk', roles: ['staff'], active: true });
    expect(created.body).not.toHaveProperty('passwordHash');
    const login = await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
    await t.http
      .get('/api/v1/users')
      .set(bearer({ token: login.body.accessToken }))
      .expect(403);
    await t.http
      .post('/api/v1/users')
      .set(bearer(users.admin))
      .send({ email, name: 'Again', password, roles: ['staff'] })
      .expect(409);
  });

  it('audits a permission change with before and after', async () => {
    const target = await userWithRoles(t, ['staff']);
    await t.http
      .patch(`/api/v1/users/${target.id}`)
      .set(bearer(users.admin))
      .send({ roles: ['staff', 'lieutenant'] })
      .expect(200);
    const { rows } = await t.database.pool!.query(
      "select actor_id, before, after from audit_log where entity_id = $1 and action = 'user.roles_changed'",
      [target.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(users.admin.id);
    expect(rows[0].before.roles).toEqual(['staff']);
    expect(rows[0].after.roles).toEqual(['staff', 'lieutenant']);
    expect(JSON.stringify(rows[0])).not.toContain('argon2');
  });

  it('does not let an administrator deactivate themselves or drop their own admin role', async () => {
    const admin = await userWithRoles(t, ['admin']);
    await t.http.patch(`/api/v1/users/${admin.id}`).set(bearer(admin)).send({ active: false }).expect(409);
    await t.http
      .patch(`/api/v1/users/${admin.id}`)
      .set(bearer(admin))
      .send({ roles: ['staff'] })
      .expect(409);
    await t.http.get('/api/v1/users').set(bearer(admin)).expect(200);
  });

  it('deactivating a user ends their sessions', async () => {
    const target = await userWithRoles(t, ['staff']);
    await t.http
      .patch(`/api/v1/users/${target.id}`)
      .set(bearer(users.admin))
      .send({ active: false })
      .expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: target.refreshToken }).expect(401);
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: target.email, password: target.password })
      .expect(401);
  });
});

describe('integration clients', () => {
  it('shows the key once, stores only its hash, authenticates with it, and refuses it once revoked', async () => {
    const created = await t.http
      .post('/api/v1/api-clients')
      .set(bearer(users.admin))
      .send({ name: 'Town website', scopes: ['open311'] })
      .expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^nsp_/);
    const listed = await t.http.get('/api/v1/api-clients').set(bearer(users.admin)).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const { rows } = await t.database.pool!.query('select key_hash from api_clients where id = $1', [
      created.body.id,
    ]);
    expect(rows[0].key_hash).not.toContain(key);

    // An integration client is not a person: user administration stays closed to it.
    await t.http.get('/api/v1/users').set('X-Api-Key', key).expect(403);
    await t.http.get('/api/v1/users').set('X-Api-Key', 'nsp_wrong').expect(401);

    await t.http.delete(`/api/v1/api-clients/${created.body.id}`).set(bearer(users.admin)).expect(204);
    await t.http.get('/api/v1/users').set('X-Api-Key', key).expect(401);
    const after = await t.http.get('/api/v1/api-clients').set(bearer(users.admin)).expect(200);
    expect(after.body.items.find((c: { id: string }) => c.id === created.body.id).revokedAt).not.toBeNull();
  });
});
