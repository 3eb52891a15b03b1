import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import { API_CLIENTS_QUERY_KEY } from './get-api-clients';

/** Revokes the client: its key stops working at once; the record stays for the audit trail. */
export function deleteApiClient({ id }: { id: string }): Promise<void> {
  return api.delete<void>(`/api/v1/api-clients/${encodeURIComponent(id)}`);
}

export function useDeleteApiClient({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof deleteApiClient>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: deleteApiClient,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: API_CLIENTS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
