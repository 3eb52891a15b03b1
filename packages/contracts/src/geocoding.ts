import { z } from 'zod';
import { authErrorResponses, problemSchema } from './common.ts';
import { neighborhoodLieutenantSchema, neighborhoodReferenceSchema } from './neighborhoods.ts';
import { defineContract } from './route.ts';

export const geocodeQualities = [
  'exact',
  'interpolated',
  'corrected',
  'intersection',
  'place',
  'street',
  'none',
] as const;
export const geocodeQualitySchema = z
  .enum(geocodeQualities)
  .describe(
    'exact: the address point itself; interpolated: between the numbers on either side; corrected: a misspelt street that one street clearly fits (see precision and correctedFrom); intersection: where two streets meet; place: a named place of the gazetteer; street: a point on the street; none: no match',
  );
export type GeocodeQuality = z.infer<typeof geocodeQualitySchema>;

/** How precisely a point stands for the address: the qualities of a plain (uncorrected) match. */
export const geocodePrecisions = ['exact', 'interpolated', 'street'] as const;

export const geocodeMatchSchema = z
  .object({
    address: z.string(),
    lat: z.number(),
    lon: z.number(),
    quality: geocodeQualitySchema,
    precision: z
      .enum(geocodePrecisions)
      .optional()
      .describe('For a corrected match: whether the point is the address point, interpolated, or the street'),
    correctedFrom: z
      .string()
      .optional()
      .describe('For a corrected match: the street as it was typed (normalised), e.g. "BURNSDE AVE"'),
    place: z
      .object({ id: z.string(), name: z.string(), kind: z.string() })
      .optional()
      .describe('For a place match: the gazetteer entry'),
    streets: z
      .array(z.string())
      .optional()
      .describe('For an intersection: the two streets, as the address book spells them'),
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

export const jurisdictionCheckSchema = z
  .object({
    status: z
      .enum(['inside', 'outside', 'not_stated', 'unchecked'])
      .describe(
        "inside: the town, village or ZIP typed is the department's; outside: it is another town's (no street is matched); not_stated: none was typed; unchecked: the department has not configured its names",
      ),
    town: z.string().nullable().describe('The town as read from the address'),
    zip: z.string().nullable(),
  })
  .meta({ id: 'JurisdictionCheck' });

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
    jurisdiction: jurisdictionCheckSchema,
  })
  .meta({ id: 'GeocodeResult' });

/** Longer than any real one-line address; a longer text is refused with 400 naming the field. */
export const MAX_ADDRESS_QUERY_LENGTH = 300;
const addressQuery = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(MAX_ADDRESS_QUERY_LENGTH, `must be at most ${MAX_ADDRESS_QUERY_LENGTH} characters`);

export const geocodeQuerySchema = z.object({ address: addressQuery });

const decimalPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A latitude or longitude in a query string. `z.coerce.number()` would read an empty value as 0 (a
 * point in the Gulf of Guinea), so the text itself must be a decimal number, then within range.
 */
export const coordinateQuerySchema = (axis: 'lat' | 'lon') => {
  const limit = axis === 'lat' ? 90 : 180;
  return z
    .string({ message: 'must be a number' })
    .trim()
    .min(1, 'must be a number, not empty')
    .max(32, 'must be at most 32 characters')
    .regex(decimalPattern, 'must be a decimal number')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(-limit, `must be between -${limit} and ${limit}`)
        .max(limit, `must be between -${limit} and ${limit}`),
    )
    .describe(axis === 'lat' ? 'Latitude, WGS84, -90..90' : 'Longitude, WGS84, -180..180');
};

export const locateQuerySchema = z
  .object({
    lat: coordinateQuerySchema('lat').optional(),
    lon: coordinateQuerySchema('lon').optional(),
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

export const reverseQuerySchema = z.object({
  lat: coordinateQuerySchema('lat'),
  lon: coordinateQuerySchema('lon'),
});

export const hundredBlockSchema = z
  .object({
    label: z.string().describe('"700 block of Main St"'),
    street: z.string(),
    block: z.number().int().nullable(),
    lat: z.number().describe('A point for the whole block (the mean of its address points), never a house'),
    lon: z.number(),
  })
  .meta({ id: 'HundredBlock' });

export const reverseResultSchema = z
  .object({
    address: z
      .object({ address: z.string(), lat: z.number(), lon: z.number(), distanceMeters: z.number() })
      .nullable()
      .describe('The nearest address point (a building, not a unit), within 250 m'),
    street: z
      .object({ name: z.string(), distanceMeters: z.number() })
      .nullable()
      .describe('The nearest street, measured to its centreline as drawn through its address points'),
    hundredBlock: hundredBlockSchema.nullable(),
    neighborhood: neighborhoodReferenceSchema.nullable(),
    reason: z.string().optional().describe('Why there is no address or no neighborhood'),
  })
  .meta({ id: 'ReverseGeocodeResult' });
export type ReverseGeocodeResult = z.infer<typeof reverseResultSchema>;

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
  reverse: defineContract({
    method: 'GET',
    path: '/api/v1/reverse',
    summary: 'The nearest address point and street of a coordinate, its hundred-block and neighborhood',
    tags: ['geocoding'],
    querystring: reverseQuerySchema,
    responses: { 200: reverseResultSchema, ...authErrorResponses },
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
