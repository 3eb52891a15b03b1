import type { BoundaryImportReport } from '@nsp/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { isApiProblem } from '../../../lib/api-problem';
import { NEIGHBORHOODS_QUERY_KEY } from '../../../lib/reference-data/neighborhoods';

export type { BoundaryImportReport };

export interface BoundaryImportInput {
  collection: unknown;
  dryRun: boolean;
}

/**
 * Sends the FeatureCollection for a dry run (the report only) or to apply. A refused apply (422)
 * carries the report too; it is returned like a dry run's so the page shows what is wrong.
 */
export async function importBoundaries({
  collection,
  dryRun,
}: BoundaryImportInput): Promise<BoundaryImportReport> {
  try {
    return await api.post<BoundaryImportReport>('/api/v1/neighborhoods/boundaries', collection, {
      query: { dryRun: String(dryRun) },
    });
  } catch (error) {
    const report = isApiProblem(error) && error.status === 422 ? reportIn(error.extensions) : null;
    if (report) return report;
    throw error;
  }
}

function reportIn(extensions: Record<string, unknown>): BoundaryImportReport | null {
  const candidate = (extensions.report ?? extensions) as Partial<BoundaryImportReport>;
  return Array.isArray(candidate.features) && typeof candidate.canApply === 'boolean'
    ? (candidate as BoundaryImportReport)
    : null;
}

export function useImportBoundaries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importBoundaries,
    onSuccess: (report) => {
      if (report.applied) {
        // New boundaries, maybe new neighborhoods, and open requests that changed neighborhood.
        void queryClient.invalidateQueries({ queryKey: NEIGHBORHOODS_QUERY_KEY });
        void queryClient.invalidateQueries({ queryKey: ['service-requests'] });
      }
    },
  });
}
