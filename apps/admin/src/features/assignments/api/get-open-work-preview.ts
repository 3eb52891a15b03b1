import type { openWorkPreviewSchema } from '@nsp/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ASSIGNMENTS_QUERY_KEY } from './get-assignment-history';

export type OpenWorkPreview = (typeof openWorkPreviewSchema)['_output'];

/** How much open work a reassignment effective at `at` would move (asked before confirming). */
export function useOpenWorkPreview(neighborhoodId: string, at: string | null) {
  return useQuery({
    ...queryOptions({
      queryKey: [...ASSIGNMENTS_QUERY_KEY, 'open-work', neighborhoodId, at],
      queryFn: ({ signal }) =>
        api.get<OpenWorkPreview>(
          `/api/v1/neighborhoods/${encodeURIComponent(neighborhoodId)}/lieutenant/open-work`,
          {
            query: { at: at ?? undefined },
            signal,
          },
        ),
      staleTime: 15_000,
    }),
    placeholderData: keepPreviousData,
  });
}
