import { ResponsibilityPage } from '../../features/assignments/components/responsibility-page';

export function ResponsibilityRoute() {
  return <ResponsibilityPage />;
}
