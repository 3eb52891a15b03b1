import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { testConfig } from '../support/test-app.ts';

/**
 * The embedded database (PGlite) is the no-setup default: the same migrations, constraints and
 * routes must work on it. One instance is shared by the file because each takes seconds to create.
 */
let dataDir: string;
let database: DatabaseHandle;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-embedded-'));
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await applyMigrations(database);
});

afterAll(async () => {
  await database.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL (PGlite)', () => {
  it('has the btree_gist and pg_trgm extensions', async () => {
    const { rows } = await database.pglite!.query<{ extname: string }>(
      'select extname from pg_extension order by 1',
    );
    expect(rows.map((row) => row.extname)).toEqual(expect.arrayContaining(['btree_gist', 'pg_trgm']));
  });

  // Two PGlite starts with the demo data: ~20 s on an idle 2-core machine, more under load.
  it('loads demo users, serves login with them, and keeps the data across a restart', async () => {
    const config = testConfig({
      dataDir,
      demoData: true,
      adminEmail: 'boot@test.example.org',
      adminPassword: 'boot-admin-password-77',
    });
    const log = createLogger('silent');
    const { demoCredentials } = await prepareDatabase(config, database, log);
    expect(demoCredentials.map((c) => c.role).sort()).toEqual([
      'admin',
      'analyst',
      'lieutenant',
      'staff',
      'supervisor',
    ]);

    let app = await buildApp({ config, database, logger: log });
    await app.ready();
    const staff = demoCredentials.find((c) => c.role === 'staff')!;
    await supertest(app.server)
      .post('/api/v1/auth/login')
      .send({ email: staff.email, password: staff.password })
      .expect(200);
    await supertest(app.server)
      .post('/api/v1/auth/login')
      .send({ email: 'boot@test.example.org', password: 'boot-admin-password-77' })
      .expect(200);
    await app.close();
    await database.close();

    // Second start on the same folder: nothing is seeded again and the same passwords work.
    database = await openDatabase({ databaseUrl: undefined, dataDir });
    const second = await prepareDatabase(config, database, log);
    expect(second.demoCredentials).toEqual(demoCredentials);
    app = await buildApp({ config, database, logger: log });
    await app.ready();
    const login = await supertest(app.server)
      .post('/api/v1/auth/login')
      .send({ email: staff.email, password: staff.password })
      .expect(200);
    // The request page's one statement (timeline, names, notices as JSON) runs on PGlite too.
    const bearer = `Bearer ${login.body.accessToken}`;
    const queue = await supertest(app.server)
      .get('/api/v1/service-requests?status=assigned&limit=5')
      .set('authorization', bearer)
      .expect(200);
    const first = queue.body.items[0];
    const detail = await supertest(app.server)
      .get(`/api/v1/service-requests/${first.id}`)
      .set('authorization', bearer)
      .expect(200);
    expect(detail.body.trackingNumber).toBe(first.trackingNumber);
    expect(detail.body.timeline[0].kind).toBe('created');
    const assigned = detail.body.timeline.find(
      (event: { after: { assigneeId?: string } | null }) => event.after?.assigneeId,
    );
    expect(assigned.after.assignee.name).toEqual(expect.any(String));
    // The page is remembered; a change made straight in the database is announced by its trigger
    // (migration 0026) and shown on the next reads.
    await database.pglite!.query(
      "update service_requests set description = 'Changed straight in PGlite', version = version + 1 where id = $1",
      [first.id],
    );
    let description = '';
    for (const started = Date.now(); Date.now() - started < 2000; ) {
      const again = await supertest(app.server)
        .get(`/api/v1/service-requests/${first.id}`)
        .set('authorization', bearer)
        .expect(200);
      description = again.body.description;
      if (description === 'Changed straight in PGlite') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(description).toBe('Changed straight in PGlite');
    const { rows } = await database.pglite!.query<{ n: number }>(
      "select count(*)::int as n from users where email like '%@demo.example.org'",
    );
    expect(rows[0]!.n).toBe(5);
    await app.close();
  }, 90_000);

  it('refuses UPDATE and DELETE on the audit log', async () => {
    await expect(database.pglite!.query("update audit_log set action = 'tampered'")).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pglite!.query('delete from audit_log')).rejects.toThrow(/append-only/);
    const { rows } = await database.pglite!.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});
