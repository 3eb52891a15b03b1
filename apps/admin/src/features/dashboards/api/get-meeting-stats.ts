import type { meetingStatsSchema } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type MeetingStats = (typeof meetingStatsSchema)['_output'];

export function getMeetingStatsQueryOptions(range: { from: string; to: string }) {
  return queryOptions({
    queryKey: ['stats', 'meetings', range],
    queryFn: ({ signal }) => api.get<MeetingStats>('/api/v1/stats/meetings', { query: range, signal }),
    staleTime: 60_000,
  });
}

export function useMeetingStats(range: { from: string; to: string }) {
  return useQuery(getMeetingStatsQueryOptions(range));
}
