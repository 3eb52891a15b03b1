import { useParams } from 'react-router-dom';
import { ServiceRequestDetailPage } from '../../features/service-requests/components/detail/service-request-detail';

export function ServiceRequestRoute() {
  const { requestId = '' } = useParams();
  // A new key per request: forms on the page start fresh when moving from one request to another.
  return <ServiceRequestDetailPage key={requestId} requestId={requestId} />;
}
