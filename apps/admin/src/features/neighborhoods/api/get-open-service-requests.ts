import type { openRequestStatuses, ServiceRequest } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../lib/pagination';

/** The contracts' list, typed against it: importing the value would bring zod into the browser bundle. */
const OPEN_STATUSES: typeof openRequestStatuses = ['new', 'triaged', 'assigned', 'in_progress'];

/** The API's largest page: the map shows at most this many, the most urgent first (by due time). */
export const OPEN_REQUESTS_ON_MAP_LIMIT = 500;

export interface OpenServiceRequests {
  requests: ServiceRequest[];
  /** More open requests exist than one page holds; the queue lists them all. */
  truncated: boolean;
}

export async function getOpenServiceRequests({ signal }: { signal?: AbortSignal } = {}) {
  const page = await api.get<Page<ServiceRequest>>('/api/v1/service-requests', {
    query: {
      status: OPEN_STATUSES,
      limit: OPEN_REQUESTS_ON_MAP_LIMIT,
      sort: 'dueAt',
      counts: 'false',
    },
    signal,
  });
  return { requests: page.items, truncated: page.nextCursor !== null } satisfies OpenServiceRequests;
}

export function getOpenServiceRequestsQueryOptions() {
  return queryOptions({
    // Under the queue's 'service-requests' 'list' key: changes and live events refresh it too.
    queryKey: ['service-requests', 'list', 'open-on-map'] as const,
    queryFn: ({ signal }) => getOpenServiceRequests({ signal }),
    // Overdue flags are computed on every read; refresh them while the map shows them.
    refetchInterval: 60_000,
  });
}

export function useOpenServiceRequests({ enabled }: { enabled: boolean }) {
  return useQuery({ ...getOpenServiceRequestsQueryOptions(), enabled });
}
