import { isSafeText } from '@nsp/contracts';
import { z } from 'zod';
import { ValidationError } from './errors.ts';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. Opaque so that clients do not
 * build them, keyset so that page 20 costs what page 1 costs.
 *
 * A cursor comes back from the client, so it is input like any other: every list declares the shape
 * of its key with `cursorKey(...)` and a forged, garbled or foreign cursor is a 400 naming `cursor`,
 * never a value the database gets to reject.
 */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * An instant as a cursor carries it: ISO 8601 from `toISOString()`, or PostgreSQL's own text form
 * (`2026-12-04 05:25:30.123456+00`, which keeps the microseconds a keyset needs). Years outside
 * 1900–2199 are refused: no NSP row is there, and some are outside what PostgreSQL accepts.
 */
const instantPattern =
  /^(19\d\d|2[01]\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** The parts a cursor key is made of. */
export const cursorPart = {
  timestamp: z.string().regex(instantPattern),
  uuid: z.uuid(),
  /** Text such as a code or a name: no NUL, no lone surrogates, bounded. */
  text: z.string().max(400).refine(isSafeText),
  integer: z.number().int().min(-2_147_483_648).max(2_147_483_647),
};

/** The shape of one list's cursor key, e.g. `cursorKey(cursorPart.timestamp, cursorPart.uuid)`. */
export const cursorKey = <const T extends [z.ZodType, ...z.ZodType[]]>(...parts: T) => z.tuple(parts);

const invalidCursor = () =>
  new ValidationError('The cursor is not valid.', [
    { path: 'cursor', message: 'is not a cursor this endpoint returned', in: 'querystring' },
  ]);

export function decodeCursor<T extends z.ZodTuple>(cursor: string | undefined, key: T): z.infer<T> | null {
  if (cursor === undefined || cursor === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = key.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** Splits a limit+1 fetch into the page and the next cursor. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
