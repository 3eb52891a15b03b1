import type { ApiClient, RequestOptions } from './api-client';

/** The list envelope every NSP list endpoint answers with. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Follows `nextCursor` to the end, for short reference lists (six neighborhoods, a handful of
 * API clients) that a screen needs whole. The page cap guards against a cursor that never ends.
 */
export async function fetchAllPages<T>(
  client: ApiClient,
  path: string,
  options: Omit<RequestOptions, 'body'> & { maxPages?: number } = {},
): Promise<T[]> {
  const { maxPages = 20, query, ...rest } = options;
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: Page<T> = await client.get<Page<T>>(path, { ...rest, query: { ...query, cursor } });
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}
