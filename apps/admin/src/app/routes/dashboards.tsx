import { DashboardsPage } from '../../features/dashboards/components/dashboards-page';

export function DashboardsRoute() {
  return <DashboardsPage />;
}
