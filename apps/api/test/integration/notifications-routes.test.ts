import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox, notifications, personnel } from '../../src/db/schema/index.ts';
import { queueNotifications } from '../../src/modules/notifications/notification-service.ts';
import type { OutgoingMessage } from '../../src/modules/notifications/transport.ts';
import {
  createApiClient,
  createServiceType,
  insertAssignment,
  insertNeighborhood,
  insertPerson,
  newRequest,
  unique,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/**
 * The inbox, preferences and outbox routes, and the public requester links: who may call them, what a
 * bad input gets, and what a user sees. E-mail itself is in requester-email.test.ts.
 */
let t: TestApp;
let users: Users;
let apiKey: string;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  apiKey = await createApiClient(t, users.admin, ['requests:read', 'requests:write']);
});

afterAll(async () => {
  await t?.close();
});

const staffRoutes = [
  { method: 'get', path: '/api/v1/notifications' },
  { method: 'get', path: '/api/v1/notifications/unread-count' },
  { method: 'post', path: '/api/v1/notifications/read', body: { all: true } },
  { method: 'post', path: `/api/v1/notifications/00000000-0000-4000-8000-000000000000/read` },
  { method: 'get', path: '/api/v1/me/notification-preferences' },
  { method: 'patch', path: '/api/v1/me/notification-preferences', body: { dailyDigest: false } },
] as const;

const adminRoutes = [
  { method: 'get', path: '/api/v1/users/00000000-0000-4000-8000-000000000000/notification-preferences' },
  {
    method: 'patch',
    path: '/api/v1/users/00000000-0000-4000-8000-000000000000/notification-preferences',
    body: { dailyDigest: true },
  },
  { method: 'get', path: '/api/v1/notification-outbox' },
  { method: 'post', path: '/api/v1/notification-outbox/1/retry' },
] as const;

function call(route: { method: string; path: string; body?: object }) {
  const request = (t.http as unknown as Record<string, (path: string) => ReturnType<typeof t.http.get>>)[
    route.method
  ]!(route.path);
  return route.body ? request.send(route.body) : request;
}

describe('access', () => {
  it('anonymous callers get 401 on every staff and admin route', async () => {
    for (const route of [...staffRoutes, ...adminRoutes]) {
      const reply = await call(route);
      expect(reply.status, `${route.method} ${route.path}`).toBe(401);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('integrations (API keys) get 403: they have no inbox or preferences', async () => {
    for (const route of [...staffRoutes, ...adminRoutes]) {
      const reply = await call(route).set('x-api-key', apiKey);
      expect(reply.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it('every role but admin gets 403 on the outbox and on other people’s preferences', async () => {
    for (const role of ['supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
      for (const route of adminRoutes) {
        const reply = await call(route).set(bearer(users[role]));
        expect(reply.status, `${role} ${route.method} ${route.path}`).toBe(403);
      }
    }
  });
});

describe('the inbox', () => {
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    owner = await userWithRoles(t, ['supervisor']);
    other = await userWithRoles(t, ['staff']);
    // One at a time, so each has its own creation time (newest first is then well defined).
    for (const index of [0, 1, 2]) {
      await queueNotifications(t.database.db, [
        {
          recipientUserId: owner.id,
          kind: 'sla_breached' as const,
          title: `Breach ${index}`,
          body: `Body ${index}`,
          dedupeKey: `test:${unique()}`,
        },
      ]);
    }
    await queueNotifications(t.database.db, [
      {
        recipientUserId: other.id,
        kind: 'assigned',
        title: 'Not yours',
        body: 'x',
        dedupeKey: `test:${unique()}`,
      },
    ]);
  });

  it('lists my notifications newest first with the unread count, page by page', async () => {
    const first = await t.http.get('/api/v1/notifications?limit=2').set(bearer(owner)).expect(200);
    expect(first.body.unreadCount).toBe(3);
    expect(first.body.items.map((item: { title: string }) => item.title)).toEqual(['Breach 2', 'Breach 1']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(owner))
      .expect(200);
    expect(second.body.items.map((item: { title: string }) => item.title)).toEqual(['Breach 0']);
    expect(second.body.nextCursor).toBeNull();
    const count = await t.http.get('/api/v1/notifications/unread-count').set(bearer(owner)).expect(200);
    expect(count.body).toEqual({ unreadCount: 3 });
  });

  it('marks one read, then all; someone else’s notification is a 404 and stays unread', async () => {
    const list = await t.http.get('/api/v1/notifications').set(bearer(owner)).expect(200);
    const [newest] = list.body.items;
    const marked = await t.http
      .post(`/api/v1/notifications/${newest.id}/read`)
      .set(bearer(owner))
      .expect(200);
    expect(marked.body.readAt).toEqual(expect.any(String));
    const unread = await t.http.get('/api/v1/notifications?unread=true').set(bearer(owner)).expect(200);
    expect(unread.body.items).toHaveLength(2);
    expect(unread.body.unreadCount).toBe(2);

    const theirs = await t.http.get('/api/v1/notifications').set(bearer(other)).expect(200);
    await t.http.post(`/api/v1/notifications/${theirs.body.items[0].id}/read`).set(bearer(owner)).expect(404);
    const byIds = await t.http
      .post('/api/v1/notifications/read')
      .set(bearer(owner))
      .send({ ids: [theirs.body.items[0].id] })
      .expect(200);
    expect(byIds.body.marked).toBe(0);
    expect((await t.http.get('/api/v1/notifications/unread-count').set(bearer(other))).body.unreadCount).toBe(
      1,
    );

    const all = await t.http
      .post('/api/v1/notifications/read')
      .set(bearer(owner))
      .send({ all: true })
      .expect(200);
    expect(all.body).toEqual({ marked: 2, unreadCount: 0 });
  });

  it('keeps e-mail-only notifications out of the inbox', async () => {
    const user = await userWithRoles(t, ['supervisor']);
    await t.http
      .patch('/api/v1/me/notification-preferences')
      .set(bearer(user))
      .send({ preferences: [{ kind: 'reassigned', inApp: false, email: true }] })
      .expect(200);
    await queueNotifications(t.database.db, [
      {
        recipientUserId: user.id,
        kind: 'reassigned',
        title: 'Mail only',
        body: 'x',
        dedupeKey: `test:${unique()}`,
      },
    ]);
    const inbox = await t.http.get('/api/v1/notifications').set(bearer(user)).expect(200);
    expect(inbox.body.items).toEqual([]);
    const rows = await t.database.db
      .select({ channel: notificationOutbox.channel })
      .from(notificationOutbox)
      .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
      .where(eq(notifications.recipientUserId, user.id));
    expect(rows.map((row) => row.channel)).toEqual(['email']);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: Array<[string, object | undefined, string]> = [
      ['/api/v1/notifications/read', {}, 'ids'],
      ['/api/v1/notifications/read', { ids: ['not-a-uuid'] }, 'ids.0'],
      ['/api/v1/notifications/not-a-uuid/read', undefined, 'id'],
    ];
    for (const [path, body, field] of cases) {
      const reply = await t.http.post(path).set(bearer(owner)).send(body);
      expect(reply.status, path).toBe(400);
      expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(field);
    }
    const cursor = await t.http.get('/api/v1/notifications?cursor=garbage').set(bearer(owner));
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0].path).toBe('cursor');
  });
});

describe('preferences', () => {
  it('shows defaults, saves choices with If-Match, and refuses a stale version (412) and bad hours (400)', async () => {
    const user = await userWithRoles(t, ['lieutenant']);
    const initial = await t.http.get('/api/v1/me/notification-preferences').set(bearer(user)).expect(200);
    expect(initial.body.preferences).toEqual([
      { kind: 'assigned', inApp: true, email: false },
      { kind: 'sla_breached', inApp: true, email: true },
      { kind: 'reassigned', inApp: true, email: true },
      { kind: 'action_item_overdue', inApp: true, email: true },
      { kind: 'account_locked', inApp: true, email: true },
      { kind: 'webhook_disabled', inApp: true, email: true },
    ]);
    expect(initial.body).toMatchObject({ dailyDigest: false, quietHours: null });

    const saved = await t.http
      .patch('/api/v1/me/notification-preferences')
      .set(bearer(user))
      .set('if-match', String(initial.headers.etag))
      .send({
        preferences: [{ kind: 'assigned', inApp: false, email: true }],
        dailyDigest: true,
        digestHour: 6,
        quietHours: { start: '22:00', end: '07:00' },
      })
      .expect(200);
    expect(saved.body.preferences[0]).toEqual({ kind: 'assigned', inApp: false, email: true });
    expect(saved.body).toMatchObject({
      dailyDigest: true,
      digestHour: 6,
      quietHours: { start: '22:00', end: '07:00' },
    });

    await t.http
      .patch('/api/v1/me/notification-preferences')
      .set(bearer(user))
      .set('if-match', String(initial.headers.etag))
      .send({ dailyDigest: false })
      .expect(412);

    for (const [body, field] of [
      [{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
      [{ digestHour: 24 }, 'digestHour'],
      [{ preferences: [{ kind: 'parties', inApp: true, email: true }] }, 'preferences.0.kind'],
      [{}, ''],
    ] as const) {
      const reply = await t.http.patch('/api/v1/me/notification-preferences').set(bearer(user)).send(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      if (field) expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(field);
    }
  });

  it('lets an administrator read and change a user’s preferences; an unknown user is a 404', async () => {
    const user = await userWithRoles(t, ['staff']);
    await t.http
      .patch(`/api/v1/users/${user.id}/notification-preferences`)
      .set(bearer(users.admin))
      .send({ preferences: [{ kind: 'sla_breached', inApp: true, email: false }] })
      .expect(200);
    const own = await t.http.get('/api/v1/me/notification-preferences').set(bearer(user)).expect(200);
    expect(own.body.preferences[1]).toEqual({ kind: 'sla_breached', inApp: true, email: false });
    await t.http
      .get('/api/v1/users/00000000-0000-4000-8000-000000000000/notification-preferences')
      .set(bearer(users.admin))
      .expect(404);
  });
});

describe('the outbox (administrators)', () => {
  it('lists deliveries with status and retries a failed one; a delivered one cannot be retried (409)', async () => {
    const user = await userWithRoles(t, ['supervisor']);
    await queueNotifications(t.database.db, [
      {
        recipientUserId: user.id,
        kind: 'sla_breached',
        title: 'Retry me',
        body: 'x',
        dedupeKey: `test:${unique()}`,
      },
    ]);
    const [row] = await t.database.db
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .innerJoin(notifications, eq(notifications.id, notificationOutbox.notificationId))
      .where(and(eq(notifications.recipientUserId, user.id), eq(notificationOutbox.channel, 'email')));
    await t.database.db
      .update(notificationOutbox)
      .set({ status: 'failed', attempts: 8, lastError: 'Error: 550 rejected' })
      .where(eq(notificationOutbox.id, row!.id));

    const list = await t.http
      .get('/api/v1/notification-outbox?status=failed')
      .set(bearer(users.admin))
      .expect(200);
    const failed = list.body.items.find((item: { id: string }) => item.id === String(row!.id));
    expect(failed).toMatchObject({
      channel: 'email',
      status: 'failed',
      attempts: 8,
      audience: 'staff',
      kind: 'sla_breached',
      recipient: { userId: user.id, name: 'Test supervisor', trackingNumber: null },
    });

    const retried = await t.http
      .post(`/api/v1/notification-outbox/${row!.id}/retry`)
      .set(bearer(users.admin))
      .expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await t.app.notifications.deliverNow();
    const after = await t.http
      .get('/api/v1/notification-outbox?channel=email')
      .set(bearer(users.admin))
      .expect(200);
    expect(after.body.items.find((item: { id: string }) => item.id === String(row!.id)).status).toBe(
      'delivered',
    );
    await t.http.post(`/api/v1/notification-outbox/${row!.id}/retry`).set(bearer(users.admin)).expect(409);
    await t.http.post('/api/v1/notification-outbox/999999999/retry').set(bearer(users.admin)).expect(404);
    const bad = await t.http
      .post('/api/v1/notification-outbox/abc/retry')
      .set(bearer(users.admin))
      .expect(400);
    expect(bad.body.errors[0].path).toBe('id');
    await t.http.get('/api/v1/notification-outbox?status=lost').set(bearer(users.admin)).expect(400);
  });

  it('shows a requester mail by tracking number only, never by name or address', async () => {
    const type = await createServiceType(t, users.admin);
    const address = `someone.${unique()}@example.org`;
    const created = await newRequest(t, users.staff, {
      serviceCode: type.code,
      lat: 41.77,
      lon: -72.64,
      requester: { name: 'Zofia Nowak', email: address, emailUpdates: true },
    });
    const list = await t.http
      .get('/api/v1/notification-outbox?audience=requester')
      .set(bearer(users.admin))
      .expect(200);
    expect(list.body.items.every((item: { audience: string }) => item.audience === 'requester')).toBe(true);
    const staffOnly = await t.http
      .get('/api/v1/notification-outbox?audience=staff')
      .set(bearer(users.admin))
      .expect(200);
    expect(staffOnly.body.items.every((item: { audience: string }) => item.audience === 'staff')).toBe(true);
    const mail = list.body.items.find(
      (item: { recipient: { trackingNumber: string | null } }) =>
        item.recipient.trackingNumber === created.trackingNumber,
    );
    expect(mail).toMatchObject({
      audience: 'requester',
      kind: 'acknowledgement',
      recipient: { userId: null, name: null },
    });
    expect(JSON.stringify(list.body)).not.toContain(address);
    expect(JSON.stringify(list.body)).not.toContain('Zofia');
  });
});

describe('public requester links', () => {
  it('refuse a forged or foreign token (403), an unknown request (404) and a missing token (400)', async () => {
    const type = await createServiceType(t, users.admin);
    const request = await newRequest(t, users.staff, {
      serviceCode: type.code,
      lat: 41.77,
      lon: -72.64,
      requester: { email: `p.${unique()}@example.org`, emailUpdates: true },
    });
    const other = await newRequest(t, users.staff, { serviceCode: type.code, lat: 41.77, lon: -72.64 });
    const links = t.app.notifications.links;
    const base = `/api/v1/public/requests/${request.trackingNumber}`;
    const tokenFor = (purpose: 'unsubscribe' | 'not-fixed', id: string) => links.token(purpose, id);
    for (const purpose of ['unsubscribe', 'not-fixed'] as const) {
      const otherPurpose = purpose === 'unsubscribe' ? 'not-fixed' : 'unsubscribe';
      for (const token of [
        'A'.repeat(43),
        tokenFor(purpose, other.id),
        tokenFor(otherPurpose, request.id),
        `${tokenFor(purpose, request.id)}x`,
      ]) {
        await t.http.get(`${base}/${purpose}?token=${token}`).expect(403);
        await t.http.post(`${base}/${purpose}?token=${token}`).type('form').send({}).expect(403);
      }
      await t.http.post(`${base}/${purpose}`).type('form').send({}).expect(400);
      await t.http
        .post(`/api/v1/public/requests/XX-1999-000001/${purpose}?token=${tokenFor(purpose, request.id)}`)
        .type('form')
        .send({})
        .expect(404);
      await t.http.get(`/api/v1/public/requests/bad%20number/${purpose}?token=x`).expect(400);
    }
    // Nothing changed.
    const view = await t.http
      .get(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(view.body.requester.emailUpdates).toBe(true);
    expect(view.body.status).toBe('new');
  });

  it('answers a browser with a page in the requester’s language, and "not fixed" on an open request changes nothing', async () => {
    const type = await createServiceType(t, users.admin);
    const request = await newRequest(t, users.staff, {
      serviceCode: type.code,
      lat: 41.77,
      lon: -72.64,
      requester: { email: `pl.${unique()}@example.org`, preferredLanguage: 'pl', emailUpdates: true },
    });
    const links = t.app.notifications.links;
    const unsubscribe = new URL(links.unsubscribe(request.trackingNumber, request.id));
    const page = await t.http.get(`${unsubscribe.pathname}${unsubscribe.search}`).expect(200);
    expect(page.text).toContain('<html lang="pl">');
    expect(page.text).toContain('Zrezygnuj z e-maili');
    const done = await t.http
      .post(`${unsubscribe.pathname}${unsubscribe.search}`)
      .set('accept', 'text/html')
      .type('form')
      .send({ 'List-Unsubscribe': 'One-Click' })
      .expect(200);
    expect(done.text).toContain(
      `Gotowe: nie otrzymasz więcej e-maili o zgłoszeniu ${request.trackingNumber}.`,
    );
    const notFixed = new URL(links.notFixed(request.trackingNumber, request.id));
    const open = await t.http
      .post(`${notFixed.pathname}${notFixed.search}`)
      .type('form')
      .send({})
      .expect(200);
    expect(open.body).toEqual({ trackingNumber: request.trackingNumber, reopened: false, status: 'new' });
  });
});

describe('staff notices', () => {
  it('tells a lieutenant about a request assigned to them, and both lieutenants about a reassignment', async () => {
    const neighborhood = await insertNeighborhood(t.database.db);
    const lieutenantUser = await userWithRoles(t, ['lieutenant']);
    const lieutenant = await insertPerson(t.database.db, { userId: lieutenantUser.id });
    await insertAssignment(t.database.db, { neighborhoodId: neighborhood.id, personnelId: lieutenant.id });
    const type = await createServiceType(t, users.admin);
    const request = await newRequest(t, users.staff, {
      serviceCode: type.code,
      lat: 41.77,
      lon: -72.64,
      priority: 'P1',
    });
    // Intake routed it to no one here (no geography); a supervisor assigns it.
    await t.http
      .patch(`/api/v1/service-requests/${request.id}`)
      .set(bearer(users.supervisor))
      .send({ assigneeId: lieutenant.id })
      .expect(200);
    const queued = await t.app.notifications.queueStaffNoticesNow();
    expect(queued.queued).toBeGreaterThanOrEqual(1);
    // Looking again (the job overlaps its runs) adds nothing.
    await t.app.notifications.queueStaffNoticesNow();
    const inbox = await t.http.get('/api/v1/notifications').set(bearer(lieutenantUser)).expect(200);
    // Their own new assignment to the neighborhood (written above) was announced too.
    expect(inbox.body.items.find((item: { kind: string }) => item.kind === 'reassigned')).toMatchObject({
      title: `You are the coordination lieutenant of ${neighborhood.name}`,
    });
    expect(inbox.body.items.filter((item: { kind: string }) => item.kind === 'assigned')).toEqual([
      expect.objectContaining({
        kind: 'assigned',
        title: `New assignment: ${request.trackingNumber} (P1)`,
        urgent: true,
        entityType: 'service_request',
        entityId: request.id,
      }),
    ]);

    const incomingUser = await userWithRoles(t, ['lieutenant']);
    const incoming = await insertPerson(t.database.db, { userId: incomingUser.id });
    await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/lieutenant`)
      .set(bearer(users.supervisor))
      .send({
        personnelId: incoming.id,
        effectiveAt: new Date().toISOString(),
        reason: 'Rebalancing',
        transferOpenWork: true,
      })
      .expect((reply) => expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300));
    await t.app.notifications.queueStaffNoticesNow();
    const incomingInbox = await t.http.get('/api/v1/notifications').set(bearer(incomingUser)).expect(200);
    expect(
      incomingInbox.body.items.map((item: { kind: string; title: string }) => [item.kind, item.title]),
    ).toEqual([['reassigned', `You are the coordination lieutenant of ${neighborhood.name}`]]);
    const outgoingInbox = await t.http.get('/api/v1/notifications').set(bearer(lieutenantUser)).expect(200);
    expect(outgoingInbox.body.items[0]).toMatchObject({
      kind: 'reassigned',
      title: `Your assignment to ${neighborhood.name} ends`,
    });
    // The open work that moved with the reassignment is not one notice per request.
    expect(incomingInbox.body.items.filter((item: { kind: string }) => item.kind === 'assigned')).toEqual([]);
    const linked = await t.database.db.select().from(personnel).where(eq(personnel.id, incoming.id));
    expect(linked[0]!.userId).toBe(incomingUser.id);
  });
});

describe('e-mail templates (response templates with an e-mail kind)', () => {
  it('exist from the start, stay out of the canned replies, and are what the e-mail says once edited', async () => {
    const email = await t.http
      .get('/api/v1/response-templates?purpose=email')
      .set(bearer(users.staff))
      .expect(200);
    const kinds = email.body.items.map((item: { emailKind: string }) => item.emailKind).sort();
    expect(kinds).toEqual(['acknowledgement', 'public_update', 'resolution']);
    const replies = await t.http.get('/api/v1/response-templates').set(bearer(users.staff)).expect(200);
    expect(replies.body.items.every((item: { emailKind: string | null }) => item.emailKind === null)).toBe(
      true,
    );

    const acknowledgement = email.body.items.find(
      (item: { emailKind: string }) => item.emailKind === 'acknowledgement',
    );
    const marker = unique();
    await t.http
      .patch(`/api/v1/response-templates/${acknowledgement.id}`)
      .set(bearer(users.admin))
      .send({
        subject: { ...acknowledgement.subject, pt: `Pedido {trackingNumber} recebido ${marker}` },
        version: acknowledgement.version,
      })
      .expect(200);
    const type = await createServiceType(t, users.admin);
    const request = await newRequest(t, users.staff, {
      serviceCode: type.code,
      lat: 41.77,
      lon: -72.64,
      requester: { email: `pt.${unique()}@example.org`, preferredLanguage: 'pt-BR', emailUpdates: true },
    });
    const sent: OutgoingMessage[] = [];
    await t.app.notifications.deliverNow({
      transports: { email: { channel: 'email', send: async (message) => void sent.push(message) } },
    });
    expect(sent.map((message) => message.subject)).toContain(
      `Pedido ${request.trackingNumber} recebido ${marker}`,
    );
  });

  it('refuses an e-mail template without a subject (400 naming it) and a second one of a kind (409)', async () => {
    const noSubject = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({ title: 'Mail', body: { en: 'Hello {trackingNumber}' }, emailKind: 'resolution' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.errors[0].path).toBe('subject');
    await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({ title: 'Mail', body: { en: 'x' }, subject: { en: 'y' }, emailKind: 'resolution' })
      .expect(409);
    const bad = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({ title: 'Mail', body: { en: 'x' }, subject: { en: 'y' }, emailKind: 'goodbye' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('emailKind');
  });
});
