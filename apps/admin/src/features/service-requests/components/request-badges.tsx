import { formatDateTime, formatDuration } from '../../../lib/format';
import { PRIORITY_LABELS, STATUS_LABELS } from '../labels';
import type { RequestPriority, RequestStatusValue, ServiceRequest } from '../types';

const STATUS_CLASSES: Record<RequestStatusValue, string> = {
  new: 'badge-info',
  triaged: 'badge-info',
  assigned: 'badge-info',
  in_progress: 'badge-info',
  resolved: 'badge-success',
  closed: 'badge-muted',
  rejected: 'badge-muted',
  duplicate: 'badge-muted',
};

export function StatusBadge({ status }: { status: RequestStatusValue }) {
  return <span className={`badge ${STATUS_CLASSES[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: RequestPriority }) {
  // The label carries the meaning ("P1 · Urgent"); the colour only repeats it.
  return <span className={`badge priority-${priority.toLowerCase()}`}>{PRIORITY_LABELS[priority]}</span>;
}

/**
 * When the request is due, with overdue stated in words and an icon, never by colour alone.
 * The resolution clock is the one the queue sorts by; first response is shown when it is the
 * one that has run out.
 */
export function DueIndicator({
  request,
  now = new Date(),
  compact = false,
}: {
  request: Pick<
    ServiceRequest,
    'resolutionDueAt' | 'overdue' | 'firstResponseOverdue' | 'firstResponseDueAt' | 'status'
  >;
  now?: Date;
  compact?: boolean;
}) {
  const due = new Date(request.resolutionDueAt);
  const open = ['new', 'triaged', 'assigned', 'in_progress'].includes(request.status);
  if (!open) return <span className="muted">{compact ? '—' : 'Not open'}</span>;
  if (request.overdue) {
    const late = formatDuration(now.getTime() - due.getTime(), { compact });
    if (compact)
      return (
        <span
          className="badge badge-danger"
          title={`Resolution was due ${formatDateTime(request.resolutionDueAt)}`}
        >
          <span aria-hidden="true">⚠</span> Overdue {late}
        </span>
      );
    return (
      <span className="due due-overdue">
        <span className="badge badge-danger">
          <span aria-hidden="true">⚠</span> Overdue
        </span>{' '}
        <span className="due-detail">by {late}</span>
      </span>
    );
  }
  return (
    <span className="due">
      {request.firstResponseOverdue ? (
        <>
          <span
            className="badge badge-warning"
            title={`First response was due ${formatDateTime(request.firstResponseDueAt)}`}
          >
            <span aria-hidden="true">⚠</span> {compact ? 'Reply late' : 'First response late'}
          </span>{' '}
        </>
      ) : null}
      <span className="due-detail" title={formatDateTime(request.resolutionDueAt)}>
        in {formatDuration(due.getTime() - now.getTime(), { compact })}
      </span>
    </span>
  );
}
