import { type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type {
  RequestPriority,
  RequestStatusValue,
  ServiceRequest,
  ServiceRequestDetail,
  TimelineEvent,
} from '../types';
import { serviceRequestDetailKey } from './get-service-request';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/*
 * The writes on one request. Each sends the `version` the person saw, so a change made meanwhile by
 * someone else is refused (412) instead of silently overwritten; each refreshes the request and
 * the queue afterwards through the feature's query key.
 */

const requestPath = (id: string, suffix = '') =>
  `/api/v1/service-requests/${encodeURIComponent(id)}${suffix}`;

export interface TransitionInput {
  id: string;
  version: number;
  to: RequestStatusValue;
  reason?: string | undefined;
}

export function transitionServiceRequest({ id, version, to, reason }: TransitionInput) {
  return api.post<ServiceRequest>(requestPath(id, '/transitions'), {
    to,
    reason: reason || undefined,
    version,
  });
}

export interface NoteInput {
  id: string;
  version: number;
  body: string;
  visibility: 'internal' | 'public';
  language: string;
}

export function addServiceRequestNote({ id, version, ...note }: NoteInput) {
  return api.post<TimelineEvent>(requestPath(id, '/notes'), { ...note, version });
}

export interface UpdateInput {
  id: string;
  version: number;
  changes: { assigneeId?: string | null; priority?: RequestPriority };
}

export function updateServiceRequest({ id, version, changes }: UpdateInput) {
  return api.patch<ServiceRequest>(requestPath(id), { ...changes, version });
}

export interface MergeInput {
  id: string;
  version: number;
  intoId: string;
  reason?: string | undefined;
}

export function mergeServiceRequest({ id, version, intoId, reason }: MergeInput) {
  return api.post<ServiceRequest>(requestPath(id, '/merge'), {
    intoId,
    reason: reason || undefined,
    version,
  });
}

function isRequest(value: unknown): value is ServiceRequest {
  return typeof value === 'object' && value !== null && 'trackingNumber' in value && 'version' in value;
}

function useRequestMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  mutationConfig: Omit<UseMutationOptions<TResult, Error, TInput>, 'mutationFn'> | undefined,
) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...restConfig } = mutationConfig ?? {};
  return useMutation<TResult, Error, TInput>({
    ...restConfig,
    mutationFn,
    onSuccess: (...args) => {
      const [result] = args;
      if (isRequest(result)) {
        // The reply carries the new status and version: use them at once, so a next action does not
        // send the old version (412) while the full request (timeline, allowed moves) is refetched.
        queryClient.setQueryData<ServiceRequestDetail>(serviceRequestDetailKey(result.id), (old) =>
          old ? { ...old, ...result } : old,
        );
      }
      void queryClient.invalidateQueries({ queryKey: SERVICE_REQUESTS_QUERY_KEY });
      onSuccess?.(...args);
    },
    onError: (...args) => {
      // A 409/412 means what the person saw is out of date: fetch the current state to show.
      void queryClient.invalidateQueries({ queryKey: SERVICE_REQUESTS_QUERY_KEY });
      onError?.(...args);
    },
  });
}

export const useTransitionServiceRequest = (config?: MutationConfig<typeof transitionServiceRequest>) =>
  useRequestMutation(transitionServiceRequest, config);
export const useAddServiceRequestNote = (config?: MutationConfig<typeof addServiceRequestNote>) =>
  useRequestMutation(addServiceRequestNote, config);
export const useUpdateServiceRequest = (config?: MutationConfig<typeof updateServiceRequest>) =>
  useRequestMutation(updateServiceRequest, config);
export const useMergeServiceRequest = (config?: MutationConfig<typeof mergeServiceRequest>) =>
  useRequestMutation(mergeServiceRequest, config);
