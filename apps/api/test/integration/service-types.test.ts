import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceType, hours, type Users, unique, usersByRole } from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let users: Users;
beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
});
afterAll(async () => {
  await t.close();
});

const sla = {
  clock: 'business',
  targets: { P1: hours(1, 8), P2: hours(4, 24), P3: hours(8, 40), P4: hours(16, 80) },
};

describe('service types', () => {
  it('lets an admin create a category with translations, questions and SLA targets, which every role can read', async () => {
    const code = `abandoned-vehicle-${unique()}`;
    const created = await t.http
      .post('/api/v1/service-types')
      .set(bearer(users.admin))
      .send({
        code,
        name: {
          en: 'Abandoned vehicle',
          es: 'Vehículo abandonado',
          pt: 'Veículo abandonado',
          pl: 'Porzucony pojazd',
        },
        description: { en: 'A vehicle left on the street for days' },
        group: 'Traffic',
        keywords: ['car', 'parked'],
        defaultPriority: 'P4',
        attributes: [
          {
            code: 'PLATE',
            datatype: 'string',
            required: false,
            description: { en: 'Licence plate', es: 'Matrícula' },
            order: 2,
          },
          {
            code: 'DAYS',
            datatype: 'singlevaluelist',
            required: true,
            description: { en: 'How long has it been there?' },
            order: 1,
            values: [
              { key: 'lt3', name: { en: 'Less than 3 days' } },
              { key: 'gt3', name: { en: 'More than 3 days' } },
            ],
          },
        ],
        sla,
      })
      .expect(201);
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.body).toMatchObject({
      code,
      group: 'Traffic',
      defaultPriority: 'P4',
      active: true,
      version: 1,
    });
    expect(created.body.name.pl).toBe('Porzucony pojazd');
    // Questions come back in their order.
    expect(created.body.attributes.map((a: { code: string }) => a.code)).toEqual(['DAYS', 'PLATE']);

    for (const role of ['supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
      const listed = await t.http.get('/api/v1/service-types').set(bearer(users[role])).expect(200);
      expect(listed.body.items.map((item: { code: string }) => item.code)).toContain(code);
    }
    const one = await t.http.get(`/api/v1/service-types/${code}`).set(bearer(users.staff)).expect(200);
    expect(one.body.sla).toEqual(sla);
    expect(one.headers.etag).toBe('W/"1"');
  });

  it('refuses a duplicate code (409) and malformed definitions (400 naming the field)', async () => {
    const existing = await createServiceType(t, users.admin);
    await t.http
      .post('/api/v1/service-types')
      .set(bearer(users.admin))
      .send({ code: existing.code, name: { en: 'Again' }, description: { en: 'x' }, sla })
      .expect(409);

    const badList = await t.http
      .post('/api/v1/service-types')
      .set(bearer(users.admin))
      .send({
        code: `t-${unique()}`,
        name: { en: 'List without values' },
        description: { en: 'x' },
        sla,
        attributes: [{ code: 'KIND', datatype: 'singlevaluelist', description: { en: 'Kind' } }],
      })
      .expect(400);
    expect(badList.body.errors.map((e: { path: string }) => e.path)).toContain('attributes.0.values');

    const badSla = await t.http
      .post('/api/v1/service-types')
      .set(bearer(users.admin))
      .send({
        code: `t-${unique()}`,
        name: { en: 'Backwards' },
        description: { en: 'x' },
        sla: { clock: 'calendar', targets: { ...sla.targets, P2: hours(30, 24) } },
      })
      .expect(400);
    expect(badSla.body.errors.map((e: { path: string }) => e.path)).toContain(
      'sla.targets.P2.firstResponseHours',
    );

    const noEnglish = await t.http
      .post('/api/v1/service-types')
      .set(bearer(users.admin))
      .send({ code: `t-${unique()}`, name: { es: 'Sólo español' }, description: { en: 'x' }, sla })
      .expect(400);
    expect(noEnglish.body.errors.map((e: { path: string }) => e.path)).toContain('name.en');
  });

  it('edits with If-Match: the current ETag works, a stale one is refused with 412', async () => {
    const type = await createServiceType(t, users.admin);
    const first = await t.http
      .patch(`/api/v1/service-types/${type.code}`)
      .set(bearer(users.admin))
      .set('If-Match', 'W/"1"')
      .send({ name: { en: 'Loud party' }, defaultPriority: 'P2' })
      .expect(200);
    expect(first.body).toMatchObject({ version: 2, defaultPriority: 'P2', name: { en: 'Loud party' } });
    expect(first.headers.etag).toBe('W/"2"');

    const stale = await t.http
      .patch(`/api/v1/service-types/${type.code}`)
      .set(bearer(users.admin))
      .set('If-Match', 'W/"1"')
      .send({ group: 'Other' })
      .expect(412);
    expect(stale.body).toMatchObject({ status: 412, currentVersion: 2 });
    // The body's version works the same way.
    await t.http
      .patch(`/api/v1/service-types/${type.code}`)
      .set(bearer(users.admin))
      .send({ group: 'Other', version: 1 })
      .expect(412);
    await t.http
      .patch(`/api/v1/service-types/${type.code}`)
      .set(bearer(users.admin))
      .send({ active: false, version: 2 })
      .expect(200);

    // A retired category is hidden from the default list but still listed on request.
    const active = await t.http.get('/api/v1/service-types?limit=500').set(bearer(users.staff)).expect(200);
    expect(active.body.items.map((i: { code: string }) => i.code)).not.toContain(type.code);
    const all = await t.http
      .get('/api/v1/service-types?limit=500&includeInactive=true')
      .set(bearer(users.staff))
      .expect(200);
    expect(all.body.items.map((i: { code: string }) => i.code)).toContain(type.code);
    await t.http
      .patch(`/api/v1/service-types/no-such-${unique()}`)
      .set(bearer(users.admin))
      .send({ group: 'x' })
      .expect(404);
  });

  it('pages the list with a cursor', async () => {
    await createServiceType(t, users.admin);
    await createServiceType(t, users.admin);
    const first = await t.http.get('/api/v1/service-types?limit=1').set(bearer(users.staff)).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http
      .get(`/api/v1/service-types?limit=1&cursor=${first.body.nextCursor}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(second.body.items[0].code > first.body.items[0].code).toBe(true);
  });
});

describe('response templates', () => {
  it('are kept per category and status in four languages; staff read the ones that fit', async () => {
    const type = await createServiceType(t, users.admin);
    const specific = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({
        serviceCode: type.code,
        status: 'resolved',
        title: 'Resolved: officer visited',
        body: {
          en: 'An officer visited and the noise stopped.',
          es: 'Un oficial visitó y el ruido paró.',
          pt: 'Um policial visitou e o barulho parou.',
          pl: 'Funkcjonariusz odwiedził i hałas ustał.',
        },
      })
      .expect(201);
    const general = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({ title: 'Thanks', body: { en: 'Thank you for your report.' } })
      .expect(201);
    const otherStatus = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({
        serviceCode: type.code,
        status: 'triaged',
        title: 'Looking at it',
        body: { en: 'We are looking at it.' },
      })
      .expect(201);

    const offered = await t.http
      .get(`/api/v1/response-templates?serviceCode=${type.code}&status=resolved`)
      .set(bearer(users.staff))
      .expect(200);
    const ids = offered.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(specific.body.id);
    expect(ids).toContain(general.body.id);
    expect(ids).not.toContain(otherStatus.body.id);
    expect(ids.indexOf(specific.body.id)).toBeLessThan(ids.indexOf(general.body.id));

    const edited = await t.http
      .patch(`/api/v1/response-templates/${specific.body.id}`)
      .set(bearer(users.admin))
      .send({ title: 'Resolved', version: 1 })
      .expect(200);
    expect(edited.body).toMatchObject({ title: 'Resolved', version: 2 });
    await t.http
      .patch(`/api/v1/response-templates/${specific.body.id}`)
      .set(bearer(users.admin))
      .send({ title: 'Stale', version: 1 })
      .expect(412);
    await t.http.delete(`/api/v1/response-templates/${general.body.id}`).set(bearer(users.admin)).expect(204);
    await t.http.delete(`/api/v1/response-templates/${general.body.id}`).set(bearer(users.admin)).expect(404);

    const unknownCode = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({ serviceCode: `nope-${unique()}`, title: 'x', body: { en: 'x' } })
      .expect(400);
    expect(unknownCode.body.errors[0].path).toBe('serviceCode');
  });
});

describe('service desk settings (business calendar)', () => {
  it('defaults to Mon–Fri 08:00–17:00 in NSP_TIMEZONE with a 30-day reopen window, and an admin can change them', async () => {
    const defaults = await t.http.get('/api/v1/service-desk/settings').set(bearer(users.staff)).expect(200);
    expect(defaults.body).toMatchObject({
      timeZone: 'America/New_York',
      reopenWindowDays: 30,
      trackingPrefix: 'EH',
      holidays: [],
      version: 0,
    });
    expect(defaults.body.weeklyHours.mon).toEqual([{ start: '08:00', end: '17:00' }]);
    expect(defaults.body.weeklyHours.sat).toEqual([]);

    const changed = await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({
        holidays: [{ date: '2026-07-03', name: 'Independence Day (observed)' }],
        reopenWindowDays: 14,
        version: 0,
      })
      .expect(200);
    expect(changed.body).toMatchObject({ reopenWindowDays: 14, version: 1 });
    expect(changed.body.holidays).toEqual([{ date: '2026-07-03', name: 'Independence Day (observed)' }]);
    await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ reopenWindowDays: 3, version: 0 })
      .expect(412);

    const closedWeek = await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } })
      .expect(400);
    expect(closedWeek.body.errors[0].path).toBe('weeklyHours');
    const badTime = await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ weeklyHours: { ...defaults.body.weeklyHours, tue: [{ start: '9am', end: '17:00' }] } })
      .expect(400);
    expect(badTime.body.errors[0].path).toBe('weeklyHours.tue.0.start');
    const backwards = await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ weeklyHours: { ...defaults.body.weeklyHours, wed: [{ start: '17:00', end: '08:00' }] } })
      .expect(400);
    expect(backwards.body.errors[0].path).toBe('weeklyHours.wed.0.end');

    // Put the defaults back for the other tests in this file.
    await t.http
      .patch('/api/v1/service-desk/settings')
      .set(bearer(users.admin))
      .send({ holidays: [], reopenWindowDays: 30 })
      .expect(200);
  });
});

describe('who may do what', () => {
  it('refuses every non-admin role with 403 on every write, and analysts on templates', async () => {
    const type = await createServiceType(t, users.admin);
    const template = await t.http
      .post('/api/v1/response-templates')
      .set(bearer(users.admin))
      .send({ title: 'x', body: { en: 'x' } })
      .expect(201);
    const writes = [
      {
        method: 'post',
        path: '/api/v1/service-types',
        body: { code: `x-${unique()}`, name: { en: 'x' }, description: { en: 'x' }, sla },
      },
      { method: 'patch', path: `/api/v1/service-types/${type.code}`, body: { group: 'x' } },
      { method: 'post', path: '/api/v1/response-templates', body: { title: 'x', body: { en: 'x' } } },
      { method: 'patch', path: `/api/v1/response-templates/${template.body.id}`, body: { title: 'y' } },
      { method: 'delete', path: `/api/v1/response-templates/${template.body.id}` },
      { method: 'patch', path: '/api/v1/service-desk/settings', body: { reopenWindowDays: 1 } },
    ] as const;
    for (const role of ['supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
      for (const write of writes) {
        const request = t.http[write.method](write.path).set(bearer(users[role]));
        const reply = await ('body' in write ? request.send(write.body) : request);
        expect(reply.status, `${role} ${write.method} ${write.path}`).toBe(403);
      }
    }
    await t.http.get('/api/v1/response-templates').set(bearer(users.analyst)).expect(403);
    await t.http.get('/api/v1/service-types').expect(401);
  });
});
