import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import { NOTIFICATIONS_QUERY_KEY } from './get-inbox';

export type MarkReadInput = { ids: string[] } | { all: true };

export function markRead(input: MarkReadInput) {
  return api.post<{ marked: number; unreadCount: number }>('/api/v1/notifications/read', input);
}

export function useMarkRead({ mutationConfig }: { mutationConfig?: MutationConfig<typeof markRead> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: markRead,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
