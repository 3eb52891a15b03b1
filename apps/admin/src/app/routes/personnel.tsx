import { PersonnelPage } from '../../features/personnel/components/personnel-page';

export function PersonnelRoute() {
  return <PersonnelPage />;
}
