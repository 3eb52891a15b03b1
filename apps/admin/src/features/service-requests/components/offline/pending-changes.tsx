import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../../lib/format';
import type { OutboxEntry } from '../../../../lib/offline/outbox';

/** This request's changes still on the phone, under its timeline: what will be added once sent. */
export function PendingChanges({ entries }: { entries: readonly OutboxEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ol className="timeline timeline-pending" aria-label="Changes saved on this phone">
      {entries.map((entry) => (
        <li key={entry.key} className={`timeline-event is-pending is-${entry.state}`}>
          <div className="timeline-meta">
            <span className={`badge ${entry.state === 'waiting' ? 'badge-warning' : 'badge-danger'}`}>
              {entry.state === 'waiting'
                ? 'Waiting to send'
                : entry.state === 'conflict'
                  ? 'Conflict: changed by someone else'
                  : 'Not accepted'}
            </span>
            <span className="muted">
              saved on this phone · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
            </span>
          </div>
          <p className="timeline-body">{entry.summary}</p>
          {entry.state !== 'waiting' ? (
            <p>
              <Link to="/unsent">Settle it in Unsent changes</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
