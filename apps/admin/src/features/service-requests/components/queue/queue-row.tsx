import { memo } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime, formatShortDateTime } from '../../../../lib/format';
import { CHANNEL_LABELS } from '../../labels';
import type { ServiceRequest } from '../../types';
import { DueIndicator, PriorityBadge, StatusBadge } from '../request-badges';

interface QueueRowProps {
  row: ServiceRequest;
  index: number;
  category: string;
  active: boolean;
  selected: boolean;
  selectable: boolean;
  /** False at narrow widths, where only the key columns fit. */
  showAssignee?: boolean;
  nowMs: number;
  onActivate: (id: string) => void;
  onToggle: (id: string, selected: boolean) => void;
  measureRef: (element: HTMLTableRowElement | null) => void;
}

/**
 * One request in the queue: two short lines per cell. Memoised, so scrolling renders only the rows
 * that come into view, and moving the active row re-renders two rows, not the whole table.
 */
export const QueueRow = memo(function QueueRow({
  row,
  index,
  category,
  active,
  selected,
  selectable,
  showAssignee = true,
  nowMs,
  onActivate,
  onToggle,
  measureRef,
}: QueueRowProps) {
  const classes = [
    'queue-row',
    active ? 'row-active' : '',
    selected ? 'row-selected' : '',
    row.overdue ? 'row-overdue' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      data-index={index}
      data-request-id={row.id}
      ref={measureRef}
      aria-rowindex={index + 2}
      className={classes}
      onClick={() => onActivate(row.id)}
    >
      {selectable ? (
        <td className="queue-select">
          <input
            type="checkbox"
            checked={selected}
            aria-label={`Select ${row.trackingNumber}`}
            onChange={(event) => onToggle(row.id, event.currentTarget.checked)}
          />
        </td>
      ) : null}
      <th scope="row">
        <Link
          to={`/service-requests/${encodeURIComponent(row.id)}`}
          onFocus={() => onActivate(row.id)}
          className="monospace queue-line"
        >
          {row.trackingNumber}
        </Link>
        <span
          className="queue-line queue-secondary"
          title={`${CHANNEL_LABELS[row.channel]}, ${formatDateTime(row.createdAt)}`}
        >
          {formatShortDateTime(row.createdAt)}
        </span>
      </th>
      <td title={`${category}: ${row.description}`}>
        <span className="queue-line">
          <span className="queue-category">{category}</span> {row.description}
        </span>
        <span className="queue-line queue-secondary">
          {row.address ?? 'No address'} · {row.neighborhood?.name ?? 'no neighborhood'}
        </span>
      </td>
      <td className="queue-col-status">
        <span className="queue-line">
          <StatusBadge status={row.status} />
        </span>
        <span className="queue-line">
          <PriorityBadge priority={row.priority} />
        </span>
      </td>
      <td className="queue-col-due">
        <DueIndicator request={row} now={new Date(nowMs)} compact />
      </td>
      {showAssignee ? (
        <td className="queue-col-assignee">
          <span className="queue-line">
            {row.assignee?.name ?? <span className="muted">Unassigned</span>}
          </span>
          {row.assignee?.title ? (
            <span className="queue-line queue-secondary">{row.assignee.title}</span>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
});
