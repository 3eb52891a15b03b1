import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { fetchAllPages } from '../../../lib/pagination';
import type { ApiClientRecord } from '../types';

export const API_CLIENTS_QUERY_KEY = ['api-clients'] as const;

export function getApiClients({ signal }: { signal?: AbortSignal } = {}): Promise<ApiClientRecord[]> {
  return fetchAllPages<ApiClientRecord>(api, '/api/v1/api-clients', { query: { limit: 500 }, signal });
}

export function getApiClientsQueryOptions() {
  return queryOptions({
    queryKey: [...API_CLIENTS_QUERY_KEY, 'list'],
    queryFn: ({ signal }) => getApiClients({ signal }),
  });
}

export function useApiClients() {
  return useQuery(getApiClientsQueryOptions());
}
