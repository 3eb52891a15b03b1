import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { systemActor } from '../../src/modules/audit/audit-log.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { insertNeighborhood, insertPerson } from '../support/staffing-factories.ts';
import { strongPassword, testConfig, uniqueEmail } from '../support/test-app.ts';

/**
 * The one-lieutenant-at-a-time rule and the history guard live in the database, so they must hold on
 * the embedded database (PGlite) exactly as on PostgreSQL. One instance for the file: it takes seconds.
 */
let dataDir: string;
let database: DatabaseHandle;
let app: FastifyInstance;
let http: ReturnType<typeof supertest>;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nsp-assignments-embedded-'));
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await applyMigrations(database);
  app = await buildApp({ config: testConfig({ dataDir }), database, logger: createLogger('silent') });
  await app.ready();
  http = supertest(app.server);
  const email = uniqueEmail('supervisor');
  const password = strongPassword();
  await createUser(
    { db: database.db, actor: systemActor },
    { email, name: 'Sgt. Embedded', password, roles: ['supervisor'] },
  );
  token = (await http.post('/api/v1/auth/login').send({ email, password }).expect(200)).body.accessToken;
});

afterAll(async () => {
  await app?.close();
  await database?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
const auth = () => ({ Authorization: `Bearer ${token}` });

describe('assignments on the embedded database (PGlite)', () => {
  it('refuses an overlapping coordination-lieutenant interval with 409 naming the conflicting interval', async () => {
    const neighborhood = await insertNeighborhood(database.db);
    const [first, second] = [await insertPerson(database.db), await insertPerson(database.db)];
    const existing = await http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(auth())
      .send({ personnelId: first.id, role: 'coordination_lieutenant', startsAt: ago(30), reason: 'Initial' })
      .expect(201);
    const refused = await http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(auth())
      .send({
        personnelId: second.id,
        role: 'coordination_lieutenant',
        startsAt: ago(10),
        endsAt: ago(5),
        reason: 'Overlap',
      })
      .expect(409);
    expect(refused.body.conflictingAssignment).toEqual({
      id: existing.body.id,
      personnelId: first.id,
      personName: first.name,
      startsAt: existing.body.startsAt,
      endsAt: null,
    });
    // The failed insert left nothing behind and the transaction machinery is still healthy.
    const history = await http
      .get(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(auth())
      .expect(200);
    expect(history.body.items).toHaveLength(1);
  });

  it('reassigns in one transaction and answers ?at= before and after the change', async () => {
    const neighborhood = await insertNeighborhood(database.db);
    const [a, b] = [await insertPerson(database.db), await insertPerson(database.db)];
    await http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(auth())
      .send({ personnelId: a.id, role: 'coordination_lieutenant', startsAt: ago(30), reason: 'Initial' })
      .expect(201);
    const t1 = ago(10);
    await http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
      .set(auth())
      .send({ personnelId: b.id, effectiveAt: t1, reason: 'Rotation' })
      .expect(201);
    const at = async (instant: string) =>
      (
        await http
          .get('/api/v1/assignments')
          .query({ at: instant, neighborhoodId: neighborhood.id })
          .set(auth())
          .expect(200)
      ).body.items.map((x: { personnelId: string }) => x.personnelId);
    expect(await at(ago(20))).toEqual([a.id]);
    expect(await at(ago(5))).toEqual([b.id]);
  });

  it('refuses editing an ended interval and deleting history', async () => {
    const neighborhood = await insertNeighborhood(database.db);
    const person = await insertPerson(database.db);
    const ended = await http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(auth())
      .send({ personnelId: person.id, role: 'nro', startsAt: ago(30), endsAt: ago(10), reason: 'Past' })
      .expect(201);
    await expect(
      database.pglite!.query('update assignments set ends_at = now() where id = $1', [ended.body.id]),
    ).rejects.toThrow(/ended interval cannot be changed/);
    await expect(
      database.pglite!.query('delete from assignments where id = $1', [ended.body.id]),
    ).rejects.toThrow(/delete is not allowed/);
  });
});
