import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNeighborhood,
  createServiceType,
  importAddresses,
  newRequest,
  offsetMeters,
  region,
  type TestNeighborhood,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

// Issue #12, "Done when" 1 and 3: every public route answers in the language asked for (?lang= or
// Accept-Language with quality values), and no public reply, feed or export carries the requester's
// personal data. And the open-data record of "743 Main St" says "700 block of Main St", away from the
// address point.

const requester = {
  name: 'Zebulon Quackenbush',
  email: 'zebulon.quackenbush@example.org',
  phone: '+1 860 555 0199',
  preferredLanguage: 'es',
};
/** The digits of the phone as a spreadsheet or a form might write them. */
const phoneDigits = '8605550199';
const description = 'Zebulon here: the streetlight in front of my house keeps flickering';

let t: TestApp;
let admin: TestUser;
let staff: TestUser;
let neighborhood: TestNeighborhood;
let category: { code: string };
let trackingNumber: string;
let requestId: string;
let addressPoint: { lat: number; lon: number };

beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithRoles(t, ['admin']);
  staff = await userWithRoles(t, ['staff']);
  const corner = region();
  neighborhood = await createNeighborhood(t, admin, corner);
  // Main St runs north through the neighborhood: numbers 701–799 on one block, 801–899 on the next.
  const start = offsetMeters(neighborhood.center, -300, 0);
  const points = [];
  for (let number = 705; number <= 899; number += 10) {
    points.push({ address: `${number} Main St`, ...offsetMeters(start, (number - 700) * 3, 0) });
  }
  points.push({ address: '743 Main St', ...offsetMeters(start, 43 * 3, 8) });
  await importAddresses(t, admin, points);
  addressPoint = points.at(-1)!;
  category = await createServiceType(t, admin);
  const created = await newRequest(t, staff, {
    serviceCode: category.code,
    description,
    address: '743 Main St',
    requester,
  });
  trackingNumber = created.trackingNumber;
  requestId = created.id;
  const note = await t.http
    .post(`/api/v1/service-requests/${requestId}/notes`)
    .set(bearer(staff))
    .send({ body: 'A crew will replace the lamp this week.', visibility: 'public' })
    .expect(201);
  await t.http
    .put(`/api/v1/service-requests/${requestId}/public-updates/${note.body.id}/publication`)
    .set(bearer(staff))
    .expect(200);
  await t.http
    .post(`/api/v1/service-requests/${requestId}/notes`)
    .set(bearer(staff))
    .send({ body: 'Caller Zebulon asked us to ring 860-555-0199 first.', visibility: 'internal' })
    .expect(201);
});
afterAll(async () => {
  await t?.close();
});

/** Every public GET, as a resident, the town website or a data user would call it. */
function publicUrls() {
  return [
    '/api/v1/public/texts',
    '/api/v1/public/neighborhoods',
    `/api/v1/public/neighborhoods/${neighborhood.code}/team`,
    '/api/v1/public/locate?address=743%20Main%20St',
    `/api/v1/public/locate?lat=${addressPoint.lat}&lon=${addressPoint.lon}`,
    `/api/v1/public/requests/${trackingNumber}`,
    '/api/v1/public/stats',
    `/api/v1/public/stats?neighborhood=${neighborhood.code}`,
    '/api/v1/public/feed.xml',
    '/api/v1/public/feed.xml?format=atom',
    '/api/v1/public/feed.json',
    `/api/v1/public/feed.json?neighborhood=${neighborhood.code}`,
    '/api/v1/public/service-requests.csv',
    '/api/v1/public/service-requests.geojson',
    '/api/v1/public/requests/EH-0000-NOSUCH',
  ];
}

/** Words only a reply in that language has, per route. */
const expectations: Record<string, (body: string, url: string) => void> = {
  es: (body, url) => {
    if (url.includes('/texts')) expect(body).toContain('Seguir mi solicitud');
    if (url.includes('/neighborhoods')) expect(body).toContain('Teniente de Coordinación del Vecindario');
    if (url.includes('/locate')) expect(body).toMatch(/Esta ubicación está en/);
    if (url.includes('/requests/EH-0000')) expect(body).toContain('Ninguna solicitud tiene el número');
    else if (url.includes('/requests/')) {
      expect(body).toContain('Cuadra 700 de Main St');
      expect(body).toContain('Ruido');
      expect(body).toMatch(/"statusName":"(Asignada|Recibida)"/);
    }
    if (url.includes('/stats')) expect(body).toContain('La mediana es el valor central');
    if (url.includes('/feed')) expect(body).toContain('Novedad sobre una solicitud de Ruido');
    if (url.includes('service-requests.')) expect(body).toContain('Cuadra 700 de Main St');
  },
  pl: (body, url) => {
    if (url.includes('/texts')) expect(body).toContain('W realizacji');
    if (url.includes('/neighborhoods')) expect(body).toContain('Porucznik ds. koordynacji dzielnicy');
    if (url.includes('/locate')) expect(body).toContain('To miejsce znajduje się w dzielnicy');
    if (url.includes('/requests/EH-0000')) expect(body).toContain('Żadne zgłoszenie nie ma numeru');
    else if (url.includes('/requests/')) {
      expect(body).toContain('Main St (okolice nr 700)');
      expect(body).toContain('Hałas');
    }
    if (url.includes('/stats')) expect(body).toContain('Mediana to wartość środkowa');
    if (url.includes('/feed')) expect(body).toContain('Aktualizacja zgłoszenia „Hałas');
    if (url.includes('service-requests.')) expect(body).toContain('Main St (okolice nr 700)');
  },
};

const bodies: string[] = [];

describe('every public route in the reader’s language', () => {
  for (const [language, how] of [
    ['es', 'lang'],
    ['pl', 'accept-language'],
  ] as const) {
    it(`answers in ${language} when asked by ${how}`, async () => {
      for (const url of publicUrls()) {
        const call = t.http.get(
          how === 'lang' ? `${url}${url.includes('?') ? '&' : '?'}lang=${language}` : url,
        );
        const reply =
          how === 'accept-language' ? await call.set('Accept-Language', 'pl;q=0.9, en;q=0.5') : await call;
        const expectedStatus = url.includes('NOSUCH') ? 404 : 200;
        expect(reply.status, `${url}: ${reply.text.slice(0, 300)}`).toBe(expectedStatus);
        expect(reply.headers['content-language'], url).toBe(language);
        if (expectedStatus === 200) {
          expect(reply.headers.etag, url).toBeTruthy();
          expect(reply.headers['cache-control'], url).toMatch(/max-age=\d+/);
        } else {
          expect(reply.headers['content-type'], url).toMatch(/problem\+json/);
        }
        const body = reply.text;
        bodies.push(body);
        expectations[language]!(body, url);
      }
    });
  }

  it('answers 304 to a matching If-None-Match on every public GET', async () => {
    for (const url of publicUrls().filter((url) => !url.includes('NOSUCH'))) {
      const first = await t.http.get(url).expect(200);
      await t.http.get(url).set('If-None-Match', first.headers.etag!).expect(304);
    }
  });

  it('falls back to English for a language it does not publish in', async () => {
    const reply = await t.http.get(`/api/v1/public/requests/${trackingNumber}`).set('Accept-Language', 'fr');
    expect(reply.headers['content-language']).toBe('en');
    expect(reply.body.location.label).toBe('700 block of Main St');
  });
});

describe('privacy of the public surface', () => {
  it('no public reply, feed or export names the requester, their words or their house', async () => {
    // The staff view has them, so the test would notice if the seed lost them.
    const staffView = await t.http
      .get(`/api/v1/service-requests/${requestId}`)
      .set(bearer(staff))
      .expect(200);
    expect(JSON.stringify(staffView.body)).toContain(requester.email);
    const everything = [...bodies];
    for (const url of publicUrls()) everything.push((await t.http.get(url)).text);
    expect(everything.length).toBeGreaterThan(30);
    for (const body of everything) {
      for (const secret of [
        requester.name,
        'Zebulon',
        'Quackenbush',
        requester.email,
        requester.phone,
        '555 0199',
        '555-0199',
        phoneDigits,
        description,
        '743 Main',
        'asked us to ring',
      ]) {
        expect(body, `a public reply contains ${secret}`).not.toContain(secret);
      }
      // The address point's exact coordinates never appear (the block's middle does).
      expect(body).not.toContain(String(addressPoint.lat).slice(0, 10));
    }
  });

  it('keeps personal data out of the logs of public calls', () => {
    const log = t.logLines.join('\n');
    for (const secret of [requester.email, requester.phone, 'Quackenbush']) expect(log).not.toContain(secret);
    // What residents type into "who is my lieutenant" is their address: it is not logged either.
    expect(log).not.toMatch(/743(%20|\+| )Main/i);
  });
});

describe('open data', () => {
  it('generalises 743 Main St to the 700 block, with a point that is not the address point', async () => {
    const csv = await t.http.get('/api/v1/public/service-requests.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = csv.text.trim().split('\r\n');
    const columns = header!.split(',');
    const row = lines.map((line) => line.split(',')).find((cells) => cells[0] === trackingNumber)!;
    const record = Object.fromEntries(columns.map((column, index) => [column, row[index]]));
    expect(record.location).toBe('700 block of Main St');
    expect(record.neighborhood_code).toBe(neighborhood.code);
    const lat = Number(record.lat);
    const lon = Number(record.lon);
    expect(Number.isFinite(lat) && Number.isFinite(lon)).toBe(true);
    const metersAway = Math.hypot(
      (lat - addressPoint.lat) * 111_320,
      (lon - addressPoint.lon) * 111_320 * Math.cos((lat * Math.PI) / 180),
    );
    expect(metersAway).toBeGreaterThan(5);

    const geojson = await t.http.get('/api/v1/public/service-requests.geojson').expect(200);
    const collection = JSON.parse(geojson.text);
    const feature = collection.features.find(
      (item: { properties: { tracking_number: string } }) =>
        item.properties.tracking_number === trackingNumber,
    );
    expect(feature.properties.location).toBe('700 block of Main St');
    expect(feature.geometry.coordinates).toEqual([lon, lat]);
  });

  it('filters by period, category and neighborhood, and names a bad filter', async () => {
    // Today in the department's time zone, as the export counts days (not UTC's date, which runs ahead
    // of the department's in its evening).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timeZone }).format(new Date());
    const filtered = await t.http
      .get('/api/v1/public/service-requests.csv')
      .query({ from: today, category: category.code, neighborhood: neighborhood.code })
      .expect(200);
    expect(filtered.text).toContain(trackingNumber);
    const old = await t.http
      .get('/api/v1/public/service-requests.csv')
      .query({ from: '2020-01-01', to: '2020-12-31' })
      .expect(200);
    expect(old.text.trim().split('\r\n')).toHaveLength(1);
    const bad = await t.http
      .get('/api/v1/public/service-requests.csv')
      .query({ from: '2026-13-40' })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body.errors)).toContain('from');
    await t.http.get('/api/v1/public/service-requests.csv').query({ neighborhood: 'NOPE' }).expect(404);
  });
});

describe('who is my lieutenant', () => {
  it('names the neighborhood and the lieutenant, without repeating the address', async () => {
    const reply = await t.http.get('/api/v1/public/locate').query({ address: '743 main street' }).expect(200);
    expect(reply.body.outcome).toBe('found');
    expect(reply.body.neighborhood.code).toBe(neighborhood.code);
    expect(reply.body.lieutenant.name).toBe(neighborhood.lieutenant!.name);
    expect(reply.body.location.label).toBe('700 block of Main St');
    expect(reply.body.quality).toBe('exact');
  });

  it('offers candidates or says it could not read the address', async () => {
    const unreadable = await t.http.get('/api/v1/public/locate').query({ address: '???' }).expect(200);
    expect(['unreadable', 'not-found']).toContain(unreadable.body.outcome);
    const none = await t.http.get('/api/v1/public/locate').expect(400);
    expect(JSON.stringify(none.body.errors)).toContain('address');
  });

  it('answers the team of a neighborhood and 404 for an unknown code', async () => {
    const team = await t.http.get(`/api/v1/public/neighborhoods/${neighborhood.code}/team`).expect(200);
    expect(team.body.lieutenant.name).toBe(neighborhood.lieutenant!.name);
    await t.http.get('/api/v1/public/neighborhoods/NOPE/team').expect(404);
  });
});

describe('the announcements feed', () => {
  it('carries the published public update, and drops it when withdrawn', async () => {
    const feed = await t.http.get('/api/v1/public/feed.json').expect(200);
    expect(feed.body.items.map((item: { content_text: string }) => item.content_text)).toContain(
      'A crew will replace the lamp this week.',
    );
    const rss = await t.http.get('/api/v1/public/feed.xml').expect(200);
    expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
    expect(rss.text).toContain('<rss version="2.0"');
    const timeline = await t.http.get(`/api/v1/service-requests/${requestId}`).set(bearer(staff)).expect(200);
    const update = timeline.body.timeline.find(
      (event: { kind: string; visibility: string }) => event.kind === 'note' && event.visibility === 'public',
    );
    await t.http
      .delete(`/api/v1/service-requests/${requestId}/public-updates/${update.id}/publication`)
      .set(bearer(staff))
      .expect(200);
    const after = await t.http.get('/api/v1/public/feed.json').expect(200);
    expect(after.body.items).toHaveLength(0);
    const publications = await t.http
      .get(`/api/v1/service-requests/${requestId}/public-updates/publications`)
      .set(bearer(staff))
      .expect(200);
    expect(publications.body.items).toEqual([
      expect.objectContaining({ eventId: update.id, withdrawnAt: expect.any(String) }),
    ]);
  });

  it('refuses to publish an internal note, and refuses analysts', async () => {
    const timeline = await t.http.get(`/api/v1/service-requests/${requestId}`).set(bearer(staff)).expect(200);
    const internal = timeline.body.timeline.find(
      (event: { kind: string; visibility: string }) =>
        event.kind === 'note' && event.visibility === 'internal',
    );
    await t.http
      .put(`/api/v1/service-requests/${requestId}/public-updates/${internal.id}/publication`)
      .set(bearer(staff))
      .expect(404);
    const analyst = await userWithRoles(t, ['analyst']);
    await t.http
      .put(`/api/v1/service-requests/${requestId}/public-updates/${internal.id}/publication`)
      .set(bearer(analyst))
      .expect(403);
  });
});
