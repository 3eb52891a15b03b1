import { z } from 'zod';
import { authErrorResponses, isoDateTimeSchema, problemSchema, safeTextSchema } from './common.ts';
import { publicPaths } from './public-paths.ts';
import { defineContract } from './route.ts';

/**
 * Translations as data: the fixed texts of the public surface (status names, error titles and
 * details, feed and calendar labels, the public page's words) per language, and the languages
 * themselves. An administrator edits both; a fifth language is a row, not a code change.
 */

export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'must be a two- or three-letter ISO 639 language code such as en or es')
  .describe('ISO 639-1 (or -2) language code, lower case');

/**
 * `?lang=` of every public route: a BCP 47 tag ('es', 'pt-BR'). Only its language matters; one the
 * department does not publish in falls back to English (Content-Language says which was used).
 */
export const publicLanguageQuerySchema = z.object({
  lang: z
    .string()
    .max(35, 'must be at most 35 characters')
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/, 'must be a language tag such as en, es or pt-BR')
    .optional()
    .describe('Language of the reply (en, es, pt, pl, …); without it, Accept-Language decides'),
});

export const publicTextKeySchema = z
  .string()
  .max(120, 'must be at most 120 characters')
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'must be a text key such as status.new')
  .describe('Text key, e.g. status.in_progress or page.track.heading');

const textValueSchema = safeTextSchema
  .pipe(z.string().trim().min(1, 'is required').max(4000, 'must be at most 4,000 characters'))
  .describe('The text; {name} placeholders are filled in where the text is used');

export const publicLanguageSchema = z
  .object({
    code: languageCodeSchema,
    name: z.string().describe('The language named in itself, as the language switcher shows it'),
    englishName: z.string(),
    enabled: z.boolean().describe('Offered on the public surface; English is always enabled'),
    position: z.number().int().describe('Order in the language switcher'),
    version: z.number().int(),
  })
  .meta({ id: 'PublicLanguage' });
export type PublicLanguage = z.infer<typeof publicLanguageSchema>;

export const publicTextEntrySchema = z
  .object({
    text: z.string(),
    updatedAt: isoDateTimeSchema,
    edited: z.boolean().describe('true once an administrator changed it; false while it is the shipped text'),
    version: z.number().int().describe('Send it back (or If-Match) when changing the text'),
  })
  .meta({ id: 'PublicTextEntry' });
export type PublicTextEntry = z.infer<typeof publicTextEntrySchema>;

export const publicTextSchema = z
  .object({
    key: publicTextKeySchema,
    texts: z
      .record(z.string(), publicTextEntrySchema)
      .describe('By language code; a language without an entry falls back to English'),
  })
  .meta({ id: 'PublicText' });
export type PublicText = z.infer<typeof publicTextSchema>;

export const publicTextCatalogSchema = z
  .object({
    languages: z.array(publicLanguageSchema),
    items: z.array(publicTextSchema).describe('Every text key, sorted by key'),
  })
  .meta({ id: 'PublicTextCatalog' });
export type PublicTextCatalog = z.infer<typeof publicTextCatalogSchema>;

export const publicTextsForLanguageSchema = z
  .object({
    language: languageCodeSchema.describe('The language the texts are in (also in Content-Language)'),
    languages: z
      .array(z.object({ code: languageCodeSchema, name: z.string() }))
      .describe('The languages the public surface offers, in switcher order'),
    texts: z
      .record(z.string(), z.string())
      .describe('Every public text by key, in `language`, English where it has no translation'),
  })
  .meta({ id: 'PublicTexts' });
export type PublicTextsForLanguage = z.infer<typeof publicTextsForLanguageSchema>;

export const updatePublicTextBodySchema = z.object({
  text: textValueSchema,
  version: z.number().int().positive().optional().describe('The version you read; 412 when stale'),
});

export const createPublicLanguageBodySchema = z.object({
  code: languageCodeSchema,
  name: safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(60)),
  englishName: safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(60)),
  enabled: z
    .boolean()
    .default(false)
    .describe('Usually false until the texts are translated; English fills the gaps meanwhile'),
  position: z.number().int().min(0).max(1000).default(100),
});

export const updatePublicLanguageBodySchema = z
  .object({
    name: safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(60)).optional(),
    englishName: safeTextSchema.pipe(z.string().trim().min(1, 'is required').max(60)).optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(1000).optional(),
    version: z.number().int().positive().optional().describe('The version you read; 412 when stale'),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), { message: 'nothing to change' });

const textParams = z.object({ key: publicTextKeySchema, language: languageCodeSchema });
const languageParams = z.object({ code: languageCodeSchema });
const tags = ['public-texts'] as const;

export const publicTextsContracts = {
  forLanguage: defineContract({
    method: 'GET',
    path: publicPaths.texts,
    operationId: 'getPublicTextsForLanguage',
    summary: 'Every public text in one language, and the languages offered (for the public page)',
    description:
      'No login. The language comes from `lang`, else `Accept-Language` (quality values honoured), else English; `Content-Language` says which. Cached: `ETag`, 304 on `If-None-Match`.',
    tags: ['public'],
    querystring: publicLanguageQuerySchema,
    responses: { 200: publicTextsForLanguageSchema, 400: problemSchema, 429: problemSchema },
  }),
  catalog: defineContract({
    method: 'GET',
    path: '/api/v1/public-texts',
    summary: 'Every public text key with its text in each language, and the languages',
    tags,
    responses: { 200: publicTextCatalogSchema, ...authErrorResponses },
  }),
  update: defineContract({
    method: 'PUT',
    path: '/api/v1/public-texts/:key/:language',
    summary: "Set a public text's wording in one language",
    description:
      'Takes effect on every API instance at once. Accepts If-Match (the ETag) or a version field; a stale one gives 412. Keep the {placeholders} of the English text.',
    tags,
    params: textParams,
    body: updatePublicTextBodySchema,
    responses: {
      200: publicTextEntrySchema,
      ...authErrorResponses,
      404: problemSchema,
      412: problemSchema,
      422: problemSchema,
    },
  }),
  createLanguage: defineContract({
    method: 'POST',
    path: '/api/v1/public-languages',
    summary: 'Add a language to the public surface (no code change needed)',
    tags,
    body: createPublicLanguageBodySchema,
    responses: { 201: publicLanguageSchema, ...authErrorResponses, 409: problemSchema },
  }),
  updateLanguage: defineContract({
    method: 'PATCH',
    path: '/api/v1/public-languages/:code',
    summary: 'Rename, reorder, enable or disable a public language (English stays enabled)',
    tags,
    params: languageParams,
    body: updatePublicLanguageBodySchema,
    responses: {
      200: publicLanguageSchema,
      ...authErrorResponses,
      404: problemSchema,
      409: problemSchema,
      412: problemSchema,
    },
  }),
};
