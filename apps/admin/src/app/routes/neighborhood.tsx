import { useParams } from 'react-router-dom';
import { NeighborhoodAssignmentsPage } from '../../features/assignments/components/neighborhood-assignments-page';

export function NeighborhoodRoute() {
  const { neighborhoodId = '' } = useParams();
  return <NeighborhoodAssignmentsPage key={neighborhoodId} neighborhoodId={neighborhoodId} />;
}
