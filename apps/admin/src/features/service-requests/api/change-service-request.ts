import { type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type {
  AddedNote,
  RequestPriority,
  RequestStatusValue,
  ServiceRequest,
  ServiceRequestDetail,
  TransitionResult,
  UpdateServiceRequestBody,
} from '../types';
import { serviceRequestDetailKey } from './get-service-request';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/*
 * The writes on one request. Each sends the `version` the person saw, so a change made meanwhile by
 * someone else is refused (412) instead of silently overwritten. Status changes and notes update the
 * request from their reply; edits and merges fetch it again. The queue is refreshed after each.
 */

const requestPath = (id: string, suffix = '') =>
  `/api/v1/service-requests/${encodeURIComponent(id)}${suffix}`;

export interface TransitionInput {
  id: string;
  version: number;
  to: RequestStatusValue;
  reason?: string | undefined;
  /** A public update posted with the change, in the same transaction (the closing message). */
  publicUpdate?: { body: string; language: string } | undefined;
  /** Sent as Idempotency-Key: the same change may later go again from the offline outbox. */
  idempotencyKey?: string | undefined;
}

export function transitionBody({ version, to, reason, publicUpdate }: TransitionInput) {
  return { to, reason: reason || undefined, publicUpdate, version };
}

export function transitionServiceRequest(input: TransitionInput) {
  return api.post<TransitionResult>(requestPath(input.id, '/transitions'), transitionBody(input), {
    ...(input.idempotencyKey ? { headers: { 'Idempotency-Key': input.idempotencyKey } } : {}),
  });
}

export interface NoteInput {
  id: string;
  version: number;
  body: string;
  visibility: 'internal' | 'public';
  language: string;
  idempotencyKey?: string | undefined;
}

export function noteBody({ version, body, visibility, language }: NoteInput) {
  return { body, visibility, language, version };
}

export function addServiceRequestNote(input: NoteInput) {
  return api.post<AddedNote>(requestPath(input.id, '/notes'), noteBody(input), {
    ...(input.idempotencyKey ? { headers: { 'Idempotency-Key': input.idempotencyKey } } : {}),
  });
}

export { requestPath };

export interface UpdateInput {
  id: string;
  version: number;
  /** Any of the request's editable fields (description, category and answers, location, requester, …). */
  changes: Omit<UpdateServiceRequestBody, 'version'> & { priority?: RequestPriority };
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

/** How a write's reply goes into the request screen's cached detail. */
interface DetailUpdate<TResult> {
  merge: (old: ServiceRequestDetail, result: TResult) => ServiceRequestDetail;
  /** The reply holds everything the screen shows about the change, so the detail is not fetched again. */
  complete: boolean;
}

/**
 * Edits and merges answer with the request only: its new status and version are used at once (so a
 * next action does not send the old version and get a 412), and the rest (timeline, allowed moves)
 * is fetched again.
 */
const partialReply: DetailUpdate<ServiceRequest> = {
  merge: (old, result) => ({ ...old, ...result }),
  complete: false,
};

/** A status change answers with the new status, version, allowed moves and the timeline event. */
const transitionReply: DetailUpdate<TransitionResult> = {
  merge: (old, { event, publicUpdate, ...request }) => ({
    ...old,
    ...request,
    timeline: [...old.timeline, event, ...(publicUpdate ? [publicUpdate] : [])],
  }),
  complete: true,
};

/** A note answers with its timeline event and the request's new version. */
const noteReply: DetailUpdate<AddedNote> = {
  merge: (old, { version, ...event }) => ({ ...old, version, timeline: [...old.timeline, event] }),
  complete: true,
};

function useRequestMutation<TInput extends { id: string }, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  mutationConfig: Omit<UseMutationOptions<TResult, Error, TInput>, 'mutationFn'> | undefined,
  detailUpdate: DetailUpdate<TResult>,
) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...restConfig } = mutationConfig ?? {};
  return useMutation<TResult, Error, TInput>({
    ...restConfig,
    mutationFn,
    onSuccess: (...args) => {
      const [result, input] = args;
      const detailKey = serviceRequestDetailKey(input.id);
      const cached = queryClient.getQueryData<ServiceRequestDetail>(detailKey);
      if (cached) queryClient.setQueryData(detailKey, detailUpdate.merge(cached, result));
      const detailIsCurrent = cached !== undefined && detailUpdate.complete;
      // The queue shows the request too; the detail only when its reply did not say everything.
      void queryClient.invalidateQueries({
        queryKey: SERVICE_REQUESTS_QUERY_KEY,
        predicate: ({ queryKey }) =>
          !(
            detailIsCurrent &&
            queryKey.length === detailKey.length &&
            queryKey.every((part, index) => part === detailKey[index])
          ),
      });
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
  useRequestMutation(transitionServiceRequest, config, transitionReply);
export const useAddServiceRequestNote = (config?: MutationConfig<typeof addServiceRequestNote>) =>
  useRequestMutation(addServiceRequestNote, config, noteReply);
export const useUpdateServiceRequest = (config?: MutationConfig<typeof updateServiceRequest>) =>
  useRequestMutation(updateServiceRequest, config, partialReply);
export const useMergeServiceRequest = (config?: MutationConfig<typeof mergeServiceRequest>) =>
  useRequestMutation(mergeServiceRequest, config, partialReply);
