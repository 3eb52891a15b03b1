import { ValidationError } from './errors.ts';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. Opaque so that clients do not
 * build them, keyset so that page 20 costs what page 1 costs.
 */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): (string | number | null)[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length) return value;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('The cursor is not valid.', [
    { path: 'cursor', message: 'is not a cursor this endpoint returned', in: 'querystring' },
  ]);
}

/** Splits a limit+1 fetch into the page and the next cursor. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
