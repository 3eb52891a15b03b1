import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  listOf,
  problemSchema,
  safeTextSchema,
  uuidSchema,
} from './common.ts';
import { defineContract } from './route.ts';

const tags = ['sara'] as const;

/** The four SARA stages, then closed. Order matters: a case moves one stage at a time. */
export const saraStages = ['scanning', 'analysis', 'response', 'assessment', 'closed'] as const;
export type SaraStage = (typeof saraStages)[number];
export const saraPriorities = ['low', 'medium', 'high'] as const;
export const saraProblemTypes = ['behaviour', 'place', 'person', 'time'] as const;
export const saraControllerEffectiveness = ['unknown', 'absent', 'weak', 'adequate', 'strong'] as const;
export const saraRepeatPatterns = ['repeat_offender', 'repeat_victim', 'repeat_place', 'none'] as const;
export const saraActionStatuses = ['planned', 'started', 'done', 'dropped'] as const;
export const saraOutcomes = [
  'eliminated',
  'fewer_incidents',
  'less_serious',
  'handled_better',
  'removed_from_police',
  'displaced',
  'no_change',
] as const;
export const saraCandidateKinds = ['repeat_place', 'cluster', 'spike'] as const;

const text = (max: number) =>
  safeTextSchema.pipe(z.string().trim().max(max, `must be at most ${max} characters`));
const requiredText = (max: number) =>
  safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`));
const latSchema = z.number().min(-90).max(90);
const lonSchema = z.number().min(-180).max(180);
const dateSchema = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

/** A GeoJSON polygon (WGS84), one outer ring of 4–2,000 positions, closed. */
export const saraPolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z
    .array(
      z
        .array(z.tuple([lonSchema, latSchema]))
        .min(4, 'a ring needs at least 4 positions')
        .max(2000)
        .refine((ring) => {
          const [first, last] = [ring[0], ring[ring.length - 1]];
          return !!first && !!last && first[0] === last[0] && first[1] === last[1];
        }, 'a ring must end where it starts'),
    )
    .min(1)
    .max(20),
});
export type SaraPolygon = z.infer<typeof saraPolygonSchema>;

/** Where the problem is: a point with a radius, or a drawn polygon. */
export const saraAreaSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('circle'),
      lat: latSchema,
      lon: lonSchema,
      radiusMeters: z.number().min(5, 'must be at least 5 m').max(5000, 'must be at most 5,000 m'),
    }),
    z.object({ kind: z.literal('polygon'), geometry: saraPolygonSchema }),
  ])
  .meta({ id: 'SaraArea' });
export type SaraArea = z.infer<typeof saraAreaSchema>;

export const saraScanningSchema = z
  .object({
    problemStatement: text(4000),
    problemType: z.enum(saraProblemTypes).nullable(),
    identifiedBy: text(1000).describe('How the problem came to light (calls, a meeting, NSP candidate, …)'),
    consequences: text(4000),
    goals: text(4000),
  })
  .partial();
export type SaraScanning = z.infer<typeof saraScanningSchema>;

const controllerSchema = z
  .object({ description: text(2000), effectiveness: z.enum(saraControllerEffectiveness) })
  .partial();
export const saraAnalysisSchema = z
  .object({
    triangle: z.object({ offenders: text(2000), victims: text(2000), places: text(2000) }).partial(),
    controllers: z
      .object({ handlers: controllerSchema, guardians: controllerSchema, managers: controllerSchema })
      .partial(),
    repeatPattern: z.enum(saraRepeatPatterns).nullable(),
    dataSources: text(2000),
    hypotheses: z.array(requiredText(1000)).max(20),
    currentResponse: text(2000),
  })
  .partial();
export type SaraAnalysis = z.infer<typeof saraAnalysisSchema>;

export const saraResponsePlanSchema = z
  .object({ optionsConsidered: text(4000), objectives: z.array(requiredText(1000)).max(20) })
  .partial();
export type SaraResponsePlan = z.infer<typeof saraResponsePlanSchema>;

export const saraAssessmentSchema = z
  .object({
    processImplemented: z.enum(['fully', 'partly', 'not']).nullable(),
    processEvaluation: text(4000).describe('Was the response done as planned, and was it enough?'),
    outcome: z.enum(saraOutcomes).nullable(),
    nextSteps: text(4000),
    publicSummary: text(2000).describe('The only part of a case any public surface shows, once closed'),
  })
  .partial();
export type SaraAssessment = z.infer<typeof saraAssessmentSchema>;

export const saraActionSchema = z
  .object({
    id: uuidSchema,
    title: z.string(),
    ownerId: uuidSchema.nullable(),
    ownerName: z.string().nullable(),
    partner: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(saraActionStatuses),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'SaraResponseAction' });
export type SaraAction = z.infer<typeof saraActionSchema>;

const periodSchema = z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema });
const areaCountsSchema = z.object({
  baseline: z.number(),
  followUp: z.number(),
  change: z.number().nullable(),
});
export const saraMeasureSchema = z
  .object({
    id: uuidSchema,
    kind: z.enum(['manual', 'computed']),
    metric: z.string(),
    baselineValue: z.number(),
    baselinePeriod: periodSchema,
    followUpValue: z.number(),
    followUpPeriod: periodSchema,
    /** follow-up − baseline over baseline; null when the baseline is 0. */
    change: z.number().nullable(),
    serviceCodes: z.array(z.string()).nullable(),
    bufferMeters: z.number().nullable(),
    control: z.unknown().nullable(),
    areas: z
      .object({
        target: areaCountsSchema,
        buffer: areaCountsSchema.nullable(),
        control: areaCountsSchema.nullable(),
      })
      .nullable(),
    weightedDisplacementQuotient: z.number().nullable(),
    interpretation: z.string().nullable(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'SaraMeasure' });
export type SaraMeasure = z.infer<typeof saraMeasureSchema>;

export const saraLinkedRequestSchema = z.object({
  id: uuidSchema,
  trackingNumber: z.string(),
  serviceCode: z.string(),
  status: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  createdAt: isoDateTimeSchema,
  linkedAt: isoDateTimeSchema,
});
export type SaraLinkedRequest = z.infer<typeof saraLinkedRequestSchema>;

export const saraEventSchema = z.object({
  id: z.string(),
  occurredAt: isoDateTimeSchema,
  actorName: z.string().nullable(),
  kind: z.string(),
  fromStage: z.enum(saraStages).nullable(),
  toStage: z.enum(saraStages).nullable(),
  reason: z.string().nullable(),
  detail: z.unknown(),
});
export type SaraEvent = z.infer<typeof saraEventSchema>;

/** One unmet condition of a stage gate, named by field (the 409's `errors` have the same shape). */
export const saraGateItemSchema = z.object({ path: z.string(), message: z.string(), met: z.boolean() });
export type SaraGateItem = z.infer<typeof saraGateItemSchema>;

export const saraCaseSummarySchema = z
  .object({
    id: uuidSchema,
    title: z.string(),
    neighborhoodId: uuidSchema,
    neighborhood: z.object({ id: uuidSchema, code: z.string(), name: z.string() }),
    stage: z.enum(saraStages),
    leadId: uuidSchema.nullable(),
    leadName: z.string().nullable(),
    priority: z.enum(saraPriorities),
    requestCount: z.number().int(),
    stageChangedAt: isoDateTimeSchema,
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'SaraCaseSummary' });
export type SaraCaseSummary = z.infer<typeof saraCaseSummarySchema>;

export const saraCaseSchema = saraCaseSummarySchema
  .extend({
    teamIds: z.array(uuidSchema),
    team: z.array(z.object({ id: uuidSchema, name: z.string() })),
    partners: z.array(z.string()),
    location: saraAreaSchema.nullable(),
    scanning: saraScanningSchema,
    analysis: saraAnalysisSchema,
    response: saraResponsePlanSchema,
    assessment: saraAssessmentSchema,
    sourceCandidateKey: z.string().nullable(),
    requests: z.array(saraLinkedRequestSchema),
    actions: z.array(saraActionSchema),
    measures: z.array(saraMeasureSchema),
    /** The gate to the next stage as a checklist (empty when closed). */
    nextStage: z.enum(saraStages).nullable(),
    gate: z.array(saraGateItemSchema),
    history: z.array(saraEventSchema),
    /** Whether the caller may edit the case's fields and move its stage. */
    canManage: z.boolean(),
  })
  .meta({ id: 'SaraCase' });
export type SaraCase = z.infer<typeof saraCaseSchema>;

const versionField = z.number().int().min(1).optional().describe('The version you read (else If-Match)');

export const createSaraCaseBodySchema = z.object({
  title: requiredText(200),
  neighborhoodId: uuidSchema,
  leadId: uuidSchema.nullable().optional(),
  priority: z.enum(saraPriorities).optional(),
  teamIds: z.array(uuidSchema).max(30).optional(),
  partners: z.array(requiredText(200)).max(30).optional(),
  location: saraAreaSchema.nullable().optional(),
  scanning: saraScanningSchema.optional(),
  requestIds: z
    .array(uuidSchema)
    .max(500)
    .optional()
    .describe('Requests to link as evidence (from the queue)'),
  candidateKey: z
    .string()
    .max(200)
    .optional()
    .describe('A candidate problem whose requests, area and period become the evidence'),
});
export type CreateSaraCaseBody = z.infer<typeof createSaraCaseBodySchema>;

export const updateSaraCaseBodySchema = z.object({
  title: requiredText(200).optional(),
  neighborhoodId: uuidSchema.optional(),
  leadId: uuidSchema.nullable().optional(),
  priority: z.enum(saraPriorities).optional(),
  teamIds: z.array(uuidSchema).max(30).optional(),
  partners: z.array(requiredText(200)).max(30).optional(),
  location: saraAreaSchema.nullable().optional(),
  scanning: saraScanningSchema.optional(),
  analysis: saraAnalysisSchema.optional(),
  response: saraResponsePlanSchema.optional(),
  assessment: saraAssessmentSchema.optional(),
  version: versionField,
});
export type UpdateSaraCaseBody = z.infer<typeof updateSaraCaseBodySchema>;

export const saraStageBodySchema = z.object({
  to: z.enum(saraStages),
  reason: text(1000).optional().describe('Required when returning to an earlier stage'),
});

export const saraActionBodySchema = z.object({
  title: requiredText(300),
  ownerId: uuidSchema.nullable().optional(),
  partner: text(200).optional(),
  dueDate: dateSchema.nullable().optional(),
  status: z.enum(saraActionStatuses).optional(),
});
export const saraActionPatchSchema = saraActionBodySchema.partial();

export const saraControlSchema = z.union([
  z.object({ neighborhoodId: uuidSchema }),
  z.object({ area: saraAreaSchema }),
]);

export const saraMeasureBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('manual'),
    metric: requiredText(200),
    baselineValue: z.number().min(-1e12).max(1e12),
    baselinePeriod: periodSchema,
    followUpValue: z.number().min(-1e12).max(1e12),
    followUpPeriod: periodSchema,
  }),
  z.object({
    kind: z.literal('computed'),
    metric: text(200).optional(),
    serviceCodes: z.array(z.string().min(1).max(64)).min(1, 'choose at least one category').max(50),
    baselinePeriod: periodSchema,
    followUpPeriod: periodSchema,
    bufferMeters: z.number().min(10).max(5000).nullable().optional(),
    control: saraControlSchema.nullable().optional(),
  }),
]);
export type SaraMeasureBody = z.infer<typeof saraMeasureBodySchema>;

export const saraCandidateSchema = z
  .object({
    key: z.string(),
    kind: z.enum(saraCandidateKinds),
    title: z.string(),
    serviceCode: z.string().nullable(),
    neighborhoodId: uuidSchema.nullable(),
    neighborhoodName: z.string().nullable(),
    score: z.number(),
    requestCount: z.number().int(),
    requestIds: z.array(uuidSchema),
    area: saraAreaSchema,
    periodFrom: isoDateTimeSchema,
    periodTo: isoDateTimeSchema,
    /** The numbers behind the score (e.g. a spike's baseline, observed count and p-value). */
    detail: z.record(z.string(), z.unknown()),
    computedAt: isoDateTimeSchema,
  })
  .meta({ id: 'SaraCandidate' });
export type SaraCandidate = z.infer<typeof saraCandidateSchema>;

const idParams = z.object({ id: uuidSchema });

export const saraContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/sara-cases',
    summary: 'SARA cases, newest stage change first',
    tags,
    querystring: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      cursor: z.string().max(512).optional(),
      stage: z.enum(saraStages).optional(),
      neighborhoodId: uuidSchema.optional(),
      leadId: uuidSchema.optional(),
      open: z.enum(['true', 'false']).optional().describe('true: every stage but closed'),
      requestId: uuidSchema.optional().describe('Only cases this request is evidence for'),
    }),
    responses: { 200: listOf(saraCaseSummarySchema), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases',
    summary: 'Open a SARA case (in scanning), optionally from queue requests or a candidate problem',
    tags,
    body: createSaraCaseBodySchema,
    responses: { 201: saraCaseSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/sara-cases/:id',
    summary: 'One case with its stage fields, gate checklist, evidence, actions, measures and history',
    tags,
    params: idParams,
    responses: { 200: saraCaseSchema, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/sara-cases/:id',
    summary: "Edit a case's fields (stage fields merge into what is there)",
    tags,
    params: idParams,
    body: updateSaraCaseBodySchema,
    responses: {
      200: saraCaseSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
  stage: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/:id/stage',
    summary: 'Advance to the next stage or return to an earlier one (with a reason)',
    description: '409 lists every unmet gate item in `errors`, by field. Stages cannot be skipped.',
    tags,
    params: idParams,
    body: saraStageBodySchema,
    responses: { 200: saraCaseSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  linkRequest: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/:id/requests/:requestId',
    summary: 'Link a service request as evidence',
    tags,
    params: z.object({ id: uuidSchema, requestId: uuidSchema }),
    responses: { 200: saraCaseSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  unlinkRequest: defineContract({
    method: 'DELETE',
    path: '/api/v1/sara-cases/:id/requests/:requestId',
    summary: 'Unlink a service request',
    tags,
    params: z.object({ id: uuidSchema, requestId: uuidSchema }),
    responses: { 200: saraCaseSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  addNote: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/:id/notes',
    summary: "Add a note to the case's timeline",
    tags,
    params: idParams,
    body: z.object({ body: requiredText(4000) }),
    responses: { 201: saraEventSchema, ...authErrorResponses, 404: problemSchema },
  }),
  addAction: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/:id/responses',
    summary: 'Add a response action (owner, partner, due date, status)',
    tags,
    params: idParams,
    body: saraActionBodySchema,
    responses: { 201: saraActionSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  updateAction: defineContract({
    method: 'PATCH',
    path: '/api/v1/sara-cases/:id/responses/:rid',
    summary: 'Change a response action',
    tags,
    params: z.object({ id: uuidSchema, rid: uuidSchema }),
    body: saraActionPatchSchema,
    responses: { 200: saraActionSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  addMeasure: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/:id/measures',
    summary:
      'Add an assessment measure; computed ones count NSP requests in the case area (and buffer, control)',
    description:
      'Computed: requests of the chosen categories inside the case area in each period; with a buffer ring and a control area, the change in each and the weighted displacement quotient (Bowers & Johnson 2003).',
    tags,
    params: idParams,
    body: saraMeasureBodySchema,
    responses: { 201: saraMeasureSchema, ...authErrorResponses, 404: problemSchema, 409: problemSchema },
  }),
  candidates: defineContract({
    method: 'GET',
    path: '/api/v1/sara-cases/candidates',
    summary: 'Candidate problems found in the data (repeat places, clusters, spikes), best score first',
    tags,
    querystring: z.object({
      kind: z.enum(saraCandidateKinds).optional(),
      neighborhoodId: uuidSchema.optional(),
      includeDismissed: z.enum(['true', 'false']).optional(),
    }),
    responses: {
      200: z.object({ items: z.array(saraCandidateSchema), computedAt: isoDateTimeSchema.nullable() }),
      ...authErrorResponses,
    },
  }),
  scanCandidates: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/candidates/scan',
    summary: 'Look for candidate problems now (also runs nightly)',
    tags,
    responses: {
      200: z.object({
        computedAt: isoDateTimeSchema,
        scannedRequests: z.number().int(),
        found: z.record(z.string(), z.number().int()),
        durationMs: z.number(),
      }),
      ...authErrorResponses,
    },
  }),
  dismissCandidate: defineContract({
    method: 'POST',
    path: '/api/v1/sara-cases/candidates/:key/dismiss',
    summary: 'Dismiss a candidate with a reason; it comes back only if it grows',
    tags,
    params: z.object({ key: z.string().min(1).max(200) }),
    body: z.object({ reason: requiredText(1000) }),
    responses: { 204: z.null(), ...authErrorResponses, 404: problemSchema },
  }),
  figures: defineContract({
    method: 'GET',
    path: '/api/v1/sara-cases/figures',
    summary: 'Cases by stage per neighborhood, and median days spent in each stage',
    tags,
    responses: {
      200: z.object({
        byNeighborhood: z.array(
          z.object({
            neighborhoodId: uuidSchema,
            neighborhoodName: z.string(),
            stages: z.record(z.string(), z.number().int()),
          }),
        ),
        medianDaysInStage: z.record(z.string(), z.number().nullable()),
      }),
      ...authErrorResponses,
    },
  }),
  requestCases: defineContract({
    method: 'GET',
    path: '/api/v1/service-requests/:id/sara-cases',
    summary: 'The SARA cases a request is evidence for',
    tags,
    params: idParams,
    responses: {
      200: z.object({
        items: z.array(z.object({ id: uuidSchema, title: z.string(), stage: z.enum(saraStages) })),
      }),
      ...authErrorResponses,
      404: problemSchema,
    },
  }),
};
