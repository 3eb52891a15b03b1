import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { InboxPage } from '../types';

export const NOTIFICATIONS_QUERY_KEY = ['notifications'] as const;

export function getInbox({
  cursor,
  unread,
  signal,
}: {
  cursor?: string | null;
  unread?: boolean;
  signal?: AbortSignal;
}) {
  return api.get<InboxPage>('/api/v1/notifications', {
    query: { limit: 50, cursor, unread: unread === undefined ? undefined : String(unread) },
    signal,
  });
}

export function getInboxQueryOptions(unreadOnly: boolean) {
  return infiniteQueryOptions({
    queryKey: [...NOTIFICATIONS_QUERY_KEY, 'inbox', { unreadOnly }],
    queryFn: ({ pageParam, signal }) =>
      getInbox({ cursor: pageParam, signal, ...(unreadOnly ? { unread: true } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery(getInboxQueryOptions(unreadOnly));
}

export function getUnreadCountQueryOptions() {
  return queryOptions({
    queryKey: [...NOTIFICATIONS_QUERY_KEY, 'unread-count'],
    queryFn: ({ signal }) =>
      api
        .get<{ unreadCount: number }>('/api/v1/notifications/unread-count', { signal })
        .then((reply) => reply.unreadCount),
    // The header shows it on every page: checked every minute (notices come from background jobs).
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

export function useUnreadCount() {
  return useQuery(getUnreadCountQueryOptions());
}
