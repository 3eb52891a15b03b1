import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEvents, serviceRequests } from '../../src/db/schema/index.ts';
import { anonymizeExpiredRequests } from '../../src/modules/service-requests/jobs/retention.ts';
import { bearer, startTestApp, type TestApp, type TestUser } from '../support/test-app.ts';
import {
  createApiClient,
  createNeighborhood,
  fileRequest,
  createPerson,
  createServiceType,
  importAddresses,
  newRequest,
  type TestNeighborhood,
  unique,
  type Users,
  usersByRole,
} from './service-requests-factories.ts';

let t: TestApp;
let users: Users;
let north: TestNeighborhood;
let south: TestNeighborhood;
let category: { code: string };
let integrationKey: string;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  north = await createNeighborhood(t, users.admin, { lat: 41.8, lon: -72.6 });
  south = await createNeighborhood(t, users.admin, { lat: 41.7, lon: -72.6 });
  await importAddresses(t, users.admin, [
    { address: '1 North Rd', ...north.center },
    { address: '1 South Rd', ...south.center },
  ]);
  category = await createServiceType(t, users.admin);
  integrationKey = await createApiClient(t, users.admin, ['requests:write']);
});
afterAll(async () => {
  await t.close();
});

/**
 * Filed by an integration, so it starts `new` although routed to north's lieutenant: the workflow is
 * walked from the start (a person's routed intake starts `assigned`, tested in staff-day.test.ts).
 */
const request = (overrides: Record<string, unknown> = {}) =>
  fileRequest(t, integrationKey, { serviceCode: category.code, address: '1 North Rd', ...overrides });

function transition(id: string, body: Record<string, unknown>, user: TestUser = users.staff) {
  return t.http.post(`/api/v1/service-requests/${id}/transitions`).set(bearer(user)).send(body);
}

async function detail(id: string, user: TestUser = users.staff) {
  const reply = await t.http.get(`/api/v1/service-requests/${id}`).set(bearer(user)).expect(200);
  return reply.body;
}

describe('transitions', () => {
  it('walks the main path, stamping resolved/closed and the first response, each step on the timeline', async () => {
    const created = await request();
    expect(created.firstRespondedAt).toBeNull();
    const triaged = await transition(created.id, { to: 'triaged' }).expect(200);
    expect(triaged.body).toMatchObject({ status: 'triaged', version: 2 });
    expect(triaged.body.firstRespondedAt).not.toBeNull();
    expect(triaged.headers.etag).toBe('W/"2"');
    // The reply carries what the screen needs next: the moves from the new status and the new event.
    expect(triaged.body.allowedTransitions).toEqual(['assigned', 'rejected', 'duplicate']);
    expect(triaged.body.event).toMatchObject({
      kind: 'status_changed',
      before: { status: 'new' },
      after: { status: 'triaged' },
      actor: { type: 'user', name: 'Test staff' },
    });
    // The new version is the one to send next: no read in between.
    await t.http
      .post(`/api/v1/service-requests/${created.id}/transitions`)
      .set(bearer(users.staff))
      .set('If-Match', String(triaged.headers.etag))
      .send({ to: 'assigned', version: triaged.body.version })
      .expect(200);
    await transition(created.id, { to: 'in_progress' }).expect(200);
    const resolved = await transition(created.id, { to: 'resolved', reason: 'Spoke with the owner' }).expect(
      200,
    );
    expect(resolved.body.resolvedAt).not.toBeNull();
    const closed = await transition(created.id, { to: 'closed' }).expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      overdue: false,
      allowedTransitions: ['in_progress'],
    });
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.firstRespondedAt).toBe(triaged.body.firstRespondedAt);

    const body = await detail(created.id);
    expect(
      body.timeline.map((e: { kind: string; after: { status?: string } }) => `${e.kind}:${e.after?.status}`),
    ).toEqual([
      'created:new',
      'status_changed:triaged',
      'status_changed:assigned',
      'status_changed:in_progress',
      'status_changed:resolved',
      'status_changed:closed',
    ]);
    expect(body.timeline[4]).toMatchObject({
      before: { status: 'in_progress' },
      after: { reason: 'Spoke with the owner' },
      actor: { type: 'user' },
    });
    expect(body.allowedTransitions).toEqual(['in_progress']);
  });

  it('refuses an illegal move with 409 naming the allowed ones, and changes nothing', async () => {
    const created = await request();
    const refused = await transition(created.id, { to: 'closed' }).expect(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, currentStatus: 'new' });
    expect(refused.body.allowed).toEqual(['triaged', 'assigned', 'rejected', 'duplicate']);
    expect(refused.body.detail).toMatch(/new to closed/);
    const after = await detail(created.id);
    expect(after).toMatchObject({ status: 'new', version: 1 });
    expect(after.timeline).toHaveLength(1);
    await transition(created.id, { to: 'in_progress' }).expect(409);
    await transition(created.id, { to: 'flying' }).expect(400);
    await transition('00000000-0000-4000-8000-000000000000', { to: 'triaged' }).expect(404);
  });

  it('needs a reason to reject, an assignee to assign, and the merge endpoint for duplicates', async () => {
    const created = await request();
    const noReason = await transition(created.id, { to: 'rejected' }).expect(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const duplicate = await transition(created.id, { to: 'duplicate' }).expect(400);
    expect(duplicate.body.errors[0].path).toBe('to');

    const unassigned = await newRequest(t, users.staff, { serviceCode: category.code, lat: 10, lon: 10 });
    const noAssignee = await transition(unassigned.id, { to: 'assigned' }).expect(409);
    expect(noAssignee.body.reason).toBe('no_assignee');

    const rejected = await transition(created.id, { to: 'rejected', reason: 'Not police business' }).expect(
      200,
    );
    expect(rejected.body.closedAt).not.toBeNull();
  });

  it('reopens within the configured window only', async () => {
    const created = await request();
    await transition(created.id, { to: 'assigned' }).expect(200);
    await transition(created.id, { to: 'resolved' }).expect(200);
    await transition(created.id, { to: 'closed' }).expect(200);
    const reopened = await transition(created.id, {
      to: 'in_progress',
      reason: 'Requester says it is back',
    }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'in_progress', closedAt: null, resolvedAt: null });
    expect((await detail(created.id)).timeline.at(-1)).toMatchObject({
      kind: 'reopened',
      before: { status: 'closed' },
    });

    await transition(created.id, { to: 'resolved' }).expect(200);
    await transition(created.id, { to: 'closed' }).expect(200);
    // Closed 31 days ago: past the default 30-day window.
    await t.database.db
      .update(serviceRequests)
      .set({ closedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(serviceRequests.id, created.id));
    const late = await transition(created.id, { to: 'in_progress' }).expect(409);
    expect(late.body).toMatchObject({ reason: 'reopen_window_expired', allowed: [] });
    expect((await detail(created.id)).allowedTransitions).toEqual([]);

    // A longer window, set by an administrator, lets it reopen again.
    await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ reopenWindowDays: 60 })
      .expect(200);
    try {
      await transition(created.id, { to: 'in_progress' }).expect(200);
    } finally {
      await t.http
        .patch('/api/v1/service-desk/settings')
        .set(bearer(users.admin))
        .send({ reopenWindowDays: 30 })
        .expect(200);
    }
  });
});

describe('notes and public updates', () => {
  it('records internal notes and public updates; the first public update is the first response', async () => {
    const created = await request({ requester: { name: 'Jan Nowak', preferredLanguage: 'pl' } });
    const internal = await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.lieutenant))
      .send({ body: 'Known address, repeat caller', visibility: 'internal' })
      .expect(201);
    expect(internal.body).toMatchObject({
      kind: 'note',
      visibility: 'internal',
      body: 'Known address, repeat caller',
      language: 'en',
      // The request's version after the note, to send with the next change.
      version: 2,
    });
    expect((await detail(created.id)).firstRespondedAt).toBeNull();

    const update = await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .send({
        body: 'Funkcjonariusz odwiedzi Państwa jutro.',
        visibility: 'public',
        language: 'pl',
        version: internal.body.version,
      })
      .expect(201);
    expect(update.body).toMatchObject({
      visibility: 'public',
      language: 'pl',
      actor: { type: 'user', name: 'Test staff' },
      version: 3,
    });
    const after = await detail(created.id);
    expect(after.firstRespondedAt).toBe(update.body.occurredAt);
    expect(after.requesterLanguage).toBe('pl');
    expect(after.version).toBe(3);
    expect(
      after.timeline.map((e: { kind: string; visibility: string }) => `${e.kind}/${e.visibility}`),
    ).toEqual(['created/public', 'note/internal', 'note/public']);
    const empty = await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: '  ', visibility: 'public' })
      .expect(400);
    expect(empty.body.errors[0].path).toBe('body');
    await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .set('If-Match', 'W/"1"')
      .send({ body: 'Stale', visibility: 'internal' })
      .expect(412);
  });
});

describe('editing with ETag / If-Match', () => {
  it('applies an edit with the current ETag and refuses a stale one with 412', async () => {
    const created = await request();
    const read = await t.http
      .get(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(read.headers.etag).toBe('W/"1"');
    const edited = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .set('If-Match', String(read.headers.etag))
      .send({ description: 'Loud music and shouting' })
      .expect(200);
    expect(edited.body).toMatchObject({ description: 'Loud music and shouting', version: 2 });
    expect(edited.headers.etag).toBe('W/"2"');

    const stale = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.supervisor))
      .set('If-Match', String(read.headers.etag))
      .send({ description: 'Someone else’s older edit' })
      .expect(412);
    expect(stale.body).toMatchObject({ status: 412, currentVersion: 2 });
    expect(stale.headers.etag).toBe('W/"2"');
    await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ description: 'x', version: 1 })
      .expect(412);
    await t.http
      .post(`/api/v1/service-requests/${created.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'triaged', version: 1 })
      .expect(412);
    expect((await detail(created.id)).description).toBe('Loud music and shouting');
  });

  it('recomputes due times from the creation time when the priority changes, and records it', async () => {
    const created = await request({ priority: 'P3' });
    const createdAt = Date.parse(created.createdAt as string);
    const edited = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ priority: 'P1' })
      .expect(200);
    expect(Date.parse(edited.body.firstResponseDueAt) - createdAt).toBe(1 * 3_600_000);
    expect(Date.parse(edited.body.resolutionDueAt) - createdAt).toBe(4 * 3_600_000);
    const kinds = (await detail(created.id)).timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['created', 'priority_changed', 'due_times_recomputed']);
  });

  it('re-geocodes a new address and hands the request to the new neighborhood’s lieutenant', async () => {
    const created = await request();
    expect(created.assigneeId).toBe(north.lieutenant!.id);
    const moved = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ address: '1 South Rd' })
      .expect(200);
    expect(moved.body).toMatchObject({
      neighborhoodId: south.id,
      assigneeId: south.lieutenant!.id,
      address: '1 South Rd',
    });
    expect(moved.body.lat).toBeCloseTo(south.center.lat, 6);
    const bad = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ address: '9 Qwxzy Lane' })
      .expect(400);
    expect(bad.body.errors[0].path).toBe('address');
    const timeline = (await detail(created.id)).timeline;
    // Names next to the ids, so no screen has to look them up (or fail to, for a retired one).
    expect(timeline.find((e: { kind: string }) => e.kind === 'relocated')).toMatchObject({
      before: {
        neighborhoodId: north.id,
        neighborhood: { id: north.id, code: north.code, name: north.name },
      },
      after: { neighborhoodId: south.id, neighborhood: { id: south.id, code: south.code, name: south.name } },
    });
    expect(timeline.find((e: { kind: string }) => e.kind === 'assigned')).toMatchObject({
      before: { assigneeId: north.lieutenant!.id, assignee: { name: north.lieutenant!.name } },
      after: { assigneeId: south.lieutenant!.id, assignee: { name: south.lieutenant!.name } },
    });
  });

  it('assigns to an active person; lieutenants may not reassign', async () => {
    const created = await request();
    const officer = await createPerson(t, users.admin);
    const assigned = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ assigneeId: officer.id })
      .expect(200);
    expect(assigned.body.assignee).toMatchObject({ id: officer.id, name: officer.name });
    await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.lieutenant))
      .send({ assigneeId: null })
      .expect(403);
    const inactive = await createPerson(t, users.admin, { active: false });
    const refused = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.supervisor))
      .send({ assigneeId: inactive.id })
      .expect(400);
    expect(refused.body.errors[0].path).toBe('assigneeId');
    // Lieutenants still edit other things.
    await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.lieutenant))
      .send({ description: 'Edited by Lt.' })
      .expect(200);
  });

  it('records requester changes by field name only', async () => {
    const created = await request({ requester: { name: 'Old Name', phone: '860 555 0101' } });
    const edited = await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ requester: { phone: '860 555 0202', preferredLanguage: 'es' } })
      .expect(200);
    expect(edited.body.requester).toEqual({
      name: 'Old Name',
      email: null,
      phone: '860 555 0202',
      preferredLanguage: 'es',
      emailUpdates: false,
    });
    const events = await t.database.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, created.id));
    expect(JSON.stringify(events)).not.toMatch(/555 0[12]0[12]/);
    expect(events.at(-1)).toMatchObject({
      kind: 'requester_updated',
      after: { fields: ['phone', 'preferredLanguage'] },
    });
  });
});

describe('merge', () => {
  it('marks the child a duplicate of the parent, closes its open work, and records it on both', async () => {
    const parent = await request();
    const child = await request();
    const grandchild = await request();
    await t.http
      .post(`/api/v1/service-requests/${grandchild.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: child.id })
      .expect(200);

    const merged = await t.http
      .post(`/api/v1/service-requests/${child.id}/merge`)
      .set(bearer(users.staff))
      .set('If-Match', 'W/"2"')
      .send({ intoId: parent.id, reason: 'Same party, same night' })
      .expect(200);
    expect(merged.body).toMatchObject({ status: 'duplicate', parentId: parent.id, overdue: false });
    expect(merged.body.closedAt).not.toBeNull();

    const parentDetail = await detail(parent.id);
    expect(parentDetail.duplicates.map((d: { id: string }) => d.id).sort()).toEqual(
      [child.id, grandchild.id].sort(),
    );
    expect(parentDetail.timeline.at(-1)).toMatchObject({ kind: 'merged_from', after: { childId: child.id } });
    const childDetail = await detail(child.id);
    expect(childDetail.timeline.at(-1)).toMatchObject({
      kind: 'merged_into',
      before: { status: 'new' },
      after: { status: 'duplicate', parentId: parent.id, parentTrackingNumber: parent.trackingNumber },
    });
    expect((await detail(grandchild.id)).parentId).toBe(parent.id);

    // The duplicate has left the open queue.
    const open = await t.http
      .get(
        `/api/v1/service-requests?status=new,triaged,assigned,in_progress&serviceCode=${category.code}&limit=500`,
      )
      .set(bearer(users.staff))
      .expect(200);
    expect(open.body.items.map((i: { id: string }) => i.id)).not.toContain(child.id);
  });

  it('refuses merging into itself, into a duplicate, a finished request, or a stale version', async () => {
    const parent = await request();
    const child = await request();
    const self = await t.http
      .post(`/api/v1/service-requests/${child.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: child.id })
      .expect(400);
    expect(self.body.errors[0].path).toBe('intoId');
    const missing = await t.http
      .post(`/api/v1/service-requests/${child.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(missing.body.errors[0].path).toBe('intoId');
    await t.http
      .post(`/api/v1/service-requests/${child.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: parent.id, version: 7 })
      .expect(412);

    await t.http
      .post(`/api/v1/service-requests/${child.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: parent.id })
      .expect(200);
    const other = await request();
    const intoDuplicate = await t.http
      .post(`/api/v1/service-requests/${other.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: child.id })
      .expect(409);
    expect(intoDuplicate.body.reason).toBe('parent_is_duplicate');

    const finished = await request();
    await transition(finished.id, { to: 'assigned' }).expect(200);
    await transition(finished.id, { to: 'resolved' }).expect(200);
    const refused = await t.http
      .post(`/api/v1/service-requests/${finished.id}/merge`)
      .set(bearer(users.staff))
      .send({ intoId: parent.id })
      .expect(409);
    expect(refused.body.allowed).toEqual(['closed', 'in_progress']);
    // A duplicate is terminal.
    await transition(child.id, { to: 'triaged' }).expect(409);
  });
});

describe('bulk actions', () => {
  it('applies to every request it can and reports the others, in one transaction', async () => {
    const fresh = await request();
    const alsoFresh = await request();
    const closed = await request();
    await transition(closed.id, { to: 'assigned' }).expect(200);
    await transition(closed.id, { to: 'resolved' }).expect(200);
    await transition(closed.id, { to: 'closed' }).expect(200);
    const missing = '00000000-0000-4000-8000-000000000000';

    const reply = await t.http
      .post('/api/v1/service-requests/bulk')
      .set(bearer(users.staff))
      .send({ action: 'transition', to: 'triaged', ids: [fresh.id, closed.id, missing, alsoFresh.id] })
      .expect(200);
    expect(reply.body).toMatchObject({ succeeded: 2, failed: 2 });
    expect(reply.body.results).toEqual([
      { id: fresh.id, ok: true, status: 'triaged', version: 2 },
      {
        id: closed.id,
        ok: false,
        error: expect.objectContaining({ status: 409, allowed: ['in_progress'] }),
      },
      { id: missing, ok: false, error: expect.objectContaining({ status: 404 }) },
      { id: alsoFresh.id, ok: true, status: 'triaged', version: 2 },
    ]);
    expect((await detail(fresh.id)).status).toBe('triaged');
    const closedAfter = await detail(closed.id);
    expect(closedAfter).toMatchObject({ status: 'closed' });
    expect(closedAfter.timeline.filter((e: { kind: string }) => e.kind === 'status_changed')).toHaveLength(3);
  });

  it('prioritises and assigns in bulk, with per-item failures', async () => {
    const open = await request({ priority: 'P4' });
    const finished = await request();
    await transition(finished.id, { to: 'rejected', reason: 'Out of area' }).expect(200);
    const prioritised = await t.http
      .post('/api/v1/service-requests/bulk')
      .set(bearer(users.supervisor))
      .send({ action: 'prioritise', priority: 'P1', ids: [open.id, finished.id] })
      .expect(200);
    expect(prioritised.body.results[0]).toMatchObject({ ok: true });
    expect(prioritised.body.results[1]).toMatchObject({ ok: false, error: { status: 409 } });
    const reread = await detail(open.id);
    expect(reread.priority).toBe('P1');
    expect(Date.parse(reread.resolutionDueAt) - Date.parse(reread.createdAt)).toBe(4 * 3_600_000);

    const officer = await createPerson(t, users.admin);
    const assigned = await t.http
      .post('/api/v1/service-requests/bulk')
      .set(bearer(users.staff))
      .send({ action: 'assign', assigneeId: officer.id, ids: [open.id, finished.id] })
      .expect(200);
    expect(assigned.body.succeeded).toBe(2);
    expect((await detail(open.id)).assigneeId).toBe(officer.id);
    await t.http
      .post('/api/v1/service-requests/bulk')
      .set(bearer(users.lieutenant))
      .send({ action: 'assign', assigneeId: officer.id, ids: [open.id] })
      .expect(403);
    const invalid = await t.http
      .post('/api/v1/service-requests/bulk')
      .set(bearer(users.staff))
      .send({ action: 'transition', to: 'triaged', ids: [open.id, open.id] })
      .expect(400);
    expect(invalid.body.errors[0].path).toBe('ids');
  });
});

describe('who may change requests', () => {
  it('refuses analysts and integrations with 403 on every write route', async () => {
    const created = await request();
    const other = await request();
    const writes = [
      {
        method: 'post',
        path: '/api/v1/service-requests',
        body: { serviceCode: category.code, address: '1 North Rd', description: 'x', channel: 'phone' },
      },
      { method: 'patch', path: `/api/v1/service-requests/${created.id}`, body: { description: 'x' } },
      { method: 'post', path: `/api/v1/service-requests/${created.id}/transitions`, body: { to: 'triaged' } },
      {
        method: 'post',
        path: `/api/v1/service-requests/${created.id}/notes`,
        body: { body: 'x', visibility: 'internal' },
      },
      { method: 'post', path: `/api/v1/service-requests/${created.id}/merge`, body: { intoId: other.id } },
      {
        method: 'post',
        path: '/api/v1/service-requests/bulk',
        body: { action: 'transition', to: 'triaged', ids: [created.id] },
      },
    ] as const;
    for (const write of writes) {
      const reply = await t.http[write.method](write.path).set(bearer(users.analyst)).send(write.body);
      expect(reply.status, `analyst ${write.method} ${write.path}`).toBe(403);
    }
    const apiKey = (
      await t.http
        .post('/api/v1/api-clients')
        .set(bearer(users.admin))
        .send({ name: `c-${unique()}`, scopes: ['requests:read'] })
    ).body.key as string;
    for (const write of writes) {
      const reply = await t.http[write.method](write.path).set('X-Api-Key', apiKey).send(write.body);
      expect(reply.status, `integration ${write.method} ${write.path}`).toBe(403);
    }
    for (const write of writes) {
      const reply = await t.http[write.method](write.path).send(write.body);
      expect(reply.status, `anonymous ${write.method} ${write.path}`).toBe(401);
    }
    expect(await detail(created.id)).toMatchObject({ status: 'new', version: 1 });
  });
});

describe('the timeline names who did what', () => {
  it('shows the actor of every event by name: users, integrations and system jobs', async () => {
    const clientName = `Town 311 ${unique()}`;
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(bearer(users.admin))
      .send({ name: clientName, scopes: ['requests:write'] })
      .expect(201);
    const filed = await t.http
      .post('/api/v1/service-requests')
      .set('X-Api-Key', client.body.key)
      .send({
        serviceCode: category.code,
        address: '1 North Rd',
        description: 'Filed online',
        channel: 'web',
      })
      .expect(201);
    await transition(
      filed.body.id,
      { to: 'rejected', reason: 'Not police business' },
      users.supervisor,
    ).expect(200);
    // The retention job, for this request only: finished long before anything else in this database.
    await t.database.db
      .update(serviceRequests)
      .set({ closedAt: new Date('2000-01-01T00:00:00Z') })
      .where(eq(serviceRequests.id, filed.body.id));
    const retentionDays = Math.floor((Date.now() - Date.parse('2001-01-01T00:00:00Z')) / 86_400_000);
    await anonymizeExpiredRequests({ db: t.database.db, retentionDays });

    const actors = (await detail(filed.body.id)).timeline.map(
      (e: { kind: string; actor: { type: string; name: string | null } }) =>
        `${e.kind}:${e.actor.type}:${e.actor.name}`,
    );
    expect(actors).toEqual([
      `created:api_client:${clientName}`,
      'status_changed:user:Test supervisor',
      'requester_anonymized:system:Retention policy',
    ]);
    // Every event in the table has a name, however it was written.
    const unnamed = await t.database.db
      .select({ id: requestEvents.id })
      .from(requestEvents)
      .where(isNull(requestEvents.actorName));
    expect(unnamed).toEqual([]);
  });

  it('names the people and neighborhoods behind ids for staff and analysts, not for integrations', async () => {
    const created = await request();
    const officer = await createPerson(t, users.admin);
    await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ assigneeId: officer.id })
      .expect(200);
    // A person who has left since is still named in the record.
    await t.http
      .patch(`/api/v1/personnel/${officer.id}`)
      .set(bearer(users.admin))
      .send({ active: false })
      .expect(200);
    await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({ assigneeId: null })
      .expect(200);

    for (const reader of [users.staff, users.analyst]) {
      const timeline = (await detail(created.id, reader)).timeline;
      expect(timeline[0]).toMatchObject({
        kind: 'created',
        after: {
          neighborhood: { id: north.id, code: north.code, name: north.name },
          assignee: { id: north.lieutenant!.id, name: north.lieutenant!.name },
        },
      });
      const assignments = timeline.filter((e: { kind: string }) => e.kind === 'assigned');
      expect(assignments).toMatchObject([
        {
          before: { assignee: { id: north.lieutenant!.id, name: north.lieutenant!.name } },
          after: { assignee: { id: officer.id, name: officer.name, title: 'Community Service Officer' } },
        },
        { before: { assignee: { id: officer.id, name: officer.name } }, after: { assignee: null } },
      ]);
    }

    const readKey = (
      await t.http
        .post('/api/v1/api-clients')
        .set(bearer(users.admin))
        .send({ name: `Reader ${unique()}`, scopes: ['requests:read'] })
        .expect(201)
    ).body.key as string;
    const outside = await t.http
      .get(`/api/v1/service-requests/${created.id}`)
      .set('X-Api-Key', readKey)
      .expect(200);
    expect(JSON.stringify(outside.body.timeline)).not.toContain(officer.name);
    expect(JSON.stringify(outside.body.timeline)).not.toContain(north.lieutenant!.name);
  });
});
