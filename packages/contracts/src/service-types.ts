import { z } from 'zod';
import { authErrorResponses, isoDateTimeSchema, listOf, problemSchema, uuidSchema } from './common.ts';
import { defineContract } from './route.ts';

/** The languages of the public surface; more can be added as data (any further key is kept). */
export const publicLanguages = ['en', 'es', 'pt', 'pl'] as const;
export const languageSchema = z.enum(publicLanguages);
export type Language = z.infer<typeof languageSchema>;

export const requestPriorityValues = ['P1', 'P2', 'P3', 'P4'] as const;
export const requestPrioritySchema = z.enum(requestPriorityValues);
export type RequestPriority = z.infer<typeof requestPrioritySchema>;

export const requestStatusValues = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export const requestStatusSchema = z.enum(requestStatusValues);
export type RequestStatusValue = z.infer<typeof requestStatusSchema>;

/** PostgreSQL text cannot hold NUL; refusing it here keeps it a 400 instead of a database error. */
const withoutNul = (value: string) => !value.includes('\u0000');
const translation = () =>
  z.string().trim().min(1, 'is required').max(4000).refine(withoutNul, 'must not contain NUL characters');

/** Text in the public languages: English required, the others fall back to it when absent. */
export const localizedTextSchema = z
  .object({
    en: translation(),
    es: translation().optional(),
    pt: translation().optional(),
    pl: translation().optional(),
  })
  .catchall(translation())
  .meta({ id: 'LocalizedText' });
export type LocalizedTextDto = z.infer<typeof localizedTextSchema>;

export const attributeDatatypes = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const codeMessage = 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit';

/** A custom question of a category (Open311 attribute definition). */
export const serviceAttributeSchema = z
  .object({
    code: z.string().regex(codePattern, codeMessage),
    datatype: z.enum(attributeDatatypes),
    required: z.boolean().default(false),
    description: localizedTextSchema.describe('The question as asked'),
    datatypeDescription: localizedTextSchema.optional().describe('Hint on the expected answer'),
    order: z.number().int().min(0).max(10_000).default(0),
    values: z
      .array(z.object({ key: z.string().regex(codePattern, codeMessage), name: localizedTextSchema }))
      .max(200)
      .optional()
      .describe('The choices of a singlevaluelist or multivaluelist'),
  })
  .superRefine((attribute, context) => {
    const isList = attribute.datatype === 'singlevaluelist' || attribute.datatype === 'multivaluelist';
    if (isList && (attribute.values?.length ?? 0) === 0) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'a list question needs values' });
    }
    if (!isList && attribute.values !== undefined) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'only list questions have values' });
    }
    const keys = attribute.values?.map((value) => value.key) ?? [];
    if (new Set(keys).size !== keys.length) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'value keys must be unique' });
    }
  })
  .meta({ id: 'ServiceAttribute' });
export type ServiceAttributeDto = z.infer<typeof serviceAttributeSchema>;

const hoursSchema = z
  .number()
  .positive('must be more than 0 hours')
  .max(24 * 366, 'must be at most a year');

export const slaTargetSchema = z
  .object({ firstResponseHours: hoursSchema, resolutionHours: hoursSchema })
  .refine((target) => target.firstResponseHours <= target.resolutionHours, {
    message: 'first response cannot be due after resolution',
    path: ['firstResponseHours'],
  });

/** SLA targets per priority, counted in calendar hours or in the department's business hours. */
export const slaSchema = z
  .object({
    clock: z
      .enum(['calendar', 'business'])
      .describe('calendar: every hour counts; business: only the weekly hours outside holidays'),
    targets: z.object({ P1: slaTargetSchema, P2: slaTargetSchema, P3: slaTargetSchema, P4: slaTargetSchema }),
  })
  .meta({ id: 'ServiceLevelTargets' });
export type SlaDto = z.infer<typeof slaSchema>;

function uniqueAttributeCodes(attributes: ServiceAttributeDto[] | undefined, context: z.RefinementCtx) {
  const codes = attributes?.map((attribute) => attribute.code) ?? [];
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    if (seen.has(code)) {
      context.addIssue({ code: 'custom', path: ['attributes', index, 'code'], message: 'is used twice' });
    }
    seen.add(code);
  });
}

export const serviceTypeSchema = z
  .object({
    code: z.string().describe('Open311 service code'),
    name: localizedTextSchema,
    description: localizedTextSchema,
    group: z.string(),
    keywords: z.array(z.string()),
    attributes: z.array(serviceAttributeSchema),
    sla: slaSchema,
    defaultPriority: requestPrioritySchema,
    active: z.boolean(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ServiceType' });
export type ServiceType = z.infer<typeof serviceTypeSchema>;

const keywordsSchema = z
  .array(z.string().trim().min(1).max(100).refine(withoutNul, 'must not contain NUL characters'))
  .max(50);

export const createServiceTypeBodySchema = z
  .object({
    code: z.string().regex(codePattern, codeMessage),
    name: localizedTextSchema,
    description: localizedTextSchema,
    group: z.string().trim().max(200).refine(withoutNul, 'must not contain NUL characters').default(''),
    keywords: keywordsSchema.default([]),
    attributes: z.array(serviceAttributeSchema).max(50).default([]),
    sla: slaSchema,
    defaultPriority: requestPrioritySchema.default('P3'),
    active: z.boolean().default(true),
  })
  .superRefine((body, context) => uniqueAttributeCodes(body.attributes, context));

export const updateServiceTypeBodySchema = z
  .object({
    name: localizedTextSchema.optional(),
    description: localizedTextSchema.optional(),
    group: z.string().trim().max(200).refine(withoutNul, 'must not contain NUL characters').optional(),
    keywords: keywordsSchema.optional(),
    attributes: z.array(serviceAttributeSchema).max(50).optional(),
    sla: slaSchema.optional(),
    defaultPriority: requestPrioritySchema.optional(),
    active: z.boolean().optional(),
    version: z.number().int().positive().optional().describe('The version you read; 412 when stale'),
  })
  .superRefine((body, context) => uniqueAttributeCodes(body.attributes, context))
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });

export const listServiceTypesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Also list retired categories (default false)'),
  group: z.string().max(200).optional(),
});

const codeParams = z.object({ code: z.string().regex(codePattern, codeMessage) });
const idParams = z.object({ id: uuidSchema });
const ifMatchHeaders = z
  .object({ 'if-match': z.string().max(200).optional().describe('The ETag you read; 412 when stale') })
  .loose();

export const serviceTypesContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/service-types',
    summary: 'Categories of service request with their questions and SLA targets',
    description: 'Sorted by code. Active categories only unless includeInactive=true.',
    tags: ['service-types'],
    querystring: listServiceTypesQuerySchema,
    responses: { 200: listOf(serviceTypeSchema), ...authErrorResponses },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/service-types/:code',
    summary: 'One category',
    tags: ['service-types'],
    params: codeParams,
    responses: { 200: serviceTypeSchema, ...authErrorResponses, 404: problemSchema },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/service-types',
    summary: 'Create a category',
    tags: ['service-types'],
    body: createServiceTypeBodySchema,
    responses: { 201: serviceTypeSchema, ...authErrorResponses, 409: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/service-types/:code',
    summary: 'Change a category (names, questions, SLA targets, active)',
    description:
      'New SLA targets apply to requests created from now on; existing due times stay. Accepts If-Match or `version`.',
    tags: ['service-types'],
    params: codeParams,
    headers: ifMatchHeaders,
    body: updateServiceTypeBodySchema,
    responses: { 200: serviceTypeSchema, ...authErrorResponses, 404: problemSchema, 412: problemSchema },
  }),
};

// ---- Response templates ----------------------------------------------------------------------------

/**
 * A template with an e-mail kind is the text of that e-mail to requesters (not a canned reply). Its
 * body may use {trackingNumber}, {category}, {expectedDate}, {statusLink}, {update},
 * {notFixedLink}, {reopenWindowDays} and {unsubscribeLink}.
 */
export const requesterEmailKinds = ['acknowledgement', 'public_update', 'resolution'] as const;
export const requesterEmailKindSchema = z.enum(requesterEmailKinds);

export const responseTemplateSchema = z
  .object({
    id: uuidSchema,
    serviceCode: z.string().nullable().describe('null: offered for every category'),
    status: requestStatusSchema.nullable().describe('null: offered whatever the status'),
    title: z.string(),
    body: localizedTextSchema,
    emailKind: requesterEmailKindSchema
      .nullable()
      .describe(
        'Set: this is the text of that e-mail to requesters (placeholders in braces), not a canned reply',
      ),
    subject: localizedTextSchema.nullable().describe('The e-mail subject (e-mail templates only)'),
    active: z.boolean(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ResponseTemplate' });
export type ResponseTemplate = z.infer<typeof responseTemplateSchema>;

export const createResponseTemplateBodySchema = z.object({
  serviceCode: z.string().regex(codePattern, codeMessage).nullable().default(null),
  status: requestStatusSchema.nullable().default(null),
  title: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200)
    .refine(withoutNul, 'must not contain NUL characters'),
  body: localizedTextSchema,
  emailKind: requesterEmailKindSchema.nullable().default(null),
  subject: localizedTextSchema.nullable().default(null),
  active: z.boolean().default(true),
});

export const updateResponseTemplateBodySchema = z
  .object({
    serviceCode: z.string().regex(codePattern, codeMessage).nullable().optional(),
    status: requestStatusSchema.nullable().optional(),
    title: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200)
      .refine(withoutNul, 'must not contain NUL characters')
      .optional(),
    body: localizedTextSchema.optional(),
    emailKind: requesterEmailKindSchema.nullable().optional(),
    subject: localizedTextSchema.nullable().optional(),
    active: z.boolean().optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });

export const listResponseTemplatesQuerySchema = z.object({
  serviceCode: z
    .string()
    .max(64)
    .optional()
    .describe('Templates for this category, including those for every category (serviceCode null)'),
  status: requestStatusSchema
    .optional()
    .describe('Templates for this status, including those for any status (status null)'),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  purpose: z
    .enum(['reply', 'email', 'all'])
    .default('reply')
    .describe('reply: canned replies (default); email: the texts of e-mails to requesters; all: both'),
});

export const responseTemplatesContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/response-templates',
    summary: 'Canned replies per category and status, in the public languages',
    tags: ['service-types'],
    querystring: listResponseTemplatesQuerySchema,
    responses: { 200: z.object({ items: z.array(responseTemplateSchema) }), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/response-templates',
    summary: 'Create a response template',
    tags: ['service-types'],
    body: createResponseTemplateBodySchema,
    responses: { 201: responseTemplateSchema, ...authErrorResponses, 409: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/response-templates/:id',
    summary: 'Change a response template',
    tags: ['service-types'],
    params: idParams,
    headers: ifMatchHeaders,
    body: updateResponseTemplateBodySchema,
    responses: {
      200: responseTemplateSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/v1/response-templates/:id',
    summary: 'Delete a response template',
    tags: ['service-types'],
    params: idParams,
    responses: { 204: z.null(), ...authErrorResponses, 404: problemSchema },
  }),
};

// ---- Service desk settings (business calendar, reopen window) -----------------------------------------

const localTimeSchema = z
  .string()
  .regex(/^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a local time HH:mm (24:00 allowed as an end)');
const openingIntervalSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .refine((interval) => interval.start < interval.end, {
    message: 'start must be before end',
    path: ['end'],
  });
const dayHoursSchema = z.array(openingIntervalSchema).max(6);

export const weeklyHoursSchema = z
  .object({
    mon: dayHoursSchema,
    tue: dayHoursSchema,
    wed: dayHoursSchema,
    thu: dayHoursSchema,
    fri: dayHoursSchema,
    sat: dayHoursSchema,
    sun: dayHoursSchema,
  })
  .refine((week) => Object.values(week).some((day) => day.length > 0), {
    message: 'the department must be open at some time of the week',
  })
  .meta({ id: 'WeeklyHours' });

export const holidaySchema = z.object({
  date: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200)
    .refine(withoutNul, 'must not contain NUL characters'),
});

export const serviceDeskSettingsSchema = z
  .object({
    timeZone: z.string().describe('NSP_TIMEZONE: the zone the weekly hours and holidays are in'),
    weeklyHours: weeklyHoursSchema,
    holidays: z.array(holidaySchema),
    reopenWindowDays: z
      .number()
      .int()
      .describe('Days after closing or rejection during which a reopen is allowed'),
    trackingPrefix: z.string().describe('NSP_TRACKING_PREFIX: prefix of tracking numbers'),
    updatedAt: isoDateTimeSchema.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ServiceDeskSettings' });
export type ServiceDeskSettings = z.infer<typeof serviceDeskSettingsSchema>;

export const updateServiceDeskSettingsBodySchema = z
  .object({
    weeklyHours: weeklyHoursSchema.optional(),
    holidays: z
      .array(holidaySchema)
      .max(2000)
      .optional()
      .refine((holidays) => !holidays || new Set(holidays.map((h) => h.date)).size === holidays.length, {
        message: 'a date is listed twice',
      }),
    reopenWindowDays: z.number().int().min(0).max(3650).optional(),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The version you read (0 = never saved); 412 when stale'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });

export const serviceDeskSettingsContracts = {
  get: defineContract({
    method: 'GET',
    path: '/api/v1/service-desk/settings',
    summary: 'Business calendar (weekly hours, holidays) and reopen window of the service desk',
    tags: ['service-types'],
    responses: { 200: serviceDeskSettingsSchema, ...authErrorResponses },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/service-desk/settings',
    summary: 'Change the business calendar or the reopen window',
    description:
      'Due times already computed stay as they are; new requests and priority changes use the new calendar.',
    tags: ['service-types'],
    headers: ifMatchHeaders,
    body: updateServiceDeskSettingsBodySchema,
    responses: { 200: serviceDeskSettingsSchema, ...authErrorResponses, 412: problemSchema },
  }),
};
