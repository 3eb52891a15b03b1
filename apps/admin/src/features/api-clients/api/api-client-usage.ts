import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { apiClientUsageSchema } from '@nsp/contracts';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { ApiClientRecord } from '../types';
import { API_CLIENTS_QUERY_KEY } from './get-api-clients';

export type ApiClientUsage = (typeof apiClientUsageSchema)['_output'];

export function getApiClientUsageQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...API_CLIENTS_QUERY_KEY, id, 'usage'],
    queryFn: ({ signal }) =>
      api.get<ApiClientUsage>(`/api/v1/api-clients/${encodeURIComponent(id)}/usage`, { signal }),
  });
}

export function useApiClientUsage(id: string) {
  return useQuery(getApiClientUsageQueryOptions(id));
}

/** Renames a client or changes its requests per minute (null: the deployment's default). */
export function updateApiClient({
  id,
  ...body
}: {
  id: string;
  name?: string;
  rateLimitPerMinute?: number | null;
}): Promise<ApiClientRecord> {
  return api.patch<ApiClientRecord>(`/api/v1/api-clients/${encodeURIComponent(id)}`, body);
}

export function useUpdateApiClient({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updateApiClient>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateApiClient,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: API_CLIENTS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
