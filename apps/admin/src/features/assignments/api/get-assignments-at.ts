import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AssignmentRole, AssignmentsAt } from '../types';
import { ASSIGNMENTS_QUERY_KEY } from './get-assignment-history';

export interface AssignmentsAtParams {
  /** ISO instant; null = now. */
  at: string | null;
  neighborhoodId: string | null;
  role: AssignmentRole | null;
}

export function getAssignmentsAtQueryOptions(params: AssignmentsAtParams) {
  return queryOptions({
    queryKey: [...ASSIGNMENTS_QUERY_KEY, 'at', params],
    queryFn: ({ signal }) =>
      api.get<AssignmentsAt>('/api/v1/assignments', {
        query: {
          at: params.at ?? undefined,
          neighborhoodId: params.neighborhoodId ?? undefined,
          role: params.role ?? undefined,
          limit: 500,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Who held which role where at an instant, and the lieutenant coverage gaps in the 14 days after it. */
export function useAssignmentsAt(params: AssignmentsAtParams) {
  return useQuery(getAssignmentsAtQueryOptions(params));
}
