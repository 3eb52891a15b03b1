import type { ServiceType } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api-client';
import { fetchAllPages } from '../pagination';

export const SERVICE_TYPES_QUERY_KEY = ['service-types'] as const;

/** The active categories with their questions; a department has dozens, not thousands. */
export function getServiceTypesQueryOptions() {
  return queryOptions({
    queryKey: [...SERVICE_TYPES_QUERY_KEY, 'active'],
    queryFn: ({ signal }) =>
      fetchAllPages<ServiceType>(api, '/api/v1/service-types', { query: { limit: 500 }, signal }),
    staleTime: 10 * 60_000,
  });
}

export function useServiceTypes() {
  return useQuery(getServiceTypesQueryOptions());
}

/** The text in the wanted language, else English (the contracts require English). */
export function localized(
  text: { en: string; [language: string]: string | undefined },
  language = 'en',
): string {
  return text[language] ?? text.en;
}

export function serviceTypeName(types: readonly ServiceType[] | undefined, code: string): string {
  const type = types?.find((candidate) => candidate.code === code);
  return type ? localized(type.name) : code;
}
