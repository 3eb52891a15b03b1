import { z } from 'zod';
import { defineContract, type RouteContract } from './route.ts';

/**
 * Open311 GeoReport v2 at /open311/v2 (open311.md). Every endpoint answers in XML (`.xml`) or JSON
 * (`.json`); field names, defaults and errors follow the specification, not NSP's /api/v1
 * conventions. These contracts document the routes; the handlers read the loose inputs themselves
 * because GeoReport clients send empty optional parameters and form-encoded bodies.
 */
export const open311Formats = ['json', 'xml'] as const;
export type Open311Format = (typeof open311Formats)[number];

const optional = (description: string) => z.string().optional().describe(description);

export const open311ErrorSchema = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .meta({ id: 'Open311Errors', description: 'XML: errors/error' });

export const open311DiscoverySchema = z
  .object({
    changeset: z.string(),
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: z.string(),
        type: z.enum(['production', 'test']),
        formats: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Open311Discovery' });

export const open311ServiceSchema = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .meta({ id: 'Open311Service' });

export const open311ServiceDefinitionSchema = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        datatype_description: z.string(),
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: 'Open311ServiceDefinition' });

export const open311RequestSchema = z
  .object({
    service_request_id: z.string().describe('The public tracking number, e.g. EH-2026-000123'),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().describe("NSP's detailed status, in the Accept-Language language"),
    service_name: z.string(),
    service_code: z.string(),
    description: z
      .string()
      .describe('The report as filed online; empty for reports staff took by phone or in person'),
    agency_responsible: z.string(),
    service_notice: z.string(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: z.string().describe('The SLA resolution due time'),
    address: z.string().describe('The hundred-block ("700 block of Main St"), never the exact address'),
    address_id: z.string(),
    zipcode: z.string(),
    lat: z.number().nullable().describe('The hundred-block centre'),
    long: z.number().nullable(),
    media_url: z.string(),
    extended_attributes: z.record(z.string(), z.unknown()).optional().describe('With extensions=true'),
    notes: z
      .array(z.object({ datetime: z.string(), description: z.string(), type: z.string() }))
      .optional()
      .describe('With extensions=true: the public update history'),
  })
  .meta({
    id: 'Open311Request',
    description: 'XML: service_requests/request',
    examples: [
      {
        service_request_id: 'EH-2026-000123',
        status: 'open',
        status_notes: 'Assigned',
        service_name: 'Noise complaint',
        service_code: 'noise',
        description: 'Loud music every night after midnight',
        agency_responsible: 'Community Outreach Division – Burnside',
        service_notice: '',
        requested_datetime: '2026-11-26T10:15:00-05:00',
        updated_datetime: '2026-11-26T11:02:00-05:00',
        expected_datetime: '2026-11-29T10:15:00-05:00',
        address: '700 block of Main St',
        address_id: '',
        zipcode: '',
        lat: 41.76712,
        long: -72.64308,
        media_url: '',
      },
    ],
  });

export const open311CreatedSchema = z
  .array(
    z.object({
      service_request_id: z.string(),
      token: z.string(),
      service_notice: z.string(),
      account_id: z.string(),
    }),
  )
  .meta({ id: 'Open311Created' });

export const open311TokenSchema = z
  .array(z.object({ service_request_id: z.string(), token: z.string() }))
  .meta({ id: 'Open311Token' });

export const open311UpdateSchema = z
  .object({
    update_id: z.string(),
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    external_status_code: z.string().describe("NSP's status"),
    updated_datetime: z.string(),
    description: z.string(),
    media_url: z.string(),
  })
  .meta({ id: 'Open311RequestUpdate', description: 'XML: service_request_updates/request_update' });

const jurisdictionQuery = z
  .object({
    jurisdiction_id: optional('Optional; an unknown one is a 404'),
    api_key: optional('Ignored on GET (clients may send it, empty or not)'),
  })
  .loose();

export const open311RequestsQuerySchema = jurisdictionQuery.extend({
  service_request_id: optional('Comma-separated ids; overrides every other filter'),
  service_code: optional('Comma-separated service codes'),
  start_date: optional('ISO 8601 with offset; default: 90 days before end_date'),
  end_date: optional('ISO 8601 with offset; default: now; at most 90 days after start_date'),
  status: optional('open, closed, or both comma-separated'),
  page: optional('Extension: page number from 1'),
  page_size: optional('Extension: up to 1000 (the default)'),
  extensions: optional('Extension: true adds extended_attributes and notes'),
});

export const open311UpdatesQuerySchema = jurisdictionQuery.extend({
  start_date: optional('ISO 8601 with offset; default: 24 hours before end_date'),
  end_date: optional('ISO 8601 with offset; default: now'),
});

export const open311CreateBodySchema = z
  .object({
    api_key: optional('Required: an API client key with the open311 scope (missing or wrong: 403)'),
    service_code: optional('Required'),
    lat: optional('With long'),
    long: optional('With lat'),
    address_string: optional('Geocoded when lat/long are not given'),
    address_id: optional('Not supported by NSP: send address_string or lat/long'),
    email: optional('Personal data: kept for staff, never returned'),
    device_id: optional(''),
    account_id: optional(''),
    first_name: optional('Personal data'),
    last_name: optional('Personal data'),
    phone: optional('Personal data'),
    description: optional('Up to 4,000 characters'),
    media_url: optional('http(s) URL of a photo'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe('attribute[CODE]=value; multivaluelist: attribute[CODE][]=a&attribute[CODE][]=b (or repeated)');

const errorResponses = { 400: open311ErrorSchema, 404: open311ErrorSchema } as const;
const tags = ['open311'] as const;

function both<const P extends string>(
  path: P,
  spec: Omit<RouteContract, 'path' | 'tags' | 'operationId'>,
  operation: string,
) {
  return {
    json: defineContract({ ...spec, path: `${path}.json`, tags, operationId: `${operation}Json` }),
    xml: defineContract({ ...spec, path: `${path}.xml`, tags, operationId: `${operation}Xml` }),
  };
}

export const open311Contracts = {
  discovery: both(
    '/open311/v2/discovery',
    {
      method: 'GET',
      summary: 'Open311 discovery',
      responses: { 200: open311DiscoverySchema },
    },
    'open311Discovery',
  ),
  services: both(
    '/open311/v2/services',
    {
      method: 'GET',
      summary: 'Open311 service list (the request categories)',
      querystring: jurisdictionQuery,
      responses: { 200: z.array(open311ServiceSchema), ...errorResponses },
    },
    'open311Services',
  ),
  serviceDefinition: both(
    '/open311/v2/services/:service_code',
    {
      method: 'GET',
      summary: "Open311 service definition (the category's questions)",
      params: z.object({ service_code: z.string() }),
      querystring: jurisdictionQuery,
      responses: { 200: open311ServiceDefinitionSchema, ...errorResponses },
    },
    'open311ServiceDefinition',
  ),
  createRequest: both(
    '/open311/v2/requests',
    {
      method: 'POST',
      summary: 'Open311: file a service request (form-encoded, api_key required)',
      consumes: ['application/x-www-form-urlencoded'],
      body: open311CreateBodySchema,
      responses: { 200: open311CreatedSchema, 403: open311ErrorSchema, ...errorResponses },
    },
    'open311CreateRequest',
  ),
  requests: both(
    '/open311/v2/requests',
    {
      method: 'GET',
      summary: 'Open311: service requests, with the standard filters (90 days, 1,000 records)',
      querystring: open311RequestsQuerySchema,
      responses: { 200: z.array(open311RequestSchema), ...errorResponses },
    },
    'open311Requests',
  ),
  request: both(
    '/open311/v2/requests/:service_request_id',
    {
      method: 'GET',
      summary: 'Open311: one service request (as a one-element list)',
      params: z.object({ service_request_id: z.string() }),
      querystring: open311RequestsQuerySchema.pick({
        jurisdiction_id: true,
        api_key: true,
        extensions: true,
      }),
      responses: { 200: z.array(open311RequestSchema), ...errorResponses },
    },
    'open311Request',
  ),
  token: both(
    '/open311/v2/tokens/:token',
    {
      method: 'GET',
      summary: 'Open311: the request a POST token became',
      params: z.object({ token: z.string() }),
      querystring: jurisdictionQuery,
      responses: { 200: open311TokenSchema, ...errorResponses },
    },
    'open311Token',
  ),
  updates: both(
    '/open311/v2/servicerequestupdates',
    {
      method: 'GET',
      summary: 'Open311 extension (mySociety): public updates and status changes in a window',
      querystring: open311UpdatesQuerySchema,
      responses: { 200: z.array(open311UpdateSchema), ...errorResponses },
    },
    'open311Updates',
  ),
};
