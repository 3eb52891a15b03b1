import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../lib/api-client';
import { isApiProblem } from '../../../lib/api-problem';
import { useCurrentUser } from '../../../lib/auth/use-session';
import { isOffline, useOnline } from '../../../lib/offline/connection';
import { type OutboxEntry, outbox, useOutboxEntries } from '../../../lib/offline/outbox';
import { randomId } from '../../../lib/random-id';
import { STATUS_LABELS } from '../labels';
import type { ServiceRequestDetail } from '../types';
import {
  type NoteInput,
  noteBody,
  requestPath,
  type TransitionInput,
  transitionBody,
} from './change-service-request';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

/** A change that could not reach the API: a status 0 problem (no connection, or the fetch failed). */
export function isNetworkFailure(error: unknown): boolean {
  return isApiProblem(error) && error.status === 0;
}

function subjectOf(request: ServiceRequestDetail): OutboxEntry['subject'] {
  return {
    id: request.id,
    label: request.trackingNumber,
    href: `/service-requests/${encodeURIComponent(request.id)}`,
    seen: { status: request.status, updatedAt: request.updatedAt, version: request.version },
  };
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** This request's changes still on the phone (waiting, or needing the officer's decision). */
export function usePendingChanges(requestId: string): OutboxEntry[] {
  const user = useCurrentUser();
  return useOutboxEntries(user.id).filter((entry) => entry.subject.id === requestId);
}

/**
 * Notes and status changes that work without a connection: offline (or when the send fails for
 * want of one) they go into the phone's outbox, with the Idempotency-Key the online attempt used.
 */
export function useOfflineChanges(request: ServiceRequestDetail) {
  const user = useCurrentUser();
  const pending = useOutboxEntries(user.id).filter((entry) => entry.subject.id === request.id);
  return {
    pending,
    /** True while a status change to this request waits to be sent (the next move depends on it). */
    statusPending: pending.some((entry) => entry.kind === 'status'),
    shouldQueue: isOffline,
    queueTransition(input: TransitionInput & { idempotencyKey: string }) {
      return outbox.enqueue({
        key: input.idempotencyKey,
        userId: user.id,
        path: requestPath(input.id, '/transitions'),
        body: transitionBody(input),
        subject: subjectOf(request),
        kind: 'status',
        summary: `Status → ${STATUS_LABELS[input.to]}${input.publicUpdate ? ' with a closing public update' : ''}`,
      });
    },
    queueNote(input: NoteInput & { idempotencyKey: string }) {
      return outbox.enqueue({
        key: input.idempotencyKey,
        userId: user.id,
        path: requestPath(input.id, '/notes'),
        body: noteBody(input),
        subject: subjectOf(request),
        kind: 'note',
        summary: `${input.visibility === 'public' ? 'Public update' : 'Internal note'}: ${excerpt(input.body)}`,
      });
    },
  };
}

export const newChangeKey = () => `nsp-${randomId()}`;

/**
 * Sends the signed-in person's waiting changes when the connection returns, at start, and every
 * 30 seconds while some wait; each sent change refreshes the request on screen and the queue.
 */
export function useOutboxSync() {
  const user = useCurrentUser();
  const online = useOnline();
  const queryClient = useQueryClient();
  const waiting = useOutboxEntries(user.id).filter((entry) => entry.state === 'waiting').length;
  useEffect(() => {
    if (!online || waiting === 0) return;
    const send = () =>
      void outbox.flush(api, user.id, () => {
        void queryClient.invalidateQueries({ queryKey: SERVICE_REQUESTS_QUERY_KEY });
      });
    send();
    const timer = window.setInterval(send, 30_000);
    return () => window.clearInterval(timer);
  }, [online, waiting, user.id, queryClient]);
}
