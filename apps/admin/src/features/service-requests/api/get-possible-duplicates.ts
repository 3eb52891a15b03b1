import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PossibleDuplicates } from '../types';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/** Open requests of a category near a point: what intake would flag as possible duplicates. */
export function usePossibleDuplicates(
  probe: { serviceCode: string; lat: number; lon: number; excludeId?: string } | null,
) {
  return useQuery({
    ...queryOptions({
      queryKey: [...SERVICE_REQUESTS_QUERY_KEY, 'possible-duplicates', probe],
      queryFn: ({ signal }) =>
        api.get<PossibleDuplicates>('/api/v1/service-requests/possible-duplicates', {
          query: probe ?? {},
          signal,
        }),
      staleTime: 30_000,
    }),
    enabled: probe !== null,
  });
}
