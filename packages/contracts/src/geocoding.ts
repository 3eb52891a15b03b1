import { z } from 'zod';
import { authErrorResponses, problemSchema } from './common.ts';
import { neighborhoodLieutenantSchema, neighborhoodReferenceSchema } from './neighborhoods.ts';
import { defineContract } from './route.ts';

export const geocodeQualities = ['exact', 'interpolated', 'street', 'none'] as const;
export const geocodeQualitySchema = z
  .enum(geocodeQualities)
  .describe(
    'exact: the address point itself; interpolated: between the numbers on either side; street: a point on the street; none: no match',
  );
export type GeocodeQuality = z.infer<typeof geocodeQualitySchema>;

export const geocodeMatchSchema = z
  .object({
    address: z.string(),
    lat: z.number(),
    lon: z.number(),
    quality: geocodeQualitySchema,
  })
  .meta({ id: 'GeocodeMatch' });

export const geocodeCandidateSchema = z
  .object({
    address: z.string(),
    lat: z.number(),
    lon: z.number(),
    score: z.number().describe('Similarity to what was typed, 0 to 1, highest first'),
  })
  .meta({ id: 'GeocodeCandidate' });

export const geocodeResultSchema = z
  .object({
    match: geocodeMatchSchema.nullable(),
    neighborhood: neighborhoodReferenceSchema.nullable(),
    candidates: z.array(geocodeCandidateSchema),
    normalized: z
      .string()
      .nullable()
      .describe('The address as the normaliser read it, e.g. "12 BURNSIDE AVE"'),
    reason: z.string().optional().describe('Why there is no match or no neighborhood'),
  })
  .meta({ id: 'GeocodeResult' });

const addressQuery = z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters');

export const geocodeQuerySchema = z.object({ address: addressQuery });

export const locateQuerySchema = z
  .object({
    lat: z.coerce.number({ message: 'must be a number' }).min(-90).max(90).optional(),
    lon: z.coerce.number({ message: 'must be a number' }).min(-180).max(180).optional(),
    address: addressQuery.optional(),
  })
  .describe('Either lat and lon, or address');

export const locateResultSchema = z
  .object({
    neighborhood: neighborhoodReferenceSchema.nullable(),
    lieutenant: neighborhoodLieutenantSchema.nullable(),
    reason: z.string().optional().describe('Why the neighborhood is null'),
    match: geocodeMatchSchema.nullable().optional().describe('How the address was matched (address lookups)'),
  })
  .meta({ id: 'LocateResult' });

export const addressPointsImportBodySchema = z
  .union([
    z.object({
      type: z.literal('FeatureCollection', { message: 'must be "FeatureCollection"' }),
      features: z.array(z.unknown(), { message: 'must be an array of features' }),
    }),
    z.string().describe('text/csv with the header address,lat,lon'),
  ])
  .describe(
    'GeoJSON FeatureCollection of Points with properties.address, or text/csv with the header address,lat,lon',
  );

export const addressPointsImportResultSchema = z
  .object({
    total: z.number().int().describe('Rows (or features) read'),
    inserted: z.number().int(),
    updated: z.number().int(),
    rejected: z.array(
      z.object({
        row: z.number().int().describe('CSV line number (header is line 1) or feature index from 0'),
        address: z.string().nullable(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'AddressPointsImportResult' });
export type AddressPointsImportResult = z.infer<typeof addressPointsImportResultSchema>;

export const geocodingContracts = {
  geocode: defineContract({
    method: 'GET',
    path: '/api/v1/geocode',
    summary: 'Match an address as people type it to a point and its neighborhood',
    tags: ['geocoding'],
    querystring: geocodeQuerySchema,
    responses: { 200: geocodeResultSchema, ...authErrorResponses },
  }),
  locate: defineContract({
    method: 'GET',
    path: '/api/v1/locate',
    summary: 'The neighborhood (and its current lieutenant) of a coordinate or an address',
    tags: ['geocoding'],
    querystring: locateQuerySchema,
    responses: { 200: locateResultSchema, ...authErrorResponses },
  }),
  importAddressPoints: defineContract({
    method: 'POST',
    path: '/api/v1/address-points',
    summary: 'Import address points (upsert by normalised address)',
    description:
      'Bad rows are listed with their reason and never stop the good ones. Rows whose normalised address repeats an earlier row are rejected as duplicates.',
    tags: ['geocoding'],
    consumes: ['application/json', 'application/geo+json', 'text/csv'],
    body: addressPointsImportBodySchema,
    responses: { 200: addressPointsImportResultSchema, ...authErrorResponses, 413: problemSchema },
  }),
};
