import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface SaraFigures {
  byNeighborhood: Array<{ neighborhoodId: string; neighborhoodName: string; stages: Record<string, number> }>;
  medianDaysInStage: Record<string, number | null>;
}

/** SARA figures for the dashboards: cases by stage per neighborhood, median days in each stage. */
export function getSaraFiguresQueryOptions() {
  return queryOptions({
    queryKey: ['sara-cases', 'figures'],
    queryFn: ({ signal }) => api.get<SaraFigures>('/api/v1/sara-cases/figures', { signal }),
  });
}

export const useSaraFigures = () => useQuery(getSaraFiguresQueryOptions());
