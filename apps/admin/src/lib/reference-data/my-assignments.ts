import type { MyAssignments } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api-client';

/**
 * The signed-in person's personnel record and the neighborhoods and roles they hold now: what "my
 * work" and "my neighborhood" mean (home pages, queue presets). Reassignments invalidate ['personnel'].
 */
export function getMyAssignmentsQueryOptions() {
  return queryOptions({
    queryKey: ['personnel', 'me'],
    queryFn: ({ signal }) => api.get<MyAssignments>('/api/v1/me/assignments', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useMyAssignments() {
  return useQuery(getMyAssignmentsQueryOptions());
}
