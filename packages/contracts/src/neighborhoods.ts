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

export const neighborhoodStatuses = ['active', 'retired'] as const;
export const neighborhoodStatusSchema = z.enum(neighborhoodStatuses);

const positionSchema = z.array(z.number()).min(2).max(3).describe('[longitude, latitude] in WGS84');

/** A stored boundary: always valid, exterior rings counter-clockwise and holes clockwise (RFC 7946). */
export const boundaryGeometrySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(positionSchema)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(positionSchema))) }),
  ])
  .meta({ id: 'BoundaryGeometry' });
export type BoundaryGeometryDto = z.infer<typeof boundaryGeometrySchema>;

/**
 * A boundary as sent by a client. Only the outline is checked here; the rings themselves are checked by
 * the service, which names each problem (ring not closed, too few positions, out of range, self-crossing).
 */
export const boundaryGeometryInputSchema = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon'], { message: 'must be a Polygon or MultiPolygon' }),
    coordinates: z.array(z.unknown(), { message: 'must be an array of rings' }),
  })
  .describe('GeoJSON Polygon or MultiPolygon in WGS84 [longitude, latitude]');

export const bboxSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .describe('[minLon, minLat, maxLon, maxLat]');

/** What other records embed: enough to show and link a neighborhood. */
export const neighborhoodReferenceSchema = z
  .object({ id: uuidSchema, code: z.string(), name: z.string() })
  .meta({ id: 'NeighborhoodRef' });
export type NeighborhoodRef = z.infer<typeof neighborhoodReferenceSchema>;

export const neighborhoodLieutenantSchema = z
  .object({
    personnelId: uuidSchema,
    name: z.string(),
    title: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'NeighborhoodLieutenant' });
export type NeighborhoodLieutenant = z.infer<typeof neighborhoodLieutenantSchema>;

export const neighborhoodSchema = z
  .object({
    id: uuidSchema,
    code: z.string(),
    name: z.string(),
    description: z.string(),
    status: neighborhoodStatusSchema,
    lieutenant: neighborhoodLieutenantSchema
      .nullable()
      .describe('The coordination lieutenant right now, or null when nobody holds the role'),
    boundaryVersion: z.number().int().nullable().describe('Version number of the current boundary'),
    areaSquareMeters: z.number().nullable(),
    bbox: bboxSchema.nullable(),
    boundary: boundaryGeometrySchema
      .nullable()
      .optional()
      .describe('The current boundary: on single reads, and on lists with includeBoundary=true'),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    version: z.number().int().describe('Optimistic-concurrency version; send it (or If-Match) on PATCH'),
  })
  .meta({ id: 'Neighborhood' });
export type Neighborhood = z.infer<typeof neighborhoodSchema>;

const codeSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'may contain only letters, digits, "-" and "_"');

export const createNeighborhoodBodySchema = z.object({
  code: codeSchema,
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(4000).default(''),
  boundary: boundaryGeometryInputSchema,
});

export const updateNeighborhoodBodySchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    description: z.string().trim().max(4000).optional(),
    status: neighborhoodStatusSchema.optional(),
    boundary: boundaryGeometryInputSchema.optional().describe('Stored as a new boundary version'),
    version: z.number().int().positive().optional().describe('The version you read; 412 when stale'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });

export const listNeighborhoodsQuerySchema = listQuerySchema.extend({
  includeBoundary: z.stringbool({ message: 'must be true or false' }).default(false),
  status: neighborhoodStatusSchema.optional(),
});

export const boundaryVersionSchema = z
  .object({
    id: uuidSchema,
    neighborhoodId: uuidSchema,
    versionNumber: z.number().int(),
    validFrom: isoDateTimeSchema,
    validTo: isoDateTimeSchema.nullable().describe('null for the current version'),
    areaSquareMeters: z.number(),
    bbox: bboxSchema,
    importId: uuidSchema.nullable(),
    createdBy: uuidSchema.nullable(),
    geometry: boundaryGeometrySchema,
  })
  .meta({ id: 'BoundaryVersion' });

export const boundaryImportQuerySchema = z.object({
  dryRun: z
    .stringbool({ message: 'must be true or false' })
    .default(true)
    .describe('true (default) only reports; false applies the set when it is valid'),
});

export const boundaryImportBodySchema = z
  .object({
    type: z.literal('FeatureCollection', { message: 'must be "FeatureCollection"' }),
    features: z
      .array(z.unknown(), { message: 'must be an array of features' })
      .min(1, 'needs at least one feature')
      .max(500, 'may hold at most 500 features'),
  })
  .describe(
    'GeoJSON FeatureCollection, one feature per neighborhood: properties.code, properties.name (required for new codes), optional properties.description',
  );

const overlapSchema = z.object({
  code: z.string(),
  name: z.string(),
  neighborhoodId: uuidSchema.nullable(),
  areaSquareMeters: z.number(),
});

export const boundaryImportFeatureReportSchema = z.object({
  index: z.number().int().describe('Position of the feature in the collection, from 0'),
  code: z.string().nullable(),
  name: z.string().nullable(),
  valid: z.boolean(),
  reasons: z.array(z.string()).describe('Why the feature is invalid; empty when valid'),
  codeStatus: z
    .enum(['existing', 'new'])
    .nullable()
    .describe('existing: a new boundary version for that neighborhood; new: a neighborhood is created'),
  boundaryChanged: z
    .boolean()
    .describe('false when the neighborhood already has exactly this boundary (no new version is stored)'),
  neighborhoodId: uuidSchema.nullable(),
  areaSquareMeters: z.number().nullable(),
  vertexCount: z.number().int().nullable(),
  overlaps: z.array(overlapSchema),
  requestsMovingIn: z.number().int(),
  requestsMovingOut: z.number().int(),
});

export const boundaryImportReportSchema = z
  .object({
    importId: uuidSchema,
    dryRun: z.boolean(),
    applied: z.boolean(),
    canApply: z.boolean().describe('true when no feature is invalid and no two boundaries overlap'),
    summary: z.string(),
    featureCount: z.number().int(),
    invalidCount: z.number().int(),
    newCodes: z.array(z.string()),
    existingCodes: z.array(z.string()),
    unchangedCodes: z
      .array(z.string())
      .describe('Active neighborhoods not in the import; they keep their boundaries'),
    features: z.array(boundaryImportFeatureReportSchema),
    overlaps: z.array(z.object({ codes: z.tuple([z.string(), z.string()]), areaSquareMeters: z.number() })),
    gaps: z
      .array(
        z.object({
          areaSquareMeters: z.number(),
          point: z.tuple([z.number(), z.number()]),
          bbox: bboxSchema,
        }),
      )
      .describe('Holes inside the area the neighborhoods cover together'),
    requests: z.object({
      open: z.number().int().describe('Open requests with a coordinate that were checked'),
      moving: z.number().int(),
      outsideAfter: z
        .number()
        .int()
        .describe('Open requests that no boundary would contain; they keep their neighborhood'),
      moves: z.array(z.object({ from: z.string().nullable(), to: z.string(), count: z.number().int() })),
    }),
  })
  .meta({ id: 'BoundaryImportReport' });
export type BoundaryImportReport = z.infer<typeof boundaryImportReportSchema>;

const idParams = z.object({ id: uuidSchema });

export const neighborhoodsContracts = {
  list: defineContract({
    method: 'GET',
    path: '/api/v1/neighborhoods',
    summary: 'List neighborhoods, each with its current coordination lieutenant',
    tags: ['neighborhoods'],
    querystring: listNeighborhoodsQuerySchema,
    responses: { 200: listOf(neighborhoodSchema), ...authErrorResponses },
  }),
  get: defineContract({
    method: 'GET',
    path: '/api/v1/neighborhoods/:id',
    summary: 'One neighborhood with its current boundary',
    description: 'The reply carries an ETag; send it back as If-Match on PATCH.',
    tags: ['neighborhoods'],
    params: idParams,
    responses: { 200: neighborhoodSchema, ...authErrorResponses, 404: problemSchema },
  }),
  create: defineContract({
    method: 'POST',
    path: '/api/v1/neighborhoods',
    summary: 'Create a neighborhood with its first boundary',
    description:
      'The boundary may not overlap another active neighborhood (409 naming them). Open requests inside it move to it.',
    tags: ['neighborhoods'],
    body: createNeighborhoodBodySchema,
    responses: { 201: neighborhoodSchema, ...authErrorResponses, 409: problemSchema },
  }),
  update: defineContract({
    method: 'PATCH',
    path: '/api/v1/neighborhoods/:id',
    summary: 'Edit a neighborhood: name, description, status (retire), or boundary (a new version)',
    description:
      'Accepts If-Match (the ETag) or a version field; a stale one gives 412. A boundary change re-routes open requests.',
    tags: ['neighborhoods'],
    params: idParams,
    body: updateNeighborhoodBodySchema,
    responses: {
      200: neighborhoodSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
  boundaries: defineContract({
    method: 'GET',
    path: '/api/v1/neighborhoods/:id/boundaries',
    summary: 'Boundary version history of a neighborhood, newest first',
    tags: ['neighborhoods'],
    params: idParams,
    querystring: listQuerySchema,
    responses: { 200: listOf(boundaryVersionSchema), ...authErrorResponses, 404: problemSchema },
  }),
  importBoundaries: defineContract({
    method: 'POST',
    path: '/api/v1/neighborhoods/boundaries',
    summary: 'Preview (dryRun=true) or apply a set of neighborhood boundaries',
    description:
      'Reports per feature: valid or why not, new or existing code, overlaps with other neighborhoods (m²), gaps inside the covered area and how many open requests would change neighborhood. dryRun=false applies a valid set in one transaction (new boundary versions, new neighborhoods, open requests re-routed with a timeline event); a set with invalid features or overlaps is refused with 422 and the report.',
    tags: ['neighborhoods'],
    querystring: boundaryImportQuerySchema,
    body: boundaryImportBodySchema,
    responses: {
      200: boundaryImportReportSchema,
      ...authErrorResponses,
      413: problemSchema,
      422: problemSchema,
    },
  }),
};
