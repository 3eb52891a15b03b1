import type { SaraArea } from '@nsp/contracts';
import { useId, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useClientConfig } from '../../../lib/client-config';
import AreaMap from '../../../lib/geo/area-map';
import type { MapArea, MapPoint, MapTiles } from '../../../lib/geo/map-types';
import { areaPolygon, describeArea } from '../area-shape';

const FILLS = ['#f7e7cc', '#dbe8f6', '#dcefd8', '#e9e0f4', '#f6dcdc', '#d6eeee'];

export interface SaraMapArea {
  id: string;
  area: SaraArea;
  name: string;
  code: string;
}

/**
 * Case and candidate areas with request points on the Leaflet map (a lazy chunk). The page lists the
 * same areas and requests in text for anyone who does not use the map.
 */
export default function SaraMap({
  areas,
  points = [],
  label,
  selectedId = null,
  onSelect,
}: {
  areas: SaraMapArea[];
  points?: Array<{ id: string; lat: number; lon: number; title: string; lines: string[] }>;
  label: string;
  selectedId?: string | null;
  onSelect?: (id: string) => void;
}) {
  const helpId = useId();
  const navigate = useNavigate();
  const config = useClientConfig();
  const tileUrl = config.data?.map.tileUrl ?? null;
  const attribution = config.data?.map.attribution ?? null;
  const tiles = useMemo<MapTiles | null>(
    () => (tileUrl ? { url: tileUrl, attribution } : null),
    [tileUrl, attribution],
  );
  const mapAreas = useMemo(
    () =>
      areas.map(
        (item, index): MapArea => ({
          id: item.id,
          geometry: areaPolygon(item.area),
          accessibleName: `${item.name}: ${describeArea(item.area)}`,
          label: { code: item.code, name: item.name.length > 30 ? `${item.name.slice(0, 29)}…` : item.name },
          fillColor: FILLS[index % FILLS.length] as string,
        }),
      ),
    [areas],
  );
  const mapPoints = useMemo(
    () =>
      points.map(
        (point): MapPoint => ({
          id: point.id,
          lat: point.lat,
          lon: point.lon,
          accessibleName: point.title,
          shape: 'circle',
          popup: { title: point.title, href: `/service-requests/${point.id}`, lines: point.lines },
        }),
      ),
    [points],
  );
  return (
    <div className="sara-map">
      <p id={helpId} className="map-help">
        Tab to an area or a request marker; Enter opens it.
      </p>
      <AreaMap
        areas={mapAreas}
        areasLabel={`${label}: areas`}
        mapLabel={label}
        describedBy={helpId}
        selectedAreaId={selectedId}
        {...(onSelect ? { onAreaSelect: onSelect } : {})}
        points={mapPoints}
        pointsLabel={`${label}: requests`}
        tiles={tiles}
        onNavigate={(href) => navigate(href)}
      />
    </div>
  );
}
