import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCurrentUser } from '../../../lib/auth/use-session';
import { formatDateTime } from '../../../lib/format';
import { openPriorityReport, useStalePriorities } from '../api/priorities';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The supervisor's follow-up (priorities with no action in 30 days) and the monthly accountability report. */
export function PrioritiesPage() {
  const id = useId();
  const user = useCurrentUser();
  const command = user.roles.some((role) => role === 'admin' || role === 'supervisor');
  const stale = useStalePriorities(command);
  const [month, setMonth] = useState(thisMonth());
  const [reportError, setReportError] = useState<unknown>(null);
  const open = (format: 'csv' | 'html') => {
    setReportError(null);
    openPriorityReport(format, month).catch(setReportError);
  };
  return (
    <div className="page">
      <PageHeader
        title="Neighborhood priorities"
        description="What each neighborhood asked for, what was done, and what came of it. Each neighborhood's page lists its priorities."
      />
      <section className="card" aria-labelledby={`${id}-report`}>
        <h2 id={`${id}-report`}>Monthly accountability report</h2>
        <p>
          Per neighborhood: the priorities set, the actions taken and the priorities achieved in the month.
        </p>
        <div className="form form-wide">
          <label htmlFor={`${id}-month`}>Month</label>
          <input
            id={`${id}-month`}
            type="month"
            value={month}
            max={thisMonth()}
            onChange={(event) => setMonth(event.currentTarget.value || thisMonth())}
          />
          <div className="button-row">
            <button type="button" className="button" onClick={() => open('html')}>
              Printable report
            </button>
            <button type="button" className="button" onClick={() => open('csv')}>
              Download CSV
            </button>
          </div>
        </div>
        {reportError ? <ProblemAlert error={reportError} title="The report could not be opened" /> : null}
      </section>
      {command ? (
        <section className="card" aria-labelledby={`${id}-stale`}>
          <h2 id={`${id}-stale`}>No action in 30 days</h2>
          {stale.isPending ? (
            <LoadingState label="Loading the priorities…" />
          ) : stale.isError ? (
            <ProblemAlert
              error={stale.error}
              title="The list could not be loaded"
              onRetry={() => stale.refetch()}
            />
          ) : stale.data.items.length === 0 ? (
            <EmptyState>Every active priority had an action in the last 30 days.</EmptyState>
          ) : (
            <ul className="plain-list" aria-label="Priorities with no action in 30 days">
              {stale.data.items.map((priority) => (
                <li key={priority.id} className="work-item">
                  <Link to={`/neighborhoods/${priority.neighborhoodId}`}>{priority.neighborhoodName}</Link>:{' '}
                  {priority.title.en}{' '}
                  <span className="muted">
                    · {priority.ageDays} days old · last action{' '}
                    {priority.lastActionAt ? formatDateTime(priority.lastActionAt) : 'none'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
