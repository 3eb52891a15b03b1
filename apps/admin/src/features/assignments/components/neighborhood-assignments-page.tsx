import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCan } from '../../../lib/auth/use-session';
import { useNeighborhood } from '../../../lib/reference-data/neighborhoods';
import { useAssignmentHistory } from '../api/get-assignment-history';
import { AssignmentHistorySection } from './assignment-history-section';

/**
 * One neighborhood: who is responsible now and the full assignment history. `after` (the
 * neighborhood's priorities) is rendered below once the neighborhood and its history are in: drawn
 * earlier, it was pushed down the screen as they arrived (a layout shift of 0.18 on a desktop and
 * 0.39 on a phone).
 */
export function NeighborhoodAssignmentsPage({
  neighborhoodId,
  after,
}: {
  neighborhoodId: string;
  after?: ReactNode;
}) {
  const neighborhoodQuery = useNeighborhood(neighborhoodId);
  // The history section's own first query (all roles), read here only to know when it is in.
  const historyQuery = useAssignmentHistory(neighborhoodId);
  const canReassign = useCan('assignments.change');
  if (neighborhoodQuery.isPending) return <LoadingState label="Loading the neighborhood…" />;
  if (neighborhoodQuery.isError)
    return (
      <div className="page">
        <PageHeader title="Neighborhood" />
        <ProblemAlert error={neighborhoodQuery.error} title="Could not load the neighborhood" />
      </div>
    );
  const neighborhood = neighborhoodQuery.data;
  return (
    <>
      <div className="page">
        <PageHeader
          title={`${neighborhood.name} (${neighborhood.code})`}
          description={
            <>
              <Link to="/neighborhoods">Neighborhoods</Link> › {neighborhood.name}
            </>
          }
          actions={
            canReassign && neighborhood.status === 'active' ? (
              <Link
                className="button button-primary"
                to={`/neighborhoods/${encodeURIComponent(neighborhood.id)}/reassign`}
              >
                Reassign lieutenant
              </Link>
            ) : null
          }
        />
        <section className="card" aria-labelledby="current-lieutenant-heading">
          <h2 id="current-lieutenant-heading">Coordination lieutenant now</h2>
          {neighborhood.lieutenant ? (
            <p>
              <strong>{neighborhood.lieutenant.name}</strong>
              {neighborhood.lieutenant.title ? `, ${neighborhood.lieutenant.title}` : ''}
              {neighborhood.lieutenant.phone ? ` · ${neighborhood.lieutenant.phone}` : ''}
              {neighborhood.lieutenant.email ? ` · ${neighborhood.lieutenant.email}` : ''}
            </p>
          ) : (
            <p className="alert alert-warning">
              <span aria-hidden="true">⚠ </span>Nobody holds the role now.
            </p>
          )}
          {neighborhood.description ? <p className="muted">{neighborhood.description}</p> : null}
        </section>
        <AssignmentHistorySection neighborhoodId={neighborhood.id} neighborhoodName={neighborhood.name} />
      </div>
      {historyQuery.isPending ? null : after}
    </>
  );
}
