import { PrioritiesPage } from '../../features/priorities/components/priorities-page';

export function PrioritiesRoute() {
  return <PrioritiesPage />;
}
