import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { CreateApiClientBody, CreatedApiClient } from '../types';
import { API_CLIENTS_QUERY_KEY } from './get-api-clients';

export function createApiClient(input: CreateApiClientBody): Promise<CreatedApiClient> {
  return api.post<CreatedApiClient>('/api/v1/api-clients', input);
}

export function useCreateApiClient({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createApiClient>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createApiClient,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: API_CLIENTS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
