import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personnel } from '../../src/db/schema/index.ts';
import { runDueWorkTransfers } from '../../src/modules/assignments/scheduled-transfers.ts';
import {
  createApiClient,
  createNeighborhood,
  createServiceType,
  importAddresses,
  newRequest,
  offsetMeters,
  type TestNeighborhood,
  unique,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * The staff's day (#17): finding a caller's requests, "me" and "mine" in the queue, a tracking number
 * whatever the status filter, the status a request starts in, the caller's other requests, duplicates
 * before saving, a closing public update with a resolution, saved views, and the open work a
 * reassignment moves (now or when it takes effect).
 */

let t: TestApp;
let users: Users;
let area: TestNeighborhood;
let unstaffed: TestNeighborhood;
let category: { code: string };
let integrationKey: string;
const marker = `sd${unique()}`;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  area = await createNeighborhood(t, users.admin, { lat: 41.6, lon: -72.9 });
  unstaffed = await createNeighborhood(t, users.admin, { lat: 41.65, lon: -72.9 }, { withLieutenant: false });
  await importAddresses(t, users.admin, [
    { address: `1 ${marker} Rd`, ...area.center },
    { address: `3 ${marker} Rd`, ...offsetMeters(area.center, 30, 0) },
    { address: `9 ${marker} Ln`, ...unstaffed.center },
  ]);
  category = await createServiceType(t, users.admin);
  integrationKey = await createApiClient(t, users.admin, ['requests:write', 'requests:read']);
});
afterAll(async () => {
  await t.close();
});

const queue = (user: TestUser | null, query: Record<string, string>) => {
  const call = t.http.get('/api/v1/service-requests').query(query);
  return user ? call.set(bearer(user)) : call;
};
const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

describe('finding a caller by name or phone (callbacks)', () => {
  let lucia: { id: string; trackingNumber: string };
  let other: { id: string };

  beforeAll(async () => {
    lucia = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `1 ${marker} Rd`,
      description: 'Streetlight out on the corner',
      requester: { name: 'Lucía Fernández', phone: '(860) 555-0199', preferredLanguage: 'es' },
    });
    other = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `1 ${marker} Rd`,
      description: 'Another streetlight',
      requester: { name: 'Jan Kowalczyk', phone: '+1 860 555 0123 x7' },
    });
  });

  it('finds a request by the requester’s name, any order, accents and case ignored, for every staff role', async () => {
    for (const role of ['staff', 'lieutenant', 'supervisor', 'admin'] as const) {
      for (const q of ['lucia fernandez', 'FERNÁNDEZ', 'Fernandez Lucía']) {
        const reply = await queue(users[role], { q, matchRequester: 'true', status: 'new,assigned' }).expect(
          200,
        );
        expect(ids(reply.body), `${role}: ${q}`).toContain(lucia.id);
        expect(ids(reply.body)).not.toContain(other.id);
      }
    }
    // Without asking for it, a name is only words: the requester is not searched.
    const plain = await queue(users.staff, { q: 'Fernandez' }).expect(200);
    expect(ids(plain.body)).not.toContain(lucia.id);
  });

  it('finds a request by the phone number however it is written, ignoring an extension', async () => {
    for (const q of ['860-555-0199', '+18605550199', '(860) 555 0199', '1 860 555 0199']) {
      const reply = await queue(users.staff, { q, matchRequester: 'true', status: 'new,assigned' });
      expect(reply.status).toBe(200);
      expect(ids(reply.body), q).toEqual([lucia.id]);
    }
    const extension = await queue(users.staff, { q: '860.555.0123', matchRequester: 'true' }).expect(200);
    expect(ids(extension.body)).toEqual([other.id]);
  });

  it('never lets analysts, integrations or the public search by requester', async () => {
    const analyst = await queue(users.analyst, { q: 'Lucia', matchRequester: 'true' }).expect(403);
    expect(analyst.headers['content-type']).toMatch(/problem\+json/);
    await t.http
      .get('/api/v1/service-requests')
      .query({ q: 'Lucia', matchRequester: 'true' })
      .set('X-Api-Key', integrationKey)
      .expect(403);
    await queue(null, { q: 'Lucia', matchRequester: 'true' }).expect(401);
    // An analyst's plain search finds nothing by the name either.
    const words = await queue(users.analyst, { q: 'Lucia Fernandez' }).expect(200);
    expect(ids(words.body)).not.toContain(lucia.id);
    const bad = await queue(users.staff, { q: 'Lucia', matchRequester: 'maybe' }).expect(400);
    expect(bad.body.errors[0].path).toBe('matchRequester');
  });

  it('lists the caller’s other requests on a request, for staff only', async () => {
    const again = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `3 ${marker} Rd`,
      description: 'Streetlight still out',
      requester: { name: 'L. Fernandez', phone: '860 555 0199' },
    });
    const reply = await t.http
      .get(`/api/v1/service-requests/${again.id}/requester-requests`)
      .set(bearer(users.lieutenant))
      .expect(200);
    expect(reply.body.matchedBy).toBe('phone');
    expect(ids(reply.body)).toEqual([lucia.id]);
    expect(reply.body.items[0].requester.name).toBe('Lucía Fernández');
    await t.http
      .get(`/api/v1/service-requests/${again.id}/requester-requests`)
      .set(bearer(users.analyst))
      .expect(403);
    await t.http
      .get(`/api/v1/service-requests/${again.id}/requester-requests`)
      .set('X-Api-Key', integrationKey)
      .expect(403);
    await t.http.get(`/api/v1/service-requests/${again.id}/requester-requests`).expect(401);
    await t.http
      .get('/api/v1/service-requests/00000000-0000-4000-8000-000000000000/requester-requests')
      .set(bearer(users.staff))
      .expect(404);
    const badId = await t.http
      .get('/api/v1/service-requests/not-an-id/requester-requests')
      .set(bearer(users.staff))
      .expect(400);
    expect(badId.body.errors[0].path).toBe('id');
  });
});

describe('a tracking number whatever the status filter', () => {
  it('finds a closed request by its number in the open queue, and names the exact match', async () => {
    const created = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `1 ${marker} Rd`,
    });
    const move = (to: string, reason?: string) =>
      t.http
        .post(`/api/v1/service-requests/${created.id}/transitions`)
        .set(bearer(users.staff))
        .send({ to, reason })
        .expect(200);
    await move('resolved');
    await move('closed');
    const reply = await queue(users.staff, { q: created.trackingNumber }).expect(200);
    expect(ids(reply.body)).toEqual([created.id]);
    expect(reply.body.trackingNumberMatch).toEqual({
      id: created.id,
      trackingNumber: created.trackingNumber,
    });
    const lower = await queue(users.analyst, {
      q: created.trackingNumber.toLowerCase(),
      status: 'new',
    }).expect(200);
    expect(ids(lower.body)).toEqual([created.id]);
    // Words are still held to the status filter.
    const words = await queue(users.staff, { q: 'music' }).expect(200);
    expect(words.body.trackingNumberMatch).toBeNull();
  });
});

describe('the status a request starts in', () => {
  it('is assigned when a person takes it and it is routed to a lieutenant; new otherwise', async () => {
    const routed = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `1 ${marker} Rd`,
    });
    expect(routed).toMatchObject({ status: 'assigned', assigneeId: area.lieutenant!.id });
    expect(routed.firstRespondedAt).toBeNull();
    const detail = await t.http
      .get(`/api/v1/service-requests/${routed.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(detail.body.timeline[0]).toMatchObject({ kind: 'created', after: { status: 'assigned' } });
    // From assigned the work starts; "Mark triaged" then "Mark assigned" is not needed.
    expect(detail.body.allowedTransitions[0]).toBe('in_progress');

    const unrouted = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `9 ${marker} Ln`,
    });
    expect(unrouted).toMatchObject({ status: 'new', assigneeId: null });

    const filed = await t.http
      .post('/api/v1/service-requests')
      .set('X-Api-Key', integrationKey)
      .send({
        serviceCode: category.code,
        address: `1 ${marker} Rd`,
        description: 'From the website',
        channel: 'web',
      })
      .expect(201);
    expect(filed.body).toMatchObject({ status: 'new', assigneeId: area.lieutenant!.id });
  });
});

describe('my work and my neighborhood', () => {
  it('filters by the signed-in person’s record and neighborhoods; an integration has neither', async () => {
    const lieutenantUser = await userWithRoles(t, ['lieutenant']);
    await t.database.db
      .update(personnel)
      .set({ userId: lieutenantUser.id })
      .where(eq(personnel.id, area.lieutenant!.id));
    const mine = await newRequest(t, users.staff, { serviceCode: category.code, address: `1 ${marker} Rd` });
    const elsewhere = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `9 ${marker} Ln`,
    });

    const me = await t.http.get('/api/v1/me/assignments').set(bearer(lieutenantUser)).expect(200);
    expect(me.body).toMatchObject({
      personnel: { id: area.lieutenant!.id },
      assignments: [{ neighborhoodId: area.id, code: area.code, role: 'coordination_lieutenant' }],
    });
    const work = await queue(lieutenantUser, { assigneeId: 'me', limit: '500' }).expect(200);
    expect(ids(work.body)).toContain(mine.id);
    expect(ids(work.body)).not.toContain(elsewhere.id);
    const neighborhood = await queue(lieutenantUser, { neighborhoodId: 'mine', limit: '500' }).expect(200);
    expect(ids(neighborhood.body)).toContain(mine.id);
    expect(
      neighborhood.body.items.every((item: { neighborhoodId: string }) => item.neighborhoodId === area.id),
    ).toBe(true);

    // Someone with no personnel record has no work of their own: nothing, not everything.
    const nobody = await queue(users.staff, { assigneeId: 'me' }).expect(200);
    expect(nobody.body.items).toEqual([]);
    const none = await t.http.get('/api/v1/me/assignments').set(bearer(users.analyst)).expect(200);
    expect(none.body).toEqual({ personnel: null, assignments: [] });
    const client = await t.http
      .get('/api/v1/service-requests')
      .query({ neighborhoodId: 'mine' })
      .set('X-Api-Key', integrationKey)
      .expect(400);
    expect(client.body.errors[0].path).toBe('neighborhoodId');
    await t.http.get('/api/v1/me/assignments').set('X-Api-Key', integrationKey).expect(403);
    await t.http.get('/api/v1/me/assignments').expect(401);

    // Due before a time: due today, not yet overdue.
    const soon = await queue(lieutenantUser, {
      neighborhoodId: 'mine',
      overdue: 'false',
      dueBefore: new Date(Date.now() + 1000 * 86_400_000).toISOString(),
      limit: '500',
    }).expect(200);
    expect(ids(soon.body)).toContain(mine.id);
    const past = await queue(lieutenantUser, { neighborhoodId: 'mine', dueBefore: new Date().toISOString() });
    expect(ids(past.body)).not.toContain(mine.id);
    await queue(users.staff, { dueBefore: 'tomorrow' }).expect(400);
  });
});

describe('duplicates before saving', () => {
  it('lists open requests of the category near a point, for intake roles', async () => {
    const nearby = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `3 ${marker} Rd`,
    });
    const reply = await t.http
      .get('/api/v1/service-requests/possible-duplicates')
      .query({ serviceCode: category.code, ...area.center })
      .set(bearer(users.staff))
      .expect(200);
    const found = reply.body.items.find((item: { id: string }) => item.id === nearby.id);
    expect(found).toMatchObject({ trackingNumber: nearby.trackingNumber, status: 'assigned' });
    expect(found.distanceMeters).toBeGreaterThan(20);
    expect(found.distanceMeters).toBeLessThan(40);
    const excluded = await t.http
      .get('/api/v1/service-requests/possible-duplicates')
      .query({ serviceCode: category.code, ...area.center, excludeId: nearby.id })
      .set(bearer(users.staff))
      .expect(200);
    expect(ids(excluded.body)).not.toContain(nearby.id);
    await t.http
      .get('/api/v1/service-requests/possible-duplicates')
      .query({ serviceCode: category.code, ...area.center })
      .set(bearer(users.analyst))
      .expect(403);
    await t.http
      .get('/api/v1/service-requests/possible-duplicates')
      .query({ serviceCode: category.code, ...area.center })
      .expect(401);
    const bad = await t.http
      .get('/api/v1/service-requests/possible-duplicates')
      .query({ serviceCode: category.code, lat: 91, lon: 0 })
      .set(bearer(users.staff))
      .expect(400);
    expect(bad.body.errors[0].path).toBe('lat');
  });
});

describe('resolving with a closing public update', () => {
  it('records the status change and the public update together, in the requester’s language', async () => {
    const created = await newRequest(t, users.staff, {
      serviceCode: category.code,
      address: `1 ${marker} Rd`,
      requester: { name: 'Ana', preferredLanguage: 'pt' },
    });
    const reply = await t.http
      .post(`/api/v1/service-requests/${created.id}/transitions`)
      .set(bearer(users.staff))
      .send({
        to: 'resolved',
        reason: 'Bulb replaced',
        publicUpdate: { body: 'A lâmpada foi trocada.', language: 'pt' },
        version: created.version,
      })
      .expect(200);
    expect(reply.body).toMatchObject({
      status: 'resolved',
      version: created.version + 2,
      event: { kind: 'status_changed', after: { status: 'resolved', reason: 'Bulb replaced' } },
      publicUpdate: { kind: 'note', visibility: 'public', language: 'pt', body: 'A lâmpada foi trocada.' },
    });
    expect(reply.body.firstRespondedAt).not.toBeNull();
    const publicView = await t.http
      .get(`/api/v1/service-requests/${created.id}`)
      .set('X-Api-Key', integrationKey)
      .expect(200);
    expect(publicView.body.timeline.at(-1)).toMatchObject({ body: 'A lâmpada foi trocada.' });
    // The reason stays internal.
    expect(JSON.stringify(publicView.body.timeline)).not.toContain('Bulb replaced');

    // A refused change posts nothing.
    const refused = await t.http
      .post(`/api/v1/service-requests/${created.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'triaged', publicUpdate: { body: 'Should not appear' } })
      .expect(409);
    expect(refused.body.allowed).toEqual(['closed', 'in_progress']);
    const detail = await t.http
      .get(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(JSON.stringify(detail.body.timeline)).not.toContain('Should not appear');
    const empty = await t.http
      .post(`/api/v1/service-requests/${created.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'closed', publicUpdate: { body: '  ' } })
      .expect(400);
    expect(empty.body.errors[0].path).toBe('publicUpdate.body');
  });
});

describe('saved views', () => {
  it('keeps each person’s views to themselves, by unique name', async () => {
    const save = (user: TestUser, body: Record<string, unknown>) =>
      t.http.post('/api/v1/saved-views').set(bearer(user)).send(body);
    const created = await save(users.lieutenant, {
      name: 'Overdue noise',
      query: 'overdue=true&serviceCode=noise',
    }).expect(201);
    expect(created.body).toMatchObject({ name: 'Overdue noise', query: 'overdue=true&serviceCode=noise' });
    const twice = await save(users.lieutenant, { name: 'overdue NOISE', query: 'status=new' }).expect(409);
    expect(twice.body.errors[0].path).toBe('name');
    await save(users.analyst, { name: 'Overdue noise', query: 'overdue=true' }).expect(201);

    const mine = await t.http.get('/api/v1/saved-views').set(bearer(users.lieutenant)).expect(200);
    expect(mine.body.items.map((view: { name: string }) => view.name)).toEqual(['Overdue noise']);
    // Someone else's view cannot be deleted (nor seen to exist).
    await t.http.delete(`/api/v1/saved-views/${created.body.id}`).set(bearer(users.analyst)).expect(404);
    await t.http.delete(`/api/v1/saved-views/${created.body.id}`).set(bearer(users.lieutenant)).expect(204);
    await t.http.delete(`/api/v1/saved-views/${created.body.id}`).set(bearer(users.lieutenant)).expect(404);

    const badName = await save(users.staff, { name: '', query: 'x=1' }).expect(400);
    expect(badName.body.errors[0].path).toBe('name');
    const badQuery = await save(users.staff, { name: 'Bad', query: '<script>' }).expect(400);
    expect(badQuery.body.errors[0].path).toBe('query');
    await save(users.staff, { name: 'Long', query: 'a'.repeat(2001) }).expect(400);
    await t.http.get('/api/v1/saved-views').set('X-Api-Key', integrationKey).expect(403);
    await t.http.get('/api/v1/saved-views').expect(401);
    await t.http.delete('/api/v1/saved-views/nope').set(bearer(users.staff)).expect(400);
  });
});

describe('the open work a reassignment moves', () => {
  it('is shown before confirming, moves now, or moves when a scheduled change takes effect', async () => {
    const here = await createNeighborhood(t, users.admin, { lat: 41.55, lon: -72.9 });
    const street = `${unique()} Way`;
    await importAddresses(t, users.admin, [{ address: `1 ${street}`, ...here.center }]);
    const take = () => newRequest(t, users.staff, { serviceCode: category.code, address: `1 ${street}` });
    const [first, second] = [await take(), await take()];

    const preview = await t.http
      .get(`/api/v1/neighborhoods/${here.id}/lieutenant/open-work`)
      .set(bearer(users.supervisor))
      .expect(200);
    expect(preview.body).toMatchObject({
      outgoing: { personnelId: here.lieutenant!.id, name: here.lieutenant!.name },
      openWork: { serviceRequests: 2, total: 2 },
    });
    await t.http
      .get(`/api/v1/neighborhoods/${here.id}/lieutenant/open-work`)
      .set(bearer(users.staff))
      .expect(403);
    await t.http.get(`/api/v1/neighborhoods/${here.id}/lieutenant/open-work`).expect(401);
    await t.http
      .get('/api/v1/neighborhoods/00000000-0000-4000-8000-000000000000/lieutenant/open-work')
      .set(bearer(users.supervisor))
      .expect(404);
    await t.http
      .get(`/api/v1/neighborhoods/${here.id}/lieutenant/open-work`)
      .query({ at: 'soon' })
      .set(bearer(users.supervisor))
      .expect(400);

    // A reassignment in three days, with the work: scheduled, not moved yet.
    const incoming = await t.http
      .post('/api/v1/personnel')
      .set(bearer(users.admin))
      .send({
        name: `Lt. Incoming ${unique()}`,
        title: 'Lieutenant',
        kind: 'lieutenant',
        badgeNumber: `I${unique()}`,
      })
      .expect(201);
    const effectiveAt = new Date(Date.now() + 3 * 86_400_000);
    const scheduled = await t.http
      .post(`/api/v1/neighborhoods/${here.id}/lieutenant`)
      .set(bearer(users.supervisor))
      .send({
        personnelId: incoming.body.id,
        effectiveAt: effectiveAt.toISOString(),
        reason: 'Rotation',
        transferOpenWork: true,
      })
      .expect(201);
    expect(scheduled.body).toMatchObject({ scheduled: true, transferred: { total: 0 } });
    expect(Date.parse(scheduled.body.scheduledTransfer.dueAt)).toBe(effectiveAt.getTime());

    const assigneeOf = async (id: string) =>
      (await t.http.get(`/api/v1/service-requests/${id}`).set(bearer(users.staff)).expect(200)).body;
    expect((await assigneeOf(first.id)).assigneeId).toBe(here.lieutenant!.id);
    // Before its time the job moves nothing; at its time it moves the outgoing lieutenant's open work once.
    expect(await runDueWorkTransfers(t.database.db, new Date())).toMatchObject({ done: 0 });
    const run = await runDueWorkTransfers(t.database.db, new Date(effectiveAt.getTime() + 1000));
    expect(run.done).toBeGreaterThanOrEqual(1);
    for (const request of [first, second]) {
      const moved = await assigneeOf(request.id);
      expect(moved.assigneeId).toBe(incoming.body.id);
      expect(moved.timeline.at(-1)).toMatchObject({
        kind: 'assigned',
        actor: { type: 'user' },
        after: { assigneeId: incoming.body.id, reason: 'Rotation', cause: 'lieutenant_reassignment' },
      });
    }
    expect(await runDueWorkTransfers(t.database.db, new Date(effectiveAt.getTime() + 2000))).toMatchObject({
      done: 0,
    });
  });
});
