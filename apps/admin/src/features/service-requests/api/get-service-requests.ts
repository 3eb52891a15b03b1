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
    // "Due by" a date: due before that day ends.
    dueBefore: filters.dueBy ? startOfLocalDay(filters.dueBy, 1) : undefined,
    sort: filters.sort,
  };
}

/**
 * Whether the search also finds requests by the caller's name or phone: only for roles that may see
 * requesters' personal data (the API refuses it to the others with 403).
 */
export interface QueueSearchOptions {
  matchRequester?: boolean;
}

export function getServiceRequests(
  filters: QueueFilters,
  {
    cursor,
    signal,
    matchRequester = false,
    limit = QUEUE_PAGE_SIZE,
  }: { cursor?: string | null; signal?: AbortSignal; limit?: number } & QueueSearchOptions = {},
): Promise<ServiceRequestPage> {
  return api.get<ServiceRequestPage>('/api/v1/service-requests', {
    query: {
      ...queueQuery(filters),
      matchRequester: matchRequester && filters.q ? 'true' : undefined,
      limit,
      cursor,
      // The first page carries the counts per status (taken over every filter but the status, so each
      // tab shows its own number); later pages do not need them.
      counts: cursor ? 'false' : 'true',
    },
    signal,
  });
}

export function getServiceRequestsQueryOptions(filters: QueueFilters, options: QueueSearchOptions = {}) {
  const matchRequester = Boolean(options.matchRequester);
  return infiniteQueryOptions({
    queryKey: [...SERVICE_REQUESTS_QUERY_KEY, 'list', filters, { matchRequester }],
    queryFn: ({ pageParam, signal }) =>
      getServiceRequests(filters, { cursor: pageParam, signal, matchRequester }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Overdue flags are computed on every read; refresh them while the queue is open.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

export function useServiceRequests(filters: QueueFilters, options: QueueSearchOptions = {}) {
  return useInfiniteQuery(getServiceRequestsQueryOptions(filters, options));
}
