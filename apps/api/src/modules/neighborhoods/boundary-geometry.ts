import {
  area,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  kinks,
  polygon,
  rewind,
} from '@turf/turf';
import type { BoundaryGeometry } from '../../db/schema/index.ts';

export type Position = [number, number];
export type BBox = [number, number, number, number];

/** A boundary that passed every check, rewound to RFC 7946 order (exterior counter-clockwise). */
export interface CheckedBoundary {
  geometry: BoundaryGeometry;
  bbox: BBox;
  areaSquareMeters: number;
  vertexCount: number;
}

export type BoundaryCheck = { valid: true; boundary: CheckedBoundary } | { valid: false; reasons: string[] };

/**
 * Overlaps and gaps smaller than this are floating-point noise along borders that neighbours share,
 * not something a person drew; one square metre is far below what a boundary file can mean.
 */
export const AREA_TOLERANCE_SQUARE_METERS = 1;

const MAX_REASONS = 20;
const MAX_KINKS_NAMED = 3;

/**
 * Checks a GeoJSON geometry for use as a neighborhood boundary and says exactly what is wrong:
 * type, structure, coordinate ranges, closed rings with at least four positions, holes inside their
 * exterior, no self-intersection (turf kinks), no overlapping parts. Valid input comes back with
 * consistent winding (turf rewind), without altitude or repeated consecutive positions.
 */
export function checkBoundaryGeometry(input: unknown): BoundaryCheck {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { valid: false, reasons: ['the geometry is missing or is not a GeoJSON object'] };
  }
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    const what = typeof type === 'string' ? `a ${type}` : 'of no known type';
    return {
      valid: false,
      reasons: [`the geometry is ${what}; a boundary must be a Polygon or MultiPolygon`],
    };
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    return { valid: false, reasons: [`the ${type} has no coordinates`] };
  }

  const reasons: string[] = [];
  const rawPolygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  const polygons: Position[][][] = [];
  rawPolygons.forEach((rawPolygon, polygonIndex) => {
    const where = type === 'Polygon' ? '' : `polygon ${polygonIndex + 1}, `;
    if (!Array.isArray(rawPolygon) || rawPolygon.length === 0) {
      reasons.push(`${where}has no rings`);
      return;
    }
    const rings: Position[][] = [];
    rawPolygon.forEach((rawRing, ringIndex) => {
      const ring = checkRing(rawRing, `${where}${ringLabel(ringIndex)}`, reasons);
      if (ring) rings.push(ring);
    });
    if (rings.length === rawPolygon.length) polygons.push(rings);
  });
  if (reasons.length > 0) return { valid: false, reasons: reasons.slice(0, MAX_REASONS) };

  polygons.forEach((rings, polygonIndex) => {
    const where = type === 'Polygon' ? 'the polygon' : `polygon ${polygonIndex + 1}`;
    const crossings = kinks({ type: 'Polygon', coordinates: rings }).features;
    if (crossings.length > 0) {
      const points = crossings
        .slice(0, MAX_KINKS_NAMED)
        .map((point) => formatPosition(point.geometry.coordinates as Position))
        .join(', ');
      const more =
        crossings.length > MAX_KINKS_NAMED ? ` and ${crossings.length - MAX_KINKS_NAMED} more` : '';
      reasons.push(`${where} intersects itself at ${points}${more}`);
      return;
    }
    const exterior = { type: 'Polygon' as const, coordinates: [rings[0]!] };
    rings.slice(1).forEach((hole, holeIndex) => {
      if (!booleanPointInPolygon(hole[0]!, exterior, { ignoreBoundary: true })) {
        reasons.push(`${where}, hole ${holeIndex + 1} lies outside the exterior ring`);
      }
    });
    if (area(exterior) <= 0) reasons.push(`${where} encloses no area`);
  });
  if (reasons.length === 0 && polygons.length > 1) reasons.push(...overlappingParts(polygons));
  if (reasons.length > 0) return { valid: false, reasons: reasons.slice(0, MAX_REASONS) };

  const geometry = rewind(
    type === 'Polygon'
      ? { type: 'Polygon', coordinates: polygons[0]! }
      : { type: 'MultiPolygon', coordinates: polygons },
    { reverse: false, mutate: true },
  ) as BoundaryGeometry;
  return {
    valid: true,
    boundary: {
      geometry,
      bbox: bboxOf(polygons),
      areaSquareMeters: area(geometry),
      vertexCount: polygons.reduce(
        (sum, rings) => sum + rings.reduce((n, ring) => n + ring.length - 1, 0),
        0,
      ),
    },
  };
}

function ringLabel(index: number): string {
  return index === 0 ? 'exterior ring' : `hole ${index}`;
}

function formatPosition([lon, lat]: Position): string {
  return `[${Number(lon.toFixed(7))}, ${Number(lat.toFixed(7))}]`;
}

/** Checks one ring's positions; returns it without altitude and repeated points, or null with reasons. */
function checkRing(rawRing: unknown, where: string, reasons: string[]): Position[] | null {
  if (!Array.isArray(rawRing)) {
    reasons.push(`${where} is not an array of positions`);
    return null;
  }
  const ring: Position[] = [];
  let bad = false;
  rawRing.forEach((rawPosition, index) => {
    if (bad) return;
    if (
      !Array.isArray(rawPosition) ||
      rawPosition.length < 2 ||
      typeof rawPosition[0] !== 'number' ||
      typeof rawPosition[1] !== 'number' ||
      !Number.isFinite(rawPosition[0]) ||
      !Number.isFinite(rawPosition[1])
    ) {
      reasons.push(`${where}, position ${index + 1} is not a [longitude, latitude] pair of numbers`);
      bad = true;
      return;
    }
    const [lon, lat] = rawPosition as [number, number];
    if (lon < -180 || lon > 180) {
      reasons.push(`${where}, position ${index + 1}: longitude ${lon} is outside -180..180`);
      bad = true;
      return;
    }
    if (lat < -90 || lat > 90) {
      reasons.push(
        `${where}, position ${index + 1}: latitude ${lat} is outside -90..90 (are longitude and latitude swapped?)`,
      );
      bad = true;
      return;
    }
    const previous = ring[ring.length - 1];
    if (!previous || previous[0] !== lon || previous[1] !== lat) ring.push([lon, lat]);
  });
  if (bad) return null;
  if (rawRing.length < 4) {
    reasons.push(`${where} has ${rawRing.length} positions; a closed ring needs at least 4`);
    return null;
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    reasons.push(
      `${where} is not closed: it starts at ${formatPosition(first)} and ends at ${formatPosition(last)}`,
    );
    return null;
  }
  if (ring.length < 4) {
    reasons.push(`${where} has fewer than 3 distinct positions`);
    return null;
  }
  return ring;
}

function overlappingParts(polygons: Position[][][]): string[] {
  const reasons: string[] = [];
  const boxes = polygons.map((rings) => bboxOf([rings]));
  for (let a = 0; a < polygons.length; a++) {
    for (let b = a + 1; b < polygons.length; b++) {
      if (!bboxesIntersect(boxes[a]!, boxes[b]!)) continue;
      const shared = intersect(featureCollection([polygon(polygons[a]!), polygon(polygons[b]!)]));
      const overlap = shared ? area(shared) : 0;
      if (overlap > AREA_TOLERANCE_SQUARE_METERS) {
        reasons.push(
          `polygons ${a + 1} and ${b + 1} of the MultiPolygon overlap by ${Math.round(overlap)} m²`,
        );
      }
    }
  }
  return reasons;
}

export function bboxOf(polygons: Position[][][]): BBox {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const rings of polygons) {
    // The exterior ring bounds the polygon; holes lie inside it.
    for (const [lon, lat] of rings[0] ?? []) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The polygons of a boundary, whatever its type. */
export function polygonsOf(geometry: BoundaryGeometry): Position[][][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
}
