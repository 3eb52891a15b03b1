import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { QueueFilters, ServiceRequestPage, StatusCounts } from '../types';

export const SERVICE_REQUESTS_QUERY_KEY = ['service-requests'] as const;
export const QUEUE_PAGE_SIZE = 100;

/** A local calendar date as the instant it starts (the API compares instants). */
function startOfLocalDay(date: string, plusDays = 0): string | undefined {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  return new Date(year, month - 1, day + plusDays).toISOString();
}

export function queueQuery(filters: QueueFilters) {
  return {
    status: filters.status.length > 0 ? filters.status.join(',') : undefined,
    neighborhoodId: filters.neighborhoodId ?? undefined,
    serviceCode: filters.serviceCode ?? undefined,
    priority: filters.priority ?? undefined,
    assigneeId: filters.assigneeId ?? undefined,
    overdue: filters.overdue ? 'true' : undefined,
    q: filters.q ?? undefined,
    createdFrom: filters.createdFrom ? startOfLocalDay(filters.createdFrom) : undefined,
    // "Created to" a date includes that whole day: the API's bound is exclusive.
    createdTo: filters.createdTo ? startOfLocalDay(filters.createdTo, 1) : undefined,
    sort: filters.sort,
  };
}

export function getServiceRequests(
  filters: QueueFilters,
  { cursor, signal }: { cursor?: string | null; signal?: AbortSignal } = {},
): Promise<ServiceRequestPage> {
  return api.get<ServiceRequestPage>('/api/v1/service-requests', {
    query: {
      ...queueQuery(filters),
      limit: QUEUE_PAGE_SIZE,
      cursor,
      // Counts come from their own query (useStatusCounts), which leaves the status filter out.
      counts: 'false',
    },
    signal,
  });
}

export function getServiceRequestsQueryOptions(filters: QueueFilters) {
  return infiniteQueryOptions({
    queryKey: [...SERVICE_REQUESTS_QUERY_KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) => getServiceRequests(filters, { cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Overdue flags are computed on every read; refresh them while the queue is open.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

export function useServiceRequests(filters: QueueFilters) {
  return useInfiniteQuery(getServiceRequestsQueryOptions(filters));
}

/**
 * Counts per status for the other filters, whatever status is shown: the API counts what matches
 * all filters, so with the status filter on, every other status would read 0. One row is fetched;
 * only the counts are used.
 */
export function getStatusCountsQueryOptions(filters: QueueFilters) {
  const withoutStatus: QueueFilters = { ...filters, status: [], sort: 'dueAt' };
  return queryOptions({
    queryKey: [...SERVICE_REQUESTS_QUERY_KEY, 'list', 'counts', withoutStatus],
    queryFn: ({ signal }) =>
      api
        .get<ServiceRequestPage>('/api/v1/service-requests', {
          query: { ...queueQuery(withoutStatus), limit: 1, counts: 'true' },
          signal,
        })
        .then((page): StatusCounts | null => page.counts),
    refetchInterval: 60_000,
  });
}

export function useStatusCounts(filters: QueueFilters) {
  return useQuery({ ...getStatusCountsQueryOptions(filters), placeholderData: keepPreviousData });
}
