import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RequesterRequests } from '../types';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/** The same caller's other requests (staff only: found through personal data). */
export function useRequesterRequests(id: string, enabled: boolean) {
  return useQuery({
    ...queryOptions({
      queryKey: [...SERVICE_REQUESTS_QUERY_KEY, 'requester-requests', id],
      queryFn: ({ signal }) =>
        api.get<RequesterRequests>(`/api/v1/service-requests/${encodeURIComponent(id)}/requester-requests`, {
          signal,
        }),
      staleTime: 30_000,
    }),
    enabled,
  });
}
