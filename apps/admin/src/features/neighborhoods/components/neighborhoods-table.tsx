import { Link } from 'react-router-dom';
import type { Neighborhood } from '../types';
import { LieutenantContact } from './lieutenant-contact';
import { NeighborhoodStatus } from './neighborhood-status';
import { TableRegion } from '../../../components/table-region';

interface NeighborhoodsTableProps {
  neighborhoods: Neighborhood[];
  activeId?: string | null;
  selectedId?: string | null;
  onActiveChange?: (id: string | null) => void;
  onSelect?: (id: string) => void;
  /** Shown only to roles that may reassign; the API refuses everyone else. */
  canReassign?: boolean;
}

export function NeighborhoodsTable({
  neighborhoods,
  activeId = null,
  selectedId = null,
  onActiveChange,
  onSelect,
  canReassign = false,
}: NeighborhoodsTableProps) {
  return (
    <TableRegion label="Neighborhoods">
      <table className="table">
        <caption className="visually-hidden">Neighborhoods and their coordination lieutenants</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Neighborhood</th>
            <th scope="col">Status</th>
            <th scope="col">Coordination lieutenant</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {neighborhoods.map((neighborhood) => {
            const classes = [
              neighborhood.id === activeId ? 'row-active' : '',
              neighborhood.id === selectedId ? 'row-selected' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <tr
                key={neighborhood.id}
                className={classes || undefined}
                onMouseEnter={onActiveChange ? () => onActiveChange(neighborhood.id) : undefined}
                onMouseLeave={onActiveChange ? () => onActiveChange(null) : undefined}
              >
                <td className="monospace">{neighborhood.code}</td>
                <th scope="row">
                  {onSelect ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={neighborhood.id === selectedId}
                      onClick={() => onSelect(neighborhood.id)}
                      onFocus={onActiveChange ? () => onActiveChange(neighborhood.id) : undefined}
                      onBlur={onActiveChange ? () => onActiveChange(null) : undefined}
                    >
                      {neighborhood.name}
                    </button>
                  ) : (
                    neighborhood.name
                  )}
                </th>
                <td>
                  <NeighborhoodStatus status={neighborhood.status} />
                </td>
                <td>
                  <LieutenantContact lieutenant={neighborhood.lieutenant} />
                </td>
                <td className="table-actions">
                  <Link
                    className="button button-small"
                    to={`/neighborhoods/${encodeURIComponent(neighborhood.id)}`}
                  >
                    History<span className="visually-hidden"> of assignments in {neighborhood.name}</span>
                  </Link>
                  {canReassign && neighborhood.status === 'active' ? (
                    <Link
                      className="button button-small"
                      to={`/neighborhoods/${encodeURIComponent(neighborhood.id)}/reassign`}
                    >
                      Reassign lieutenant<span className="visually-hidden"> for {neighborhood.name}</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
