/** pg error codes and network failures that mean "the database is not reachable right now". */
const databaseUnavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'NSP_DB_UNAVAILABLE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/**
 * Whether an error means "the database is not reachable right now" (server gone, network cut,
 * connection refused, every pooled connection busy past the wait): the caller gets 503 with
 * Retry-After instead of a 500, and the pool heals by itself once the server answers again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return connectionFailureOf(error) !== undefined;
}

/**
 * The link of an error's cause chain that is the connection failure (drizzle wraps driver errors in
 * one quoting the statement and its parameters; the driver's own error carries no values).
 */
export function connectionFailureOf(error: unknown): Error | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && databaseUnavailableCodes.has(candidate.code))
      return current as Error;
    if (
      typeof candidate.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout/i.test(
        candidate.message,
      )
    ) {
      // A wrapper's message quotes the failed statement; keep looking for the driver's own error.
      if (!/params:/.test(candidate.message)) return current as Error;
    }
    current = candidate.cause;
  }
  return undefined;
}
