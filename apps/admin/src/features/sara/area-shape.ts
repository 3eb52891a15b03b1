import type { SaraArea } from '@nsp/contracts';
import type { PolygonGeometry } from '../../lib/geo/map-geometry';

/** A case or candidate area as a polygon for the map: a circle becomes a 48-sided polygon. */
export function areaPolygon(area: SaraArea): PolygonGeometry {
  if (area.kind === 'polygon') return area.geometry as PolygonGeometry;
  const ring: Array<[number, number]> = [];
  const dLat = area.radiusMeters / 111_320;
  const dLon = area.radiusMeters / (111_320 * Math.cos((area.lat * Math.PI) / 180));
  for (let i = 0; i <= 48; i++) {
    const angle = (i / 48) * 2 * Math.PI;
    ring.push([area.lon + dLon * Math.cos(angle), area.lat + dLat * Math.sin(angle)]);
  }
  ring[48] = ring[0]!;
  return { type: 'Polygon', coordinates: [ring] };
}

/** "within 120 m of 41.7612, -72.6402" or "a drawn area". */
export function describeArea(area: SaraArea | null): string {
  if (!area) return 'No area yet';
  return area.kind === 'circle'
    ? `Within ${area.radiusMeters} m of ${area.lat.toFixed(5)}, ${area.lon.toFixed(5)}`
    : 'A drawn area';
}
