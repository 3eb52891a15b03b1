import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import type { BulkBody, BulkResult } from '../types';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/** The API takes at most 500 ids per call (contracts: bulkBodySchema). */
export const BULK_BATCH_SIZE = 500;

export type BulkAction = DistributiveOmit<BulkBody, 'ids'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface BulkProgress {
  done: number;
  total: number;
}

/**
 * Applies one action to many requests, in batches the API accepts, reporting progress after each
 * batch. Each batch is one transaction on the server with a result per request; a failed batch
 * (network, 5xx) stops the run and the results so far are kept.
 */
export async function bulkChangeServiceRequests(
  ids: readonly string[],
  action: BulkAction,
  onProgress: (progress: BulkProgress) => void = () => {},
): Promise<BulkResult> {
  const combined: BulkResult = { results: [], succeeded: 0, failed: 0 };
  onProgress({ done: 0, total: ids.length });
  for (let start = 0; start < ids.length; start += BULK_BATCH_SIZE) {
    const batch = ids.slice(start, start + BULK_BATCH_SIZE);
    const result = await api.post<BulkResult>('/api/v1/service-requests/bulk', { ...action, ids: batch });
    combined.results.push(...result.results);
    combined.succeeded += result.succeeded;
    combined.failed += result.failed;
    onProgress({ done: Math.min(start + batch.length, ids.length), total: ids.length });
  }
  return combined;
}

export function useBulkChangeServiceRequests() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const mutation = useMutation({
    mutationFn: ({ ids, action }: { ids: readonly string[]; action: BulkAction }) =>
      bulkChangeServiceRequests(ids, action, setProgress),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SERVICE_REQUESTS_QUERY_KEY }),
  });
  return { ...mutation, progress };
}
