import { UnsentChangesPage } from '../../features/service-requests/components/offline/unsent-changes';

export function UnsentRoute() {
  return <UnsentChangesPage />;
}
