import { useId, useState } from 'react';
import { ProblemAlert } from '../../../../components/status-messages';
import { isApiProblem } from '../../../../lib/api-problem';
import { useTransitionServiceRequest } from '../../api/change-service-request';
import { STATUS_LABELS, transitionLabel } from '../../labels';
import type { RequestStatusValue, ServiceRequestDetail } from '../../types';

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
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const transition = useTransitionServiceRequest({
    onSuccess: (updated) => {
      setReason('');
      onChanged(`Status changed to ${STATUS_LABELS[updated.status]}.`);
    },
  });
  // Marking a duplicate goes through Merge, which names the original.
  const allowed = request.allowedTransitions.filter((status) => status !== 'duplicate');

  function move(to: RequestStatusValue) {
    if (transition.isPending) return;
    if (to === 'rejected' && !reason.trim()) {
      setReasonError('Say why the request is rejected.');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonError(null);
    transition.mutate({ id: request.id, version: request.version, to, reason: reason.trim() || undefined });
  }

  const refusedAllowed =
    isApiProblem(transition.error) && Array.isArray(transition.error.extensions.allowed)
      ? (transition.error.extensions.allowed as RequestStatusValue[])
      : null;

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Status</h2>
      {allowed.length === 0 ? (
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
