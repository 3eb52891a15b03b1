import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNeighborhood,
  createServiceType,
  newRequest,
  type TestNeighborhood,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Field work on a phone (#21), the API's part: notes and status changes sent again from an offline
 * outbox apply once (Idempotency-Key), a change to a request someone else changed meanwhile is still
 * refused (412), and replies above ~1 kB are compressed.
 */

let t: TestApp;
let users: Users;
let area: TestNeighborhood;
let category: { code: string };

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  area = await createNeighborhood(t, users.admin, { lat: 41.6, lon: -72.9 });
  category = await createServiceType(t, users.admin);
});
afterAll(async () => {
  await t.close();
});

const fileRequest = () =>
  newRequest(t, users.staff, {
    serviceCode: category.code,
    description: 'Abandoned car on the sidewalk',
    ...area.center,
  });
const detail = async (id: string) =>
  (await t.http.get(`/api/v1/service-requests/${id}`).set(bearer(users.staff)).expect(200)).body as {
    version: number;
    status: string;
    timeline: Array<{ kind: string; body?: string | null; visibility?: string }>;
  };

describe('an offline outbox sends the same change again', () => {
  it('writes a public update once and replays the first reply for the same key', async () => {
    const request = await fileRequest();
    const send = () =>
      t.http
        .post(`/api/v1/service-requests/${request.id}/notes`)
        .set(bearer(users.staff))
        .set('idempotency-key', `outbox-note-${request.id}`)
        .send({
          body: 'On scene, tow requested',
          visibility: 'public',
          language: 'en',
          version: request.version,
        });
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    const notes = (await detail(request.id)).timeline.filter(
      (event) => event.body === 'On scene, tow requested',
    );
    expect(notes).toHaveLength(1);
  });

  it('changes the status once; the replay is not refused for the version its own change moved on', async () => {
    const request = await fileRequest();
    const send = () =>
      t.http
        .post(`/api/v1/service-requests/${request.id}/transitions`)
        .set(bearer(users.staff))
        .set('idempotency-key', `outbox-status-${request.id}`)
        .send({ to: 'in_progress', version: request.version });
    const first = await send().expect(200);
    const second = await send().expect(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.version).toBe(first.body.version);
    expect(second.headers.etag).toBe(first.headers.etag);
    const after = await detail(request.id);
    expect(after.status).toBe('in_progress');
    expect(after.timeline.filter((event) => event.kind === 'status_changed')).toHaveLength(1);
  });

  it('refuses the same key for a different change (409) and a stale version without a key (412)', async () => {
    const request = await fileRequest();
    const key = `outbox-reuse-${request.id}`;
    await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .set('idempotency-key', key)
      .send({ body: 'first', visibility: 'internal', version: request.version })
      .expect(201);
    const reused = await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .set('idempotency-key', key)
      .send({ body: 'second', visibility: 'internal', version: request.version })
      .expect(409);
    expect(reused.body.reason).toBe('idempotency_key_reused');
    // Someone else's change moved the version on: the officer's offline status change is refused.
    const stale = await t.http
      .post(`/api/v1/service-requests/${request.id}/transitions`)
      .set(bearer(users.staff))
      .set('idempotency-key', `outbox-stale-${request.id}`)
      .send({ to: 'in_progress', version: request.version })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a malformed key naming the header, and an analyst’s note whatever the key', async () => {
    const request = await fileRequest();
    const bad = await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.staff))
      .set('idempotency-key', 'has space')
      .send({ body: 'x', visibility: 'internal', version: request.version })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('Idempotency-Key');
    await t.http
      .post(`/api/v1/service-requests/${request.id}/notes`)
      .set(bearer(users.analyst))
      .set('idempotency-key', `analyst-${request.id}`)
      .send({ body: 'x', visibility: 'internal', version: request.version })
      .expect(403);
  });
});

describe('compressed replies', () => {
  it('sends a 50-row queue page as Brotli or gzip, and small replies as they are', async () => {
    for (let index = 0; index < 3; index += 1) await fileRequest();
    const brotli = await t.app.inject({
      method: 'GET',
      url: '/api/v1/service-requests?limit=50',
      headers: { ...bearer(users.staff), 'accept-encoding': 'br, gzip' },
    });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const page = JSON.parse(brotliDecompressSync(brotli.rawPayload).toString('utf8'));
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    const gzip = await t.app.inject({
      method: 'GET',
      url: '/api/v1/service-requests?limit=50',
      headers: { ...bearer(users.staff), 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const small = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
