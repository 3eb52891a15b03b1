import { NeighborhoodsOverview } from '../../features/neighborhoods/components/neighborhoods-overview';

export function NeighborhoodsRoute() {
  return <NeighborhoodsOverview />;
}
