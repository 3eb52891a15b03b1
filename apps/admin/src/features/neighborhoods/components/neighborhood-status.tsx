import type { Neighborhood } from '../types';

export function NeighborhoodStatus({ status }: { status: Neighborhood['status'] }) {
  return status === 'active' ? (
    <span className="badge badge-success">
      <span aria-hidden="true">●</span>Active
    </span>
  ) : (
    <span className="badge badge-muted">
      <span aria-hidden="true">○</span>Retired
    </span>
  );
}
