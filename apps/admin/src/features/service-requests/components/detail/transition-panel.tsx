import { useEffect, useId, useRef, useState } from 'react';
import { ProblemAlert } from '../../../../components/status-messages';
import { isApiProblem } from '../../../../lib/api-problem';
import { type TransitionInput, useTransitionServiceRequest } from '../../api/change-service-request';
import { isNetworkFailure, newChangeKey, useOfflineChanges } from '../../api/offline-changes';
import { STATUS_LABELS, transitionLabel } from '../../labels';
import type { RequestStatusValue, ServiceRequestDetail } from '../../types';
import { type ClosingUpdate, ResolveDialog } from './resolve-dialog';

/**
 * Offers only the moves the workflow allows now (the API lists them with the request). If the
 * request changed meanwhile and a move is refused, the 409's `allowed` list is shown and the
 * buttons follow the refreshed request.
 */
export function TransitionPanel({
  request,
  onChanged,
}: {
  request: ServiceRequestDetail;
  onChanged: (message: string) => void;
}) {
  const id = useId();
  const panelRef = useRef<HTMLElement>(null);
  // The button pressed is gone with the old status: once the request on screen is the changed one,
  // focus the next likely move (or the heading when none is left), not the page's start.
  const focusAfterChange = useRef<number | null>(null);
  useEffect(() => {
    if (focusAfterChange.current === null || request.version < focusAfterChange.current) return;
    focusAfterChange.current = null;
    const panel = panelRef.current;
    (
      panel?.querySelector<HTMLElement>('.button-row button') ?? panel?.querySelector<HTMLElement>('h2')
    )?.focus();
  }, [request.version]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [resolving, setResolving] = useState(false);
  const transition = useTransitionServiceRequest({
    onSuccess: (updated) => {
      setReason('');
      setResolving(false);
      onChanged(
        `Status changed to ${STATUS_LABELS[updated.status]}${updated.publicUpdate ? '; the closing update was posted' : ''}.`,
      );
      focusAfterChange.current = updated.version;
    },
    // The problem shows in the panel, not behind the dialog.
    onError: () => setResolving(false),
  });
  const offline = useOfflineChanges(request);
  function keepOnPhone(input: TransitionInput & { idempotencyKey: string }) {
    offline.queueTransition(input);
    transition.reset();
    setReason('');
    setResolving(false);
    onChanged(
      `No connection: the change to ${STATUS_LABELS[input.to]} is saved on this phone, waiting to send.`,
    );
  }
  // Marking a duplicate goes through Merge, which names the original.
  const allowed = request.allowedTransitions.filter((status) => status !== 'duplicate');

  function move(to: RequestStatusValue, publicUpdate?: ClosingUpdate | null) {
    if (transition.isPending) return;
    if (to === 'rejected' && !reason.trim()) {
      setReasonError('Say why the request is rejected.');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    // Resolving asks for the closing public update first.
    if (to === 'resolved' && publicUpdate === undefined) {
      setResolving(true);
      return;
    }
    setReasonError(null);
    const input = {
      id: request.id,
      version: request.version,
      to,
      reason: reason.trim() || undefined,
      publicUpdate: publicUpdate ?? undefined,
      idempotencyKey: newChangeKey(),
    };
    if (offline.shouldQueue()) {
      keepOnPhone(input);
      return;
    }
    transition.mutate(input, {
      onError: (error) => {
        if (isNetworkFailure(error)) keepOnPhone(input);
      },
    });
  }

  const refusedAllowed =
    isApiProblem(transition.error) && Array.isArray(transition.error.extensions.allowed)
      ? (transition.error.extensions.allowed as RequestStatusValue[])
      : null;

  return (
    <section className="card status-panel" aria-labelledby={`${id}-heading`} ref={panelRef}>
      <h2 id={`${id}-heading`} tabIndex={-1}>
        Status: {STATUS_LABELS[request.status]}
      </h2>
      {offline.statusPending ? (
        <p className="notice notice-info outbox-notice">
          <span className="badge badge-warning">Waiting to send</span>{' '}
          {offline.pending.find((entry) => entry.kind === 'status')?.summary}. The next move is offered once
          it has been sent.
        </p>
      ) : allowed.length === 0 ? (
        <p className="muted">No status change is possible from {STATUS_LABELS[request.status]}.</p>
      ) : (
        <>
          <div className={`field${reasonError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-reason`}>Reason</label>
            <p className="field-hint" id={`${id}-reason-hint`}>
              Optional; required to reject. Recorded on the timeline.
            </p>
            <input
              id={`${id}-reason`}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ''}`}
            />
            {reasonError ? (
              <p className="field-error" id={`${id}-reason-error`}>
                <span aria-hidden="true">⚠ </span>
                {reasonError}
              </p>
            ) : null}
          </div>
          <div className="button-row">
            {allowed.map((status) => (
              <button
                key={status}
                type="button"
                className={`button${status === 'rejected' ? ' button-danger-outline' : status === 'resolved' ? ' button-primary' : ''}`}
                onClick={() => move(status)}
                aria-disabled={transition.isPending}
              >
                {transitionLabel(request.status, status)}
              </button>
            ))}
          </div>
        </>
      )}
      <ResolveDialog
        request={request}
        open={resolving}
        pending={transition.isPending}
        onResolve={(update) => move('resolved', update)}
        onClose={() => setResolving(false)}
      />
      {transition.error ? (
        <ProblemAlert error={transition.error} title="The status was not changed">
          {refusedAllowed &&
          !/allowed/i.test(transition.error instanceof Error ? transition.error.message : '') ? (
            <p>
              Allowed now:{' '}
              {refusedAllowed.length > 0
                ? refusedAllowed.map((status) => STATUS_LABELS[status]).join(', ')
                : 'none'}
              .
            </p>
          ) : null}
        </ProblemAlert>
      ) : null}
    </section>
  );
}
