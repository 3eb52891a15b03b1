import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  problemSchema,
  safeTextSchema,
  uuidSchema,
} from './common.ts';
import { publicPaths } from './public-paths.ts';
import { publicLanguageQuerySchema } from './public-texts.ts';
import { defineContract } from './route.ts';
import { localizedTextSchema } from './service-types.ts';

/**
 * Neighborhood priorities (#20): what the neighborhood's lieutenant committed to, the dated actions
 * taken, and the outcome, all public text. Staff write it; the public reads it in their language.
 */

const tags = ['priorities'] as const;

export const priorityStatuses = ['active', 'achieved', 'retired'] as const;
export const priorityStatusSchema = z.enum(priorityStatuses);
export type PriorityStatus = z.infer<typeof priorityStatusSchema>;
export const prioritySources = ['meeting', 'sara_case', 'candidate', 'staff'] as const;
export const prioritySourceSchema = z.enum(prioritySources);
export type PrioritySource = z.infer<typeof prioritySourceSchema>;
/** An active priority with no action for this many days is stale (the supervisor's list). */
export const STALE_PRIORITY_DAYS = 30;

const translation = (max: number) =>
  safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`));
/** Public text a person types, in the department's languages: English required. */
const localizedInput = (max: number) =>
  z
    .object({
      en: translation(max),
      es: translation(max).optional(),
      pt: translation(max).optional(),
      pl: translation(max).optional(),
    })
    .strict();
/** Plain text is English; an object gives the translations. */
const textOrLocalized = (max: number) => z.union([translation(max), localizedInput(max)]);

// ---------------------------------------------------------------------------------------------------
// Contact data in staff-typed text: the form warns (the text is still published as written).

export interface ContactDataWarning {
  kind: 'email' | 'phone';
  /** What looked like contact data, as typed. */
  match: string;
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Phone numbers as people write them: (860) 555-0142, 860-555-0142, +1 860 555 0142, 555-0142, or ten
 * to fifteen digits in a row. Dates (2026-05-01) and counts ("14 stops") are not phone numbers.
 */
const phonePatterns = [
  /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g,
  /(?<![\d-])\d{3}[\s.-]\d{4}\b/g,
  /(?<!\d)\+?\d{10,15}(?!\d)/g,
];

/**
 * What in a text looks like an e-mail address or a phone number: the priority form shows these as a
 * warning before publishing (a resident's contact details do not belong in public text).
 */
export function contactDataWarnings(text: string): ContactDataWarning[] {
  const warnings: ContactDataWarning[] = [];
  const seen = new Set<string>();
  const add = (kind: ContactDataWarning['kind'], match: string) => {
    const key = `${kind}:${match.trim()}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push({ kind, match: match.trim() });
  };
  const withoutEmails = text.replace(emailPattern, (match) => {
    add('email', match);
    return ' ';
  });
  let rest = withoutEmails;
  for (const pattern of phonePatterns)
    rest = rest.replace(pattern, (match) => {
      add('phone', match);
      return ' ';
    });
  return warnings;
}

// ---------------------------------------------------------------------------------------------------
// Staff side

export const priorityActionSchema = z
  .object({
    id: uuidSchema,
    body: localizedTextSchema,
    takenAt: isoDateTimeSchema,
    saraResponseActionId: uuidSchema.nullable(),
    actionItemId: uuidSchema.nullable(),
    createdAt: isoDateTimeSchema,
    createdBy: z.string().nullable().describe('Name of who recorded it'),
  })
  .meta({ id: 'PriorityAction' });
export type PriorityAction = z.infer<typeof priorityActionSchema>;

export const prioritySuggestionSchema = z
  .object({
    kind: z.enum(['sara_response', 'action_item']),
    sourceId: uuidSchema.describe('The SARA response action or the meeting action item'),
    body: z.string().describe('The proposed public line, to edit before adding'),
    takenAt: isoDateTimeSchema.describe('When it was done (or last changed)'),
  })
  .meta({ id: 'PrioritySuggestion' });
export type PrioritySuggestion = z.infer<typeof prioritySuggestionSchema>;

export const prioritySchema = z
  .object({
    id: uuidSchema,
    neighborhoodId: uuidSchema,
    neighborhoodName: z.string(),
    title: localizedTextSchema,
    description: localizedTextSchema,
    source: prioritySourceSchema,
    meetingId: uuidSchema.nullable(),
    meetingProblemId: uuidSchema.nullable(),
    saraCaseId: uuidSchema.nullable(),
    candidateKey: z.string().nullable(),
    status: priorityStatusSchema,
    outcome: localizedTextSchema.nullable(),
    setAt: isoDateTimeSchema,
    closedAt: isoDateTimeSchema.nullable(),
    ageDays: z.number().int().describe('Days since it was set (until it was closed)'),
    lastActionAt: isoDateTimeSchema.nullable(),
    stale: z.boolean().describe(`Active with no action in ${STALE_PRIORITY_DAYS} days`),
    actions: z.array(priorityActionSchema).describe('Newest first'),
    suggestions: z
      .array(prioritySuggestionSchema)
      .describe(
        'Done SARA responses of the linked case and done action items of the linked meeting not yet added: one click adds one; nothing is published by itself',
      ),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'NeighborhoodPriority' });
export type Priority = z.infer<typeof prioritySchema>;

export const createPriorityBodySchema = z.object({
  title: textOrLocalized(200),
  description: textOrLocalized(4000),
  meetingId: uuidSchema.nullable().optional().describe('The meeting that set it'),
  meetingProblemId: uuidSchema
    .nullable()
    .optional()
    .describe('The problem raised at that meeting it answers (implies meetingId)'),
  saraCaseId: uuidSchema.nullable().optional().describe('The SARA case it came from or is worked in'),
  candidateKey: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9:._-]+$/, 'must be a candidate key')
    .nullable()
    .optional()
    .describe('A candidate problem found in the data'),
  setAt: isoDateTimeSchema.optional().describe('Defaults to now (or to the meeting’s start)'),
});
export type CreatePriorityBody = z.infer<typeof createPriorityBodySchema>;

export const updatePriorityBodySchema = z.object({
  status: priorityStatusSchema.optional().describe('achieved or retired needs an outcome'),
  outcome: textOrLocalized(4000).nullable().optional().describe('The public outcome, dated when closed'),
  title: textOrLocalized(200).optional(),
  description: textOrLocalized(4000).optional(),
  version: z.number().int().optional(),
});
export type UpdatePriorityBody = z.infer<typeof updatePriorityBodySchema>;

export const createPriorityActionBodySchema = z.object({
  body: textOrLocalized(1000).describe('What was done, as the public will read it'),
  takenAt: isoDateTimeSchema.describe('When it was done; not in the future'),
  saraResponseActionId: uuidSchema.nullable().optional().describe('Added from this SARA response'),
  actionItemId: uuidSchema.nullable().optional().describe('Added from this meeting action item'),
});
export type CreatePriorityActionBody = z.infer<typeof createPriorityActionBodySchema>;

export const stalePriorityQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(STALE_PRIORITY_DAYS),
  neighborhoodId: uuidSchema.optional(),
});

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-05')
  .refine((value) => Number(value.slice(0, 4)) >= 1900 && Number(value.slice(0, 4)) <= 2199, {
    message: 'must be a month between the years 1900 and 2199',
  });
export const priorityReportQuerySchema = z.object({
  month: monthSchema.optional().describe('The calendar month (department time zone); default this month'),
  neighborhoodId: uuidSchema.optional(),
});

export const priorityReportSchema = z
  .object({
    month: z.string(),
    from: isoDateTimeSchema,
    to: isoDateTimeSchema,
    neighborhoods: z.array(
      z.object({
        neighborhoodId: uuidSchema,
        code: z.string(),
        name: z.string(),
        set: z.array(z.object({ id: uuidSchema, title: z.string(), setAt: isoDateTimeSchema })),
        actions: z.array(
          z.object({ priorityTitle: z.string(), body: z.string(), takenAt: isoDateTimeSchema }),
        ),
        achieved: z.array(
          z.object({ id: uuidSchema, title: z.string(), outcome: z.string(), closedAt: isoDateTimeSchema }),
        ),
        active: z.number().int().describe('Active at the end of the month'),
      }),
    ),
  })
  .meta({ id: 'PriorityReport' });
export type PriorityReport = z.infer<typeof priorityReportSchema>;

/** The "you said, we did" report a meeting's agenda opens with. */
export const meetingPrioritiesReportSchema = z
  .object({
    since: isoDateTimeSchema
      .nullable()
      .describe("The previous meeting's start: actions since then are listed (null: every action)"),
    items: z.array(
      z.object({
        priorityId: uuidSchema,
        title: localizedTextSchema,
        description: localizedTextSchema,
        setAt: isoDateTimeSchema,
        status: priorityStatusSchema.describe('Now: one achieved since the previous meeting is reported too'),
        outcome: localizedTextSchema.nullable(),
        closedAt: isoDateTimeSchema.nullable(),
        actions: z
          .array(z.object({ id: uuidSchema, body: localizedTextSchema, takenAt: isoDateTimeSchema }))
          .describe('Taken since the previous meeting and before this one, oldest first'),
      }),
    ),
  })
  .meta({ id: 'MeetingPrioritiesReport' });
export type MeetingPrioritiesReport = z.infer<typeof meetingPrioritiesReportSchema>;

const idParams = z.object({ id: uuidSchema });
const writeErrors = { ...authErrorResponses, 404: problemSchema, 409: problemSchema, 412: problemSchema };

export const prioritiesContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/neighborhoods/:id/priorities',
    summary: "A neighborhood's priorities with age, last action and suggested actions",
    tags,
    params: idParams,
    querystring: z.object({ status: priorityStatusSchema.optional() }),
    responses: {
      200: z.object({ items: z.array(prioritySchema) }),
      ...authErrorResponses,
      404: problemSchema,
    },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/neighborhoods/:id/priorities',
    summary: 'Set a priority for a neighborhood (its lieutenant, a supervisor or an admin)',
    description:
      'Title and description are public text, published as written: `{en, es?, pt?, pl?}` or plain English.',
    tags,
    params: idParams,
    body: createPriorityBodySchema,
    responses: { 201: prioritySchema, ...writeErrors },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/priorities/:id',
    summary: 'One priority',
    tags,
    params: idParams,
    responses: { 200: prioritySchema, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/priorities/:id',
    summary: 'Mark a priority achieved or retired with its outcome, or edit it',
    tags,
    params: idParams,
    body: updatePriorityBodySchema,
    responses: { 200: prioritySchema, ...writeErrors },
  }),
  addAction: defineContract({
    method: 'POST',
    path: '/api/v1/priorities/:id/actions',
    summary: 'Record an action taken on a priority (public text)',
    tags,
    params: idParams,
    body: createPriorityActionBodySchema,
    responses: { 201: prioritySchema, ...writeErrors },
  }),
  stale: defineContract({
    method: 'GET',
    path: '/api/v1/priorities/stale',
    summary: `Active priorities with no action in ${STALE_PRIORITY_DAYS} days (or ?days=)`,
    tags,
    querystring: stalePriorityQuerySchema,
    responses: { 200: z.object({ items: z.array(prioritySchema) }), ...authErrorResponses },
  }),
  report: defineContract({
    method: 'GET',
    path: '/api/v1/priorities/report',
    summary: 'The monthly accountability report: per neighborhood, priorities set, actions taken, achieved',
    tags,
    querystring: priorityReportQuerySchema,
    responses: { 200: priorityReportSchema, ...authErrorResponses },
  }),
  reportCsv: defineContract({
    method: 'GET',
    path: '/api/v1/priorities/report.csv',
    summary: 'The monthly accountability report as CSV (one row per priority set, action or achievement)',
    tags,
    querystring: priorityReportQuerySchema,
    responses: { 200: z.string().describe('text/csv'), ...authErrorResponses },
  }),
  reportHtml: defineContract({
    method: 'GET',
    path: '/api/v1/priorities/report.html',
    summary: 'The monthly accountability report as a printable HTML page',
    tags,
    querystring: priorityReportQuerySchema,
    responses: { 200: z.string().describe('text/html'), ...authErrorResponses },
  }),
};

// ---------------------------------------------------------------------------------------------------
// Public side: no resident's data, only what staff wrote for the public.

export const publicPrioritySchema = z
  .object({
    id: uuidSchema,
    status: priorityStatusSchema,
    statusName: z.string().describe('The status in the reply language'),
    title: z.string(),
    description: z.string(),
    outcome: z.string().nullable(),
    setAt: isoDateTimeSchema,
    closedAt: isoDateTimeSchema.nullable(),
    setAtMeeting: z
      .object({ id: uuidSchema, startsAt: isoDateTimeSchema })
      .nullable()
      .describe('The community meeting where it was set'),
    actions: z.array(z.object({ id: uuidSchema, text: z.string(), takenAt: isoDateTimeSchema })),
  })
  .meta({ id: 'PublicPriority' });
export type PublicPriority = z.infer<typeof publicPrioritySchema>;

export const publicPrioritiesSchema = z
  .object({
    language: z.string(),
    neighborhood: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    items: z
      .array(publicPrioritySchema)
      .describe('Active ones first, then those achieved or retired in the last 12 months'),
  })
  .meta({ id: 'PublicPriorities' });
export type PublicPriorities = z.infer<typeof publicPrioritiesSchema>;

export const publicPrioritiesContracts = {
  list: defineContract({
    method: 'GET',
    path: publicPaths.neighborhoodPriorities,
    operationId: 'getPublicNeighborhoodPriorities',
    summary: "A neighborhood's current priorities and those closed in the last 12 months, with actions",
    tags: ['public'],
    params: z.object({
      code: z
        .string()
        .min(1)
        .max(32, 'must be at most 32 characters')
        .regex(/^[A-Za-z0-9_-]+$/, 'must be a neighborhood code such as BURN'),
    }),
    querystring: publicLanguageQuerySchema,
    responses: { 200: publicPrioritiesSchema, 400: problemSchema, 404: problemSchema, 429: problemSchema },
  }),
};
