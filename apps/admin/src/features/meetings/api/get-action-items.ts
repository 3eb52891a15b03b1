import type { ActionItem } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { MEETINGS_QUERY_KEY } from './get-meetings';

/** Open action items past their due date in the neighborhoods the signed-in lieutenant leads. */
export function getMyOverdueActionItemsQueryOptions() {
  return queryOptions({
    queryKey: [...MEETINGS_QUERY_KEY, 'action-items', 'mine-overdue'],
    queryFn: ({ signal }) =>
      api.get<{ items: ActionItem[] }>('/api/v1/action-items', {
        query: { neighborhoodId: 'mine', overdue: 'true' },
        signal,
      }),
    staleTime: 60_000,
  });
}

export function useMyOverdueActionItems(enabled = true) {
  return useQuery({ ...getMyOverdueActionItemsQueryOptions(), enabled });
}
