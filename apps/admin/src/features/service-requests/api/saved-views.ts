import type { SavedView } from '@nsp/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The signed-in person's saved queue views (private to them). */
export const SAVED_VIEWS_QUERY_KEY = ['saved-views'] as const;

export function getSavedViewsQueryOptions() {
  return queryOptions({
    queryKey: SAVED_VIEWS_QUERY_KEY,
    queryFn: ({ signal }) =>
      api.get<{ items: SavedView[] }>('/api/v1/saved-views', { signal }).then((reply) => reply.items),
    staleTime: 5 * 60_000,
  });
}

export function useSavedViews() {
  return useQuery(getSavedViewsQueryOptions());
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) => api.post<SavedView>('/api/v1/saved-views', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_VIEWS_QUERY_KEY }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<null>(`/api/v1/saved-views/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_VIEWS_QUERY_KEY }),
  });
}
