import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createTestDatabase, type TestDatabase, testServerUrl } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A TCP proxy between the API and PostgreSQL stands in for the database server: closing it cuts
 * every connection and refuses new ones, exactly what the API sees when PostgreSQL stops, without
 * stopping the server that other test files share.
 */
class DatabaseOutage {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  port = 0;

  async up(): Promise<void> {
    const target = new URL(testServerUrl);
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let proxy: DatabaseOutage;
let testDatabase: TestDatabase;
let t: TestApp;

beforeAll(async () => {
  proxy = new DatabaseOutage();
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
