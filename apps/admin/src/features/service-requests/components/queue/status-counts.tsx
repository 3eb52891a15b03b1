import { formatNumber } from '../../../../lib/format';
import { STATUS_LABELS, STATUS_ORDER } from '../../labels';
import type { RequestStatusValue, StatusCounts } from '../../types';

/** How many requests of each status match the other filters; each count filters the queue to it. */
export function StatusCountsBar({
  counts,
  status,
  onSelect,
}: {
  counts: StatusCounts;
  status: readonly RequestStatusValue[];
  onSelect: (status: RequestStatusValue) => void;
}) {
  return (
    <nav className="status-counts" aria-label="Requests per status">
      <ul>
        {STATUS_ORDER.map((value) => {
          const pressed = status.length === 1 && status[0] === value;
          return (
            <li key={value}>
              <button
                type="button"
                className={`status-count${pressed ? ' is-current' : ''}`}
                aria-pressed={pressed}
                onClick={() => onSelect(value)}
              >
                <span className="status-count-label">{STATUS_LABELS[value]}</span>
                <span className="status-count-value">{formatNumber(counts[value] ?? 0)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
