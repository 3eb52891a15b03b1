import type { ClientConfig } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client';

/**
 * Settings the API hands the app at run time (GET /api/v1/client-config), so one build serves
 * every department: today the map's tile server, set with NSP_MAP_TILE_URL.
 */
export const CLIENT_CONFIG_QUERY_KEY = ['client-config'] as const;

/** What the app uses when the API cannot be asked: no tiles, which works everywhere. */
export const FALLBACK_CLIENT_CONFIG: ClientConfig = { map: { tileUrl: null, attribution: null } };

export function getClientConfig({ signal }: { signal?: AbortSignal } = {}): Promise<ClientConfig> {
  // Public and the same for everyone: no token, so it never waits on a session refresh.
  return api.get<ClientConfig>('/api/v1/client-config', { signal, authenticate: false });
}

export function getClientConfigQueryOptions() {
  return queryOptions({
    queryKey: CLIENT_CONFIG_QUERY_KEY,
    queryFn: ({ signal }) => getClientConfig({ signal }),
    // Changes only when the API restarts with other settings.
    staleTime: 60 * 60_000,
    retry: 1,
  });
}

export function useClientConfig() {
  return useQuery(getClientConfigQueryOptions());
}
