import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp, userWithRoles } from '../support/test-app.ts';

/* Issue #9, defects 4, 7 and 9: security headers, CORS, the proxy setting and /metrics. */
let database: TestDatabase;
let adminDist: string;
let plain: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  adminDist = mkdtempSync(path.join(tmpdir(), 'nsp-admin-dist-'));
  writeFileSync(
    path.join(adminDist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  plain = await startTestApp({ testDatabase: database, config: { adminDist } });
});
afterAll(async () => {
  await plain?.close();
  await database?.drop();
  rmSync(adminDist, { recursive: true, force: true });
});

function directives(csp: string | undefined): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

describe('security headers', () => {
  it('give the admin app a Content-Security-Policy without inline script, never framed', async () => {
    const reply = await plain.http.get('/').set('accept', 'text/html').expect(200);
    const csp = directives(reply.headers['content-security-policy']);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('script-src')).not.toContain('unsafe-inline');
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  it('put nosniff and a referrer policy on every reply, errors included, and no HSTS over plain HTTP', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/no-such-route', '/']) {
      const reply = await plain.http.get(url);
      expect(reply.headers['x-content-type-options'], url).toBe('nosniff');
      expect(reply.headers['referrer-policy'], url).toBe('no-referrer');
      expect(reply.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('add HSTS when NSP is told it is behind TLS', async () => {
    const tls = await startTestApp({ testDatabase: database, config: { behindTls: true } });
    try {
      const reply = await tls.http.get('/healthz').expect(200);
      expect(reply.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await tls.close();
    }
  });

  it('let only the configured origins frame the public page', async () => {
    const framed = await startTestApp({
      testDatabase: database,
      config: { adminDist, frameAncestors: ['https://www.town.example'] },
    });
    try {
      const publicPage = await framed.http.get('/public/').set('accept', 'text/html');
      expect(directives(publicPage.headers['content-security-policy']).get('frame-ancestors')).toBe(
        'https://www.town.example',
      );
      const adminPage = await framed.http.get('/').set('accept', 'text/html');
      expect(directives(adminPage.headers['content-security-policy']).get('frame-ancestors')).toBe("'none'");
    } finally {
      await framed.close();
    }
  });
});

describe('CORS', () => {
  it('stays closed without an allow-list', async () => {
    const reply = await plain.http.get('/healthz').set('origin', 'https://evil.example');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await plain.http
      .options('/api/v1/service-requests')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the listed origins and nobody else when configured', async () => {
    const open = await startTestApp({
      testDatabase: database,
      config: { corsOrigins: ['https://www.town.example'] },
    });
    try {
      const allowed = await open.http.get('/healthz').set('origin', 'https://www.town.example');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://www.town.example');
      const other = await open.http.get('/healthz').set('origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('NSP_TRUST_PROXY', () => {
  const env = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) };

  it('refuses "true", which would trust a client-supplied X-Forwarded-For', () => {
    expect(() => loadConfig({ ...env, NSP_TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, NSP_TRUST_PROXY: 'true' })).toThrow(/NSP_TRUST_PROXY/);
    expect(() => loadConfig({ ...env, NSP_TRUST_PROXY: '10.0.0.1,nonsense' })).toThrow(/nonsense/);
    expect(loadConfig({ ...env, NSP_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...env, NSP_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
    ]);
  });

  async function auditedAddress(t: TestApp, forwardedFor: string): Promise<string> {
    const user = await userWithRoles(t, ['staff']);
    await t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', forwardedFor)
      .send({ email: user.email, password: user.password })
      .expect(200);
    const { rows } = await t.database.pool!.query<{ ip: string }>(
      "select host(ip_address) as ip from audit_log where action = 'auth.login' and entity_id = $1 order by id desc limit 1",
      [user.id],
    );
    return rows[0]!.ip;
  }

  it('believes the forwarded address only from a listed proxy', async () => {
    const trusting = await startTestApp({ testDatabase: database, config: { trustProxy: ['127.0.0.1'] } });
    const distrusting = await startTestApp({ testDatabase: database, config: { trustProxy: ['10.9.9.9'] } });
    try {
      expect(await auditedAddress(trusting, '203.0.113.9')).toBe('203.0.113.9');
      expect(await auditedAddress(distrusting, '203.0.113.9')).toBe('127.0.0.1');
    } finally {
      await trusting.close();
      await distrusting.close();
    }
  });

  it('with a hop count, takes the address the proxy added, not one the client wrote first', async () => {
    const oneHop = await startTestApp({ testDatabase: database, config: { trustProxy: 1 } });
    try {
      expect(await auditedAddress(oneHop, '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    } finally {
      await oneHop.close();
    }
  });
});

describe('/metrics', () => {
  it('needs the bearer token when NSP_METRICS_TOKEN is set', async () => {
    const guarded = await startTestApp({
      testDatabase: database,
      config: { metricsToken: 'metrics-token-0123456789' },
    });
    try {
      const refused = await guarded.http.get('/metrics').expect(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      await guarded.http.get('/metrics').set('authorization', 'Bearer wrong-token-0123456789').expect(401);
      const scraped = await guarded.http
        .get('/metrics')
        .set('authorization', 'Bearer metrics-token-0123456789')
        .expect(200);
      expect(scraped.text).toContain('process_cpu');
    } finally {
      await guarded.close();
    }
    await plain.http.get('/metrics').expect(200);
  });
});

describe('API keys', () => {
  it('are read from the query string only on Open311 routes', async () => {
    const admin = await userWithRoles(plain, ['admin']);
    const created = await plain.http
      .post('/api/v1/api-clients')
      .set(bearer(admin))
      .send({ name: 'query key', scopes: ['requests:read'] })
      .expect(201);
    await plain.http.get('/api/v1/service-requests').set('x-api-key', created.body.key).expect(200);
    await plain.http.get('/api/v1/service-requests').query({ api_key: created.body.key }).expect(401);
  });
});
