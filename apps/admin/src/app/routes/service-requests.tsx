import { ServiceRequestQueue } from '../../features/service-requests/components/queue/service-request-queue';

export function ServiceRequestsRoute() {
  return <ServiceRequestQueue />;
}
