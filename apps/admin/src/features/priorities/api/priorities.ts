import type {
  CreatePriorityActionBody,
  CreatePriorityBody,
  Priority,
  UpdatePriorityBody,
} from '@nsp/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { MEETINGS_QUERY_KEY } from '../../meetings/api/get-meetings';

export const PRIORITIES_QUERY_KEY = ['priorities'] as const;

export function getNeighborhoodPrioritiesQueryOptions(neighborhoodId: string) {
  return queryOptions({
    queryKey: [...PRIORITIES_QUERY_KEY, 'neighborhood', neighborhoodId],
    queryFn: ({ signal }) =>
      api.get<{ items: Priority[] }>(`/api/v1/neighborhoods/${neighborhoodId}/priorities`, { signal }),
  });
}
export const useNeighborhoodPriorities = (neighborhoodId: string) =>
  useQuery(getNeighborhoodPrioritiesQueryOptions(neighborhoodId));

export const useStalePriorities = (enabled: boolean) =>
  useQuery({
    queryKey: [...PRIORITIES_QUERY_KEY, 'stale'],
    queryFn: ({ signal }) => api.get<{ items: Priority[] }>('/api/v1/priorities/stale', { signal }),
    enabled,
  });

/** A change to a priority shows on its neighborhood, the stale list and meetings' "you said, we did". */
function usePriorityMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: PRIORITIES_QUERY_KEY }),
        queryClient.invalidateQueries({ queryKey: MEETINGS_QUERY_KEY }),
      ]);
    },
  });
}

export const useCreatePriority = () =>
  usePriorityMutation(({ neighborhoodId, ...body }: CreatePriorityBody & { neighborhoodId: string }) =>
    api.post<Priority>(`/api/v1/neighborhoods/${neighborhoodId}/priorities`, body),
  );

export const useUpdatePriority = () =>
  usePriorityMutation(({ id, ...body }: UpdatePriorityBody & { id: string }) =>
    api.patch<Priority>(`/api/v1/priorities/${id}`, body),
  );

export const useAddPriorityAction = () =>
  usePriorityMutation(({ id, ...body }: CreatePriorityActionBody & { id: string }) =>
    api.post<Priority>(`/api/v1/priorities/${id}/actions`, body),
  );

/** Opens the monthly report (HTML to print, or CSV to save): fetched with the session, shown from memory. */
export async function openPriorityReport(format: 'csv' | 'html', month: string): Promise<void> {
  const blob = await api.get<Blob>(`/api/v1/priorities/report.${format}`, {
    query: { month },
    responseType: 'blob',
  });
  const url = URL.createObjectURL(blob);
  if (format === 'html') window.open(url, '_blank', 'noopener');
  else {
    const link = document.createElement('a');
    link.href = url;
    link.download = `priorities-${month}.csv`;
    link.click();
  }
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
