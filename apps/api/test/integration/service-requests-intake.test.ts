import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, requestEvents, serviceRequests } from '../../src/db/schema/index.ts';
import { addServiceHours, defaultWeeklyHours } from '../../src/modules/service-requests/sla-clock.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';
import {
  createApiClient,
  createNeighborhood,
  createRequest,
  createServiceType,
  hours,
  importAddresses,
  newRequest,
  offsetMeters,
  type TestNeighborhood,
  unique,
  type Users,
  usersByRole,
} from './service-requests-factories.ts';

let t: TestApp;
let users: Users;
let withLieutenant: TestNeighborhood;
let withoutLieutenant: TestNeighborhood;
let noise: { code: string };
const timeZone = 'America/New_York';

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  withLieutenant = await createNeighborhood(t, users.admin, { lat: 41.7, lon: -72.7 });
  withoutLieutenant = await createNeighborhood(
    t,
    users.admin,
    { lat: 41.8, lon: -72.7 },
    { withLieutenant: false },
  );
  await importAddresses(t, users.admin, [
    { address: '100 Main St', ...withLieutenant.center },
    { address: '12 Burnside Ave', ...offsetMeters(withLieutenant.center, 300, 300) },
    { address: '5 Oak St', ...withoutLieutenant.center },
  ]);
  noise = await createServiceType(t, users.admin, {
    defaultPriority: 'P2',
    attributes: [
      { code: 'PEOPLE', datatype: 'number', required: true, description: { en: 'How many people?' } },
      {
        code: 'WHEN',
        datatype: 'singlevaluelist',
        required: false,
        description: { en: 'When does it happen?' },
        values: [
          { key: 'night', name: { en: 'At night' } },
          { key: 'day', name: { en: 'During the day' } },
        ],
      },
      {
        code: 'KINDS',
        datatype: 'multivaluelist',
        description: { en: 'What kind of noise?' },
        values: [
          { key: 'music', name: { en: 'Music' } },
          { key: 'shouting', name: { en: 'Shouting' } },
        ],
      },
      { code: 'SINCE', datatype: 'datetime', description: { en: 'Since when?' } },
    ],
  });
});
afterAll(async () => {
  await t.close();
});

const answers = { PEOPLE: 3 };

describe('intake', () => {
  it('geocodes the address, routes to the neighborhood and its lieutenant, numbers it and sets due times', async () => {
    const reply = await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 main street',
      attributes: {
        ...answers,
        WHEN: 'night',
        KINDS: ['music', 'shouting', 'music'],
        SINCE: '2026-03-01T22:00:00-05:00',
      },
      requester: {
        name: 'Ana Souza',
        email: 'Ana.Souza@example.org',
        phone: '+1 860 555 0142',
        preferredLanguage: 'pt',
      },
    }).expect(201);
    const body = reply.body;
    const year = DateTime.now().setZone(timeZone).year;
    expect(body.trackingNumber).toMatch(new RegExp(`^EH-${year}-\\d{6,}$`));
    expect(body).toMatchObject({
      // Taken by a person and routed to the lieutenant: owned from the start (intakeStatus).
      status: 'assigned',
      priority: 'P2', // the category's default
      channel: 'phone',
      neighborhoodId: withLieutenant.id,
      neighborhood: { id: withLieutenant.id, code: withLieutenant.code },
      assigneeId: withLieutenant.lieutenant!.id,
      assignee: { id: withLieutenant.lieutenant!.id, name: withLieutenant.lieutenant!.name },
      address: '100 main street',
      requesterLanguage: 'pt',
      requester: {
        name: 'Ana Souza',
        email: 'ana.souza@example.org',
        phone: '+1 860 555 0142',
        preferredLanguage: 'pt',
      },
      attributes: {
        PEOPLE: 3,
        WHEN: 'night',
        KINDS: ['music', 'shouting'],
        SINCE: '2026-03-02T03:00:00.000Z',
      },
      location: { source: 'address', quality: 'exact' },
      version: 1,
      overdue: false,
    });
    expect(body.lat).toBeCloseTo(withLieutenant.center.lat, 6);
    expect(reply.headers.etag).toBe('W/"1"');
    expect(reply.headers.location).toBe(`/api/v1/service-requests/${body.id}`);
    // Calendar clock, P2 = 4 h / 24 h from creation.
    const created = Date.parse(body.createdAt);
    expect(Date.parse(body.firstResponseDueAt) - created).toBe(4 * 3_600_000);
    expect(Date.parse(body.resolutionDueAt) - created).toBe(24 * 3_600_000);

    const detail = await t.http
      .get(`/api/v1/service-requests/${body.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(detail.body.timeline).toHaveLength(1);
    expect(detail.body.timeline[0]).toMatchObject({
      kind: 'created',
      actor: { type: 'user', name: 'Test staff' },
      after: { status: 'assigned', priority: 'P2', neighborhoodId: withLieutenant.id },
    });
    // Neither the timeline nor the audit log holds the requester's contact.
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(JSON.stringify([detail.body.timeline, audit])).not.toMatch(/souza|555 0142/i);
  });

  it('takes coordinates without geocoding, and leaves the assignee empty where no lieutenant serves', async () => {
    const body = await newRequest(t, users.staff, {
      serviceCode: noise.code,
      lat: withoutLieutenant.center.lat,
      lon: withoutLieutenant.center.lon,
      priority: 'P1',
      channel: 'walk_in',
      attributes: answers,
    });
    expect(body).toMatchObject({
      neighborhoodId: withoutLieutenant.id,
      assigneeId: null,
      assignee: null,
      address: null,
      priority: 'P1',
      channel: 'walk_in',
      location: { source: 'coordinates', quality: 'coordinates' },
    });
    const outside = await newRequest(t, users.staff, {
      serviceCode: noise.code,
      lat: 10,
      lon: 10,
      attributes: answers,
    });
    expect(outside).toMatchObject({ neighborhoodId: null, neighborhood: null, assigneeId: null });
  });

  it('uses the P3 default when the category does not say, and tracking numbers keep counting', async () => {
    const plain = await createServiceType(t, users.admin);
    const first = await newRequest(t, users.staff, { serviceCode: plain.code, address: '100 Main St' });
    const second = await newRequest(t, users.staff, { serviceCode: plain.code, address: '100 Main St' });
    expect(first.priority).toBe('P3');
    const number = (trackingNumber: string) => Number(trackingNumber.split('-')[2]);
    expect(number(second.trackingNumber)).toBe(number(first.trackingNumber) + 1);
  });

  it('counts business hours in the department calendar, skipping its holidays', async () => {
    const businessType = await createServiceType(t, users.admin, {
      sla: {
        clock: 'business',
        targets: { P1: hours(1, 2), P2: hours(4, 24), P3: hours(8, 40), P4: hours(16, 80) },
      },
    });
    // Open around the clock except today and tomorrow (local), which are holidays.
    const today = DateTime.now().setZone(timeZone).startOf('day');
    const holidays = [today, today.plus({ days: 1 })].map((day) => ({
      date: day.toISODate()!,
      name: 'Test closure',
    }));
    const allDay = [{ start: '00:00', end: '24:00' }];
    const weeklyHours = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
    await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ weeklyHours, holidays })
      .expect(200);
    try {
      const body = await newRequest(t, users.staff, {
        serviceCode: businessType.code,
        address: '100 Main St',
        priority: 'P2',
      });
      const calendar = { timeZone, weeklyHours, holidays: holidays.map((h) => h.date) };
      const created = new Date(body.createdAt as string);
      const reopening = today.plus({ days: 2 }).toMillis();
      expect(Date.parse(body.firstResponseDueAt as string)).toBe(
        addServiceHours(created, 4, 'business', calendar).getTime(),
      );
      expect(Date.parse(body.firstResponseDueAt as string)).toBeGreaterThanOrEqual(reopening + 3 * 3_600_000);
      expect(Date.parse(body.resolutionDueAt as string)).toBe(
        addServiceHours(created, 24, 'business', calendar).getTime(),
      );
      expect(Date.parse(body.resolutionDueAt as string)).toBeGreaterThanOrEqual(reopening + 23 * 3_600_000);

      // Back to office hours (Mon–Fri 08:00–17:00): the same rule with the default week.
      await t.http
        .patch('/api/v1/service-desk/settings')
        .set(bearer(users.admin))
        .send({ weeklyHours: defaultWeeklyHours, holidays: [] })
        .expect(200);
      const office = await newRequest(t, users.staff, {
        serviceCode: businessType.code,
        address: '100 Main St',
        priority: 'P3',
      });
      const officeCalendar = { timeZone, weeklyHours: defaultWeeklyHours, holidays: [] };
      expect(Date.parse(office.resolutionDueAt as string)).toBe(
        addServiceHours(new Date(office.createdAt as string), 40, 'business', officeCalendar).getTime(),
      );
      const dueLocal = DateTime.fromISO(office.firstResponseDueAt as string).setZone(timeZone);
      expect(dueLocal.weekday).toBeLessThanOrEqual(5);
      expect(dueLocal.hour * 60 + dueLocal.minute).toBeGreaterThanOrEqual(8 * 60);
      expect(dueLocal.hour * 60 + dueLocal.minute).toBeLessThanOrEqual(17 * 60);
    } finally {
      await t.http
        .patch('/api/v1/service-desk/settings')
        .set(bearer(users.admin))
        .send({ weeklyHours: defaultWeeklyHours, holidays: [] })
        .expect(200);
    }
  });

  it('refuses bad input with a 400 naming the field, storing nothing', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(serviceRequests);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ serviceCode: noise.code, attributes: answers }, 'address'],
      [{ serviceCode: noise.code, lat: 41.7, attributes: answers }, 'lon'],
      [{ serviceCode: noise.code, lat: 91, lon: 0, attributes: answers }, 'lat'],
      [{ serviceCode: `nope-${unique()}`, address: '100 Main St' }, 'serviceCode'],
      [{ serviceCode: noise.code, address: '100 Main St', channel: 'fax', attributes: answers }, 'channel'],
      [{ serviceCode: noise.code, address: '100 Main St', priority: 'P9', attributes: answers }, 'priority'],
      [{ serviceCode: noise.code, address: '100 Main St' }, 'attributes.PEOPLE'],
      [
        { serviceCode: noise.code, address: '100 Main St', attributes: { PEOPLE: 'many' } },
        'attributes.PEOPLE',
      ],
      [
        { serviceCode: noise.code, address: '100 Main St', attributes: { ...answers, WHEN: 'noon' } },
        'attributes.WHEN',
      ],
      [
        {
          serviceCode: noise.code,
          address: '100 Main St',
          attributes: { ...answers, KINDS: ['music', 'drums'] },
        },
        'attributes.KINDS',
      ],
      [
        { serviceCode: noise.code, address: '100 Main St', attributes: { ...answers, SINCE: 'last week' } },
        'attributes.SINCE',
      ],
      [
        { serviceCode: noise.code, address: '100 Main St', attributes: { ...answers, COLOR: 'red' } },
        'attributes.COLOR',
      ],
      [
        {
          serviceCode: noise.code,
          address: '100 Main St',
          attributes: answers,
          requester: { email: 'not-an-email' },
        },
        'requester.email',
      ],
      [
        { serviceCode: noise.code, address: '100 Main St', attributes: answers, description: '' },
        'description',
      ],
      [
        {
          serviceCode: noise.code,
          address: '100 Main St',
          attributes: answers,
          description: 'nul \u0000 byte',
        },
        'description',
      ],
      [
        {
          serviceCode: noise.code,
          address: '100 Main St',
          attributes: answers,
          requester: { name: 'A\u0000B' },
        },
        'requester.name',
      ],
      [
        { serviceCode: noise.code, address: '100 Main St', attributes: { ...answers, SINCE: '\u0000' } },
        'attributes.SINCE',
      ],
    ];
    for (const [body, path] of cases) {
      const reply = await createRequest(t, users.staff, body);
      expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(400);
      expect(reply.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(serviceRequests);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers an address that does not geocode with a 400 naming address, and the candidates', async () => {
    const reply = await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '77 Burnside Ave',
      attributes: answers,
    });
    // 77 Burnside Ave is not an address point; the street is known, so either it is placed on the street
    // (weak match) or refused with candidates. Both are valid answers; the unknown street below is not.
    expect([201, 400]).toContain(reply.status);
    const unknown = await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '4 Zyxwvut Boulevard',
      attributes: answers,
    }).expect(400);
    expect(unknown.body.errors).toEqual([{ path: 'address', message: 'was not found', in: 'body' }]);
    expect(Array.isArray(unknown.body.candidates)).toBe(true);
  });
});

describe('possible duplicates', () => {
  it('lists open requests of the same category within 100 m from the last 14 days, and nothing else', async () => {
    const category = await createServiceType(t, users.admin);
    const other = await createServiceType(t, users.admin);
    const origin = offsetMeters(withLieutenant.center, -2000, -2000);
    const at = (north: number, east: number) => offsetMeters(origin, north, east);

    const near = await newRequest(t, users.staff, { serviceCode: category.code, ...at(60, 0) });
    const far = await newRequest(t, users.staff, { serviceCode: category.code, ...at(0, 150) });
    const otherCategory = await newRequest(t, users.staff, { serviceCode: other.code, ...at(10, 10) });
    const closedOne = await newRequest(t, users.staff, { serviceCode: category.code, ...at(0, 30) });
    await t.database.db
      .update(serviceRequests)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(serviceRequests.id, closedOne.id));
    const old = await newRequest(t, users.staff, { serviceCode: category.code, ...at(-20, 0) });
    await t.database.db
      .update(serviceRequests)
      .set({ createdAt: new Date(Date.now() - 15 * 86_400_000) })
      .where(eq(serviceRequests.id, old.id));

    const probe = await newRequest(t, users.staff, { serviceCode: category.code, ...at(0, 0) });
    const suggested = (
      probe.possibleDuplicates as Array<{ id: string; distanceMeters: number; trackingNumber: string }>
    ).map((d) => d.id);
    expect(suggested).toEqual([near.id]);
    const [first] = probe.possibleDuplicates as Array<{ distanceMeters: number; trackingNumber: string }>;
    expect(first!.distanceMeters).toBeGreaterThan(55);
    expect(first!.distanceMeters).toBeLessThan(65);
    expect(first!.trackingNumber).toBe(near.trackingNumber);
    expect(suggested).not.toContain(far.id);
    expect(suggested).not.toContain(otherCategory.id);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first reply for a retry with the same key and body, and creates nothing more', async () => {
    const key = `retry-${unique()}`;
    const body = {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
      description: `Idempotent ${key}`,
    };
    const first = await createRequest(t, users.staff, body).set('Idempotency-Key', key).expect(201);
    const retry = await createRequest(t, users.staff, body).set('Idempotency-Key', key).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const stored = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceRequests)
      .where(eq(serviceRequests.description, `Idempotent ${key}`));
    expect(stored[0]!.n).toBe(1);

    // Same key, different body: refused, nothing created.
    const changed = await createRequest(t, users.staff, { ...body, priority: 'P1' })
      .set('Idempotency-Key', key)
      .expect(409);
    expect(changed.body.reason).toBe('idempotency_key_reused');
    // Keys belong to their caller: another user's identical key is a new request.
    const otherUser = await createRequest(t, users.supervisor, body).set('Idempotency-Key', key).expect(201);
    expect(otherUser.body.id).not.toBe(first.body.id);
  });

  it('creates once when two requests with the same key race', async () => {
    const key = `race-${unique()}`;
    const body = {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
      description: `Race ${key}`,
    };
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => createRequest(t, users.staff, body).set('Idempotency-Key', key)),
    );
    for (const reply of replies) expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    const stored = await t.database.db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(eq(serviceRequests.description, `Race ${key}`));
    expect(stored).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, stored[0]!.id));
    expect(events).toHaveLength(1);
  });

  it('does not remember a failed request, and refuses a malformed key', async () => {
    const key = `fail-${unique()}`;
    await createRequest(t, users.staff, { serviceCode: noise.code, address: '100 Main St' })
      .set('Idempotency-Key', key)
      .expect(400);
    await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
    })
      .set('Idempotency-Key', key)
      .expect(201);
    const bad = await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
    })
      .set('Idempotency-Key', 'x'.repeat(300))
      .expect(400);
    expect(bad.body.errors[0].path).toBe('idempotency-key');
  });
});

describe('privacy', () => {
  it('shows requester contact to staff roles only: never to analysts or integrations, in list or detail', async () => {
    const secret = unique();
    const email = `private-${secret}@example.org`;
    const created = await newRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
      description: `Privacy check ${secret}`,
      requester: { name: `Person ${secret}`, email, phone: '+1 860 555 0199', preferredLanguage: 'es' },
    });
    await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Internal: called back, no answer', visibility: 'internal' })
      .expect(201);
    await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Un oficial visitará mañana.', visibility: 'public', language: 'es' })
      .expect(201);

    for (const role of ['admin', 'supervisor', 'lieutenant', 'staff'] as const) {
      const detail = await t.http
        .get(`/api/v1/service-requests/${created.id}`)
        .set(bearer(users[role]))
        .expect(200);
      expect(detail.body.requester, role).toEqual({
        name: `Person ${secret}`,
        email,
        phone: '+1 860 555 0199',
        preferredLanguage: 'es',
        emailUpdates: false,
      });
      expect(detail.body.requesterLanguage).toBe('es');
    }

    const analystDetail = await t.http
      .get(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.analyst))
      .expect(200);
    expect(analystDetail.body).not.toHaveProperty('requester');
    expect(JSON.stringify(analystDetail.body)).not.toContain(email);
    expect(JSON.stringify(analystDetail.body)).not.toMatch(new RegExp(`Person ${secret}|555 0199`));
    const analystList = await t.http
      .get(`/api/v1/service-requests?q=${encodeURIComponent(`privacy ${secret}`)}`)
      .set(bearer(users.analyst))
      .expect(200);
    expect(analystList.body.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect(analystList.body.items[0]).not.toHaveProperty('requester');
    expect(JSON.stringify(analystList.body)).not.toMatch(new RegExp(`${email}|Person ${secret}|555 0199`));
    const staffList = await t.http
      .get(`/api/v1/service-requests?q=${encodeURIComponent(`privacy ${secret}`)}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(staffList.body.items[0].requester.email).toBe(email);

    // An integration sees neither the requester nor internal notes, only public facts.
    const key = await createApiClient(t, users.admin, ['requests:read']);
    const integration = await t.http
      .get(`/api/v1/service-requests/${created.id}`)
      .set('X-Api-Key', key)
      .expect(200);
    expect(integration.body).not.toHaveProperty('requester');
    expect(integration.body.requesterLanguage).toBeNull();
    expect(JSON.stringify(integration.body)).not.toMatch(
      new RegExp(`${email}|Person ${secret}|555 0199|Internal: called back`),
    );
    expect(integration.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'note']);
    expect(integration.body.timeline[1]).toMatchObject({
      body: 'Un oficial visitará mañana.',
      visibility: 'public',
      actor: { name: null },
    });
    const integrationList = await t.http
      .get('/api/v1/service-requests?limit=500')
      .set('X-Api-Key', key)
      .expect(200);
    expect(JSON.stringify(integrationList.body)).not.toMatch(
      new RegExp(`${email}|Person ${secret}|555 0199`),
    );
  });

  it('never writes requester contact to the log, even when a request is refused', async () => {
    const secret = unique();
    const contact = {
      name: `Logname ${secret}`,
      email: `log-${secret}@example.org`,
      phone: `+1 860 555 ${secret.slice(0, 4).replace(/\D/g, '1')}`,
    };
    await newRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
      requester: contact,
    });
    await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      requester: contact,
    }).expect(400);
    await createRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      requester: { ...contact, email: `bad ${secret}` },
    }).expect(400);
    await createRequest(t, users.analyst, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
      requester: contact,
    }).expect(403);
    const log = t.logLines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(contact.phone);
  });
});

describe('privacy in the record', () => {
  it('keeps requester contact out of every audit_log and request_events row, through edits, notes and moves', async () => {
    const secret = unique();
    const digits = (offset: number) =>
      secret
        .slice(offset, offset + 4)
        .replace(/\D/g, '7')
        .padEnd(4, '7');
    const contact = {
      name: `Recordname ${secret}`,
      email: `record-${secret}@example.org`,
      phone: `+1 860 555 ${digits(0)}`,
    };
    const changedContact = { name: `Renamed ${secret}`, phone: `+1 860 556 ${digits(4)}` };
    const created = await newRequest(t, users.staff, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
      channel: 'email',
      requester: { ...contact, preferredLanguage: 'es' },
    });
    await t.http
      .patch(`/api/v1/service-requests/${created.id}`)
      .set(bearer(users.staff))
      .send({
        description: 'Loud music, caller asked for a visit',
        priority: 'P1',
        requester: changedContact,
      })
      .expect(200);
    await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Called back, no answer', visibility: 'internal' })
      .expect(201);
    await t.http
      .post(`/api/v1/service-requests/${created.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Un agente pasará mañana.', visibility: 'public', language: 'es' })
      .expect(201);
    await t.http
      .post(`/api/v1/service-requests/${created.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'triaged', reason: 'Confirmed by phone' })
      .expect(200);

    // The contact is stored where it belongs (so the searches below would find it if it leaked)…
    const rowText = async (
      table: typeof auditLog | typeof requestEvents | typeof serviceRequests,
      text: string,
    ) =>
      t.database.db
        .select({ found: sql<number>`count(*)::int` })
        .from(table)
        .where(sql`${table}::text ilike ${`%${text}%`}`);
    expect(await rowText(serviceRequests, changedContact.phone)).toEqual([{ found: 1 }]);
    // …and written on the record of this request: its creation, edit, notes and move.
    const audited = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, created.id));
    expect(audited.map((row) => row.action).sort()).toEqual([
      'service_request.created',
      'service_request.note_added',
      'service_request.public_update_added',
      'service_request.status_changed',
      'service_request.updated',
    ]);
    for (const text of [secret, contact.email, contact.phone, changedContact.phone]) {
      expect(await rowText(auditLog, text), `audit_log holds ${text}`).toEqual([{ found: 0 }]);
      expect(await rowText(requestEvents, text), `request_events holds ${text}`).toEqual([{ found: 0 }]);
    }
  });
});

describe('privacy when the database fails', () => {
  it('logs the failure without the statement parameters or the failing row', async () => {
    const secret = unique();
    // A constraint that refuses one requester name makes the insert itself fail inside PostgreSQL.
    await t.database.db.execute(
      sql.raw(
        `alter table service_requests add constraint test_refuse_${secret} check (requester_name is distinct from 'Refused ${secret}') not valid`,
      ),
    );
    try {
      const contact = {
        name: `Refused ${secret}`,
        email: `fail-${secret}@example.org`,
        phone: '+1 860 555 0177',
      };
      const reply = await createRequest(t, users.staff, {
        serviceCode: noise.code,
        address: '100 Main St',
        attributes: answers,
        requester: contact,
      });
      expect(reply.status).toBe(500);
      expect(JSON.stringify(reply.body)).not.toContain(secret);
      const log = t.logLines.join('\n');
      expect(log).toContain(`test_refuse_${secret}`);
      expect(log).not.toContain(contact.email);
      expect(log).not.toContain(`Refused ${secret}`);
      expect(log).not.toContain('555 0177');
    } finally {
      await t.database.db.execute(
        sql.raw(`alter table service_requests drop constraint test_refuse_${secret}`),
      );
    }
  });
});

describe('who may file a request', () => {
  it('lets staff roles and integrations with requests:write create; refuses analysts and read-only integrations', async () => {
    for (const role of ['admin', 'supervisor', 'lieutenant', 'staff'] as const) {
      await newRequest(t, users[role], {
        serviceCode: noise.code,
        address: '100 Main St',
        attributes: answers,
      });
    }
    await createRequest(t, users.analyst, {
      serviceCode: noise.code,
      address: '100 Main St',
      attributes: answers,
    }).expect(403);
    const reader = await createApiClient(t, users.admin, ['requests:read']);
    await t.http
      .post('/api/v1/service-requests')
      .set('X-Api-Key', reader)
      .send({
        serviceCode: noise.code,
        address: '100 Main St',
        attributes: answers,
        description: 'x',
        channel: 'integration',
      })
      .expect(403);
    const writer = await createApiClient(t, users.admin, ['requests:write']);
    const filed = await t.http
      .post('/api/v1/service-requests')
      .set('X-Api-Key', writer)
      .send({
        serviceCode: noise.code,
        address: '100 Main St',
        attributes: answers,
        description: 'Filed by the town 311 system',
        channel: 'integration',
        requester: { name: 'Integration Person', email: 'via-311@example.org' },
      })
      .expect(201);
    // The integration does not get the contact back either.
    expect(filed.body).not.toHaveProperty('requester');
    const stored = await t.database.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.id, filed.body.id));
    expect(stored[0]).toMatchObject({ requesterEmail: 'via-311@example.org', createdByType: 'api_client' });
    await t.http.post('/api/v1/service-requests').send({}).expect(401);
  });
});
