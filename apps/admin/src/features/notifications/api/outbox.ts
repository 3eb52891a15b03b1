import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { OutboxDelivery } from '../types';

export const OUTBOX_QUERY_KEY = ['notification-outbox'] as const;

export interface OutboxFilters {
  status?: OutboxDelivery['status'] | '';
  channel?: string;
  audience?: 'staff' | 'requester' | '';
}

export function getOutboxQueryOptions(filters: OutboxFilters) {
  return infiniteQueryOptions({
    queryKey: [...OUTBOX_QUERY_KEY, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: OutboxDelivery[]; nextCursor: string | null }>('/api/v1/notification-outbox', {
        query: {
          limit: 50,
          cursor: pageParam,
          status: filters.status || undefined,
          channel: filters.channel || undefined,
        },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useOutbox(filters: OutboxFilters) {
  return useInfiniteQuery(getOutboxQueryOptions(filters));
}

export function retryDelivery(id: string) {
  return api.post<OutboxDelivery>(`/api/v1/notification-outbox/${encodeURIComponent(id)}/retry`);
}

export function useRetryDelivery({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof retryDelivery>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: retryDelivery,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: OUTBOX_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
