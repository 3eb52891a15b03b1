import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  listOf,
  listQuerySchema,
  problemSchema,
  uuidSchema,
} from './common.ts';
import { defineContract } from './route.ts';

export const personnelKinds = ['lieutenant', 'sergeant', 'officer', 'nro', 'cso', 'civilian'] as const;
export const personnelKindSchema = z.enum(personnelKinds);
export type PersonnelKind = z.infer<typeof personnelKindSchema>;

/** A sworn or civilian member of the department; `userId` links the person to a login. */
export const personnelSchema = z
  .object({
    id: uuidSchema,
    name: z.string(),
    title: z.string().describe('Rank or job title, e.g. "Lieutenant" or "Community Service Officer"'),
    badgeNumber: z.string().nullable(),
    kind: personnelKindSchema,
    phone: z.string().nullable().describe('Work phone'),
    email: z.string().nullable().describe('Work e-mail'),
    active: z.boolean(),
    userId: uuidSchema.nullable().describe('The login of this person, when they have one'),
    version: z.number().int().describe('Send back as If-Match (or `version`) when changing the record'),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'Personnel' });
export type Personnel = z.infer<typeof personnelSchema>;

const nameField = z.string().trim().min(1, 'is required').max(200);
const titleField = z.string().trim().max(200);
const badgeField = z.string().trim().min(1, 'must not be empty').max(50);
const phoneField = z
  .string()
  .trim()
  .min(3, 'is too short for a phone number')
  .max(50)
  .regex(/^[0-9+().\-\s x]+$/i, 'may contain digits, spaces, +, -, ( ), . and x (extension) only');
const emailField = z
  .email({ message: 'must be an e-mail address' })
  .max(254)
  .transform((value) => value.toLowerCase());

export const createPersonnelBodySchema = z.object({
  name: nameField,
  title: titleField.default(''),
  badgeNumber: badgeField.nullable().optional(),
  kind: personnelKindSchema,
  phone: phoneField.nullable().optional(),
  email: emailField.nullable().optional(),
  active: z.boolean().default(true),
  userId: uuidSchema.nullable().optional(),
});
export type CreatePersonnelBody = z.infer<typeof createPersonnelBodySchema>;

export const updatePersonnelBodySchema = z
  .object({
    name: nameField.optional(),
    title: titleField.optional(),
    badgeNumber: badgeField.nullable().optional(),
    kind: personnelKindSchema.optional(),
    phone: phoneField.nullable().optional(),
    email: emailField.nullable().optional(),
    active: z.boolean().optional(),
    userId: uuidSchema.nullable().optional(),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The version you read; a stale one is refused with 412 (alternative to If-Match)'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });
export type UpdatePersonnelBody = z.infer<typeof updatePersonnelBodySchema>;

const booleanQuery = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((value) => value === 'true');

export const listPersonnelQuerySchema = listQuerySchema.extend({
  kind: personnelKindSchema.optional(),
  active: booleanQuery.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Matches name, title, badge number or e-mail'),
});

/** What a supervisor looks at before rebalancing: each person's open and overdue work now. */
export const workloadEntrySchema = z
  .object({
    personnelId: uuidSchema,
    name: z.string(),
    title: z.string(),
    kind: personnelKindSchema,
    active: z.boolean(),
    openRequests: z
      .number()
      .int()
      .describe('Service requests assigned to the person in new/triaged/assigned/in_progress'),
    overdueRequests: z.number().int().describe('Of those, the ones past their resolution due time'),
    openSaraCases: z.number().int().describe('SARA cases the person leads that are not closed'),
    currentAssignments: z.array(
      z.object({
        assignmentId: uuidSchema,
        neighborhoodId: uuidSchema,
        neighborhoodCode: z.string(),
        neighborhoodName: z.string(),
        role: z.enum(['coordination_lieutenant', 'nro', 'cso', 'officer']),
      }),
    ),
  })
  .meta({ id: 'WorkloadEntry' });
export type WorkloadEntry = z.infer<typeof workloadEntrySchema>;

export const workloadQuerySchema = z.object({
  kind: personnelKindSchema.optional(),
  neighborhoodId: uuidSchema
    .optional()
    .describe('Only people currently assigned to this neighborhood or holding open work in it'),
  includeInactive: booleanQuery.optional(),
});

export const workloadSchema = z.object({
  asOf: isoDateTimeSchema,
  items: z.array(workloadEntrySchema),
});

const idParams = z.object({ id: uuidSchema });
const tags = ['personnel'] as const;
const ifMatchHeaders = z
  .object({
    'if-match': z.string().max(200).optional().describe('The ETag you read; a stale one is refused with 412'),
  })
  .loose();

export const personnelContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/personnel',
    summary: 'List personnel (filters: kind, active, q)',
    tags,
    querystring: listPersonnelQuerySchema,
    responses: { 200: listOf(personnelSchema), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/personnel',
    summary: 'Add a member of the department',
    description: 'Badge numbers and linked logins are unique (409 when taken).',
    tags,
    body: createPersonnelBodySchema,
    responses: { 201: personnelSchema, ...authErrorResponses, 409: problemSchema },
  }),
  workload: defineContract({
    method: 'GET',
    path: '/api/v1/personnel/workload',
    summary: "Each person's open and overdue service requests now, with their current assignments",
    tags,
    querystring: workloadQuerySchema,
    responses: { 200: workloadSchema, ...authErrorResponses },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/personnel/:id',
    summary: 'One member of the department (with ETag)',
    tags,
    params: idParams,
    responses: { 200: personnelSchema, ...authErrorResponses, 404: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/personnel/:id',
    summary: 'Change a member of the department',
    description: 'Send If-Match with the ETag (or `version`) you read; a stale one is refused with 412.',
    tags,
    params: idParams,
    headers: ifMatchHeaders,
    body: updatePersonnelBodySchema,
    responses: {
      200: personnelSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
};
