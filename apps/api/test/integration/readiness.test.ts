import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { DatabaseProxy } from '../support/database-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let proxy: DatabaseProxy;
let testDatabase: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  proxy = new DatabaseProxy();
  await proxy.up();
  testDatabase = await createTestDatabase();
  const viaProxy = new URL(testDatabase.url);
  viaProxy.port = String(proxy.port);
  const database = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '' });
  t = await startTestApp({ database, testDatabase });
});

afterAll(async () => {
  await t.close();
  await t.database.close();
  await proxy.down();
  await testDatabase.drop();
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe('when the database goes away and comes back', () => {
  it('readyz turns 503 within 2 s, other routes answer 503 without hanging, and both recover by themselves', async () => {
    await t.http.get('/readyz').expect(200);
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.example.org', password: 'wrong-password-1' })
      .expect(401);

    await proxy.down();

    const ready = await timed(() => t.http.get('/readyz'));
    expect(ready.result.status).toBe(503);
    expect(ready.result.headers['content-type']).toMatch(/problem\+json/);
    expect(ready.ms).toBeLessThan(2000);

    const login = await timed(() =>
      t.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@test.example.org', password: 'wrong-password-1' }),
    );
    expect(login.result.status).toBe(503);
    expect(login.ms).toBeLessThan(5000);
    await t.http.get('/healthz').expect(200);

    await proxy.up();

    let recovered = false;
    for (let attempt = 0; attempt < 50 && !recovered; attempt++) {
      recovered = (await t.http.get('/readyz')).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recovered).toBe(true);
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.example.org', password: 'wrong-password-1' })
      .expect(401);
  });
});
