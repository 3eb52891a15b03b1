import type { Jurisdiction } from '@nsp/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type { Jurisdiction };

export const JURISDICTION_QUERY_KEY = ['jurisdiction'] as const;

export function getJurisdiction(signal?: AbortSignal) {
  return api.get<Jurisdiction>('/api/v1/jurisdiction', { signal });
}

export function getJurisdictionQueryOptions() {
  return {
    queryKey: JURISDICTION_QUERY_KEY,
    queryFn: ({ signal }: { signal?: AbortSignal }) => getJurisdiction(signal),
  };
}

export function useJurisdiction() {
  return useQuery(getJurisdictionQueryOptions());
}

export interface JurisdictionChanges {
  state: string | null;
  towns: Jurisdiction['towns'];
  villages: Jurisdiction['villages'];
  zipCodes: string[];
  /** The version that was read: a change made meanwhile by someone else is refused (412). */
  version: number;
}

export function updateJurisdiction(changes: JurisdictionChanges) {
  return api.patch<Jurisdiction>('/api/v1/jurisdiction', changes);
}

export function useUpdateJurisdiction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateJurisdiction,
    onSuccess: (saved) => {
      queryClient.setQueryData(JURISDICTION_QUERY_KEY, saved);
      void queryClient.invalidateQueries({ queryKey: ['geocode'] });
    },
  });
}
