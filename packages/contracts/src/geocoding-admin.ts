import { z } from 'zod';
import { authErrorResponses, isoDateTimeSchema, listOf, problemSchema, uuidSchema } from './common.ts';
import { defineContract } from './route.ts';

/*
 * The geocoder's own data that an administrator keeps: the gazetteer of named places, and the
 * names (towns, villages, ZIP codes) that say an address is inside the department's jurisdiction.
 */

const withoutNul = (value: string) => !value.includes('\u0000');
const nameText = (max: number) =>
  z.string().trim().min(1, 'is required').max(max).refine(withoutNul, 'must not contain NUL characters');

export const placeKinds = [
  'government',
  'police',
  'fire',
  'school',
  'college',
  'library',
  'park',
  'station',
  'venue',
  'other',
] as const;
export const placeKindSchema = z.enum(placeKinds);
export type PlaceKind = z.infer<typeof placeKindSchema>;

export const placeSchema = z
  .object({
    id: uuidSchema,
    name: z.string(),
    aliases: z.array(z.string()).describe('Other names people use ("EHHS", "Goodwin University")'),
    kind: placeKindSchema,
    address: z.string().nullable().describe('Its street address, when it has one'),
    lat: z.number(),
    lon: z.number(),
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'Place' });
export type Place = z.infer<typeof placeSchema>;

export const listPlacesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
  q: z.string().trim().max(200).optional().describe('Part of a name or alias'),
});

export const placesImportBodySchema = z
  .union([
    z.object({
      type: z.literal('FeatureCollection', { message: 'must be "FeatureCollection"' }),
      features: z.array(z.unknown(), { message: 'must be an array of features' }).max(50_000),
    }),
    z
      .string()
      .max(10_000_000)
      .describe('text/csv with the header name,lat,lon (and optionally aliases,kind,address)'),
  ])
  .describe(
    'GeoJSON FeatureCollection of Points with properties.name (and aliases: an array or "a; b", kind, address), or text/csv with the header name,lat,lon[,aliases,kind,address]; aliases in CSV are separated by ";"',
  );

/** Like the address-points import report: counts and every rejected row with its reason. */
export const placesImportResultSchema = z
  .object({
    total: z.number().int().describe('Rows (or features) read'),
    inserted: z.number().int(),
    updated: z.number().int(),
    rejected: z.array(
      z.object({
        row: z.number().int().describe('CSV line number (header is line 1) or feature index from 0'),
        name: z.string().nullable(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'PlacesImportResult' });
export type PlacesImportResult = z.infer<typeof placesImportResultSchema>;

export const placeIdParamsSchema = z.object({ id: uuidSchema });

const townEntrySchema = z.object({
  name: nameText(100),
  aliases: z
    .array(nameText(100))
    .max(20)
    .default([])
    .describe('Other spellings people write ("E Hartford", "E. Htfd")'),
});

const zipCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{5}$/, 'must be a five-digit ZIP code');

export const jurisdictionSchema = z
  .object({
    state: z.string().nullable().describe('Two-letter state code, e.g. "CT"'),
    towns: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
    villages: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
    zipCodes: z.array(z.string()),
    updatedAt: isoDateTimeSchema.nullable(),
    version: z.number().int().describe('0 until an administrator saves them'),
  })
  .meta({ id: 'Jurisdiction' });
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

export const updateJurisdictionBodySchema = z
  .object({
    state: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter state code')
      .transform((value) => value.toUpperCase())
      .nullable()
      .optional(),
    towns: z.array(townEntrySchema).max(50).optional(),
    villages: z.array(townEntrySchema).max(200).optional(),
    zipCodes: z.array(zipCodeSchema).max(200).optional(),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('The version you read (0 = never saved); 412 when stale'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });

const ifMatchHeaders = z
  .object({
    'if-match': z.string().max(200).optional().describe('The ETag you read; a stale one is refused with 412'),
  })
  .loose();

const tags = ['geocoding'] as const;

export const geocodingAdminContracts = {
  listPlaces: defineContract({
    method: 'GET',
    path: '/api/v1/places',
    summary: 'The gazetteer of named places, by name',
    tags,
    querystring: listPlacesQuerySchema,
    responses: { 200: listOf(placeSchema), ...authErrorResponses },
  }),
  importPlaces: defineContract({
    method: 'POST',
    path: '/api/v1/places',
    summary: 'Import named places (upsert by normalised name)',
    description:
      'Like the address-points import: bad rows are listed with their reason and never stop the good ones. A name or alias that already names another place is refused for that row.',
    tags,
    consumes: ['application/json', 'application/geo+json', 'text/csv'],
    body: placesImportBodySchema,
    responses: { 200: placesImportResultSchema, ...authErrorResponses, 413: problemSchema },
  }),
  deletePlace: defineContract({
    method: 'DELETE',
    path: '/api/v1/places/:id',
    summary: 'Remove a place from the gazetteer',
    tags,
    params: placeIdParamsSchema,
    responses: { 204: z.null(), ...authErrorResponses, 404: problemSchema },
  }),
  getJurisdiction: defineContract({
    method: 'GET',
    path: '/api/v1/jurisdiction',
    summary: 'The town names, villages, ZIP codes and state of the department’s jurisdiction',
    tags,
    responses: { 200: jurisdictionSchema, ...authErrorResponses },
  }),
  updateJurisdiction: defineContract({
    method: 'PATCH',
    path: '/api/v1/jurisdiction',
    summary: 'Change the jurisdiction’s names; each list given replaces the stored one',
    description:
      'An address naming another town (or a ZIP code or state not listed) is reported as outside the jurisdiction instead of being matched to a street of the same name. With no towns and no ZIP codes, nothing is checked.',
    tags,
    headers: ifMatchHeaders,
    body: updateJurisdictionBodySchema,
    responses: { 200: jurisdictionSchema, ...authErrorResponses, 409: problemSchema, 412: problemSchema },
  }),
};
