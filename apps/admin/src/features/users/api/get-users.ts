import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../lib/pagination';
import type { User } from '../types';

export const USERS_QUERY_KEY = ['users'] as const;
const PAGE_SIZE = 100;

export function getUsers({ cursor, signal }: { cursor?: string | null; signal?: AbortSignal } = {}) {
  return api.get<Page<User>>('/api/v1/users', { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getUsersQueryOptions() {
  return infiniteQueryOptions({
    queryKey: [...USERS_QUERY_KEY, 'list'],
    queryFn: ({ pageParam, signal }) => getUsers({ cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useUsers() {
  return useInfiniteQuery(getUsersQueryOptions());
}
