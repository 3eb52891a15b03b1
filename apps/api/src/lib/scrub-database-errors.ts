import { connectionFailureOf } from './database-availability.ts';
import { AppError } from './errors.ts';

const sqlStatePattern = /^[0-9A-Z]{5}$/;

/** A database failure with everything that could quote a value taken out. */
export class ScrubbedDatabaseError extends Error {
  constructor(
    readonly code: string,
    readonly constraint: string | undefined,
  ) {
    super(
      `Database error ${code}${constraint ? ` (${constraint})` : ''}; the statement's parameters and the row are withheld because they carry requester data.`,
    );
    this.name = 'ScrubbedDatabaseError';
  }
}

/**
 * Statements that carry requester contact must never end up in a log line, but drizzle's query errors
 * quote every parameter ("params: …") and PostgreSQL's quote the failing row ("Failing row contains
 * …"). This keeps the SQLSTATE and the constraint name (enough to diagnose) and drops the rest.
 * Connection failures carry no values and pass through, so they still become 503s.
 */
export function scrubDatabaseError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  // A lost or refused connection: the driver's error (no values in it), so it still becomes a 503.
  const connectionFailure = connectionFailureOf(error);
  if (connectionFailure) return connectionFailure;
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      cause?: unknown;
      severity?: unknown;
    };
    if (typeof candidate.code === 'string') {
      if (
        !sqlStatePattern.test(candidate.code) ||
        candidate.code.startsWith('08') ||
        candidate.code.startsWith('57P')
      ) {
        return current; // a connection-level failure: no values in it
      }
      return new ScrubbedDatabaseError(
        candidate.code,
        typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      );
    }
    current = candidate.cause;
  }
  return error instanceof Error && /params:/.test(error.message)
    ? new ScrubbedDatabaseError('unknown', undefined)
    : error;
}

export async function withScrubbedDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw scrubDatabaseError(error);
  }
}
