import type { Neighborhood } from '../types';
import { LieutenantContact } from './lieutenant-contact';
import { NeighborhoodStatus } from './neighborhood-status';

/** The panel beside the map; map shapes carry the same key facts in their accessible names. */
export function NeighborhoodDetails({ neighborhood }: { neighborhood: Neighborhood | null }) {
  return (
    <aside className="card neighborhood-details" aria-label="Neighborhood details">
      <div>
        {neighborhood ? (
          <>
            <h2>
              {neighborhood.name} <span className="muted monospace">{neighborhood.code}</span>
            </h2>
            <dl className="details-list">
              <dt>Status</dt>
              <dd>
                <NeighborhoodStatus status={neighborhood.status} />
              </dd>
              <dt>Coordination lieutenant</dt>
              <dd>
                <LieutenantContact lieutenant={neighborhood.lieutenant} />
              </dd>
              {neighborhood.description ? (
                <>
                  <dt>Description</dt>
                  <dd>{neighborhood.description}</dd>
                </>
              ) : null}
            </dl>
          </>
        ) : (
          <p className="muted">
            Point at or select a neighborhood on the map or in the table to see its details.
          </p>
        )}
      </div>
    </aside>
  );
}
