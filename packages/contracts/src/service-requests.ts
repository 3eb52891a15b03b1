import { z } from 'zod';
import { authErrorResponses, isoDateTimeSchema, problemSchema, uuidSchema } from './common.ts';
import { geocodeQualities } from './geocoding.ts';
import { defineContract } from './route.ts';
import { requestPrioritySchema, requestStatusSchema } from './service-types.ts';

const tags = ['service-requests'] as const;

export const requestChannelValues = [
  'phone',
  'walk_in',
  'email',
  'web',
  'social_media',
  'integration',
] as const;
export const requestChannelSchema = z.enum(requestChannelValues);
export type RequestChannel = z.infer<typeof requestChannelSchema>;

/** The statuses that count as open work (queue, workload, SLA). */
export const openRequestStatuses = ['new', 'triaged', 'assigned', 'in_progress'] as const;

/** PostgreSQL text cannot hold NUL; refusing it here keeps it a 400 instead of a database error. */
const noNul = [(value: string) => !value.includes('\u0000'), 'must not contain NUL characters'] as const;

const latitudeSchema = z
  .number()
  .min(-90, 'must be a latitude (-90 to 90)')
  .max(90, 'must be a latitude (-90 to 90)');
const longitudeSchema = z
  .number()
  .min(-180, 'must be a longitude (-180 to 180)')
  .max(180, 'must be a longitude (-180 to 180)');
const addressSchema = z
  .string()
  .trim()
  .min(3, 'is too short for an address')
  .max(300)
  .refine(...noNul);
const descriptionSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(4000, 'must be at most 4,000 characters')
  .refine(...noNul);
/** Answers to the category's questions by attribute code; checked against the category's datatypes. */
const attributeAnswersSchema = z
  .record(
    z.string().max(64),
    z.union([
      z.string().max(10_000),
      z.number(),
      z.boolean(),
      z.array(z.string().max(200)).max(100),
      z.null(),
    ]),
  )
  .describe('Answers by attribute code: text, number, ISO date-time, a list key, or a list of keys');

const requesterLanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as en, es, pt or pl')
  .describe('The language the requester wants to be answered in (en, es, pt, pl, or another code)');

export const requesterInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine(...noNul)
      .nullable()
      .optional(),
    email: z
      .email({ message: 'must be an e-mail address' })
      .max(254)
      .transform((value) => value.toLowerCase())
      .nullable()
      .optional(),
    phone: z
      .string()
      .trim()
      .min(3, 'is too short for a phone number')
      .max(50)
      .regex(/^[0-9+().\-\s x]+$/i, 'may contain digits, spaces, +, -, ( ), . and x (extension) only')
      .nullable()
      .optional(),
    preferredLanguage: requesterLanguageSchema.nullable().optional(),
    emailUpdates: z
      .boolean()
      .optional()
      .describe(
        "The requester's consent to e-mail about this request (acknowledgement, public updates, resolution); false withdraws it",
      ),
  })
  .describe('Personal data: shown only to admin, supervisor, lieutenant and staff; never logged');

/** Where the request is: an address to geocode, or coordinates (both lat and lon). */
function requireLocation(
  body: {
    address?: string | undefined | null;
    lat?: number | undefined | null;
    lon?: number | undefined | null;
  },
  context: z.RefinementCtx,
  required: boolean,
) {
  const hasLat = body.lat !== undefined && body.lat !== null;
  const hasLon = body.lon !== undefined && body.lon !== null;
  if (hasLat !== hasLon) {
    context.addIssue({ code: 'custom', path: [hasLat ? 'lon' : 'lat'], message: 'give both lat and lon' });
  }
  if (required && !hasLat && !hasLon && !body.address) {
    context.addIssue({ code: 'custom', path: ['address'], message: 'give an address, or lat and lon' });
  }
}

export const createServiceRequestBodySchema = z
  .object({
    serviceCode: z.string().min(1, 'is required').max(64),
    description: descriptionSchema,
    address: addressSchema
      .optional()
      .describe('Geocoded against the address points unless lat/lon are given'),
    lat: latitudeSchema.optional(),
    lon: longitudeSchema.optional(),
    priority: requestPrioritySchema.optional().describe("Default: the category's default priority (else P3)"),
    channel: requestChannelSchema,
    requester: requesterInputSchema.optional(),
    attributes: attributeAnswersSchema.optional(),
  })
  .superRefine((body, context) => requireLocation(body, context, true));
export type CreateServiceRequestBody = z.infer<typeof createServiceRequestBodySchema>;

export const neighborhoodRefSchema = z.object({ id: uuidSchema, code: z.string(), name: z.string() });

export const requesterSchema = z
  .object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    preferredLanguage: z.string().nullable(),
    emailUpdates: z.boolean().describe('Consented to e-mail about this request (and has not unsubscribed)'),
  })
  .meta({ id: 'Requester' });

export const serviceRequestSchema = z
  .object({
    id: uuidSchema,
    trackingNumber: z.string().describe('For the public, e.g. EH-2026-000123'),
    serviceCode: z.string(),
    status: requestStatusSchema,
    priority: requestPrioritySchema,
    channel: requestChannelSchema,
    description: z.string(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    neighborhoodId: uuidSchema.nullable(),
    neighborhood: neighborhoodRefSchema.nullable(),
    assigneeId: uuidSchema.nullable().describe('Personnel id'),
    assignee: z.object({ id: uuidSchema, name: z.string(), title: z.string() }).nullable(),
    attributes: z.record(z.string(), z.unknown()),
    parentId: uuidSchema.nullable().describe('The request this one was merged into (status duplicate)'),
    firstResponseDueAt: isoDateTimeSchema,
    resolutionDueAt: isoDateTimeSchema,
    firstRespondedAt: isoDateTimeSchema.nullable(),
    resolvedAt: isoDateTimeSchema.nullable(),
    closedAt: isoDateTimeSchema.nullable(),
    overdue: z.boolean().describe('Open and past its resolution due time (computed on every read)'),
    firstResponseOverdue: z
      .boolean()
      .describe('Open, not yet responded to, and past its first-response due time'),
    requesterLanguage: z
      .string()
      .nullable()
      .describe("The requester's preferred language: answer public updates in it"),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int().describe('Send back as If-Match (or `version`) when changing the request'),
    requester: requesterSchema
      .optional()
      .describe('Only for admin, supervisor, lieutenant and staff; absent for everyone else'),
  })
  .meta({ id: 'ServiceRequest' });
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

/** Whether a requester-facing event reached the requester, and how (the timeline's honest label). */
export const requesterNoticeSchema = z
  .object({
    channel: z.enum(['email']).nullable().describe('How it was (or is being) sent; null when not sent'),
    status: z
      .enum(['pending', 'sent', 'failed', 'not_sent'])
      .describe('pending: queued or retrying; failed: gave up (call back); not_sent: see reason'),
    reason: z
      .enum(['no_email', 'no_consent', 'unsubscribed', 'address_removed', 'predates_email'])
      .nullable()
      .describe(
        'Why not sent: no e-mail address, no consent to e-mail, unsubscribed, address removed before sending, or from before e-mail updates existed',
      ),
    language: z.string().nullable().describe('The language it was written in'),
    sentAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'RequesterNotice' });
export type RequesterNotice = z.infer<typeof requesterNoticeSchema>;

export const timelineEventSchema = z
  .object({
    id: z.string(),
    occurredAt: isoDateTimeSchema,
    kind: z
      .string()
      .describe(
        'created, status_changed, reopened, assigned, priority_changed, updated, note, merged_into, merged_from, sla_breached, anonymized, …',
      ),
    actor: z.object({
      type: z.enum(['user', 'api_client', 'system', 'anonymous']),
      id: z.string().nullable(),
      name: z
        .string()
        .nullable()
        .describe(
          "Who did it, as they were called then: the user's or API client's name, or the job's (SLA monitor, Retention policy). null for integrations and the public",
        ),
    }),
    before: z
      .unknown()
      .nullable()
      .describe(
        'The changed fields before. For staff and analysts, next to an `assigneeId` there is `assignee: {id, name, title} | null` and next to a `neighborhoodId` a `neighborhood: {id, code, name} | null`',
      ),
    after: z.unknown().nullable().describe('The changed fields after (with names, as in `before`)'),
    body: z.string().nullable().describe('Text of a note or public update'),
    visibility: z.enum(['internal', 'public']),
    language: z.string().nullable(),
    requesterNotice: requesterNoticeSchema
      .nullable()
      .optional()
      .describe(
        'For the acknowledgement (created), each public update and the resolution: whether the requester was told, and how. Staff only; null for other events and other viewers',
      ),
  })
  .meta({ id: 'RequestEvent' });
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

const allowedTransitionsSchema = z.array(requestStatusSchema).describe('Statuses it may move to now');

export const serviceRequestDetailSchema = serviceRequestSchema
  .extend({
    timeline: z.array(timelineEventSchema).describe('Oldest first'),
    allowedTransitions: allowedTransitionsSchema,
    duplicates: z
      .array(z.object({ id: uuidSchema, trackingNumber: z.string() }))
      .describe('Requests merged into this one'),
  })
  .meta({ id: 'ServiceRequestDetail' });
export type ServiceRequestDetail = z.infer<typeof serviceRequestDetailSchema>;

/** The reply to a status change: the request as it is now, what it may do next, and the new event. */
export const transitionResultSchema = serviceRequestSchema
  .extend({
    allowedTransitions: allowedTransitionsSchema,
    event: timelineEventSchema.describe('The timeline event the change added'),
    publicUpdate: timelineEventSchema
      .optional()
      .describe('The public update posted with the change, when one was sent'),
  })
  .meta({ id: 'ServiceRequestTransitionResult' });
export type TransitionResult = z.infer<typeof transitionResultSchema>;

/** The reply to a note: the timeline event, with the request's version after it. */
export const addedNoteSchema = timelineEventSchema
  .extend({
    version: z
      .number()
      .int()
      .describe(
        "The request's version after the note: send it back (If-Match or `version`) with the next change",
      ),
  })
  .meta({ id: 'AddedNote' });
export type AddedNote = z.infer<typeof addedNoteSchema>;

export const possibleDuplicateSchema = z.object({
  id: uuidSchema,
  trackingNumber: z.string(),
  status: requestStatusSchema,
  description: z.string(),
  address: z.string().nullable(),
  distanceMeters: z.number(),
  createdAt: isoDateTimeSchema,
});

export const createdServiceRequestSchema = serviceRequestSchema
  .extend({
    possibleDuplicates: z
      .array(possibleDuplicateSchema)
      .describe('Open requests of the same category within 100 m created in the last 14 days, nearest first'),
    location: z.object({
      source: z.enum(['address', 'coordinates']),
      quality: z.enum([...geocodeQualities, 'coordinates']),
      matchedAddress: z.string().nullable(),
    }),
  })
  .meta({ id: 'CreatedServiceRequest' });
export type CreatedServiceRequest = z.infer<typeof createdServiceRequestSchema>;

/** `a,b` or repeated `?x=a&x=b`. */
const commaList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

export const queueSorts = ['dueAt', '-dueAt', 'createdAt', '-createdAt', 'priority', '-priority'] as const;

export const listServiceRequestsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1024).optional().describe('nextCursor of the previous page (same filters and sort)'),
  status: commaList(requestStatusSchema)
    .optional()
    .describe('One or more statuses, comma-separated or repeated'),
  neighborhoodId: z
    .union([z.literal('mine'), commaList(uuidSchema)])
    .optional()
    .describe(
      'One or more neighborhood ids, or "mine": the neighborhoods the signed-in person is assigned to now (as coordination lieutenant, NRO, CSO or officer)',
    ),
  serviceCode: commaList(z.string().max(64)).optional(),
  priority: commaList(requestPrioritySchema).optional(),
  assigneeId: z
    .union([uuidSchema, z.literal('none'), z.literal('me')])
    .optional()
    .describe(
      'A personnel id, "none" for unassigned requests, or "me": the personnel record linked to the signed-in person',
    ),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: open and past the resolution due time now; false: everything else'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(...noNul)
    .optional()
    .describe(
      'Full text over description, address and notes (web-search syntax). A tracking number also finds its request, whatever the status filter: EH-2026-000123 (any case, zero padding optional), 2026-123 (year and number) or 123 / #123 (the number alone, in any year).',
    ),
  matchRequester: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe(
      "true: `q` also finds requests by the requester's name (every word, accents ignored) or phone number (any common way of writing it). Personal data: staff roles only (admin, supervisor, lieutenant, staff); 403 for analysts and integrations.",
    ),
  dueBefore: isoDateTimeSchema
    .optional()
    .describe('Resolution due before this instant (with overdue=false: due between now and then)'),
  createdFrom: isoDateTimeSchema.optional().describe('Created at or after'),
  createdTo: isoDateTimeSchema.optional().describe('Created before'),
  sort: z
    .enum(queueSorts)
    .optional()
    .describe(
      'dueAt = resolution due time; priority = P1 first, then by due time; "-" prefix = descending; ties break on id. Default: dueAt, or -createdAt (newest first) with q.',
    ),
  counts: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe('Include counts per status (first page only; every filter but `status` applies)'),
});
export type ListServiceRequestsQuery = z.infer<typeof listServiceRequestsQuerySchema>;

export const statusCountsSchema = z
  .object(
    Object.fromEntries(
      requestStatusSchema.options.map((status) => [status, z.number().int().nullable()]),
    ) as Record<(typeof requestStatusSchema.options)[number], z.ZodNullable<z.ZodNumber>>,
  )
  .describe(
    'Per status; null for the statuses of a group (open: new, triaged, assigned, in_progress; finished: resolved, closed, rejected, duplicate) that has more than matchesAtLeast matching requests',
  )
  .meta({ id: 'StatusCounts' });
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const serviceRequestPageSchema = z.object({
  items: z.array(serviceRequestSchema),
  nextCursor: z.string().nullable(),
  counts: statusCountsSchema
    .nullable()
    .describe(
      "On the first page: how many requests of each status match every filter EXCEPT `status` (tab semantics: with status=new only, `closed` still says how many closed requests match the other filters). Open and finished statuses are counted separately; counting a group stops past matchesAtLeast (20,000; 2,000 with `q`), and that group's statuses are then null. null on later pages and with counts=false.",
    ),
  matchesAtLeast: z
    .number()
    .int()
    .nullable()
    .describe(
      'Set when some counts are null: more than this many requests of their group (open or finished) match, so the group was not counted to the end',
    ),
  trackingNumberMatch: z
    .object({ id: uuidSchema, trackingNumber: z.string() })
    .nullable()
    .optional()
    .describe(
      'When `q` is a whole tracking number (EH-2026-000123 or 2026-123) of an existing request: that request, whatever the other filters, so a screen can open it at once',
    ),
});

export const updateServiceRequestBodySchema = z
  .object({
    description: descriptionSchema.optional(),
    priority: requestPrioritySchema.optional().describe('Due times are recomputed from the creation time'),
    serviceCode: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Re-categorise; answers are re-checked and due times recomputed'),
    assigneeId: uuidSchema.nullable().optional().describe('Personnel id, or null to unassign'),
    address: addressSchema.optional().describe('Re-geocoded; the neighborhood follows'),
    lat: latitudeSchema.optional(),
    lon: longitudeSchema.optional(),
    attributes: attributeAnswersSchema.optional().describe('Replaces all answers'),
    requester: requesterInputSchema.optional().describe('Fields given replace the stored ones'),
    version: z.number().int().positive().optional().describe('The version you read; 412 when stale'),
  })
  .superRefine((body, context) => requireLocation(body, context, false))
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });
export type UpdateServiceRequestBody = z.infer<typeof updateServiceRequestBodySchema>;

export const transitionBodySchema = z.object({
  to: requestStatusSchema,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .refine(...noNul)
    .optional()
    .describe('Required when rejecting'),
  publicUpdate: z
    .object({
      body: z
        .string()
        .trim()
        .min(1, 'is required')
        .max(10_000)
        .refine(...noNul),
      language: z
        .string()
        .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as en, es, pt or pl')
        .optional()
        .describe("The update's language (default en)"),
    })
    .optional()
    .describe(
      'A public update posted with the change, in the same transaction (e.g. the closing message when resolving)',
    ),
  version: z.number().int().positive().optional(),
});

export const noteBodySchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(10_000)
    .refine(...noNul),
  visibility: z.enum(['internal', 'public']),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as en, es, pt or pl')
    .optional()
    .describe("The note's language (default en)"),
  version: z.number().int().positive().optional(),
});

export const mergeBodySchema = z.object({
  intoId: uuidSchema.describe('The request this one duplicates'),
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .refine(...noNul)
    .optional(),
  version: z.number().int().positive().optional(),
});

const bulkIdsSchema = z
  .array(uuidSchema)
  .min(1, 'needs at least one id')
  .max(500, 'at most 500 requests at once')
  .refine((ids) => new Set(ids).size === ids.length, { message: 'lists an id twice' });

export const bulkBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), ids: bulkIdsSchema, assigneeId: uuidSchema.nullable() }),
  z.object({ action: z.literal('prioritise'), ids: bulkIdsSchema, priority: requestPrioritySchema }),
  z.object({
    action: z.literal('transition'),
    ids: bulkIdsSchema,
    to: requestStatusSchema,
    reason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .refine(...noNul)
      .optional(),
  }),
]);
export type BulkBody = z.infer<typeof bulkBodySchema>;

export const bulkResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: uuidSchema,
        ok: z.boolean(),
        status: requestStatusSchema.optional(),
        version: z.number().int().optional(),
        error: z
          .object({
            status: z.number().int(),
            title: z.string(),
            detail: z.string(),
            allowed: z.array(requestStatusSchema).optional(),
          })
          .optional(),
      }),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof bulkResultSchema>;

/** To the 1e-7 degree (about a centimetre): no subnormal number (1e-323) reaches PostgreSQL's float8. */
const roundedDegrees = (value: number) => Math.round(value * 1e7) / 1e7;

export const possibleDuplicatesQuerySchema = z.object({
  serviceCode: z.string().min(1).max(64),
  lat: z.coerce
    .number()
    .min(-90, 'must be a latitude (-90 to 90)')
    .max(90, 'must be a latitude (-90 to 90)')
    .transform(roundedDegrees),
  lon: z.coerce
    .number()
    .min(-180, 'must be a longitude (-180 to 180)')
    .max(180, 'must be a longitude (-180 to 180)')
    .transform(roundedDegrees),
  excludeId: uuidSchema.optional().describe('A request not to list (the one being edited)'),
});

export const possibleDuplicatesSchema = z
  .object({ items: z.array(possibleDuplicateSchema) })
  .meta({ id: 'PossibleDuplicates' });
export type PossibleDuplicates = z.infer<typeof possibleDuplicatesSchema>;

export const requesterRequestsSchema = z
  .object({
    matchedBy: z
      .enum(['phone', 'email', 'name'])
      .nullable()
      .describe('What the other requests share with this one; null when the requester gave no contact'),
    items: z.array(serviceRequestSchema).describe('Newest first, at most 20'),
  })
  .meta({ id: 'RequesterRequests' });
export type RequesterRequests = z.infer<typeof requesterRequestsSchema>;

const idParams = z.object({ id: uuidSchema });
const writeHeaders = z
  .object({ 'if-match': z.string().max(200).optional().describe('The ETag you read; 412 when stale') })
  .loose();
const idempotencyKeyHeader = z
  .string()
  .max(255)
  .optional()
  .describe('A retry with the same key and body returns the first reply instead of writing again');
const createHeaders = z.object({ 'idempotency-key': idempotencyKeyHeader }).loose();
/** Notes and status changes: sent again from a phone's offline outbox, they must not apply twice. */
const idempotentWriteHeaders = writeHeaders.extend({ 'idempotency-key': idempotencyKeyHeader }).loose();

export const serviceRequestsContracts = {
  create: defineContract({
    method: 'POST',
    path: '/api/v1/service-requests',
    summary: 'Take a request for service (intake)',
    description:
      "By address (geocoded; an address that cannot be found is a 400 naming `address`, with candidates) or lat/lon. Sets the tracking number, neighborhood, the neighborhood's current coordination lieutenant as assignee and the SLA due times, and lists possible duplicates. Accepts Idempotency-Key.",
    tags,
    headers: createHeaders,
    body: createServiceRequestBodySchema,
    responses: { 201: createdServiceRequestSchema, ...authErrorResponses, 409: problemSchema },
  }),
  list: defineContract({
    method: 'GET',
    path: '/api/v1/service-requests',
    summary: 'The triage queue: filters, full-text search, sort, keyset pages and counts per status',
    tags,
    querystring: listServiceRequestsQuerySchema,
    responses: { 200: serviceRequestPageSchema, ...authErrorResponses },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/service-requests/:id',
    summary: 'One request with its timeline (ETag)',
    tags,
    params: idParams,
    responses: { 200: serviceRequestDetailSchema, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/service-requests/:id',
    summary: 'Edit a request (description, priority, category, assignee, location, answers, requester)',
    description:
      "A new priority or category recomputes both due times from the creation time with the current targets and calendar. A new address is geocoded again and the neighborhood follows; when the neighborhood changes and no assignee is given, the new neighborhood's lieutenant becomes the assignee. Accepts If-Match or `version` (412 when stale).",
    tags,
    params: idParams,
    headers: writeHeaders,
    body: updateServiceRequestBodySchema,
    responses: {
      200: serviceRequestSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
  transition: defineContract({
    method: 'POST',
    path: '/api/v1/service-requests/:id/transitions',
    summary: 'Change the status',
    description:
      'An illegal transition is a 409 whose `allowed` member lists the statuses allowed now. Reopening a closed or rejected request is allowed within the reopen window. Marking a duplicate goes through /merge. The reply is the request with its new `version` (also as ETag), the `allowedTransitions` from the new status and the timeline `event` the change added.',
    tags,
    params: idParams,
    headers: idempotentWriteHeaders,
    body: transitionBodySchema,
    responses: {
      200: transitionResultSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
  addNote: defineContract({
    method: 'POST',
    path: '/api/v1/service-requests/:id/notes',
    summary: 'Add an internal note or a public update',
    description:
      "The reply is the new timeline event with the request's new `version` (a note changes the request's version, as every write does).",
    tags,
    params: idParams,
    headers: idempotentWriteHeaders,
    body: noteBodySchema,
    responses: { 201: addedNoteSchema, ...authErrorResponses, 404: problemSchema, 412: problemSchema },
  }),
  merge: defineContract({
    method: 'POST',
    path: '/api/v1/service-requests/:id/merge',
    summary: 'Mark this request as a duplicate of another (intoId)',
    description:
      'This request becomes status duplicate with parentId = intoId and leaves the open queue; both timelines record the merge; requests already merged into this one move to intoId.',
    tags,
    params: idParams,
    headers: writeHeaders,
    body: mergeBodySchema,
    responses: {
      200: serviceRequestSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
  possibleDuplicates: defineContract({
    method: 'GET',
    path: '/api/v1/service-requests/possible-duplicates',
    summary: 'Open requests of a category near a point (duplicates, before saving)',
    description:
      'What intake would list as possible duplicates: open requests of the same category within 100 m created in the last 14 days, nearest first. Intake screens ask while the clerk types.',
    tags,
    querystring: possibleDuplicatesQuerySchema,
    responses: { 200: possibleDuplicatesSchema, ...authErrorResponses },
  }),
  requesterRequests: defineContract({
    method: 'GET',
    path: '/api/v1/service-requests/:id/requester-requests',
    summary: "The same requester's other requests (personal data: staff roles only)",
    description:
      'Requests from the same phone number (however it was written), else the same e-mail address, else the same name, newest first. Only for staff roles: it is found through personal data.',
    tags,
    params: z.object({ id: uuidSchema }),
    responses: { 200: requesterRequestsSchema, ...authErrorResponses, 404: problemSchema },
  }),
  bulk: defineContract({
    method: 'POST',
    path: '/api/v1/service-requests/bulk',
    summary: 'Assign, prioritise or transition many requests',
    description:
      'One transaction, one savepoint per request: a request that cannot change is reported in its result and the others still change.',
    tags,
    body: bulkBodySchema,
    responses: { 200: bulkResultSchema, ...authErrorResponses },
  }),
};
