import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLiveEvent } from '../../src/modules/live-events/publish.ts';
import {
  insertAssignment,
  insertNeighborhood,
  insertPerson,
  insertServiceRequest,
  insertServiceType,
} from '../support/factories/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

const HOUR = 3_600_000;
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);

let testDatabase: TestDatabase;
let t: TestApp;
let other: TestApp;
let analyst: TestUser;
let neighborhoodA: { id: string; name: string };
let neighborhoodB: { id: string; name: string };
let lieutenantOld: { id: string; name: string };
let lieutenantNew: { id: string; name: string };
let serviceCode: string;

/** A request that came in `createdHoursAgo`; the other times are hours after it came in. */
async function insertRequest(values: {
  neighborhoodId: string;
  createdHoursAgo: number;
  firstRespondedAfterHours?: number;
  resolvedAfterHours?: number;
  firstDueAfterHours?: number;
  resolutionDueAfterHours?: number;
}) {
  const createdAt = at(values.createdHoursAgo);
  const plus = (hours: number | undefined) =>
    hours === undefined ? null : new Date(createdAt.getTime() + hours * HOUR);
  await insertServiceRequest(t.database.db, {
    serviceCode,
    status: values.resolvedAfterHours === undefined ? 'assigned' : 'resolved',
    description: 'stats test',
    neighborhoodId: values.neighborhoodId,
    firstResponseDueAt: plus(values.firstDueAfterHours ?? 4)!,
    resolutionDueAt: plus(values.resolutionDueAfterHours ?? 48)!,
    firstRespondedAt: plus(values.firstRespondedAfterHours),
    resolvedAt: plus(values.resolvedAfterHours),
    createdAt,
    updatedAt: createdAt,
  });
}

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  t = await startTestApp({ testDatabase });
  other = await startTestApp({ testDatabase });
  analyst = await userWithRoles(t, ['analyst']);
  const db = t.database.db;
  neighborhoodA = await insertNeighborhood(db);
  neighborhoodB = await insertNeighborhood(db);
  lieutenantOld = await insertPerson(db);
  lieutenantNew = await insertPerson(db);
  serviceCode = await insertServiceType(db);
  // A was led by "old" until 100 hours ago, by "new" since.
  await insertAssignment(db, {
    neighborhoodId: neighborhoodA.id,
    personnelId: lieutenantOld.id,
    startsAt: at(1000),
    endsAt: at(100),
  });
  await insertAssignment(db, {
    neighborhoodId: neighborhoodA.id,
    personnelId: lieutenantNew.id,
    startsAt: at(100),
  });
  // Neighborhood A: three resolved requests under the old lieutenant (resolution 10, 20, 60 h; due 48 h).
  await insertRequest({
    neighborhoodId: neighborhoodA.id,
    createdHoursAgo: 300,
    firstRespondedAfterHours: 1,
    resolvedAfterHours: 10,
  });
  await insertRequest({
    neighborhoodId: neighborhoodA.id,
    createdHoursAgo: 250,
    firstRespondedAfterHours: 2,
    resolvedAfterHours: 20,
  });
  await insertRequest({
    neighborhoodId: neighborhoodA.id,
    createdHoursAgo: 200,
    firstRespondedAfterHours: 6,
    resolvedAfterHours: 60,
  });
  // One open, overdue request under the new lieutenant.
  await insertRequest({
    neighborhoodId: neighborhoodA.id,
    createdHoursAgo: 50,
    firstRespondedAfterHours: 1,
    resolutionDueAfterHours: 24,
  });
  // Neighborhood B: one quick request.
  await insertRequest({
    neighborhoodId: neighborhoodB.id,
    createdHoursAgo: 30,
    firstRespondedAfterHours: 1,
    resolvedAfterHours: 2,
  });
});

afterAll(async () => {
  await other.close();
  await t.close();
  await testDatabase.drop();
});

const period = { from: new Date(now - 500 * HOUR).toISOString(), to: new Date(now + HOUR).toISOString() };

describe('statistics', () => {
  it('gives response-time percentiles and SLA compliance per neighborhood', async () => {
    const reply = await t.http
      .get('/api/v1/stats/response-times')
      .query({ ...period, groupBy: 'neighborhood' })
      .set(bearer(analyst))
      .expect(200);
    const rowA = reply.body.rows.find((row: { key: string }) => row.key === neighborhoodA.id);
    expect(rowA).toMatchObject({ label: neighborhoodA.name, requests: 4, resolved: 3, open: 1, overdue: 1 });
    expect(rowA.resolution.p50Hours).toBe(20);
    // Resolution: 10 h and 20 h met the 48 h target, 60 h missed it, the open one is overdue: 2 of 4.
    expect(rowA.resolutionSlaMet).toBe(0.5);
    // First response due after 4 h: 1, 2 and 1 h met it, 6 h missed: 3 of 4.
    expect(rowA.firstResponseSlaMet).toBe(0.75);
    const rowB = reply.body.rows.find((row: { key: string }) => row.key === neighborhoodB.id);
    expect(rowB).toMatchObject({ requests: 1, resolved: 1, resolutionSlaMet: 1 });
  });

  it('credits scorecards to whoever was lieutenant when each request came in', async () => {
    const reply = await t.http.get('/api/v1/stats/scorecards').query(period).set(bearer(analyst)).expect(200);
    const forA = reply.body.rows.filter(
      (row: { neighborhoodId: string }) => row.neighborhoodId === neighborhoodA.id,
    );
    const byLieutenant = Object.fromEntries(
      forA.map((row: { lieutenant: { personnelId: string }; requests: number }) => [
        row.lieutenant.personnelId,
        row,
      ]),
    );
    expect(byLieutenant[lieutenantOld.id]).toMatchObject({ requests: 3, resolved: 3, open: 0 });
    expect(byLieutenant[lieutenantNew.id]).toMatchObject({ requests: 1, resolved: 0, open: 1 });
  });

  it('counts the backlog over time from what came in and what was finished', async () => {
    const reply = await t.http
      .get('/api/v1/stats/backlog')
      .query({ ...period, interval: 'day', neighborhoodId: neighborhoodA.id })
      .set(bearer(analyst))
      .expect(200);
    const points = reply.body.points as Array<{ created: number; finished: number; open: number }>;
    expect(points.reduce((sum, p) => sum + p.created, 0)).toBe(4);
    expect(points.reduce((sum, p) => sum + p.finished, 0)).toBe(3);
    expect(points.at(-1)!.open).toBe(1);
    expect(Math.max(...points.map((p) => p.open))).toBeGreaterThanOrEqual(1);
  });

  it('refuses staff and anonymous callers, and scopes a lieutenant to the neighborhood they lead', async () => {
    const staff = await userWithRoles(t, ['staff']);
    await t.http.get('/api/v1/stats/response-times').set(bearer(staff)).expect(403);
    await t.http.get('/api/v1/stats/scorecards').expect(401);

    const lieutenantUser = await userWithRoles(t, ['lieutenant']);
    await t.database.pool!.query('update personnel set user_id = $1 where id = $2', [
      lieutenantUser.id,
      lieutenantNew.id,
    ]);
    const reply = await t.http
      .get('/api/v1/stats/response-times')
      .query(period)
      .set(bearer(lieutenantUser))
      .expect(200);
    expect(reply.body.rows.map((row: { key: string }) => row.key)).toEqual([neighborhoodA.id]);
  });

  it('refuses a reversed period with a 400 naming the field', async () => {
    const reply = await t.http
      .get('/api/v1/stats/backlog')
      .query({ from: period.to, to: period.from })
      .set(bearer(analyst))
      .expect(400);
    expect(reply.body.errors[0].path).toBe('from');
  });
});

describe('live events', () => {
  it('delivers a change published through one instance to SSE clients of another, without personal data', async () => {
    const address = other.app.server.address() as { port: number };
    const received = await new Promise<string>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: address.port, path: '/api/v1/events', headers: bearer(analyst) },
        (response) => {
          expect(response.statusCode).toBe(200);
          expect(response.headers['content-type']).toContain('text/event-stream');
          let buffer = '';
          response.on('data', async (chunk: Buffer) => {
            buffer += chunk.toString();
            if (buffer.includes(': connected')) {
              buffer = buffer.replace(/^[\s\S]*: connected\n\n/, '');
              await publishLiveEvent(t.database.db, {
                type: 'service_request.updated',
                entity: 'service_request',
                id: 'req-1',
                status: 'triaged',
              });
            }
            if (buffer.includes('event: service_request.updated')) {
              request.destroy();
              resolve(buffer);
            }
          });
        },
      );
      request.on('error', reject);
      setTimeout(() => reject(new Error('no event within 5 s')), 5000);
    });
    expect(received).toContain('"id":"req-1"');
    expect(received).toContain('"status":"triaged"');
  });

  it('refuses the stream without credentials', async () => {
    await t.http.get('/api/v1/events').expect(401);
  });
});
