/**
 * The SQLSTATE of a database error, looking through the wrappers drizzle puts around driver errors;
 * pg and PGlite both report it as `code`. Services use it to turn a constraint that a concurrent
 * writer hit (unique, exclusion) into a typed domain error instead of a 500.
 */
export function sqlStateOf(error: unknown): { code: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        ...(typeof candidate.constraint === 'string' ? { constraint: candidate.constraint } : {}),
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

export const sqlStates = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  exclusionViolation: '23P01',
  insufficientPrivilege: '42501',
} as const;
