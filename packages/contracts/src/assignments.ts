import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  listOf,
  listQuerySchema,
  problemSchema,
  uuidSchema,
} from './common.ts';
import { personnelKindSchema } from './personnel.ts';
import { defineContract } from './route.ts';

export const assignmentRoles = ['coordination_lieutenant', 'nro', 'cso', 'officer'] as const;
export const assignmentRoleSchema = z.enum(assignmentRoles);
export type AssignmentRole = z.infer<typeof assignmentRoleSchema>;

/** Where an assignment stands relative to now; superseded ones were replaced by a correction. */
export const assignmentStatuses = ['scheduled', 'current', 'ended', 'superseded'] as const;

/** A person in a role for a neighborhood over [startsAt, endsAt); endsAt null means open-ended. */
export const assignmentSchema = z
  .object({
    id: uuidSchema,
    neighborhoodId: uuidSchema,
    personnelId: uuidSchema,
    role: assignmentRoleSchema,
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema.nullable(),
    reason: z.string(),
    createdBy: uuidSchema.nullable().describe('The user who recorded it (null for system/demo records)'),
    createdByName: z.string().nullable().describe("That user's name (null when createdBy is null)"),
    createdAt: isoDateTimeSchema,
    supersededBy: uuidSchema
      .nullable()
      .describe('The correcting record that replaced this one; the original stays for the record'),
    status: z.enum(assignmentStatuses),
    person: z.object({
      name: z.string(),
      title: z.string(),
      badgeNumber: z.string().nullable(),
      kind: personnelKindSchema,
    }),
  })
  .meta({ id: 'Assignment' });
export type Assignment = z.infer<typeof assignmentSchema>;

/** The interval a refused assignment would have overlapped; part of the 409 problem. */
export const conflictingAssignmentSchema = z
  .object({
    id: uuidSchema,
    personnelId: uuidSchema,
    personName: z.string(),
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'ConflictingAssignment' });

const reasonField = z.string().trim().min(1, 'is required: say why').max(2000);

export const createAssignmentBodySchema = z
  .object({
    personnelId: uuidSchema,
    role: assignmentRoleSchema,
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema.nullable().optional(),
    reason: reasonField,
  })
  .refine((body) => !body.endsAt || Date.parse(body.endsAt) > Date.parse(body.startsAt), {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });

export const reassignLieutenantBodySchema = z.object({
  personnelId: uuidSchema.describe('The incoming coordination lieutenant'),
  effectiveAt: isoDateTimeSchema
    .optional()
    .describe('When the change takes effect (default now); a future time schedules it'),
  reason: reasonField,
  replacesAssignmentId: uuidSchema
    .optional()
    .describe(
      'The lieutenant interval you mean to end (the one you saw as current). When another change got in ' +
        'first, the request is refused with 409 instead of replacing a lieutenant you did not see.',
    ),
  transferOpenWork: z
    .boolean()
    .default(false)
    .describe(
      "Move the outgoing lieutenant's open service requests in this neighborhood to the incoming one: " +
        'at once when the change takes effect now or took effect in the past; for a scheduled change, when ' +
        'it takes effect (a background job moves what the outgoing lieutenant then holds).',
    ),
});

export const reassignmentResultSchema = z
  .object({
    ended: assignmentSchema
      .nullable()
      .describe('The interval that was ended at effectiveAt, if there was one'),
    started: assignmentSchema,
    scheduled: z.boolean().describe('True when effectiveAt is in the future: the change takes effect then'),
    transferred: z.object({
      serviceRequests: z.number().int(),
      total: z.number().int(),
    }),
    scheduledTransfer: z
      .object({ id: uuidSchema, dueAt: isoDateTimeSchema })
      .nullable()
      .optional()
      .describe(
        'A scheduled change with transferOpenWork: the open work moves when the change takes effect (a background job does it then)',
      ),
  })
  .meta({ id: 'LieutenantReassignment' });

/** What a reassignment would hand over now: asked before confirming it. */
export const openWorkPreviewSchema = z
  .object({
    outgoing: z
      .object({ personnelId: uuidSchema, name: z.string() })
      .nullable()
      .describe('The lieutenant in force at `at` (whose open work would move); null when nobody is'),
    at: isoDateTimeSchema,
    openWork: z
      .object({
        serviceRequests: z
          .number()
          .int()
          .describe("The outgoing lieutenant's open requests in the neighborhood"),
        total: z.number().int(),
      })
      .describe(
        'Counted now; other kinds of work (SARA cases, action items) join this count as they are added',
      ),
  })
  .meta({ id: 'OpenWorkPreview' });

/** The signed-in person's place in the department now: their personnel record and assignments. */
export const myAssignmentsSchema = z
  .object({
    personnel: z
      .object({ id: uuidSchema, name: z.string(), title: z.string() })
      .nullable()
      .describe('The personnel record linked to the login; null when there is none'),
    assignments: z.array(
      z.object({
        neighborhoodId: uuidSchema,
        code: z.string(),
        name: z.string(),
        role: assignmentRoleSchema,
      }),
    ),
  })
  .meta({ id: 'MyAssignments' });
export type MyAssignments = z.infer<typeof myAssignmentsSchema>;
export type ReassignmentResult = z.infer<typeof reassignmentResultSchema>;

export const correctAssignmentBodySchema = z.object({
  reason: reasonField,
  personnelId: uuidSchema.optional(),
  startsAt: isoDateTimeSchema.optional(),
  endsAt: isoDateTimeSchema.nullable().optional(),
});

export const correctionResultSchema = z.object({
  superseded: assignmentSchema,
  correction: assignmentSchema,
});

export const assignmentHistoryQuerySchema = listQuerySchema.extend({
  role: assignmentRoleSchema.optional(),
});

export const assignmentsAtQuerySchema = listQuerySchema.extend({
  at: isoDateTimeSchema.optional().describe('The instant to ask about (default now)'),
  neighborhoodId: uuidSchema.optional(),
  role: assignmentRoleSchema.optional(),
});

/** A stretch within the coverage window when an active neighborhood has no coordination lieutenant. */
export const coverageGapSchema = z
  .object({
    neighborhoodId: uuidSchema,
    code: z.string(),
    name: z.string(),
    from: isoDateTimeSchema,
    until: isoDateTimeSchema
      .nullable()
      .describe('When the next lieutenant starts; null when none is scheduled'),
  })
  .meta({ id: 'CoverageGap' });

export const assignmentsAtSchema = listOf(
  assignmentSchema.extend({ neighborhood: z.object({ code: z.string(), name: z.string() }) }),
).extend({
  at: isoDateTimeSchema,
  coverageWindow: z.object({ from: isoDateTimeSchema, until: isoDateTimeSchema }),
  coverageGaps: z
    .array(coverageGapSchema)
    .describe(
      'Active neighborhoods without a coordination lieutenant at some point in the 14 days from `at`',
    ),
});

const neighborhoodParams = z.object({ id: uuidSchema });
const tags = ['assignments'] as const;
const changeErrors = { ...authErrorResponses, 404: problemSchema, 409: problemSchema } as const;

export const assignmentsContracts = {
  history: defineContract({
    method: 'GET',
    path: '/api/v1/neighborhoods/:id/assignments',
    summary: "A neighborhood's assignment history, newest first",
    description:
      'Includes superseded records (status `superseded`), so the record of who was responsible stays complete.',
    tags,
    params: neighborhoodParams,
    querystring: assignmentHistoryQuerySchema,
    responses: { 200: listOf(assignmentSchema), ...authErrorResponses, 404: problemSchema },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/neighborhoods/:id/assignments',
    summary: 'Add an assignment',
    description:
      "A coordination-lieutenant interval that overlaps another one in the neighborhood is refused with 409; the problem's `conflictingAssignment` names it.",
    tags,
    params: neighborhoodParams,
    body: createAssignmentBodySchema,
    responses: { 201: assignmentSchema, ...changeErrors },
  }),
  reassignLieutenant: defineContract({
    method: 'POST',
    path: '/api/v1/neighborhoods/:id/lieutenant',
    summary:
      'Reassign the coordination lieutenant (ends the current interval and starts the next, atomically)',
    description:
      'Ends the interval covering `effectiveAt` at that instant and starts the incoming lieutenant there. ' +
      'A future `effectiveAt` schedules the change. 409 when a change already takes effect at that instant, ' +
      'when a later change is already scheduled, when the incoming person already holds the role, when the ' +
      'covering interval has already ended (record a correction instead), or when another change to the ' +
      "neighborhood's lieutenant was made while this request was in flight or `replacesAssignmentId` no longer " +
      'names the interval in force. Of concurrent reassignments with the same `effectiveAt`, or each naming the ' +
      'interval it replaces, exactly one succeeds.',
    tags,
    params: neighborhoodParams,
    body: reassignLieutenantBodySchema,
    responses: { 201: reassignmentResultSchema, ...changeErrors },
  }),
  correct: defineContract({
    method: 'POST',
    path: '/api/v1/assignments/:id/corrections',
    summary: 'Correct an assignment: a new record, with a reason, supersedes it',
    description:
      'Ended intervals are never edited. The correction copies the record with the given changes; the original is kept and marked `superseded`.',
    tags,
    params: z.object({ id: uuidSchema }),
    body: correctAssignmentBodySchema,
    responses: { 201: correctionResultSchema, ...changeErrors },
  }),
  openWorkPreview: defineContract({
    method: 'GET',
    path: '/api/v1/neighborhoods/:id/lieutenant/open-work',
    summary: 'How much open work a lieutenant reassignment would move (asked before confirming)',
    tags,
    params: neighborhoodParams,
    querystring: z.object({
      at: isoDateTimeSchema.optional().describe('The effective time of the change (default now)'),
    }),
    responses: { 200: openWorkPreviewSchema, ...authErrorResponses, 404: problemSchema },
  }),
  mine: defineContract({
    method: 'GET',
    path: '/api/v1/me/assignments',
    summary: "The signed-in person's personnel record and the neighborhoods and roles they hold now",
    description:
      'What "my work" and "my neighborhood" mean for this login (the queue\'s assigneeId=me and neighborhoodId=mine).',
    tags,
    responses: { 200: myAssignmentsSchema, ...authErrorResponses },
  }),
  at: defineContract({
    method: 'GET',
    path: '/api/v1/assignments',
    summary: 'Who held which role in which neighborhood at an instant; flags lieutenant coverage gaps',
    tags,
    querystring: assignmentsAtQuerySchema,
    responses: { 200: assignmentsAtSchema, ...authErrorResponses },
  }),
};
