import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useNeighborhood } from '../../../lib/reference-data/neighborhoods';
import { useAssignmentHistory } from '../api/get-assignment-history';
import { AssignmentHistorySection } from './assignment-history-section';
import { ReassignLieutenantForm } from './reassign-lieutenant-form';

/** Supervisors and administrators: the form beside the history it adds to. */
export function ReassignLieutenantPage({ neighborhoodId }: { neighborhoodId: string }) {
  const neighborhoodQuery = useNeighborhood(neighborhoodId);
  const lieutenantHistory = useAssignmentHistory(neighborhoodId, 'coordination_lieutenant');
  if (neighborhoodQuery.isPending || lieutenantHistory.isPending)
    return <LoadingState label="Loading the neighborhood…" />;
  if (neighborhoodQuery.isError || lieutenantHistory.isError)
    return (
      <div className="page">
        <PageHeader title="Reassign lieutenant" />
        <ProblemAlert
          error={neighborhoodQuery.error ?? lieutenantHistory.error}
          title="Could not load the neighborhood"
        />
      </div>
    );
  const neighborhood = neighborhoodQuery.data;
  const current =
    lieutenantHistory.data.pages
      .flatMap((page) => page.items)
      .find((assignment) => assignment.status === 'current') ?? null;
  return (
    <div className="page">
      <PageHeader
        title={`Reassign lieutenant: ${neighborhood.name}`}
        description={
          <>
            <Link to="/neighborhoods">Neighborhoods</Link> ›{' '}
            <Link to={`/neighborhoods/${encodeURIComponent(neighborhood.id)}`}>{neighborhood.name}</Link> ›
            Reassign
          </>
        }
      />
      <ReassignLieutenantForm neighborhood={neighborhood} current={current} />
      <AssignmentHistorySection neighborhoodId={neighborhood.id} neighborhoodName={neighborhood.name} />
    </div>
  );
}
