import type {
  CreateSaraCaseBody,
  SaraAction,
  SaraCandidate,
  SaraCase,
  SaraCaseSummary,
  SaraMeasure,
  SaraMeasureBody,
  SaraStage,
  UpdateSaraCaseBody,
} from '@nsp/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Every SARA query lives under this key; a change to a case invalidates the board and the case. */
export const SARA_QUERY_KEY = ['sara-cases'] as const;
const casePath = (id: string) => `/api/v1/sara-cases/${encodeURIComponent(id)}`;

export interface SaraBoardFilters {
  neighborhoodId?: string | null;
  leadId?: string | null;
}

/** The board: up to 500 cases (a department works tens at a time), filtered by neighborhood and lead. */
export function getSaraBoardQueryOptions(filters: SaraBoardFilters) {
  return queryOptions({
    queryKey: [...SARA_QUERY_KEY, 'board', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: SaraCaseSummary[]; nextCursor: string | null }>('/api/v1/sara-cases', {
        query: {
          limit: 500,
          neighborhoodId: filters.neighborhoodId ?? undefined,
          leadId: filters.leadId ?? undefined,
        },
        signal,
      }),
  });
}
export const useSaraBoard = (filters: SaraBoardFilters) => useQuery(getSaraBoardQueryOptions(filters));

export function getSaraCaseQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...SARA_QUERY_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<SaraCase>(casePath(id), { signal }),
  });
}
export const useSaraCase = (id: string) => useQuery(getSaraCaseQueryOptions(id));

/** Writes that answer with the whole case put it straight into the cache, then refresh the board. */
function useCaseMutation<V>(id: string, send: (variables: V) => Promise<SaraCase>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (updated) => {
      queryClient.setQueryData(getSaraCaseQueryOptions(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: [...SARA_QUERY_KEY, 'board'] });
      void queryClient.invalidateQueries({ queryKey: [...SARA_QUERY_KEY, 'mine'] });
    },
  });
}

export function useCreateSaraCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSaraCaseBody) => api.post<SaraCase>('/api/v1/sara-cases', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SARA_QUERY_KEY }),
  });
}

export const useUpdateSaraCase = (id: string) =>
  useCaseMutation(id, (body: UpdateSaraCaseBody) => api.patch<SaraCase>(casePath(id), body));

export const useChangeSaraStage = (id: string) =>
  useCaseMutation(id, (body: { to: SaraStage; reason?: string }) =>
    api.post<SaraCase>(`${casePath(id)}/stage`, body),
  );

export const useLinkSaraRequest = (id: string) =>
  useCaseMutation(id, (requestId: string) =>
    api.post<SaraCase>(`${casePath(id)}/requests/${encodeURIComponent(requestId)}`),
  );

export const useUnlinkSaraRequest = (id: string) =>
  useCaseMutation(id, (requestId: string) =>
    api.delete<SaraCase>(`${casePath(id)}/requests/${encodeURIComponent(requestId)}`),
  );

/** Writes that answer with a part (an action, a measure, a note): the case is read again. */
function usePartMutation<V, R>(_id: string, send: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SARA_QUERY_KEY }),
  });
}

export const useAddSaraNote = (id: string) =>
  usePartMutation(id, (body: string) => api.post(`${casePath(id)}/notes`, { body }));

export interface SaraActionInput {
  title?: string;
  ownerId?: string | null;
  partner?: string;
  dueDate?: string | null;
  status?: SaraAction['status'];
}
export const useAddSaraAction = (id: string) =>
  usePartMutation(id, (body: SaraActionInput & { title: string }) =>
    api.post<SaraAction>(`${casePath(id)}/responses`, body),
  );
export const useUpdateSaraAction = (id: string) =>
  usePartMutation(id, ({ actionId, ...body }: SaraActionInput & { actionId: string }) =>
    api.patch<SaraAction>(`${casePath(id)}/responses/${encodeURIComponent(actionId)}`, body),
  );

export const useAddSaraMeasure = (id: string) =>
  usePartMutation(id, (body: SaraMeasureBody) => api.post<SaraMeasure>(`${casePath(id)}/measures`, body));

// ---------------------------------------------------------------- candidates

export function getSaraCandidatesQueryOptions(filters: { neighborhoodId?: string | null }) {
  return queryOptions({
    queryKey: [...SARA_QUERY_KEY, 'candidates', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: SaraCandidate[]; computedAt: string | null }>('/api/v1/sara-cases/candidates', {
        query: { neighborhoodId: filters.neighborhoodId ?? undefined },
        signal,
      }),
  });
}
export const useSaraCandidates = (filters: { neighborhoodId?: string | null }) =>
  useQuery(getSaraCandidatesQueryOptions(filters));

export function useScanSaraCandidates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post<{
        computedAt: string;
        scannedRequests: number;
        found: Record<string, number>;
        durationMs: number;
      }>('/api/v1/sara-cases/candidates/scan'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...SARA_QUERY_KEY, 'candidates'] }),
  });
}

export function useDismissSaraCandidate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, reason }: { key: string; reason: string }) =>
      api.post<null>(`/api/v1/sara-cases/candidates/${encodeURIComponent(key)}/dismiss`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...SARA_QUERY_KEY, 'candidates'] }),
  });
}
