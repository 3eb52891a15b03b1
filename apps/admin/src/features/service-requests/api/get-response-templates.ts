import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RequestStatusValue, ResponseTemplateList } from '../types';

export function getResponseTemplatesQueryOptions(serviceCode: string, status: RequestStatusValue) {
  return queryOptions({
    queryKey: ['response-templates', { serviceCode, status }],
    queryFn: ({ signal }) =>
      api
        .get<ResponseTemplateList>('/api/v1/response-templates', { query: { serviceCode, status }, signal })
        .then((list) => list.items),
    staleTime: 10 * 60_000,
  });
}

/** Canned replies for the request's category and status (and the ones for every category/status). */
export function useResponseTemplates(serviceCode: string, status: RequestStatusValue, enabled = true) {
  return useQuery({ ...getResponseTemplatesQueryOptions(serviceCode, status), enabled });
}
