import type { Meeting } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { MEETINGS_QUERY_KEY } from './get-meetings';

export function getMeetingQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...MEETINGS_QUERY_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<Meeting>(`/api/v1/meetings/${id}`, { signal }),
  });
}

export function useMeeting(id: string) {
  return useQuery(getMeetingQueryOptions(id));
}
