import { z } from 'zod';
import {
  authErrorResponses,
  isoDateTimeSchema,
  problemSchema,
  safeTextSchema,
  uuidSchema,
} from './common.ts';
import { defineContract } from './route.ts';

const tags = ['saved-views'] as const;

/** At most this many views per person: a list to pick from, not an archive. */
export const MAX_SAVED_VIEWS = 50;

export const savedViewSchema = z
  .object({
    id: uuidSchema,
    name: z.string(),
    query: z
      .string()
      .describe("The queue's filters as the query string of its address (status=new&overdue=true)"),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'SavedQueueView' });
export type SavedView = z.infer<typeof savedViewSchema>;

export const createSavedViewBodySchema = z.object({
  name: safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters')),
  query: z
    .string()
    .max(2000, 'must be at most 2,000 characters')
    .regex(
      /^[A-Za-z0-9%&=+._~,:-]*$/,
      'must be a URL query string (letters, digits, %, &, =, +, ., _, ~, -, comma and colon)',
    )
    .describe('Without the leading "?"'),
});

export const savedViewsContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/saved-views',
    summary: "The signed-in person's saved queue views, by name",
    tags,
    responses: { 200: z.object({ items: z.array(savedViewSchema) }), ...authErrorResponses },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/saved-views',
    summary: 'Save the current queue filters under a name',
    description: `409 when the person already has a view with that name (case ignored) or has ${MAX_SAVED_VIEWS} views.`,
    tags,
    body: createSavedViewBodySchema,
    responses: { 201: savedViewSchema, ...authErrorResponses, 409: problemSchema },
  }),
  remove: defineContract({
    method: 'DELETE',
    path: '/api/v1/saved-views/:id',
    summary: 'Delete one of your saved views',
    tags,
    params: z.object({ id: uuidSchema }),
    responses: { 204: z.null(), ...authErrorResponses, 404: problemSchema },
  }),
};
