import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Role } from '@nsp/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attachments } from '../../src/db/schema/index.ts';
import { seedDemoData } from '../../src/demo/seed.ts';
import { type CatalogRoute, registeredApiRoutes } from '../support/route-catalog.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Issue #9, "Done when" 2: a property-based fuzzer driven by the contracts. For every route the app
 * registers it generates requests from the route's own zod schemas, mixed with hostile values
 * (wrong types, huge and deeply nested values, NUL and lone surrogates, invalid UTF-8, __proto__
 * keys, forged cursors and ids, extreme dates, random query strings), sends them as anonymous, as
 * each role and as an API client, and requires: no 5xx, and every error as problem+json.
 *
 * The database holds the demo data (every domain's), so valid-looking ids reach real rows. The
 * seed is printed; NSP_FUZZ_SEED=<n> replays a run, NSP_FUZZ_REQUESTS=<n> sets the total.
 */
const seed = Number(process.env.NSP_FUZZ_SEED ?? Date.now() % 2_147_483_647);
const totalRequests = Number(process.env.NSP_FUZZ_REQUESTS ?? 10_500);

let t: TestApp;
let callers: Array<{ name: string; headers: Record<string, string> }>;
/** Ids that exist, by the path parameter name that takes them. */
const idPool = new Map<string, Set<string>>();

beforeAll(async () => {
  // The public per-address limits would answer most of the fuzzer's public requests with 429.
  t = await startTestApp({
    config: { demoData: false, publicRateLimit: 1_000_000, publicExportRateLimit: 1_000_000 },
  });
  const passwords = new Map<Role, string>();
  const seeded = await seedDemoData(t.database.db, {
    passwordFor: (role) => {
      const password = `${randomBytes(9).toString('base64url')}-Fz`;
      passwords.set(role, password);
      return password;
    },
    timeZone: t.config.timeZone,
    trackingPrefix: t.config.trackingPrefix,
    attachmentStorage: t.app.attachmentStorage,
  });
  if (!seeded) throw new Error('demo data was not loaded');
  callers = [{ name: 'anonymous', headers: {} }];
  for (const credential of seeded.credentials) {
    const login = await t.http.post('/api/v1/auth/login').send(credential).expect(200);
    callers.push({ name: credential.role, headers: { authorization: `Bearer ${login.body.accessToken}` } });
  }
  const admin = callers.find((caller) => caller.name === 'admin')!;
  const client = await t.http
    .post('/api/v1/api-clients')
    .set(admin.headers)
    .send({ name: 'fuzz client', scopes: ['open311', 'requests:read', 'requests:write', 'public:read'] })
    .expect(201);
  callers.push({ name: 'api-client', headers: { 'x-api-key': client.body.key } });
  // A subscription to reach the webhook routes with; its receiver refuses connections at once.
  await t.http
    .post('/api/v1/webhooks')
    .set(admin.headers)
    .send({ url: 'http://127.0.0.1:9/fuzz', eventTypes: ['service_request.created'] })
    .expect(201);
  await harvestIds(admin.headers);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

/** Reads every list route as the admin and remembers the ids and codes it sees. */
async function harvestIds(headers: Record<string, string>) {
  const callerIds = new Set<string>();
  for (const caller of callers) {
    if (!caller.headers.authorization) continue;
    const me = await t.http.get('/api/v1/me').set(caller.headers);
    if (me.body?.id) callerIds.add(me.body.id);
  }
  const remember = (param: string, value: unknown) => {
    if (typeof value !== 'string' || callerIds.has(value)) return;
    const pool = idPool.get(param) ?? new Set<string>();
    if (pool.size < 40) pool.add(value);
    idPool.set(param, pool);
  };
  for (const route of registeredApiRoutes(t.app)) {
    if (route.method !== 'GET' || route.path.includes(':') || route.path === '/api/v1/events') continue;
    const reply = await t.http.get(route.path).set(headers);
    const items = Array.isArray(reply.body?.items) ? reply.body.items : [];
    for (const item of items) {
      remember('id', item.id);
      remember('code', item.code);
      remember('trackingNumber', item.trackingNumber);
      remember('requestId', item.id);
      remember('key', item.key);
      // Open311's names for the same things.
      remember('service_code', item.code);
      remember('service_request_id', item.trackingNumber);
    }
  }
  // Attachments are listed per owner (a path with :id); their ids come straight from the table.
  const attachmentRows = await t.database.db.select({ id: attachments.id }).from(attachments).limit(20);
  for (const row of attachmentRows) remember('id', row.id);
}

// ---------------------------------------------------------------- hostile values

const forgedCursor = fc.oneof(
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  fc
    .tuple(fc.constantFrom('dueAt', '-createdAt', 'priority', 'x'), fc.string(), fc.string())
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
  fc.constantFrom('%%%', 'not-base64!', Buffer.from('["0000-01-01T00:00:00Z","x"]').toString('base64url')),
);

const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '',
    ' ',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-13-01',
    '1969-12-31',
    '-1',
    'NaN',
    'Infinity',
    '1e309',
    "' OR 1=1 --",
    '../../../etc/passwd',
    '__proto__',
    'constructor',
    '00000000-0000-0000-0000-000000000000',
    'P9',
    '\u202Eevil',
    '🚓'.repeat(2000),
    'x'.repeat(100_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.uuid(),
  forgedCursor,
);

const deeplyNested = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
});

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER * 1024, -1e308, 1e308, -0, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], {}, [[[]]], { '': '' }),
  deeplyNested,
  fc.array(fc.string({ maxLength: 5 }), { minLength: 1000, maxLength: 3000 }),
  fc.jsonValue({ maxDepth: 3 }),
);

// ---------------------------------------------------------------- values from the contracts

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

function jsonSchemaOf(schema: unknown): JsonSchema | null {
  if (!schema) return null;
  try {
    return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

const someDates = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  fc.constantFrom('2026-03-08T02:30:00-05:00', '2026-11-01T01:30:00-04:00', '2026-12-04'),
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0001-01-01T00:00:00+14:00',
    '2026-02-30T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '2200-01-01T00:00:00Z',
  ),
);

/** A value the schema would probably accept, with hostile values mixed in at every level. */
function valueFor(schema: JsonSchema | undefined, name: string, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: plausibleValue(schema, name, depth) },
    { weight: 1, arbitrary: hostileValue },
  );
}

function plausibleValue(schema: JsonSchema | undefined, name: string, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length)
    return fc.oneof(...variants.map((variant) => plausibleValue(variant, name, depth + 1)));
  if (schema.allOf?.length) return plausibleValue(schema.allOf[0], name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const pool = [...(idPool.get(name) ?? []), ...(idPool.get('id') ?? [])];
  switch (type) {
    case 'string':
      if (schema.format === 'uuid')
        return pool.length ? fc.oneof(fc.constantFrom(...pool), fc.uuid()) : fc.uuid();
      if (
        schema.format === 'date-time' ||
        schema.format === 'date' ||
        /(At|From|To|Date|^at|^from|^to)$/.test(name)
      )
        return someDates;
      if (schema.format === 'email') return fc.emailAddress();
      if (pool.length && /id$/i.test(name))
        return fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 10 }));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) });
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1000, -1e9),
        max: Math.min(schema.maximum ?? 1000, 1e9),
      });
    case 'number':
      return fc.double({
        min: Math.max(schema.minimum ?? -1000, -1e9),
        max: Math.min(schema.maximum ?? 1000, 1e9),
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items, name, depth + 1), { maxLength: 4 });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const keys = Object.keys(properties);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
      return fc.record(
        Object.fromEntries(keys.map((key) => [key, valueFor(properties[key], key, depth + 1)])),
        { requiredKeys: keys.filter((key) => required.has(key) || Math.random() < 0.5) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---------------------------------------------------------------- whole requests

interface FuzzRequest {
  caller: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Raw query-string fragments that no URLSearchParams would produce. */
const rawQueryFragments = fc.constantFrom(
  'q=%FF',
  'q=%ED%A0%80',
  'q=%00',
  'cursor=%E0%A4%A',
  'limit=1e309',
  'limit=-1',
  'limit=99999999999999999999',
  'status=new&status=new&status=%00',
  '__proto__[admin]=1',
  'a[b][c][d][e][f]=1',
  'lang=%F0%9F%9A%93',
  'at=0000-01-01T00:00:00Z',
  'createdFrom=9999-12-31T23:59:59Z',
);

function queryStringOf(query: unknown): string {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      params.append(
        key,
        item === null || item === undefined
          ? ''
          : typeof item === 'object'
            ? JSON.stringify(item)
            : String(item),
      );
    }
  }
  return params.toString();
}

function encodePathPart(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'x');
  try {
    return encodeURIComponent(text.slice(0, 300)) || 'x';
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as its UTF-8 bytes
  }
}

const invalidUtf8Json = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);

function requestsFor(route: CatalogRoute): fc.Arbitrary<FuzzRequest> {
  const contract = route.contract;
  const paramNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
  const paramsSchema = jsonSchemaOf(contract?.params)?.properties ?? {};
  const params = fc.tuple(
    ...paramNames.map((name) => {
      const pool = [...(idPool.get(name) ?? []), ...(name.endsWith('Id') ? (idPool.get('id') ?? []) : [])];
      return fc
        .oneof(
          { weight: 3, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.uuid() },
          { weight: 2, arbitrary: plausibleValue(paramsSchema[name], name, 0) },
          { weight: 1, arbitrary: hostileValue },
        )
        .map(encodePathPart)
        .chain((encoded) =>
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(encoded) },
            fc.constantFrom('%FF', '%00', '%ED%A0%80', '..%2F..'),
          ),
        );
    }),
  );
  const querySchema = jsonSchemaOf(contract?.querystring) ?? undefined;
  const query = fc.oneof(
    {
      weight: 5,
      arbitrary: querySchema ? plausibleValue(querySchema, 'query', 0).map(queryStringOf) : fc.constant(''),
    },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), hostileString, { maxKeys: 4 }).map(queryStringOf),
    },
    { weight: 1, arbitrary: rawQueryFragments },
  );
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const bodySchema = jsonSchemaOf(contract?.body) ?? undefined;
  const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = hasBody
    ? fc.oneof(
        {
          weight: 8,
          arbitrary: valueFor(bodySchema, 'body').map((value) => ({
            payload: JSON.stringify(value) ?? 'null',
            contentType: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(
              '{"a":',
              '{"__proto__":{"admin":true}}',
              '{"constructor":{"prototype":{"x":1}}}',
              '[]',
              'null',
              '"text"',
              '',
            )
            .map((payload) => ({ payload, contentType: 'application/json' })),
        },
        { weight: 1, arbitrary: fc.constant({ payload: invalidUtf8Json, contentType: 'application/json' }) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('text/csv', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml')
            .map((contentType) => ({ payload: 'a=1&b=%00&address,lat,lon\n1 Main St,x,y', contentType })),
        },
        { weight: 1, arbitrary: fc.constant({}) },
      )
    : fc.constant({});
  const callerIndex = fc.integer({ min: 0, max: callers.length - 1 });
  return fc
    .tuple(
      params,
      query,
      body,
      callerIndex,
      fc.option(fc.constantFrom('*', '"stale"', 'W/"1"', '"%00"', '"99999999999999999999"')),
    )
    .map(([paramValues, queryString, { payload, contentType }, index, ifMatch]) => {
      let path = route.path;
      paramNames.forEach((name, position) => {
        path = path.replace(`:${name}`, paramValues[position]!);
      });
      const headers: Record<string, string> = { ...callers[index]!.headers };
      if (contentType) headers['content-type'] = contentType;
      if (ifMatch) headers['if-match'] = ifMatch;
      return {
        caller: callers[index]!.name,
        method: route.method,
        url: queryString ? `${path}?${queryString}` : path,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      };
    });
}

/** The SSE stream never ends by itself: read its status line, then hang up. */
function streamStatus(request: FuzzRequest): Promise<{ status: number; contentType: string }> {
  const port = (t.app.server.address() as { port: number }).port;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port, method: request.method, path: request.url, headers: request.headers },
      (response) => {
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
        });
        outgoing.destroy();
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the route fuzzer', () => {
  it('gets no 5xx and only problem+json errors from ten thousand hostile requests over every route', async () => {
    const routes = registeredApiRoutes(t.app);
    const perRoute = Math.ceil(totalRequests / routes.length);
    const failures: string[] = [];
    let sent = 0;
    const statusCounts = new Map<number, number>();
    const unauthorizedBy = new Map<string, number>();
    console.log(`route fuzzer: seed ${seed}, ${routes.length} routes × ${perRoute} requests`);
    for (const [index, route] of routes.entries()) {
      const requests = fc.sample(requestsFor(route), { numRuns: perRoute, seed: seed + index });
      for (const request of requests) {
        let status: number;
        let contentType: string;
        let body = '';
        if (route.path === '/api/v1/events') {
          ({ status, contentType } = await streamStatus(request));
        } else {
          const reply = await t.app.inject({
            method: request.method as 'GET',
            url: request.url,
            headers: request.headers,
            ...(request.payload !== undefined ? { payload: request.payload } : {}),
          });
          status = reply.statusCode;
          contentType = String(reply.headers['content-type'] ?? '');
          body = reply.body;
        }
        sent++;
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
        if (status === 401) unauthorizedBy.set(request.caller, (unauthorizedBy.get(request.caller) ?? 0) + 1);
        const problemExpected = status >= 400 && !route.path.startsWith('/open311/');
        if (status >= 500 || (problemExpected && !contentType.startsWith('application/problem+json'))) {
          failures.push(
            `${status} ${request.method} ${request.url.slice(0, 200)} [${Object.keys(request.headers).join(',')}] ${String(request.payload ?? '').slice(0, 200)} → ${body.slice(0, 300)}`,
          );
        }
      }
    }
    console.log(
      `route fuzzer: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}`,
    );
    console.log(`route fuzzer: 401 by caller ${JSON.stringify(Object.fromEntries(unauthorizedBy))}`);
    expect(sent).toBeGreaterThanOrEqual(totalRequests);
    // One example of each kind of bad reply (status, route), so a regression reads at a glance.
    const examples = new Map<string, string>();
    for (const failure of failures) {
      const [status, method, url] = failure.split(' ');
      const route = routes.find(
        (r) =>
          r.method === method && new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}(\\?|$)`).test(url ?? ''),
      );
      const kind = `${status} ${route?.key ?? `${method} ${url}`}`;
      if (!examples.has(kind)) examples.set(kind, failure);
    }
    expect([...examples.values()], `${failures.length} bad replies (seed ${seed})`).toEqual([]);
  }, 900_000);
});
