import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { NEIGHBORHOODS_QUERY_KEY } from '../../../lib/reference-data/neighborhoods';
import { PERSONNEL_QUERY_KEY } from '../../../lib/reference-data/personnel';
import type { MutationConfig } from '../../../lib/query-client';
import type { ReassignmentResult } from '../types';
import { ASSIGNMENTS_QUERY_KEY } from './get-assignment-history';

export interface ReassignLieutenantInput {
  neighborhoodId: string;
  personnelId: string;
  /** ISO instant; a future one schedules the change. */
  effectiveAt: string;
  reason: string;
  transferOpenWork: boolean;
  /** The interval the supervisor saw as current: if another change got in first, the API answers 409. */
  replacesAssignmentId?: string | undefined;
}

export function reassignLieutenant({ neighborhoodId, ...body }: ReassignLieutenantInput) {
  return api.post<ReassignmentResult>(
    `/api/v1/neighborhoods/${encodeURIComponent(neighborhoodId)}/lieutenant`,
    body,
  );
}

export function useReassignLieutenant({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof reassignLieutenant>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...restConfig } = mutationConfig ?? {};
  const refresh = () => {
    // History, "who is responsible", the lieutenant shown with each neighborhood, workloads and
    // (with a transfer) the assignees of open requests all change.
    for (const queryKey of [
      ASSIGNMENTS_QUERY_KEY,
      NEIGHBORHOODS_QUERY_KEY,
      PERSONNEL_QUERY_KEY,
      ['service-requests'],
    ])
      void queryClient.invalidateQueries({ queryKey });
  };
  return useMutation({
    ...restConfig,
    mutationFn: reassignLieutenant,
    onSuccess: (...args) => {
      refresh();
      onSuccess?.(...args);
    },
    onError: (...args) => {
      // A 409 means the history moved on: show the current one next to the problem.
      refresh();
      onError?.(...args);
    },
  });
}
