import type { Personnel } from '@nsp/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../../../components/status-messages';
import { useCan } from '../../../../lib/auth/use-session';
import { personLabel } from '../../../../lib/reference-data/personnel';
import { type BulkAction, useBulkChangeServiceRequests } from '../../api/bulk-change-service-requests';
import { PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, STATUS_ORDER } from '../../labels';
import type { BulkResult, RequestPriority, RequestStatusValue, ServiceRequest } from '../../types';

type ActionKind = 'assign' | 'prioritise' | 'transition';

interface BulkActionsProps {
  selectedIds: readonly string[];
  requestsById: ReadonlyMap<string, Pick<ServiceRequest, 'trackingNumber'>>;
  personnel: readonly Personnel[];
  onClearSelection: () => void;
  /** Called with the ids that changed, so the caller can unselect them and keep the failures. */
  onApplied: (succeededIds: string[]) => void;
}

/**
 * One action on every selected request. The reply has a result per request: the ones that could
 * not change are listed with the API's reason, and stay selected to try again.
 */
export function BulkActions({
  selectedIds,
  requestsById,
  personnel,
  onClearSelection,
  onApplied,
}: BulkActionsProps) {
  const id = useId();
  const [kind, setKind] = useState<ActionKind>('transition');
  const [assigneeId, setAssigneeId] = useState('');
  const [priority, setPriority] = useState<RequestPriority>('P2');
  const [to, setTo] = useState<RequestStatusValue>('triaged');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ action: string; result: BulkResult } | null>(null);
  const bulk = useBulkChangeServiceRequests();

  function describe(action: BulkAction): string {
    if (action.action === 'assign') {
      const person = personnel.find((candidate) => candidate.id === action.assigneeId);
      return person ? `Assign to ${person.name}` : 'Unassign';
    }
    if (action.action === 'prioritise') return `Set priority ${action.priority}`;
    return `Move to ${STATUS_LABELS[action.to]}`;
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (bulk.isPending || selectedIds.length === 0) return;
    const action: BulkAction =
      kind === 'assign'
        ? { action: 'assign', assigneeId: assigneeId || null }
        : kind === 'prioritise'
          ? { action: 'prioritise', priority }
          : { action: 'transition', to, reason: reason.trim() || undefined };
    setResult(null);
    bulk.mutate(
      { ids: selectedIds, action },
      {
        onSuccess: (reply) => {
          setResult({ action: describe(action), result: reply });
          onApplied(reply.results.filter((item) => item.ok).map((item) => item.id));
        },
      },
    );
  }

  const failures = result?.result.results.filter((item) => !item.ok) ?? [];

  // Nothing selected: no room taken (the shortcuts dialog and the checkboxes say how to select).
  const canOpenSaraCase = useCan('sara.manage');
  if (selectedIds.length === 0 && !result && !bulk.isPending && !bulk.error) return null;

  return (
    <section className="bulk-actions card" aria-labelledby={`${id}-heading`}>
      <div className="bulk-actions-header">
        <h2 id={`${id}-heading`}>
          {selectedIds.length > 0 ? `${selectedIds.length} selected` : 'Bulk change'}
        </h2>
        {selectedIds.length > 0 ? (
          <>
            {canOpenSaraCase ? (
              // Selected requests become a SARA case's evidence (#10); at most 500, as the API takes.
              <Link
                className="button button-small"
                to={`/sara-cases/new?requestIds=${selectedIds.slice(0, 500).join(',')}`}
              >
                Start a SARA case
              </Link>
            ) : null}
            <button type="button" className="button button-small" onClick={onClearSelection}>
              Clear selection
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setResult(null);
              bulk.reset();
            }}
          >
            Dismiss
          </button>
        )}
      </div>
      {selectedIds.length > 0 ? (
        <form className="bulk-form" onSubmit={handleSubmit}>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Action</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(event) => setKind(event.currentTarget.value as ActionKind)}
            >
              <option value="transition">Change status</option>
              <option value="assign">Assign</option>
              <option value="prioritise">Set priority</option>
            </select>
          </div>
          {kind === 'assign' ? (
            <div className="field">
              <label htmlFor={`${id}-assignee`}>Assign to</label>
              <select
                id={`${id}-assignee`}
                value={assigneeId}
                onChange={(event) => setAssigneeId(event.currentTarget.value)}
              >
                <option value="">Nobody (unassign)</option>
                {personnel.map((person) => (
                  <option key={person.id} value={person.id}>
                    {personLabel(person)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {kind === 'prioritise' ? (
            <div className="field">
              <label htmlFor={`${id}-priority`}>Priority</label>
              <select
                id={`${id}-priority`}
                value={priority}
                onChange={(event) => setPriority(event.currentTarget.value as RequestPriority)}
              >
                {PRIORITIES.map((value) => (
                  <option key={value} value={value}>
                    {PRIORITY_LABELS[value]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {kind === 'transition' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-to`}>New status</label>
                <select
                  id={`${id}-to`}
                  value={to}
                  onChange={(event) => setTo(event.currentTarget.value as RequestStatusValue)}
                >
                  {STATUS_ORDER.filter((status) => status !== 'duplicate').map((status) => (
                    <option key={status} value={status}>
                      {STATUS_LABELS[status]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-reason`}>Reason</label>
                <input
                  id={`${id}-reason`}
                  value={reason}
                  onChange={(event) => setReason(event.currentTarget.value)}
                  aria-describedby={`${id}-reason-hint`}
                />
                <p id={`${id}-reason-hint`} className="field-hint">
                  Required to reject.
                </p>
              </div>
            </>
          ) : null}
          <div className="bulk-submit">
            <button type="submit" className="button button-primary" aria-disabled={bulk.isPending}>
              {bulk.isPending ? 'Applying…' : `Apply to ${selectedIds.length}`}
            </button>
          </div>
        </form>
      ) : null}

      {bulk.isPending && bulk.progress ? (
        <div className="operation-progress" role="status">
          <label htmlFor={`${id}-progress`}>
            Changing requests: {bulk.progress.done} of {bulk.progress.total} done
          </label>
          <progress id={`${id}-progress`} max={bulk.progress.total} value={bulk.progress.done} />
        </div>
      ) : null}
      {bulk.error ? <ProblemAlert error={bulk.error} title="The bulk change stopped" /> : null}

      <div role="status" aria-live="polite">
        {result ? (
          <div className={`notice ${result.result.failed > 0 ? 'alert-warning' : 'notice-success'}`}>
            <p>
              {result.action}: {result.result.succeeded} changed
              {result.result.failed > 0 ? `, ${result.result.failed} could not be changed` : ''}.
            </p>
          </div>
        ) : null}
      </div>
      {result && result.result.results.length > 0 ? (
        <details className="bulk-results" open={failures.length > 0}>
          <summary>Result for each request</summary>
          <table className="table">
            <caption className="visually-hidden">Result of the bulk change for each request</caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {result.result.results.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="monospace">
                    {requestsById.get(item.id)?.trackingNumber ?? item.id}
                  </th>
                  <td>
                    {item.ok ? (
                      <span className="badge badge-success">
                        <span aria-hidden="true">✓</span> Changed
                      </span>
                    ) : (
                      <>
                        <span className="badge badge-danger">
                          <span aria-hidden="true">✗</span> Not changed
                        </span>{' '}
                        {item.error?.detail ?? item.error?.title}
                        {item.error?.allowed &&
                        item.error.allowed.length > 0 &&
                        !/allowed/i.test(item.error.detail ?? '')
                          ? ` Allowed now: ${item.error.allowed.map((status) => STATUS_LABELS[status]).join(', ')}.`
                          : ''}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
