import type { AddressPointsImportResult } from '@nsp/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import type { AddressFilePart } from '../utils/address-file';

export type { AddressPointsImportResult };

export interface ImportProgress {
  rowsDone: number;
  rowsTotal: number;
  partsDone: number;
  partsTotal: number;
}

/**
 * Sends the parts one after another and adds up their counts. Each part is upserted on its own,
 * so a failure midway (network, server) keeps what was imported and reports where it stopped.
 */
export async function importAddressPoints(
  parts: readonly AddressFilePart[],
  onProgress: (progress: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<AddressPointsImportResult> {
  const rowsTotal = parts.reduce((sum, part) => sum + part.rows, 0);
  const combined: AddressPointsImportResult = { total: 0, inserted: 0, updated: 0, rejected: [] };
  let rowsDone = 0;
  onProgress({ rowsDone, rowsTotal, partsDone: 0, partsTotal: parts.length });
  for (const [index, part] of parts.entries()) {
    const body = typeof part.body === 'string' ? part.body : JSON.stringify(part.body);
    const result = await api.post<AddressPointsImportResult>('/api/v1/address-points', body, {
      headers: { 'Content-Type': part.contentType },
      signal,
    });
    combined.total += result.total;
    combined.inserted += result.inserted;
    combined.updated += result.updated;
    combined.rejected.push(...result.rejected.map((row) => ({ ...row, row: row.row + part.rowOffset })));
    rowsDone += part.rows;
    onProgress({ rowsDone, rowsTotal, partsDone: index + 1, partsTotal: parts.length });
  }
  return combined;
}

export function useImportAddressPoints() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (parts: readonly AddressFilePart[]) => importAddressPoints(parts, setProgress),
    // Geocoding answers may differ now.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['geocode'] }),
  });
  return { ...mutation, progress };
}
