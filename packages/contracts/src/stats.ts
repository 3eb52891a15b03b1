import { z } from 'zod';
import { authErrorResponses, isoDateTimeSchema, uuidSchema } from './common.ts';
import { defineContract } from './route.ts';

const tags = ['stats'] as const;

/** The period every statistic covers: requests created in [from, to). Defaults: the last 90 days. */
export const statsPeriodQuerySchema = z.object({
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  neighborhoodId: uuidSchema.optional(),
  serviceCode: z.string().max(64).optional(),
});

const percentilesSchema = z.object({
  p50Hours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});

export const responseTimeRowSchema = z
  .object({
    key: z.string().describe('Neighborhood id, service code or lieutenant personnel id'),
    label: z.string(),
    requests: z.number().int(),
    resolved: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int().describe('Open now and past the resolution due time'),
    firstResponse: percentilesSchema,
    resolution: percentilesSchema,
    firstResponseSlaMet: z
      .number()
      .nullable()
      .describe('Share (0–1) of decided first-response clocks that were met'),
    resolutionSlaMet: z
      .number()
      .nullable()
      .describe('Share (0–1) of decided resolution clocks that were met'),
  })
  .meta({ id: 'ResponseTimeRow' });

export const backlogPointSchema = z.object({
  at: isoDateTimeSchema,
  created: z.number().int(),
  finished: z.number().int(),
  open: z.number().int(),
});

export const scorecardRowSchema = z
  .object({
    neighborhoodId: uuidSchema,
    neighborhoodName: z.string(),
    lieutenant: z.object({ personnelId: uuidSchema, name: z.string() }).nullable(),
    requests: z.number().int(),
    resolved: z.number().int(),
    open: z.number().int(),
    resolutionP50Hours: z.number().nullable(),
    firstResponseSlaMet: z.number().nullable(),
    resolutionSlaMet: z.number().nullable(),
  })
  .meta({ id: 'ScorecardRow' });

const periodSchema = z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema });

export const statsContracts = {
  responseTimes: defineContract({
    method: 'GET',
    path: '/api/v1/stats/response-times',
    summary: 'Response-time percentiles and SLA compliance by neighborhood, category or lieutenant',
    description:
      'The equity view: are some neighborhoods served slower? Times are elapsed hours from creation to first response and to resolution.',
    tags,
    querystring: statsPeriodQuerySchema.extend({
      groupBy: z.enum(['neighborhood', 'category', 'lieutenant']).default('neighborhood'),
    }),
    responses: {
      200: z.object({ period: periodSchema, rows: z.array(responseTimeRowSchema) }),
      ...authErrorResponses,
    },
  }),
  backlog: defineContract({
    method: 'GET',
    path: '/api/v1/stats/backlog',
    summary: 'Open requests over time, with what was created and finished in each interval',
    tags,
    querystring: statsPeriodQuerySchema.extend({ interval: z.enum(['day', 'week']).default('day') }),
    responses: {
      200: z.object({ period: periodSchema, points: z.array(backlogPointSchema) }),
      ...authErrorResponses,
    },
  }),
  scorecards: defineContract({
    method: 'GET',
    path: '/api/v1/stats/scorecards',
    summary:
      'Per-neighborhood scorecards, credited to whoever was the coordination lieutenant when each request came in',
    tags,
    querystring: statsPeriodQuerySchema,
    responses: {
      200: z.object({ period: periodSchema, rows: z.array(scorecardRowSchema) }),
      ...authErrorResponses,
    },
  }),
};

export const liveEventSchema = z
  .object({
    type: z.string().describe('e.g. service_request.created, service_request.updated'),
    entity: z.string(),
    id: z.string(),
    neighborhoodId: z.string().nullable().optional(),
    status: z.string().optional(),
    at: isoDateTimeSchema,
  })
  .meta({ id: 'LiveEvent' });

export const liveEventsContracts = {
  stream: defineContract({
    method: 'GET',
    path: '/api/v1/events',
    summary: 'Server-Sent Events of changes (no personal data), delivered from every API instance',
    description:
      'text/event-stream. Each event has `event: <type>` and `data: <LiveEvent JSON>`. Comments every 25 s keep proxies from closing the stream.',
    tags: ['events'],
    responses: { 200: z.string(), ...authErrorResponses },
  }),
};
