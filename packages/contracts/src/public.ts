import { z } from 'zod';
import { isoDateTimeSchema, problemSchema } from './common.ts';
import { geocodeQualitySchema } from './geocoding.ts';
import { boundaryGeometrySchema } from './neighborhoods.ts';
import { publicPaths } from './public-paths.ts';
import { publicLanguageQuerySchema } from './public-texts.ts';
import { defineContract } from './route.ts';

/**
 * The public surface (no login): what residents and the town website may know. No reply here carries
 * a requester's name, e-mail, phone, exact address or the text they wrote, nor an internal note, nor
 * anything about staff beyond their work contact. Every reply is in the language of `lang` /
 * `Accept-Language` (Content-Language says which), carries ETag and Cache-Control, and answers 304
 * to a matching If-None-Match.
 */

const tags = ['public'] as const;
const publicErrors = { 400: problemSchema, 429: problemSchema } as const;

const neighborhoodCodeSchema = z
  .string()
  .min(1)
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a neighborhood code such as BURN')
  .describe('Neighborhood code, as in /api/v1/public/neighborhoods (case-insensitive)');

const categoryCodeSchema = z
  .string()
  .min(1)
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'must be a category (service) code')
  .describe('Category (Open311 service) code');

export const publicNeighborhoodRefSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string() })
  .meta({ id: 'PublicNeighborhoodRef' });

export const publicContactSchema = z
  .object({
    name: z.string(),
    title: z.string().describe('Rank or title, as the department writes it'),
    role: z.string().describe('What the person does for the neighborhood, in the reply language'),
    phone: z.string().nullable().describe('Work phone'),
    email: z.string().nullable().describe('Work e-mail'),
  })
  .meta({ id: 'PublicContact' });
export type PublicContact = z.infer<typeof publicContactSchema>;

export const publicNeighborhoodSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    boundary: boundaryGeometrySchema.nullable().describe('GeoJSON (Multi)Polygon, WGS84'),
    lieutenant: publicContactSchema
      .nullable()
      .describe('The current Neighborhood Coordination Lieutenant; null while nobody holds the role'),
  })
  .meta({ id: 'PublicNeighborhood' });
export type PublicNeighborhood = z.infer<typeof publicNeighborhoodSchema>;

export const publicNeighborhoodListSchema = z
  .object({ items: z.array(publicNeighborhoodSchema), nextCursor: z.null() })
  .meta({ id: 'PublicNeighborhoodList' });

export const publicTeamSchema = z
  .object({
    neighborhood: publicNeighborhoodRefSchema,
    lieutenant: publicContactSchema.nullable(),
    members: z
      .array(publicContactSchema.extend({ kind: z.enum(['nro', 'cso']) }))
      .describe('Neighborhood Resource Officers and Community Service Officers assigned now'),
  })
  .meta({ id: 'PublicTeam' });
export type PublicTeam = z.infer<typeof publicTeamSchema>;

/** A location as the public may see it: the hundred-block and a point standing for the whole block. */
export const publicLocationSchema = z
  .object({
    label: z.string().describe('"700 block of Main St", in the reply language'),
    lat: z.number().describe('The middle of the block, never an address point'),
    lon: z.number(),
  })
  .meta({ id: 'PublicLocation' });

export const publicLocateOutcomes = [
  'found',
  'no-lieutenant',
  'unreadable',
  'not-found',
  'candidates',
  'outside',
  'no-data',
] as const;

export const publicLocateQuerySchema = publicLanguageQuerySchema.extend({
  address: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe('A street address as people type it, e.g. "740 main st"'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
});

export const publicLocateSchema = z
  .object({
    outcome: z
      .enum(publicLocateOutcomes)
      .describe(
        'found; no-lieutenant (found, but nobody holds the role now); unreadable (not an address); not-found; candidates (see candidates); outside (no neighborhood there); no-data (no boundaries loaded)',
      ),
    message: z.string().describe('The outcome in words, in the reply language'),
    quality: geocodeQualitySchema.or(z.literal('point')).describe('How good the match is; point for lat/lon'),
    qualityName: z.string(),
    location: publicLocationSchema
      .nullable()
      .describe('Where the answer is for: the hundred-block, never the address typed'),
    neighborhood: publicNeighborhoodRefSchema.nullable(),
    lieutenant: publicContactSchema.nullable(),
    candidates: z
      .array(z.object({ label: z.string(), neighborhood: publicNeighborhoodRefSchema.nullable() }))
      .describe('When the address was ambiguous or not found: streets (hundred-blocks) it may mean'),
  })
  .meta({ id: 'PublicLocate' });
export type PublicLocate = z.infer<typeof publicLocateSchema>;

export const trackingNumberSchema = z
  .string()
  .trim()
  .min(3)
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9-]+$/, 'must be a tracking number such as EH-2026-000123');

export const publicRequestUpdateSchema = z
  .object({
    at: isoDateTimeSchema,
    kind: z.enum(['received', 'status', 'reopened', 'update', 'merged']),
    text: z.string().describe('The status change in words, or the public update as staff wrote it'),
    language: z.string().nullable().describe('The language of text'),
  })
  .meta({ id: 'PublicRequestUpdate' });

export const publicRequestSchema = z
  .object({
    trackingNumber: z.string(),
    status: z.enum([
      'new',
      'triaged',
      'assigned',
      'in_progress',
      'resolved',
      'closed',
      'rejected',
      'duplicate',
    ]),
    statusName: z.string(),
    statusDescription: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    neighborhood: publicNeighborhoodRefSchema.nullable(),
    location: publicLocationSchema.nullable(),
    receivedAt: isoDateTimeSchema,
    expectedBy: isoDateTimeSchema
      .nullable()
      .describe("The department's target date for resolving it; null once it is finished"),
    resolvedAt: isoDateTimeSchema.nullable(),
    closedAt: isoDateTimeSchema.nullable(),
    duplicateOf: z.string().nullable().describe('The tracking number of the request it was merged into'),
    updates: z.array(publicRequestUpdateSchema).describe('Oldest first'),
  })
  .meta({ id: 'PublicRequest' });
export type PublicRequest = z.infer<typeof publicRequestSchema>;

const dateSchema = z.iso.date('must be a date such as 2026-01-31');

export const publicStatsQuerySchema = publicLanguageQuerySchema.extend({
  from: dateSchema.optional().describe('First day (department time zone); default 90 days before to'),
  to: dateSchema.optional().describe('Last day, included; default today'),
  neighborhood: neighborhoodCodeSchema.optional(),
  category: categoryCodeSchema.optional(),
});

const percentilesSchema = z.object({
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});

export const publicStatsRowSchema = z
  .object({
    neighborhood: publicNeighborhoodRefSchema
      .nullable()
      .describe('null: requests outside every neighborhood (or, with allNeighborhoods, all of them)'),
    allNeighborhoods: z.boolean().describe('true on the rows that add up every neighborhood'),
    category: z
      .object({ code: z.string(), name: z.string() })
      .nullable()
      .describe('null: every category together'),
    requests: z.number().int().describe('Requests received in the period (duplicates not counted)'),
    resolved: z.number().int(),
    firstResponse: percentilesSchema.describe('Hours from receipt to the first response, responded ones'),
    resolution: percentilesSchema.describe('Hours from receipt to resolution, resolved ones'),
    firstResponseWithinTarget: z
      .number()
      .nullable()
      .describe('Share 0–1 of first-response clocks met, of those answered or past due'),
    resolutionWithinTarget: z
      .number()
      .nullable()
      .describe('Share 0–1 of resolution clocks met, of those resolved or past due'),
  })
  .meta({ id: 'PublicStatsRow' });

export const publicStatsSchema = z
  .object({
    from: z.string().describe('First day of the period'),
    to: z.string().describe('Last day of the period (included)'),
    timeZone: z.string(),
    generatedAt: isoDateTimeSchema,
    definitions: z.string().describe('How the figures are computed, in the reply language'),
    rows: z
      .array(publicStatsRowSchema)
      .describe(
        'Per neighborhood and category; per neighborhood (category null); per category over every neighborhood (allNeighborhoods); and the total (allNeighborhoods, category null)',
      ),
  })
  .meta({ id: 'PublicStats' });
export type PublicStats = z.infer<typeof publicStatsSchema>;

export const publicFeedQuerySchema = publicLanguageQuerySchema.extend({
  neighborhood: neighborhoodCodeSchema.optional().describe("Only this neighborhood's announcements"),
  format: z.enum(['rss', 'atom']).default('rss').describe('feed.xml only: RSS 2.0 (default) or Atom'),
});

export const jsonFeedSchema = z
  .object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: z.string(),
    feed_url: z.string(),
    description: z.string(),
    language: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        url: z.string().optional(),
        title: z.string(),
        content_text: z.string(),
        date_published: isoDateTimeSchema,
        date_modified: isoDateTimeSchema.optional(),
        language: z.string().optional(),
        tags: z.array(z.string()).optional(),
      }),
    ),
  })
  .meta({ id: 'JsonFeed' });

export const openDataQuerySchema = publicLanguageQuerySchema.extend({
  from: dateSchema.optional().describe('Received on or after this day (department time zone)'),
  to: dateSchema.optional().describe('Received on or before this day'),
  neighborhood: neighborhoodCodeSchema.optional(),
  category: categoryCodeSchema.optional(),
});

/**
 * The open-data record of one request, field by field (CSV columns in this order; GeoJSON properties).
 * No personal data: no requester, no description, no exact address or point.
 */
export const openDataFields = {
  tracking_number: 'Public tracking number',
  category_code: 'Category (Open311 service) code',
  category_name: 'Category name in the reply language',
  status: 'new, triaged, assigned, in_progress, resolved, closed, rejected or duplicate',
  priority: 'P1 (most urgent) to P4',
  channel: 'How it came in: phone, walk_in, email, web, social_media, integration',
  neighborhood_code: 'Neighborhood code; empty outside every neighborhood',
  neighborhood_name: 'Neighborhood name',
  location: 'The hundred-block ("700 block of Main St"); empty when unknown',
  lat: 'Latitude of the middle of the block (never the address point); empty when unknown',
  lon: 'Longitude of the middle of the block',
  received_at: 'When it was received (ISO 8601 UTC)',
  first_response_at: 'First public response or status change by staff',
  resolved_at: 'When it was resolved',
  closed_at: 'When it was closed',
  first_response_due_at: "The department's first-response target",
  resolution_due_at: "The department's resolution target",
} as const;
export type OpenDataField = keyof typeof openDataFields;

const fieldTable = Object.entries(openDataFields)
  .map(([name, meaning]) => `- \`${name}\`: ${meaning}`)
  .join('\n');

export const publicContracts = {
  neighborhoods: defineContract({
    method: 'GET',
    path: publicPaths.neighborhoods,
    operationId: 'listPublicNeighborhoods',
    summary: "Neighborhoods with boundaries and the current lieutenant's work contact",
    tags,
    querystring: publicLanguageQuerySchema,
    responses: { 200: publicNeighborhoodListSchema, ...publicErrors },
  }),
  team: defineContract({
    method: 'GET',
    path: '/api/v1/public/neighborhoods/:code/team',
    operationId: 'getPublicNeighborhoodTeam',
    summary: "A neighborhood's lieutenant, NROs and CSOs: name, title, work contact",
    tags,
    params: z.object({ code: neighborhoodCodeSchema }),
    querystring: publicLanguageQuerySchema,
    responses: { 200: publicTeamSchema, ...publicErrors, 404: problemSchema },
  }),
  locate: defineContract({
    method: 'GET',
    path: publicPaths.locate,
    operationId: 'publicLocate',
    summary: 'Who is my lieutenant: the neighborhood and lieutenant of an address or a point',
    description:
      'Give `address`, or `lat` and `lon`. The reply never repeats the address: it names the hundred-block.',
    tags,
    querystring: publicLocateQuerySchema,
    responses: { 200: publicLocateSchema, ...publicErrors },
  }),
  request: defineContract({
    method: 'GET',
    path: publicPaths.request,
    operationId: 'getPublicRequest',
    summary: 'A request by tracking number: status, category, neighborhood, public updates, expected date',
    tags,
    params: z.object({ trackingNumber: trackingNumberSchema }),
    querystring: publicLanguageQuerySchema,
    responses: { 200: publicRequestSchema, ...publicErrors, 404: problemSchema },
  }),
  stats: defineContract({
    method: 'GET',
    path: publicPaths.stats,
    operationId: 'getPublicStats',
    summary: 'Counts and response times per neighborhood and category over a period',
    tags,
    querystring: publicStatsQuerySchema,
    responses: { 200: publicStatsSchema, ...publicErrors, 404: problemSchema },
  }),
  feedXml: defineContract({
    method: 'GET',
    path: publicPaths.feedXml,
    operationId: 'getPublicFeedXml',
    summary: 'Announcements as RSS 2.0 (or Atom with format=atom), optionally for one neighborhood',
    tags,
    querystring: publicFeedQuerySchema,
    responses: {
      200: z.string().describe('application/rss+xml or application/atom+xml'),
      ...publicErrors,
      404: problemSchema,
    },
  }),
  feedJson: defineContract({
    method: 'GET',
    path: publicPaths.feedJson,
    operationId: 'getPublicFeedJson',
    summary: 'Announcements as JSON Feed 1.1, optionally for one neighborhood',
    tags,
    querystring: publicFeedQuerySchema.omit({ format: true }),
    responses: { 200: jsonFeedSchema, ...publicErrors, 404: problemSchema },
  }),
  openDataCsv: defineContract({
    method: 'GET',
    path: publicPaths.openDataCsv,
    operationId: 'getOpenDataCsv',
    summary: 'Open data: service requests as CSV, without personal data (streamed)',
    description: `One row per request received in the period (default: the last 365 days), oldest first. Columns:\n${fieldTable}`,
    tags,
    querystring: openDataQuerySchema,
    responses: {
      200: z.string().describe('text/csv; header row, then one row per request'),
      ...publicErrors,
      404: problemSchema,
    },
  }),
  openDataGeoJson: defineContract({
    method: 'GET',
    path: publicPaths.openDataGeoJson,
    operationId: 'getOpenDataGeoJson',
    summary: 'Open data: service requests as a GeoJSON FeatureCollection, without personal data (streamed)',
    description: `One Point feature per request (geometry null when the location is unknown), with properties:\n${fieldTable}`,
    tags,
    querystring: openDataQuerySchema,
    responses: {
      200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
      ...publicErrors,
      404: problemSchema,
    },
  }),
};

export const publicFeedPublicationSchema = z
  .object({
    eventId: z.string(),
    requestId: z.string(),
    publishedAt: isoDateTimeSchema,
    withdrawnAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'PublicFeedPublication' });

export const publicFeedContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/service-requests/:id/public-updates/publications',
    summary: "Which of a request's public updates are on the announcements feed (withdrawn ones too)",
    tags: ['service-requests'],
    params: z.object({ id: z.uuid({ message: 'must be a UUID' }) }),
    responses: {
      200: z.object({ items: z.array(publicFeedPublicationSchema) }),
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
    },
  }),
  publish: defineContract({
    method: 'PUT',
    path: '/api/v1/service-requests/:id/public-updates/:eventId/publication',
    summary: 'Publish a public update of a request on the announcements feed',
    tags: ['service-requests'],
    params: z.object({
      id: z.uuid({ message: 'must be a UUID' }),
      eventId: z.string().regex(/^\d{1,18}$/, 'must be an event id'),
    }),
    responses: {
      200: publicFeedPublicationSchema,
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
    },
  }),
  withdraw: defineContract({
    method: 'DELETE',
    path: '/api/v1/service-requests/:id/public-updates/:eventId/publication',
    summary: 'Withdraw a public update from the announcements feed',
    tags: ['service-requests'],
    params: z.object({
      id: z.uuid({ message: 'must be a UUID' }),
      eventId: z.string().regex(/^\d{1,18}$/, 'must be an event id'),
    }),
    responses: {
      200: publicFeedPublicationSchema,
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      404: problemSchema,
    },
  }),
};
