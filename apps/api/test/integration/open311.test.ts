import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../src/db/schema/index.ts';
import {
  createApiClient,
  createNeighborhood,
  createServiceType,
  importAddresses,
  insertServiceRequest,
  offsetMeters,
  type TestNeighborhood,
  type Users,
  usersByRole,
} from '../support/factories/index.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Conformance of /open311/v2 to GeoReport v2 (open311.md): every endpoint in JSON and XML, every
 * error case and filter rule. XML replies are checked with a real XML parser, never with regexes.
 */

let t: TestApp;
let users: Users;
let area: TestNeighborhood;
let key: string;
let readOnlyKey: string;
let revokedKey: string;
let noise: { code: string };
let plain: { code: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) =>
    [
      'service',
      'attribute',
      'value',
      'request',
      'error',
      'endpoint',
      'format',
      'note',
      'request_update',
    ].includes(name),
});

/** Parses an XML reply after checking it is well-formed and declared as UTF-8 XML. */
function xml(reply: { text: string; headers: Record<string, string> }) {
  expect(reply.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(reply.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(reply.text)).toBe(true);
  return parser.parse(reply.text);
}

function form(fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  return params.toString();
}

const post = (format: 'json' | 'xml', fields: Record<string, string | string[]>) =>
  t.http
    .post(`/open311/v2/requests.${format}`)
    .set('content-type', 'application/x-www-form-urlencoded')
    .send(form(fields));

/** A POST that works, as FixMyStreet sends it: every attribute, the unanswered ones empty. */
const goodPost = (overrides: Record<string, string | string[]> = {}) => ({
  api_key: key,
  service_code: noise.code,
  lat: String(area.center.lat),
  long: String(area.center.lon),
  description: 'Loud music\r\nEvery night after midnight\r\nhttps://fms.example.org/report/1',
  email: 'maria.resident@example.org',
  first_name: 'Maria',
  last_name: 'Resident',
  phone: '+1 860 555 0199',
  'attribute[PEOPLE]': '12',
  'attribute[WHEN]': 'night',
  'attribute[KINDS]': '',
  'attribute[SINCE]': '',
  ...overrides,
});

async function filed(overrides: Record<string, string | string[]> = {}) {
  const reply = await post('json', goodPost(overrides));
  expect(reply.status, reply.text).toBe(200);
  return reply.body[0] as { service_request_id: string; token: string };
}

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  area = await createNeighborhood(t, users.admin, { lat: 41.76, lon: -72.64 });
  await importAddresses(t, users.admin, [
    { address: '743 Main St', ...area.center },
    { address: '751 Main St', ...offsetMeters(area.center, 20, 0) },
  ]);
  noise = await createServiceType(t, users.admin, {
    name: { en: 'Noise <& "loud" \'music\'>', es: 'Ruido' },
    keywords: ['noise', 'private', 'music'],
    attributes: [
      {
        code: 'PEOPLE',
        datatype: 'number',
        required: true,
        order: 2,
        description: { en: 'How many people?' },
      },
      {
        code: 'WHEN',
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        description: { en: 'When?', es: '¿Cuándo?' },
        values: [
          { key: 'night', name: { en: 'At night', es: 'De noche' } },
          { key: 'day', name: { en: 'During the day' } },
        ],
      },
      {
        code: 'KINDS',
        datatype: 'multivaluelist',
        required: false,
        order: 3,
        description: { en: 'What kind?' },
        values: [
          { key: 'music', name: { en: 'Music' } },
          { key: 'voices', name: { en: 'Voices' } },
        ],
      },
      { code: 'SINCE', datatype: 'datetime', required: false, order: 4, description: { en: 'Since when?' } },
    ],
  });
  plain = await createServiceType(t, users.admin, { keywords: [] });
  key = await createApiClient(t, users.admin, ['open311']);
  readOnlyKey = await createApiClient(t, users.admin, ['requests:read']);
  revokedKey = await createApiClient(t, users.admin, ['open311']);
  const clients = await t.http.get('/api/v1/api-clients').set(bearer(users.admin)).expect(200);
  const revoked = clients.body.items.find((c: { keyPrefix: string }) => revokedKey.startsWith(c.keyPrefix));
  await t.http.delete(`/api/v1/api-clients/${revoked.id}`).set(bearer(users.admin)).expect(204);
});

afterAll(async () => {
  for (const line of t?.logLines ?? []) if (line.includes('"level":50')) console.log(line.slice(0, 600));
  await t?.close();
});

describe('discovery', () => {
  it('names the endpoint, its formats and the specification in JSON and XML', async () => {
    const json = await t.http.get('/open311/v2/discovery.json').expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.body.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(json.body.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const doc = xml(await t.http.get('/open311/v2/discovery.xml').expect(200));
    expect(doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
    expect(doc.discovery.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('services', () => {
  it('lists the categories with metadata, keywords and group, in both formats', async () => {
    const json = await t.http.get('/open311/v2/services.json').expect(200);
    const service = json.body.find((s: { service_code: string }) => s.service_code === noise.code);
    expect(service).toMatchObject({
      service_name: 'Noise <& "loud" \'music\'>',
      metadata: true,
      type: 'realtime',
      group: 'Quality of life',
      // FixMyStreet acts on "private": it is never published as a keyword.
      keywords: 'noise,music',
    });
    expect(json.body.find((s: { service_code: string }) => s.service_code === plain.code).metadata).toBe(
      false,
    );
    const doc = xml(await t.http.get('/open311/v2/services.xml').expect(200));
    const xmlService = doc.services.service.find(
      (s: { service_code: string }) => s.service_code === noise.code,
    );
    // Escaped by the builder and read back intact by a real parser; booleans as lowercase words.
    expect(xmlService.service_name).toBe('Noise <& "loud" \'music\'>');
    expect(xmlService.metadata).toBe('true');
  });

  it('answers in the language Accept-Language asks for', async () => {
    const reply = await t.http.get('/open311/v2/services.json').set('accept-language', 'es-MX, en;q=0.5');
    expect(reply.headers['content-language']).toBe('es');
    expect(reply.body.find((s: { service_code: string }) => s.service_code === noise.code).service_name).toBe(
      'Ruido',
    );
  });

  it('takes the configured jurisdiction_id (and an empty one) and refuses another with 404', async () => {
    await t.http.get(`/open311/v2/services.json?jurisdiction_id=${t.config.open311Jurisdiction}`).expect(200);
    await t.http.get('/open311/v2/services.xml?jurisdiction_id=&api_key=').expect(200);
    const json = await t.http.get('/open311/v2/services.json?jurisdiction_id=elsewhere.gov').expect(404);
    expect(json.body).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id') }]);
    const doc = xml(await t.http.get('/open311/v2/services.xml?jurisdiction_id=elsewhere.gov').expect(404));
    expect(doc.errors.error[0].code).toBe('404');
  });
});

describe('service definitions', () => {
  it("lists a category's questions in order, with their values, in both formats", async () => {
    const json = await t.http.get(`/open311/v2/services/${noise.code}.json`).expect(200);
    expect(json.body.service_code).toBe(noise.code);
    expect(json.body.attributes.map((a: { code: string }) => a.code)).toEqual([
      'WHEN',
      'PEOPLE',
      'KINDS',
      'SINCE',
    ]);
    expect(json.body.attributes[0]).toMatchObject({
      variable: true,
      datatype: 'singlevaluelist',
      required: true,
      order: 1,
      description: 'When?',
      values: [
        { key: 'night', name: 'At night' },
        { key: 'day', name: 'During the day' },
      ],
    });
    expect(json.body.attributes[1].values).toBeUndefined();
    const doc = xml(await t.http.get(`/open311/v2/services/${noise.code}.xml`).set('accept-language', 'es'));
    const when = doc.service_definition.attributes.attribute[0];
    expect(when).toMatchObject({ code: 'WHEN', required: 'true', order: '1', description: '¿Cuándo?' });
    expect(when.values.value[0]).toEqual({ key: 'night', name: 'De noche' });
  });

  it('answers 404 in the specification format for an unknown code', async () => {
    const json = await t.http.get('/open311/v2/services/no-such-code.json').expect(404);
    expect(json.body[0]).toMatchObject({ code: 404 });
    const doc = xml(await t.http.get('/open311/v2/services/no-such-code.xml').expect(404));
    expect(doc.errors.error[0].code).toBe('404');
    expect(doc.errors.error[0].description).toContain('no-such-code');
  });
});

describe('POST requests', () => {
  it('files a form-encoded request with an api_key and returns its id and a token (JSON and XML)', async () => {
    const json = await post('json', goodPost({ 'attribute[KINDS]': ['music', 'voices'] })).expect(200);
    expect(json.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^EH-\d{4}-\d+$/),
        token: expect.any(String),
        service_notice: '',
        account_id: '',
      },
    ]);
    const [row] = await t.database.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.trackingNumber, json.body[0].service_request_id));
    expect(row).toMatchObject({
      channel: 'integration',
      status: 'new',
      requesterName: 'Maria Resident',
      requesterEmail: 'maria.resident@example.org',
      attributes: { PEOPLE: 12, WHEN: 'night', KINDS: ['music', 'voices'] },
    });
    const doc = xml(await post('xml', goodPost({ 'attribute[KINDS][]': ['music'] })).expect(200));
    expect(doc.service_requests.request[0].service_request_id).toMatch(/^EH-/);
    expect(doc.service_requests.request[0].token).not.toBe('');
  });

  it('reads a datetime-local answer in the department time zone and takes an address instead of lat/long', async () => {
    const { service_request_id } = await filed({
      lat: '',
      long: '',
      address_string: '743 Main St',
      'attribute[SINCE]': '2026-12-04T03:16',
    });
    const [row] = await t.database.db
      .select()
      .from(serviceRequests)
      .where(eq(serviceRequests.trackingNumber, service_request_id));
    // 03:16 in New York in December is 08:16 UTC.
    expect(row!.attributes.SINCE).toBe('2026-12-04T08:16:00.000Z');
    expect(row!.address).toBe('743 Main St');
  });

  it('refuses a missing, wrong, revoked or unscoped api_key with 403', async () => {
    const { api_key: _unused, ...withoutKey } = goodPost();
    for (const [fields, format] of [
      [withoutKey, 'json'],
      [goodPost({ api_key: 'nsp_wrong' }), 'json'],
      [goodPost({ api_key: revokedKey }), 'xml'],
      [goodPost({ api_key: readOnlyKey }), 'json'],
    ] as const) {
      const reply = await post(format, fields);
      expect(reply.status, reply.text).toBe(403);
      const errors = format === 'xml' ? xml(reply).errors.error : reply.body;
      expect(String(errors[0].code)).toBe('403');
      expect(errors[0].description).toContain('api_key');
    }
  });

  it('refuses an unknown service_code with 404', async () => {
    const reply = await post('json', goodPost({ service_code: 'no-such-code' })).expect(404);
    expect(reply.body[0].description).toContain('service_code');
  });

  it('refuses a missing required attribute and a value outside the list with 400 and one error each', async () => {
    const json = await post(
      'json',
      goodPost({ 'attribute[PEOPLE]': '', 'attribute[WHEN]': 'sometimes' }),
    ).expect(400);
    expect(json.body).toEqual(
      expect.arrayContaining([
        { code: 400, description: 'attribute[PEOPLE]: is required' },
        { code: 400, description: expect.stringMatching(/^attribute\[WHEN\]: must be one of: night, day/) },
      ]),
    );
    expect(json.body).toHaveLength(2);
    const doc = xml(await post('xml', goodPost({ 'attribute[KINDS]': ['music', 'shouting'] })).expect(400));
    expect(doc.errors.error).toEqual([
      { code: '400', description: expect.stringContaining('attribute[KINDS]') },
    ]);
    const notNumber = await post('json', goodPost({ 'attribute[PEOPLE]': 'many' })).expect(400);
    expect(notNumber.body[0].description).toBe('attribute[PEOPLE]: must be a number');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ service_code: '' }, 'service_code'],
      [{ lat: '', long: '' }, 'location'],
      [{ long: '' }, 'lat, long'],
      [{ lat: '95' }, 'lat'],
      [{ lat: '', long: '', address_id: '42' }, 'address_id'],
      [{ description: 'x'.repeat(4001) }, 'description'],
      [{ media_url: 'javascript:alert(1)' }, 'media_url'],
      [{ email: 'not-an-address' }, 'email'],
      [{ lat: '', long: '', address_string: '99999 Nowhere Blvd' }, 'address_string'],
    ];
    for (const [overrides, field] of cases) {
      const reply = await post('json', goodPost(overrides));
      expect(reply.status, `${field}: ${reply.text}`).toBe(400);
      expect(reply.body[0].description, reply.text).toContain(field);
    }
  });
});

describe('GET requests', () => {
  let mine: { service_request_id: string; token: string };

  beforeAll(async () => {
    mine = await filed({ media_url: 'https://fms.example.org/photo/1.jpeg' });
    const [row] = await t.database.db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(eq(serviceRequests.trackingNumber, mine.service_request_id));
    await t.http
      .post(`/api/v1/service-requests/${row!.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'Caller Maria Resident says her neighbour is Bob', visibility: 'internal' })
      .expect(201);
    await t.http
      .post(`/api/v1/service-requests/${row!.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: 'An officer will visit tonight.', visibility: 'public' })
      .expect(201);
  });

  it('shows one request by id with no personal data and the hundred-block, in both formats', async () => {
    const json = await t.http.get(`/open311/v2/requests/${mine.service_request_id}.json`).expect(200);
    expect(json.body).toHaveLength(1);
    expect(json.body[0]).toMatchObject({
      service_request_id: mine.service_request_id,
      status: 'open',
      status_notes: 'Received',
      service_code: noise.code,
      address: '700 block of Main St',
      media_url: 'https://fms.example.org/photo/1.jpeg',
      agency_responsible: `Community Outreach Division – ${area.name}`,
    });
    expect(json.body[0].requested_datetime).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/,
    );
    expect(json.body[0].expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(typeof json.body[0].lat).toBe('number');
    for (const secret of ['Maria', 'maria.resident', '555 0199', '743 Main', 'neighbour is Bob']) {
      expect(json.text).not.toContain(secret);
    }
    const doc = xml(await t.http.get(`/open311/v2/requests/${mine.service_request_id}.xml`).expect(200));
    expect(doc.service_requests.request[0]).toMatchObject({
      service_request_id: mine.service_request_id,
      status: 'open',
      address: '700 block of Main St',
    });
  });

  it('adds extended attributes and the public notes (never internal ones) with extensions=true', async () => {
    const json = await t.http
      .get(`/open311/v2/requests/${mine.service_request_id}.json?extensions=true`)
      .expect(200);
    expect(json.body[0].extended_attributes).toMatchObject({ nsp_status: 'new' });
    expect(json.body[0].notes).toEqual([
      { datetime: expect.any(String), description: 'An officer will visit tonight.', type: 'update' },
    ]);
    expect(json.text).not.toContain('neighbour is Bob');
    const doc = xml(
      await t.http.get(
        `/open311/v2/requests.xml?service_request_id=${mine.service_request_id}&extensions=true`,
      ),
    );
    expect(doc.service_requests.request[0].notes.note[0].description).toBe('An officer will visit tonight.');
  });

  it('answers 404 for an unknown request or token', async () => {
    expect((await t.http.get('/open311/v2/requests/EH-1999-999999.json').expect(404)).body[0].code).toBe(404);
    xml(await t.http.get('/open311/v2/requests/EH-1999-999999.xml').expect(404));
    expect((await t.http.get('/open311/v2/tokens/no-such-token.json').expect(404)).body[0].code).toBe(404);
    xml(await t.http.get('/open311/v2/tokens/no-such-token.xml').expect(404));
    xml(await t.http.get('/open311/v2/no-such-endpoint.xml').expect(404));
  });

  it('turns a token into its request id', async () => {
    const json = await t.http.get(`/open311/v2/tokens/${mine.token}.json`).expect(200);
    expect(json.body).toEqual([{ service_request_id: mine.service_request_id, token: mine.token }]);
    const doc = xml(await t.http.get(`/open311/v2/tokens/${mine.token}.xml`).expect(200));
    expect(doc.service_requests.request[0].service_request_id).toBe(mine.service_request_id);
  });

  it('follows the filter rules: 90-day default window, service_code and status lists, id override', async () => {
    const old = await insertServiceRequest(t.database.db, {
      serviceCode: plain.code,
      ageHours: 100 * 24,
      channel: 'web',
    });
    const closed = await insertServiceRequest(t.database.db, {
      serviceCode: plain.code,
      status: 'closed',
      closedAt: new Date(Date.now() - 3_600_000),
      resolvedAt: new Date(Date.now() - 7_200_000),
    });
    const ids = (body: Array<{ service_request_id: string }>) => body.map((r) => r.service_request_id);

    const all = await t.http.get('/open311/v2/requests.json').expect(200);
    expect(ids(all.body)).toContain(closed.trackingNumber);
    expect(ids(all.body)).not.toContain(old.trackingNumber);

    const byCode = await t.http.get(`/open311/v2/requests.json?service_code=${plain.code}`).expect(200);
    expect(ids(byCode.body)).toEqual([closed.trackingNumber]);
    const both = await t.http
      .get(`/open311/v2/requests.json?service_code=${plain.code},${noise.code}`)
      .expect(200);
    expect(ids(both.body)).toEqual(expect.arrayContaining([closed.trackingNumber, mine.service_request_id]));

    const closedOnly = await t.http.get('/open311/v2/requests.json?status=closed').expect(200);
    expect(closedOnly.body.map((r: { status: string }) => r.status)).toEqual(['closed']);
    // When closed, updated_datetime is the closing time.
    expect(Date.parse(closedOnly.body[0].updated_datetime)).toBe(
      Math.floor((Date.now() - 3_600_000) / 1000) * 1000 +
        (Date.parse(closedOnly.body[0].updated_datetime) % 1000),
    );
    const open = await t.http.get('/open311/v2/requests.json?status=open').expect(200);
    expect(new Set(open.body.map((r: { status: string }) => r.status))).toEqual(new Set(['open']));
    const openAndClosed = await t.http.get('/open311/v2/requests.json?status=open,closed').expect(200);
    expect(openAndClosed.body).toHaveLength(all.body.length);

    const since = new Date(Date.now() - 101 * 24 * 3_600_000).toISOString();
    const until = new Date(Date.now() - 99 * 24 * 3_600_000).toISOString();
    const window = await t.http
      .get(`/open311/v2/requests.json?start_date=${since}&end_date=${until}`)
      .expect(200);
    expect(ids(window.body)).toEqual([old.trackingNumber]);

    // service_request_id overrides every other argument, even ones that would exclude the request.
    const override = await t.http
      .get(
        `/open311/v2/requests.json?service_request_id=${old.trackingNumber},${mine.service_request_id}&service_code=${plain.code}&status=closed`,
      )
      .expect(200);
    expect(ids(override.body).sort()).toEqual([old.trackingNumber, mine.service_request_id].sort());
  });

  it('includes a request made within the second end_date names', async () => {
    const just = await filed();
    const [row] = await t.database.db
      .select({ createdAt: serviceRequests.createdAt })
      .from(serviceRequests)
      .where(eq(serviceRequests.trackingNumber, just.service_request_id));
    const end = new Date(Math.floor(row!.createdAt.getTime() / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    const reply = await t.http.get(`/open311/v2/requests.json?end_date=${end}`).expect(200);
    expect(reply.body.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
      just.service_request_id,
    );
  });

  it('pages with page and page_size', async () => {
    const first = await t.http.get('/open311/v2/requests.json?page_size=2&page=1').expect(200);
    const second = await t.http.get('/open311/v2/requests.json?page_size=2&page=2').expect(200);
    expect(first.body).toHaveLength(2);
    expect(second.body.length).toBeGreaterThan(0);
    expect(second.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
    expect(second.body[0].service_request_id).not.toBe(first.body[1].service_request_id);
  });

  it('refuses bad filters with 400 in both formats', async () => {
    const far = new Date(Date.now() - 200 * 24 * 3_600_000).toISOString();
    for (const query of [
      `start_date=${far}&end_date=${new Date().toISOString()}`,
      'start_date=yesterday',
      'end_date=2026-13-45T00:00:00Z',
      'status=pending',
      'page_size=1001',
      'page=0',
    ]) {
      const json = await t.http.get(`/open311/v2/requests.json?${query}`);
      expect(json.status, query).toBe(400);
      expect(json.body[0].code).toBe(400);
      const doc = xml(await t.http.get(`/open311/v2/requests.xml?${query}`).expect(400));
      expect(doc.errors.error[0].code).toBe('400');
    }
  });
});

describe('servicerequestupdates', () => {
  it('lists public updates and status changes as request_update items, never internal notes', async () => {
    const created = await filed();
    const [row] = await t.database.db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(eq(serviceRequests.trackingNumber, created.service_request_id));
    await t.http
      .post(`/api/v1/service-requests/${row!.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'rejected', reason: 'Internal: caller Maria is known to us' })
      .expect(200);
    const doc = xml(
      await t.http.get('/open311/v2/servicerequestupdates.xml?api_key=&jurisdiction_id=').expect(200),
    );
    const updates = doc.service_request_updates.request_update.filter(
      (u: { service_request_id: string }) => u.service_request_id === created.service_request_id,
    );
    expect(updates).toEqual([
      expect.objectContaining({
        status: 'closed',
        external_status_code: 'rejected',
        description: 'Declined',
      }),
    ]);
    expect(updates[0].update_id).not.toBe('');
    expect(JSON.stringify(doc)).not.toContain('caller Maria');
    const json = await t.http.get('/open311/v2/servicerequestupdates.json').expect(200);
    expect(
      json.body.some((u: { description: string }) => u.description === 'An officer will visit tonight.'),
    ).toBe(true);
  });
});
