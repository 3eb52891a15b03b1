import type { statsContracts } from '@nsp/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ResponseTimes = (typeof statsContracts.responseTimes.responses)[200]['_output'];
export type Backlog = (typeof statsContracts.backlog.responses)[200]['_output'];
export type Scorecards = (typeof statsContracts.scorecards.responses)[200]['_output'];
export type GroupBy = 'neighborhood' | 'category' | 'lieutenant';

export interface StatsPeriod {
  from: string;
  to: string;
}

const STATS_KEY = ['stats'] as const;

export function useResponseTimes(period: StatsPeriod, groupBy: GroupBy) {
  return useQuery({
    ...queryOptions({
      queryKey: [...STATS_KEY, 'response-times', period, groupBy],
      queryFn: ({ signal }) =>
        api.get<ResponseTimes>('/api/v1/stats/response-times', { query: { ...period, groupBy }, signal }),
    }),
    placeholderData: keepPreviousData,
  });
}

export function useBacklog(period: StatsPeriod, interval: 'day' | 'week') {
  return useQuery({
    ...queryOptions({
      queryKey: [...STATS_KEY, 'backlog', period, interval],
      queryFn: ({ signal }) =>
        api.get<Backlog>('/api/v1/stats/backlog', { query: { ...period, interval }, signal }),
    }),
    placeholderData: keepPreviousData,
  });
}

export function useScorecards(period: StatsPeriod) {
  return useQuery({
    ...queryOptions({
      queryKey: [...STATS_KEY, 'scorecards', period],
      queryFn: ({ signal }) =>
        api.get<Scorecards>('/api/v1/stats/scorecards', { query: { ...period }, signal }),
    }),
    placeholderData: keepPreviousData,
  });
}
