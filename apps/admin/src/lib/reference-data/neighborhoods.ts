import type { Neighborhood } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api-client';
import { fetchAllPages } from '../pagination';

/**
 * The department's neighborhoods (a handful), used by many screens: the map, filters, pickers.
 * Boundary imports and reassignments invalidate this key.
 */
export const NEIGHBORHOODS_QUERY_KEY = ['neighborhoods'] as const;

interface GetNeighborhoodsParams {
  /** Boundaries are the heavy part of the reply; only the map asks for them. */
  includeBoundary?: boolean;
}

export function getNeighborhoods({
  includeBoundary = false,
  signal,
}: GetNeighborhoodsParams & { signal?: AbortSignal } = {}): Promise<Neighborhood[]> {
  return fetchAllPages<Neighborhood>(api, '/api/v1/neighborhoods', {
    query: { limit: 500, includeBoundary: includeBoundary ? 'true' : undefined },
    signal,
  });
}

export function getNeighborhoodsQueryOptions({ includeBoundary = false }: GetNeighborhoodsParams = {}) {
  return queryOptions({
    queryKey: [...NEIGHBORHOODS_QUERY_KEY, 'list', { includeBoundary }],
    queryFn: ({ signal }) => getNeighborhoods({ includeBoundary, signal }),
    // Neighborhoods and their lieutenants change rarely; no need to refetch on every focus.
    staleTime: 5 * 60_000,
  });
}

export function useNeighborhoods(params: GetNeighborhoodsParams = {}) {
  return useQuery(getNeighborhoodsQueryOptions(params));
}

/** Without boundaries: for filters and pickers. */
export function useNeighborhoodList() {
  return useNeighborhoods();
}

export function getNeighborhoodQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...NEIGHBORHOODS_QUERY_KEY, 'detail', id],
    queryFn: ({ signal }) =>
      api.get<Neighborhood>(`/api/v1/neighborhoods/${encodeURIComponent(id)}`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** One neighborhood with its current boundary. */
export function useNeighborhood(id: string | null | undefined) {
  return useQuery({ ...getNeighborhoodQueryOptions(id ?? ''), enabled: Boolean(id) });
}
