import { useParams } from 'react-router-dom';
import { NeighborhoodAssignmentsPage } from '../../features/assignments/components/neighborhood-assignments-page';
import { NeighborhoodPriorities } from '../../features/priorities';

export function NeighborhoodRoute() {
  const { neighborhoodId = '' } = useParams();
  return (
    <NeighborhoodAssignmentsPage
      key={neighborhoodId}
      neighborhoodId={neighborhoodId}
      after={
        <div className="page">
          <NeighborhoodPriorities neighborhoodId={neighborhoodId} />
        </div>
      }
    />
  );
}
