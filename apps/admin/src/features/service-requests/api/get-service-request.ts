import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ServiceRequestDetail } from '../types';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

export function getServiceRequest(id: string, signal?: AbortSignal): Promise<ServiceRequestDetail> {
  return api.get<ServiceRequestDetail>(`/api/v1/service-requests/${encodeURIComponent(id)}`, { signal });
}

export function serviceRequestDetailKey(id: string) {
  return [...SERVICE_REQUESTS_QUERY_KEY, 'detail', id] as const;
}

export function getServiceRequestQueryOptions(id: string) {
  return queryOptions({
    queryKey: serviceRequestDetailKey(id),
    queryFn: ({ signal }) => getServiceRequest(id, signal),
    staleTime: 10_000,
  });
}

export function useServiceRequest(id: string) {
  return useQuery(getServiceRequestQueryOptions(id));
}
