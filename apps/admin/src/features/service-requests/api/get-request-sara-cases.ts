import type { SaraStage } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface RequestSaraCase {
  id: string;
  title: string;
  stage: SaraStage;
}

/** The SARA cases a request is evidence for; under the SARA key, so linking and unlinking refresh it. */
export function getRequestSaraCasesQueryOptions(requestId: string) {
  return queryOptions({
    queryKey: ['sara-cases', 'of-request', requestId],
    queryFn: ({ signal }) =>
      api
        .get<{ items: RequestSaraCase[] }>(
          `/api/v1/service-requests/${encodeURIComponent(requestId)}/sara-cases`,
          { signal },
        )
        .then((reply) => reply.items),
  });
}

export function useRequestSaraCases(requestId: string) {
  return useQuery(getRequestSaraCasesQueryOptions(requestId));
}
