import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Role } from '../../../lib/auth/types';

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
}

export const ME_QUERY_KEY = ['me'] as const;

export function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<Me> {
  return api.get<Me>('/api/v1/me', { signal });
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: ME_QUERY_KEY, queryFn: ({ signal }) => getMe({ signal }) });
}

export function useMe() {
  return useQuery(getMeQueryOptions());
}
