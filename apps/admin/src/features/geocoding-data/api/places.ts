import type { Place, PlacesImportResult } from '@nsp/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type { Place, PlacesImportResult };

export const PLACES_QUERY_KEY = ['places'] as const;

export function getPlaces(q: string, signal?: AbortSignal) {
  return api.get<{ items: Place[]; nextCursor: string | null }>('/api/v1/places', {
    query: { limit: 500, q: q.trim() || undefined },
    signal,
  });
}

export function getPlacesQueryOptions(q: string) {
  return {
    queryKey: [...PLACES_QUERY_KEY, q.trim().toLowerCase()] as const,
    queryFn: ({ signal }: { signal?: AbortSignal }) => getPlaces(q, signal),
  };
}

/** The gazetteer, by name (the first 500 matching the search). */
export function usePlaces(q: string) {
  return useQuery({ ...getPlacesQueryOptions(q), placeholderData: keepPreviousData });
}

export interface PlacesFile {
  body: string;
  contentType: 'text/csv' | 'application/json';
}

export function importPlaces(file: PlacesFile) {
  return api.post<PlacesImportResult>('/api/v1/places', file.body, {
    headers: { 'Content-Type': file.contentType },
  });
}

export function deletePlace(id: string) {
  return api.delete(`/api/v1/places/${encodeURIComponent(id)}`);
}

/** Both change what addresses geocode to: the list and every cached geocode are refreshed. */
function useGazetteerMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PLACES_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ['geocode'] });
    },
  });
}

export const useImportPlaces = () => useGazetteerMutation(importPlaces);
export const useDeletePlace = () => useGazetteerMutation(deletePlace);
