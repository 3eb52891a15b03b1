import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { QueueFilters, ServiceRequestPage } from '../types';

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
      // The first page carries the counts per status (taken over every filter but the status, so each
      // tab shows its own number); later pages do not need them.
      counts: cursor ? 'false' : 'true',
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
