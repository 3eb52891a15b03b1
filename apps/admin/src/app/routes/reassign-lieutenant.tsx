import { useParams } from 'react-router-dom';
import { ReassignLieutenantPage } from '../../features/assignments/components/reassign-lieutenant-page';

export function ReassignLieutenantRoute() {
  const { neighborhoodId = '' } = useParams();
  return <ReassignLieutenantPage key={neighborhoodId} neighborhoodId={neighborhoodId} />;
}
