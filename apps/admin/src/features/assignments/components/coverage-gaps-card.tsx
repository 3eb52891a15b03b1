import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format';
import { useAssignmentsAt } from '../api/get-assignments-at';

/** Neighborhoods without a coordination lieutenant now or in the next 14 days (supervisors' home). */
export function CoverageGapsCard({ canReassign }: { canReassign: boolean }) {
  const id = useId();
  const query = useAssignmentsAt({ at: null, neighborhoodId: null, role: 'coordination_lieutenant' });
  const gaps = query.data?.coverageGaps ?? [];
  return (
    <section className="role-work" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Coverage gaps</h2>
      <div className="card">
        {query.isPending ? (
          <p className="muted">Loading…</p>
        ) : query.isError ? (
          <p className="muted">Coverage could not be checked now.</p>
        ) : gaps.length === 0 ? (
          <p className="muted">Every neighborhood has a coordination lieutenant for the next 14 days.</p>
        ) : (
          <ul className="plain-list">
            {gaps.map((gap) => (
              <li key={`${gap.neighborhoodId}-${gap.from}`} className="work-item">
                <strong>
                  {gap.name} ({gap.code})
                </strong>{' '}
                has no lieutenant from {formatDateTime(gap.from)}
                {gap.until ? ` until ${formatDateTime(gap.until)}` : ' (nobody scheduled)'}.{' '}
                {canReassign ? (
                  <Link to={`/neighborhoods/${encodeURIComponent(gap.neighborhoodId)}/reassign`}>
                    Assign a lieutenant<span className="visually-hidden"> for {gap.name}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p className="work-more">
          <Link to="/assignments">Who is responsible</Link>
        </p>
      </div>
    </section>
  );
}
