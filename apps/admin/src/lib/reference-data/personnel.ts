import type { Personnel } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api-client';
import { fetchAllPages } from '../pagination';

/**
 * The department's people, for pickers (assignee, incoming lieutenant). Shared by several features,
 * so it lives here rather than inside one of them. The personnel screen invalidates this key too.
 */
export const PERSONNEL_QUERY_KEY = ['personnel'] as const;

export function getActivePersonnelQueryOptions() {
  return queryOptions({
    queryKey: [...PERSONNEL_QUERY_KEY, 'active'],
    queryFn: ({ signal }) =>
      fetchAllPages<Personnel>(api, '/api/v1/personnel', { query: { limit: 500, active: 'true' }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useActivePersonnel() {
  return useQuery(getActivePersonnelQueryOptions());
}

/** "Lt. Maria Kowalski (Lieutenant, #1234)" — enough to tell two people with one name apart. */
export function personLabel(person: Pick<Personnel, 'name' | 'title' | 'badgeNumber'>): string {
  const details = [person.title, person.badgeNumber ? `#${person.badgeNumber}` : '']
    .filter(Boolean)
    .join(', ');
  return details ? `${person.name} (${details})` : person.name;
}
