import type { geocodeResultSchema, locateResultSchema } from '@nsp/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type GeocodeResult = (typeof geocodeResultSchema)['_output'];
export type LocateResult = (typeof locateResultSchema)['_output'];

export function geocodeAddress(address: string, signal?: AbortSignal) {
  return api.get<GeocodeResult>('/api/v1/geocode', { query: { address }, signal });
}

/** The match, its neighborhood and the candidates for what has been typed so far (debounced by the caller). */
export function useGeocode(address: string) {
  const trimmed = address.trim();
  return useQuery({
    ...queryOptions({
      queryKey: ['geocode', trimmed.toLowerCase()],
      queryFn: ({ signal }) => geocodeAddress(trimmed, signal),
      staleTime: 5 * 60_000,
    }),
    enabled: trimmed.length >= 3,
    // Keep the last answer on screen while the next one loads, so the panel does not flicker.
    placeholderData: keepPreviousData,
  });
}

export function useLocatePoint(lat: number | null, lon: number | null) {
  const valid = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return useQuery({
    queryKey: ['locate', lat, lon],
    queryFn: ({ signal }) => api.get<LocateResult>('/api/v1/locate', { query: { lat, lon }, signal }),
    enabled: valid,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
