import { useId, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClientConfig } from '../../../lib/client-config';
import AreaMap from '../../../lib/geo/area-map';
import type { MapArea, MapPoint, MapTiles } from '../../../lib/geo/map-types';
import type { BoundaryGeometry, Neighborhood } from '../types';

/** Light fills, each with ≥ 3:1 contrast against the dark outline and ≥ 7:1 under label text. */
const AREA_FILLS = ['#dbe8f6', '#dcefd8', '#f7e7cc', '#e9e0f4', '#f6dcdc', '#d6eeee', '#efeadb', '#e3e8ec'];

interface NeighborhoodMapProps {
  neighborhoods: Neighborhood[];
  /** Hovered or focused here or in the table: drawn highlighted. */
  activeId: string | null;
  selectedId: string | null;
  onActiveChange: (id: string | null) => void;
  onSelect: (id: string) => void;
  /** Open service requests to mark on the map; null when they are not shown. */
  requestPoints?: MapPoint[] | null;
}

function describeNeighborhood(neighborhood: Neighborhood): string {
  const status = neighborhood.status === 'retired' ? ', retired' : '';
  const lieutenant = neighborhood.lieutenant
    ? `lieutenant ${neighborhood.lieutenant.name}`
    : 'no coordination lieutenant assigned';
  return `${neighborhood.name} (${neighborhood.code})${status}, ${lieutenant}`;
}

/**
 * The neighborhoods on a Leaflet map (lazy chunk). With no tile server configured the shapes are
 * drawn over a plain background, so the map works offline and inside a locked-down department
 * network; with NSP_MAP_TILE_URL set on the API, the tiles go underneath. Each shape is a
 * keyboard-focusable toggle button whose accessible name says what its drawn label says; the table
 * below lists the same neighborhoods for anyone who prefers it.
 */
export default function NeighborhoodMap({
  neighborhoods,
  activeId,
  selectedId,
  onActiveChange,
  onSelect,
  requestPoints = null,
}: NeighborhoodMapProps) {
  const helpId = useId();
  const navigate = useNavigate();
  const clientConfig = useClientConfig();

  const areas = useMemo(
    () =>
      neighborhoods
        .filter((neighborhood): neighborhood is Neighborhood & { boundary: BoundaryGeometry } =>
          Boolean(neighborhood.boundary),
        )
        .map(
          (neighborhood, index): MapArea => ({
            id: neighborhood.id,
            geometry: neighborhood.boundary,
            accessibleName: describeNeighborhood(neighborhood),
            label: {
              code: neighborhood.code,
              name: `${neighborhood.name}${neighborhood.status === 'retired' ? ' (retired)' : ''}`,
            },
            fillColor: AREA_FILLS[index % AREA_FILLS.length] as string,
            dashed: neighborhood.status === 'retired',
          }),
        ),
    [neighborhoods],
  );

  const tileUrl = clientConfig.data?.map.tileUrl ?? null;
  const attribution = clientConfig.data?.map.attribution ?? null;
  // Until the settings arrive (or when they cannot be read) the map simply has no tiles.
  const tiles = useMemo<MapTiles | null>(
    () => (tileUrl ? { url: tileUrl, attribution } : null),
    [tileUrl, attribution],
  );

  if (areas.length === 0) {
    return <p className="empty-state">No neighborhood boundaries have been loaded yet.</p>;
  }

  const missing = neighborhoods.filter((neighborhood) => !neighborhood.boundary);

  return (
    <figure className="map">
      <AreaMap
        areas={areas}
        areasLabel="Map of neighborhoods"
        mapLabel="Neighborhood map: arrow keys pan, plus and minus zoom"
        describedBy={helpId}
        activeAreaId={activeId}
        selectedAreaId={selectedId}
        onAreaActiveChange={onActiveChange}
        onAreaSelect={onSelect}
        points={requestPoints ?? undefined}
        pointsLabel="Open service requests"
        tiles={tiles}
        onNavigate={navigate}
      />
      {requestPoints ? (
        <ul className="geo-map-legend" aria-label="Map legend">
          <li>
            <span className="geo-map-point is-circle" aria-hidden="true">
              <span className="geo-map-point-shape" />
            </span>
            Open request
          </li>
          <li>
            <span className="geo-map-point is-diamond" aria-hidden="true">
              <span className="geo-map-point-shape" />
            </span>
            Overdue request (diamond, dark outline)
          </li>
        </ul>
      ) : null}
      <figcaption id={helpId} className="map-help">
        Press Tab to move between neighborhoods and Enter to show one’s details. Selected neighborhoods have a
        thick outline.
        {requestPoints
          ? ' Open requests come next in the Tab order; Enter on one opens its summary with a link to the request.'
          : ''}
        {missing.length > 0
          ? ` Not on the map (no boundary loaded): ${missing.map((neighborhood) => neighborhood.name).join(', ')}.`
          : ''}
      </figcaption>
    </figure>
  );
}
