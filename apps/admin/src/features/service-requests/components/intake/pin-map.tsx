import { useMemo } from 'react';
import { useClientConfig } from '../../../../lib/client-config';
import AreaMap from '../../../../lib/geo/area-map';
import type { MapArea, MapTiles } from '../../../../lib/geo/map-types';
import type { BoundaryGeometry } from '../../../../lib/geo/map-geometry';
import { useNeighborhoods } from '../../../../lib/reference-data/neighborhoods';

const FILL = '#eef3f9';

/**
 * Where the request is, for when the address does not find it: the neighborhoods' outlines and a pin
 * the clerk drops with a click or moves by dragging (or, focused, with the arrow keys). The
 * neighborhood follows the pin (shown beside the map from the locate answer). Leaflet: lazy chunk.
 */
export default function PinMap({
  pin,
  onPinMove,
}: {
  pin: { lat: number; lon: number } | null;
  onPinMove: (lat: number, lon: number) => void;
}) {
  const neighborhoods = useNeighborhoods({ includeBoundary: true });
  const clientConfig = useClientConfig();
  const areas = useMemo<MapArea[]>(
    () =>
      (neighborhoods.data ?? [])
        .filter((neighborhood) => neighborhood.boundary && neighborhood.status === 'active')
        .map((neighborhood) => ({
          id: neighborhood.id,
          geometry: neighborhood.boundary as BoundaryGeometry,
          accessibleName: `${neighborhood.name} (${neighborhood.code})`,
          label: { code: neighborhood.code, name: neighborhood.name },
          fillColor: FILL,
        })),
    [neighborhoods.data],
  );
  const tileUrl = clientConfig.data?.map.tileUrl ?? null;
  const attribution = clientConfig.data?.map.attribution ?? null;
  const tiles = useMemo<MapTiles | null>(
    () => (tileUrl ? { url: tileUrl, attribution } : null),
    [tileUrl, attribution],
  );
  return (
    <AreaMap
      areas={areas}
      areasLabel="Neighborhoods on the intake map"
      mapLabel="Intake map: click to drop the pin where the problem is; arrow keys pan, plus and minus zoom"
      tiles={tiles}
      pin={pin}
      onPinMove={onPinMove}
      pinLabel="Where the problem is: drag the pin, or move it with the arrow keys"
    />
  );
}
