import type { PublicTextCatalog } from '@nsp/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const PUBLIC_TEXTS_QUERY_KEY = ['public-texts'] as const;

export function getPublicTexts({ signal }: { signal?: AbortSignal } = {}): Promise<PublicTextCatalog> {
  return api.get<PublicTextCatalog>('/api/v1/public-texts', { signal });
}

export function getPublicTextsQueryOptions() {
  return queryOptions({
    queryKey: PUBLIC_TEXTS_QUERY_KEY,
    queryFn: ({ signal }) => getPublicTexts({ signal }),
  });
}

export function usePublicTexts() {
  return useQuery(getPublicTextsQueryOptions());
}
