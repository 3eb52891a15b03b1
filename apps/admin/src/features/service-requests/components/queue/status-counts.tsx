import { formatNumber } from '../../../../lib/format';
import { OPEN_STATUSES, STATUS_LABELS, STATUS_ORDER } from '../../labels';
import type { RequestStatusValue, StatusCounts } from '../../types';

/**
 * How many requests of each status match the other filters (the status filter never hides the other
 * tabs' numbers); each count filters the queue to it. The API stops counting open or finished
 * requests past a limit: those tabs then say so instead of showing a number.
 */
export function StatusCountsBar({
  counts,
  matchesAtLeast,
  status,
  onSelect,
}: {
  counts: StatusCounts;
  matchesAtLeast: number | null;
  status: readonly RequestStatusValue[];
  onSelect: (status: RequestStatusValue) => void;
}) {
  return (
    <nav className="status-counts" aria-label="Requests per status">
      <ul>
        {STATUS_ORDER.map((value) => {
          const pressed = status.length === 1 && status[0] === value;
          const count = counts[value];
          const group = (OPEN_STATUSES as readonly string[]).includes(value) ? 'open' : 'finished';
          const notCounted =
            count === null
              ? `Not counted: more than ${formatNumber(matchesAtLeast ?? 0)} ${group} requests match these filters`
              : undefined;
          return (
            <li key={value}>
              <button
                type="button"
                className={`status-count${pressed ? ' is-current' : ''}`}
                aria-pressed={pressed}
                title={notCounted}
                onClick={() => onSelect(value)}
              >
                <span className="status-count-label">{STATUS_LABELS[value]}</span>
                {count === null ? (
                  <span className="status-count-value">
                    <span aria-hidden="true">…</span>
                    <span className="visually-hidden">{notCounted}</span>
                  </span>
                ) : (
                  <span className="status-count-value">{formatNumber(count)}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
