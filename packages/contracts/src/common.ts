import { z } from 'zod';

export const idSchema = z.string().min(1).max(64).describe('Identifier (string)');
export const uuidSchema = z.uuid({ message: 'must be a UUID' });
/**
 * A real calendar instant between 1900 and 2199: ISO 8601 alone lets through 2026-02-30 and years
 * like 0000 or 9999 that the database (or the SLA clock) cannot use, which must be a 400, not a 500.
 */
function isPlausibleInstant(value: string): boolean {
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  if (!year || !month || !day) return false;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return Number(year) >= 1900 && Number(year) <= 2199 && Number(day) <= daysInMonth;
}

export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .refine(isPlausibleInstant, 'must be a real date between the years 1900 and 2199');

/** RFC 9457 problem details; validation failures add `errors` naming each field. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string().describe('Dotted path of the offending field, e.g. "requester.email"'),
          message: z.string(),
          in: z.enum(['body', 'querystring', 'params', 'headers']).optional(),
        }),
      )
      .optional(),
  })
  .loose()
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The error replies every authenticated route can give. */
export const authErrorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
} as const;

export const roles = ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Staff roles that may see requesters' personal data (never analysts, the public or integrations). */
export const personalDataRoles: readonly Role[] = ['admin', 'supervisor', 'lieutenant', 'staff'];

/**
 * THE text rule for everything a client sends: no NUL (PostgreSQL text cannot hold it) and no lone
 * UTF-16 surrogates (not characters; they cannot be encoded). The API applies it to every string
 * of every body, query and path before any schema or database sees it; forms use it to say so early.
 */
export const unsafeTextPattern =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this rule refuses.
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const unsafeTextMessage = 'must not contain NUL characters or unpaired surrogates';
export const isSafeText = (value: string): boolean => !unsafeTextPattern.test(value);
/** A string schema with the text rule, for contracts that want to state it explicitly. */
export const safeTextSchema = z.string().refine(isSafeText, unsafeTextMessage);
