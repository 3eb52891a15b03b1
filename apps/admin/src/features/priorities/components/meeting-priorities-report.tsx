import type { Meeting } from '@nsp/contracts';
import { useId } from 'react';
import { EmptyState } from '../../../components/status-messages';
import { formatDateTime } from '../../../lib/format';

/** "You said, we did": the agenda opens with the priorities and what was done since the last meeting. */
export function MeetingPrioritiesReport({ meeting }: { meeting: Meeting }) {
  const id = useId();
  const report = meeting.prioritiesReport;
  return (
    <section className="card meeting-priorities-report" aria-labelledby={`${id}-heading`}>
      <div className="section-header">
        <h2 id={`${id}-heading`}>You said, we did</h2>
        <button type="button" className="button button-small" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p className="muted">
        {meeting.neighborhoodName}'s priorities and the actions taken{' '}
        {report.since ? `since the meeting of ${formatDateTime(report.since)}` : 'so far'}.
      </p>
      {report.items.length === 0 ? (
        <EmptyState>No priorities to report yet.</EmptyState>
      ) : (
        <ol aria-label="Priorities report">
          {report.items.map((item) => (
            <li key={item.priorityId}>
              <strong>{item.title.en}</strong>
              {item.status === 'active' ? null : (
                <span className="badge badge-success">
                  {' '}
                  {item.status === 'achieved' ? 'Achieved' : 'Retired'}
                </span>
              )}
              {item.outcome ? <p>{item.outcome.en}</p> : null}
              {item.actions.length === 0 ? (
                <p className="muted">No action since the last meeting.</p>
              ) : (
                <ul>
                  {item.actions.map((action) => (
                    <li key={action.id}>
                      {formatDateTime(action.takenAt)}: {action.body.en}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
