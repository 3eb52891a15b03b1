import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../lib/pagination';
import type { Assignment, AssignmentRole } from '../types';

export const ASSIGNMENTS_QUERY_KEY = ['assignments'] as const;

export function getAssignmentHistory(
  neighborhoodId: string,
  {
    role,
    cursor,
    signal,
  }: { role?: AssignmentRole | undefined; cursor?: string | null; signal?: AbortSignal },
) {
  return api.get<Page<Assignment>>(
    `/api/v1/neighborhoods/${encodeURIComponent(neighborhoodId)}/assignments`,
    {
      query: { limit: 100, role, cursor },
      signal,
    },
  );
}

export function getAssignmentHistoryQueryOptions(neighborhoodId: string, role?: AssignmentRole) {
  return infiniteQueryOptions({
    queryKey: [...ASSIGNMENTS_QUERY_KEY, 'history', neighborhoodId, { role: role ?? null }],
    queryFn: ({ pageParam, signal }) =>
      getAssignmentHistory(neighborhoodId, { role, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/** A neighborhood's assignments, newest first, including superseded records (the full record). */
export function useAssignmentHistory(neighborhoodId: string, role?: AssignmentRole) {
  return useInfiniteQuery(getAssignmentHistoryQueryOptions(neighborhoodId, role));
}
