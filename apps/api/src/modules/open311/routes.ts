import { randomBytes } from 'node:crypto';
import {
  createServiceRequestBodySchema,
  type Open311Format,
  open311Contracts,
  type RouteContract,
} from '@nsp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { AppConfig } from '../../config.ts';
import { open311Requests, serviceTypes } from '../../db/schema/index.ts';
import { access } from '../../lib/access.ts';
import { fromContract } from '../../lib/route.ts';
import { publishLiveEvent } from '../live-events/publish.ts';
import { negotiateLanguage } from '../public/language-negotiation.ts';
import { createServiceRequest } from '../service-requests/create-request.ts';
import { localDateTimeAnswer, parseOpen311Date } from './dates.ts';
import { Open311Error, open311ErrorHandler, open311FieldName } from './errors.ts';
import { attributeAnswers, parseForm, single } from './form.ts';
import { sendOpen311 } from './reply.ts';
import {
  findRequests,
  findUpdates,
  listServices,
  type Open311Context,
  presentRequests,
  serviceDefinition,
  tokenLookup,
} from './service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_WINDOW_MS = 90 * DAY_MS;
const MAX_RECORDS = 1000;

export interface Open311Options {
  config: Pick<AppConfig, 'timeZone' | 'open311Agency' | 'publicBaseUrl' | 'open311Jurisdiction'>;
}

type Query = Record<string, unknown>;

/** GeoReport v2 at /open311/v2 (open311.md): public GETs, POST with an API client's api_key. */
export async function open311Routes(app: FastifyInstance, options: Open311Options) {
  const { config } = options;
  // Errors in the specification's format, for every route of this plugin (and the hooks before them).
  app.setErrorHandler(open311ErrorHandler);
  // GeoReport bodies are form-encoded, with or without a charset: read as UTF-8.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, parseForm(body as string)),
  );

  async function context(request: FastifyRequest, reply: FastifyReply): Promise<Open311Context> {
    const language = negotiateLanguage(
      app.publicTexts.offeredLanguages(),
      undefined,
      request.headers['accept-language'],
    );
    reply.header('content-language', language).header('vary', 'Accept-Language');
    return {
      db: app.database.db,
      timeZone: config.timeZone,
      agency: config.open311Agency,
      texts: await app.publicTexts.translator(language),
      generalise: (location) => app.geo.generalise(location),
    };
  }

  function checkJurisdiction(query: Query) {
    const jurisdiction = single(query.jurisdiction_id);
    if (jurisdiction && jurisdiction.toLowerCase() !== config.open311Jurisdiction.toLowerCase()) {
      throw Open311Error.of(404, `jurisdiction_id: ${jurisdiction} is not served here`);
    }
  }

  /** Registers the .json and .xml route of a contract pair with one handler. */
  function serve(
    pair: { json: RouteContract; xml: RouteContract },
    handler: (request: FastifyRequest, reply: FastifyReply, format: Open311Format) => Promise<unknown>,
  ) {
    for (const format of ['json', 'xml'] as const) {
      app.route({
        ...fromContract(pair[format], access.public()),
        handler: (request: FastifyRequest, reply: FastifyReply) => handler(request, reply, format),
      });
    }
  }

  serve(open311Contracts.discovery, async (_request, reply, format) => {
    const [latest] = await app.database.db
      .select({ at: sql<Date | null>`max(${serviceTypes.updatedAt})` })
      .from(serviceTypes);
    const changeset = (latest?.at ? new Date(latest.at) : new Date(0))
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    return sendOpen311(reply, format, 'discovery', {
      changeset,
      contact: `${config.open311Agency}, ${config.publicBaseUrl}`,
      key_service: `API keys are issued by the department's NSP administrators (API clients, scope open311).`,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${config.publicBaseUrl}/open311/v2`,
          changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  });

  serve(open311Contracts.services, async (request, reply, format) => {
    checkJurisdiction(request.query as Query);
    return sendOpen311(reply, format, 'services', await listServices(await context(request, reply)));
  });

  serve(open311Contracts.serviceDefinition, async (request, reply, format) => {
    checkJurisdiction(request.query as Query);
    const code = (request.params as { service_code: string }).service_code;
    const row = await app.serviceCatalog.serviceType(code);
    if (!row?.active) throw Open311Error.of(404, `service_code: there is no service ${code}`);
    return sendOpen311(
      reply,
      format,
      'service_definition',
      serviceDefinition(await context(request, reply), row),
    );
  });

  serve(open311Contracts.token, async (request, reply, format) => {
    checkJurisdiction(request.query as Query);
    const token = (request.params as { token: string }).token;
    const found = await tokenLookup(app.database.db, token);
    if (!found) throw Open311Error.of(404, `token: there is no token ${token}`);
    return sendOpen311(reply, format, 'service_requests', [
      { service_request_id: found.trackingNumber, token },
    ]);
  });

  serve(open311Contracts.request, async (request, reply, format) => {
    const query = request.query as Query;
    checkJurisdiction(query);
    const id = (request.params as { service_request_id: string }).service_request_id;
    const ctx = await context(request, reply);
    const rows = await findRequests(ctx, { ids: [id], limit: 1, offset: 0 });
    if (rows.length === 0) throw Open311Error.of(404, `service_request_id: there is no request ${id}`);
    const extensions = single(query.extensions) === 'true';
    return sendOpen311(reply, format, 'service_requests', await presentRequests(ctx, rows, extensions));
  });

  serve(open311Contracts.requests, async (request, reply, format) => {
    const query = request.query as Query;
    checkJurisdiction(query);
    const ctx = await context(request, reply);
    const extensions = single(query.extensions) === 'true';
    const page = positiveInteger(query.page, 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1;
    const pageSize = positiveInteger(query.page_size, 'page_size', 1, MAX_RECORDS) ?? MAX_RECORDS;
    const ids = list(query.service_request_id);
    if (ids) {
      // service_request_id overrides every other argument (open311.md).
      const rows = await findRequests(ctx, { ids: ids.slice(0, MAX_RECORDS), limit: MAX_RECORDS, offset: 0 });
      return sendOpen311(reply, format, 'service_requests', await presentRequests(ctx, rows, extensions));
    }
    const window = dateWindow(query, 90 * DAY_MS, MAX_WINDOW_MS, config.timeZone);
    const statuses = list(query.status);
    for (const status of statuses ?? []) {
      if (status !== 'open' && status !== 'closed') {
        throw Open311Error.of(400, `status: must be open, closed, or both (not ${status})`);
      }
    }
    const rows = await findRequests(ctx, {
      serviceCodes: list(query.service_code),
      from: window.from,
      to: window.to,
      statuses: statuses as Array<'open' | 'closed'> | undefined,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return sendOpen311(reply, format, 'service_requests', await presentRequests(ctx, rows, extensions));
  });

  serve(open311Contracts.updates, async (request, reply, format) => {
    const query = request.query as Query;
    checkJurisdiction(query);
    const window = dateWindow(query, DAY_MS, MAX_WINDOW_MS, config.timeZone);
    const updates = await findUpdates(await context(request, reply), window.from, window.to);
    return sendOpen311(reply, format, 'service_request_updates', updates);
  });

  serve(open311Contracts.createRequest, async (request, reply, format) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const query = request.query as Query;
    checkJurisdiction({ jurisdiction_id: body.jurisdiction_id ?? query.jurisdiction_id });
    const key = single(body.api_key) ?? single(query.api_key);
    if (!key) throw Open311Error.of(403, 'api_key: an API key is required to file a request');
    const principal = await app.apiKeyPrincipal(key);
    if (principal?.kind !== 'api_client')
      throw Open311Error.of(403, 'api_key: the key is unknown or revoked');
    if (!principal.scopes.includes('open311')) {
      throw Open311Error.of(403, 'api_key: this API client may not file Open311 requests');
    }
    // A key in the form body is only known now: count this request against the client's limit.
    if (request.principal?.kind !== 'api_client') await app.clientRateLimit.check(principal, reply);
    request.principal = principal;

    const serviceCode = single(body.service_code);
    if (!serviceCode) throw Open311Error.of(400, 'service_code: is required');
    const serviceType = await app.serviceCatalog.serviceType(serviceCode);
    if (!serviceType?.active) throw Open311Error.of(404, `service_code: there is no service ${serviceCode}`);

    const problems: string[] = [];
    const lat = single(body.lat);
    const long = single(body.long);
    const addressString = single(body.address_string);
    if ((lat === undefined) !== (long === undefined)) problems.push('lat, long: give both or neither');
    const latitude = lat === undefined ? undefined : Number(lat);
    const longitude = long === undefined ? undefined : Number(long);
    if (latitude !== undefined && !(Number.isFinite(latitude) && Math.abs(latitude) <= 90))
      problems.push('lat: must be a latitude between -90 and 90');
    if (longitude !== undefined && !(Number.isFinite(longitude) && Math.abs(longitude) <= 180))
      problems.push('long: must be a longitude between -180 and 180');
    if (lat === undefined && !addressString) {
      problems.push(
        single(body.address_id)
          ? 'address_id: is not supported here; send address_string or lat and long'
          : 'location: give lat and long, or address_string',
      );
    }
    const mediaUrl = single(body.media_url);
    if (mediaUrl && !(/^https?:\/\/\S+$/i.test(mediaUrl) && mediaUrl.length <= 2048)) {
      problems.push('media_url: must be an http(s) URL of at most 2048 characters');
    }
    const description = single(body.description);
    if (description && description.length > 4000)
      problems.push('description: must be at most 4,000 characters');
    if (problems.length > 0) {
      throw new Open311Error(
        400,
        problems.map((description) => ({ code: 400, description })),
      );
    }

    const answers = attributeAnswers(body);
    for (const attribute of serviceType.attributes) {
      const answer = answers[attribute.code];
      if (attribute.datatype === 'datetime' && typeof answer === 'string') {
        answers[attribute.code] = localDateTimeAnswer(answer, config.timeZone);
      }
    }
    const name = [single(body.first_name), single(body.last_name)].filter(Boolean).join(' ');
    const email = single(body.email);
    const phone = single(body.phone);
    const requester =
      name || email || phone
        ? {
            ...(name ? { name } : {}),
            ...(email ? { email } : {}),
            ...(phone ? { phone } : {}),
          }
        : undefined;

    // The same rules as /api/v1 intake (e-mail, phone, address, lengths), reported by GeoReport names.
    const parsed = createServiceRequestBodySchema.safeParse({
      serviceCode,
      description: description ?? (serviceType.name.en || serviceCode),
      channel: 'integration',
      ...(latitude !== undefined && longitude !== undefined ? { lat: latitude, lon: longitude } : {}),
      ...(addressString ? { address: addressString } : {}),
      ...(requester ? { requester } : {}),
      attributes: answers,
    });
    if (!parsed.success) {
      throw new Open311Error(
        400,
        parsed.error.issues.map((issue) => ({
          code: 400,
          description: `${open311FieldName(issue.path.join('.'))}: ${issue.message}`,
        })),
      );
    }
    const input = parsed.data;
    const created = await createServiceRequest(
      {
        db: app.database.db,
        actor: {
          type: 'api_client',
          id: principal.id,
          name: principal.name,
          requestId: request.id,
          ipAddress: request.ip,
        },
        principal,
        catalog: app.serviceCatalog,
        locator: app.geo,
        now: () => new Date(),
        announce: (change) => {
          publishLiveEvent(app.database.db, { ...change, entity: 'service_request' }).catch((error) =>
            request.log.warn({ err: error }, 'live event not published'),
          );
        },
      },
      input,
      null,
    );
    const token = randomBytes(12).toString('base64url');
    await app.database.db
      .insert(open311Requests)
      .values({ requestId: created.body.id, apiClientId: principal.id, token, mediaUrl: mediaUrl ?? null });
    return sendOpen311(reply, format, 'service_requests', [
      {
        service_request_id: created.body.trackingNumber,
        token,
        service_notice: '',
        account_id: single(body.account_id) ?? '',
      },
    ]);
  });

  // Anything else under /open311/v2 is a 404 in the specification's format, not problem+json.
  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: '/open311/v2/*',
      schema: { hide: true },
      config: { access: access.public() },
      handler: async () => {
        throw Open311Error.of(404, 'There is no such Open311 endpoint; see discovery.xml.');
      },
    });
  }
}

function list(value: unknown): string[] | undefined {
  const text = single(value);
  if (!text) return undefined;
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function positiveInteger(value: unknown, name: string, min: number, max: number): number | undefined {
  const text = single(value);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < min || number > max) {
    throw Open311Error.of(400, `${name}: must be a whole number from ${min} to ${max}`);
  }
  return number;
}

/**
 * start_date/end_date: end defaults to now, start to `defaultSpan` before end; at most `maxSpan`
 * apart. An end given to the second includes that whole second (FixMyStreet sends "now").
 */
function dateWindow(
  query: Query,
  defaultSpan: number,
  maxSpan: number,
  timeZone: string,
): { from: Date; to: Date } {
  const startText = single(query.start_date);
  const endText = single(query.end_date);
  const start = startText ? parseOpen311Date('start_date', startText, timeZone) : undefined;
  const end = endText ? parseOpen311Date('end_date', endText, timeZone) : undefined;
  const to = end ? new Date(end.at.getTime() + (end.wholeSecond ? 1000 : 1)) : new Date(Date.now() + 1);
  const from = start ? start.at : new Date((end ? end.at.getTime() : Date.now()) - defaultSpan);
  if (start && !end && Date.now() - from.getTime() > maxSpan) {
    return { from, to: new Date(from.getTime() + maxSpan) };
  }
  if (from.getTime() >= to.getTime()) throw Open311Error.of(400, 'start_date: must be before end_date');
  if (to.getTime() - from.getTime() > maxSpan + 1000) {
    throw Open311Error.of(400, `start_date, end_date: must be at most ${maxSpan / DAY_MS} days apart`);
  }
  return { from, to };
}
