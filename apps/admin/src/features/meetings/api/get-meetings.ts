import type { MeetingSummary } from '@nsp/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const MEETINGS_QUERY_KEY = ['meetings'] as const;

export interface MeetingFilters {
  neighborhoodId: string | null;
  /** Meetings starting in [from, to). */
  from: string;
  to: string;
}

export function getMeetingsQueryOptions(filters: MeetingFilters) {
  return queryOptions({
    queryKey: [...MEETINGS_QUERY_KEY, 'list', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: MeetingSummary[] }>('/api/v1/meetings', {
        query: {
          neighborhoodId: filters.neighborhoodId ?? undefined,
          from: filters.from,
          to: filters.to,
          limit: 500,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMeetings(filters: MeetingFilters) {
  return useQuery(getMeetingsQueryOptions(filters));
}
