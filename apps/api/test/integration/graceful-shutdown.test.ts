import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { systemActor } from '../../src/modules/audit/audit-log.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { insertServiceType } from '../support/factories/index.ts';
import { freePort } from '../support/local-cluster.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { strongPassword, uniqueEmail } from '../support/test-app.ts';

/**
 * The real server process (src/server.ts) on SIGTERM, as an orchestrator stops it during a rolling
 * deploy: the request it is working on is answered, live-event streams end cleanly (the browser
 * reconnects to another instance), and only then does the process exit, with status 0.
 */

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let testDatabase: TestDatabase;
let dataDir: string;
let server: ChildProcess | undefined;
let output = '';
let port: number;
let serviceCode: string;
const email = uniqueEmail('shutdown');
const password = strongPassword();

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-shutdown-test-'));
  const setup = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '' });
  try {
    await createUser(
      { db: setup.db, actor: systemActor },
      { email, name: 'Shutdown admin', password, roles: ['admin'] },
    );
    serviceCode = await insertServiceType(setup.db);
  } finally {
    await setup.close();
  }
  port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: testDatabase.url,
      JWT_SECRET: 'shutdown-test-secret-that-is-long-enough',
      NSP_DATA_DIR: dataDir,
      NSP_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 40_000;
  while (!output.includes('NSP is running at')) {
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`The server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  await testDatabase?.drop();
});

const base = () => `http://127.0.0.1:${port}`;

/** Opens the live-events stream and records how it ends: cleanly ('end') or torn ('aborted'/'error'). */
function openStream(token: string) {
  let text = '';
  let ending: 'end' | 'aborted' | 'error' | undefined;
  let endedAt = 0;
  const opened = new Promise<void>((resolve, reject) => {
    const request = http.get(
      `${base()}/api/v1/events`,
      { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (response) => {
        expect(response.statusCode).toBe(200);
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
          if (text.includes(': connected')) resolve();
        });
        response.on('end', () => {
          ending ??= 'end';
          endedAt = Date.now();
        });
        response.on('aborted', () => {
          ending ??= 'aborted';
        });
        response.on('error', () => {
          ending ??= 'error';
        });
      },
    );
    request.on('error', reject);
  });
  return { opened, state: () => ({ text, ending, endedAt }) };
}

describe('SIGTERM', () => {
  it('answers the request in flight and ends live-event streams cleanly before the process exits with 0', async () => {
    const login = await fetch(`${base()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const stream = openStream(accessToken);
    await stream.opened;

    // A slow request: a create that waits on a table lock held here, as it would on a long migration.
    const locker = new pg.Client({ connectionString: testDatabase.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table service_requests in access exclusive mode');
      const create = fetch(`${base()}/api/v1/service-requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceCode,
          description: 'Filed just before a deploy',
          channel: 'phone',
          lat: 41.77,
          lon: -72.64,
        }),
        signal: AbortSignal.timeout(20_000),
      }).then(async (reply) => ({
        status: reply.status,
        body: (await reply.json()) as { id?: string },
        at: Date.now(),
      }));
      for (let i = 0; i < 100; i++) {
        const { rows } = await locker.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        if (rows[0]!.waiting >= 1) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
        server!.once('exit', (code) => resolve({ code, at: Date.now() })),
      );
      server!.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Still working on the create a second later: not exited, the stream already ended cleanly.
      expect(server!.exitCode).toBeNull();
      expect(stream.state().ending).toBe('end');

      await locker.query('commit');
      const created = await create;
      const exit = await exited;
      expect(created.status).toBe(201);
      expect(exit.code).toBe(0);
      expect(exit.at).toBeGreaterThanOrEqual(created.at);
      console.info(
        `SIGTERM: stream ended cleanly, create answered ${created.status}, exit ${exit.code} ${exit.at - created.at} ms later`,
      );

      const { rows } = await locker.query('select 1 from service_requests where id = $1', [created.body.id]);
      expect(rows).toHaveLength(1);
    } finally {
      await locker.end();
    }
  });
});
