import type { SaraArea, SaraPolygon } from '@nsp/contracts';
import { booleanPointInPolygon, buffer, point, polygon as turfPolygon } from '@turf/turf';
import type { BoundaryGeometry } from '../../db/schema/index.ts';

const EARTH_RADIUS_METERS = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

/** A test "is this point inside", with the box around it for a first cut in SQL. */
export interface AreaTest {
  box: BoundingBox;
  contains(lat: number, lon: number): boolean;
}

type Geometry = SaraPolygon | BoundaryGeometry;

function boxOfGeometry(geometry: Geometry): BoundingBox {
  const box = { minLat: 90, minLon: 180, maxLat: -90, maxLon: -180 };
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings)
    for (const [lon, lat] of ring) {
      if (lon === undefined || lat === undefined) continue;
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
    }
  return box;
}

export function geometryTest(geometry: Geometry): AreaTest {
  const box = boxOfGeometry(geometry);
  return {
    box,
    contains: (lat, lon) =>
      lat >= box.minLat &&
      lat <= box.maxLat &&
      lon >= box.minLon &&
      lon <= box.maxLon &&
      booleanPointInPolygon(point([lon, lat]), geometry),
  };
}

function circleTest(lat: number, lon: number, radiusMeters: number): AreaTest {
  const dLat = radiusMeters / 111_320;
  const dLon = radiusMeters / (111_320 * Math.cos(toRadians(lat)));
  return {
    box: { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon },
    contains: (pLat, pLon) => distanceMeters({ lat, lon }, { lat: pLat, lon: pLon }) <= radiusMeters,
  };
}

/** The case area itself. */
export function areaTest(area: SaraArea): AreaTest {
  return area.kind === 'circle'
    ? circleTest(area.lat, area.lon, area.radiusMeters)
    : geometryTest(area.geometry);
}

/** The area grown by `meters` all round (the outer edge of a buffer ring). */
export function grownAreaTest(area: SaraArea, meters: number): AreaTest {
  if (area.kind === 'circle') return circleTest(area.lat, area.lon, area.radiusMeters + meters);
  const grown = buffer(turfPolygon(area.geometry.coordinates), meters, { units: 'meters' });
  if (!grown) throw new Error('buffer produced no geometry');
  return geometryTest(grown.geometry as Geometry);
}

export function unionBox(...boxes: BoundingBox[]): BoundingBox {
  return {
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    minLon: Math.min(...boxes.map((b) => b.minLon)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
    maxLon: Math.max(...boxes.map((b) => b.maxLon)),
  };
}

/** The smallest circle about the points' mean that holds them all (plus a margin), for a candidate's area. */
export function circleAround(
  points: Array<{ lat: number; lon: number }>,
  marginMeters = 25,
): SaraArea | null {
  if (points.length === 0) return null;
  const lat = points.reduce((sum, p) => sum + p.lat, 0) / points.length;
  const lon = points.reduce((sum, p) => sum + p.lon, 0) / points.length;
  let radius = 0;
  for (const p of points) radius = Math.max(radius, distanceMeters({ lat, lon }, p));
  return {
    kind: 'circle',
    lat,
    lon,
    radiusMeters: Math.min(5000, Math.max(5, Math.ceil(radius + marginMeters))),
  };
}
