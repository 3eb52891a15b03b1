import { queryOptions, useQuery } from '@tanstack/react-query';
import { parseQueueFilters } from '../utils/queue-search-params';
import { getServiceRequests, SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/**
 * A slice of the queue for a home page: the first few requests and the counts per status for the
 * queue's filters in `query` (the query string of the queue's address), so a link with that query
 * opens exactly what was counted. Under the queue's key: live updates refresh it too.
 */
export function getQueueSliceQueryOptions(query: string, limit = 5) {
  const filters = parseQueueFilters(new URLSearchParams(query));
  return queryOptions({
    queryKey: [...SERVICE_REQUESTS_QUERY_KEY, 'list', 'slice', query, limit],
    queryFn: ({ signal }) => getServiceRequests(filters, { signal, limit }),
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

export function useQueueSlice(query: string, limit = 5) {
  return useQuery(getQueueSliceQueryOptions(query, limit));
}
