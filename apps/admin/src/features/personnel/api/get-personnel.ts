import type { Personnel, PersonnelKind, workloadSchema } from '@nsp/contracts';
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../lib/pagination';
import { PERSONNEL_QUERY_KEY } from '../../../lib/reference-data/personnel';

export type Workload = (typeof workloadSchema)['_output'];

export interface PersonnelFilters {
  q: string | null;
  kind: PersonnelKind | null;
  /** null: active and inactive. */
  active: boolean | null;
}

export function getPersonnelQueryOptions(filters: PersonnelFilters) {
  return infiniteQueryOptions({
    queryKey: [...PERSONNEL_QUERY_KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Personnel>>('/api/v1/personnel', {
        query: {
          limit: 100,
          cursor: pageParam,
          q: filters.q ?? undefined,
          kind: filters.kind ?? undefined,
          active: filters.active === null ? undefined : String(filters.active),
        },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePersonnel(filters: PersonnelFilters) {
  return useInfiniteQuery(getPersonnelQueryOptions(filters));
}

/** Open and overdue requests per person now, with their current assignments. */
export function getWorkloadQueryOptions() {
  return queryOptions({
    queryKey: [...PERSONNEL_QUERY_KEY, 'workload'],
    queryFn: ({ signal }) =>
      api.get<Workload>('/api/v1/personnel/workload', { query: { includeInactive: 'true' }, signal }),
    staleTime: 30_000,
  });
}

export function useWorkload() {
  return useQuery(getWorkloadQueryOptions());
}
