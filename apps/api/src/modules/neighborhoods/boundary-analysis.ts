import { area, featureCollection, intersect, multiPolygon, pointOnFeature, polygon, union } from '@turf/turf';
import type { BoundaryGeometry } from '../../db/schema/index.ts';
import {
  AREA_TOLERANCE_SQUARE_METERS,
  type BBox,
  bboxesIntersect,
  bboxOf,
  type Position,
  polygonsOf,
} from './boundary-geometry.ts';

export interface AnalysedBoundary {
  code: string;
  geometry: BoundaryGeometry;
  bbox: BBox;
}

export interface BoundaryOverlap {
  /** Indexes into the analysed list, a < b. */
  a: number;
  b: number;
  areaSquareMeters: number;
}

export interface BoundaryGap {
  areaSquareMeters: number;
  /** A point inside the gap, to find it on a map. */
  point: Position;
  bbox: BBox;
}

// One feature type for both kinds of boundary, so turf's collection typing stays simple.
const feature = (geometry: BoundaryGeometry) => multiPolygon(polygonsOf(geometry));

const roundArea = (squareMeters: number) => Math.round(squareMeters * 10) / 10;

/** Every pair of boundaries that shares more than the tolerance of area (borders may touch). */
export function findOverlaps(boundaries: readonly AnalysedBoundary[]): BoundaryOverlap[] {
  const overlaps: BoundaryOverlap[] = [];
  for (let a = 0; a < boundaries.length; a++) {
    for (let b = a + 1; b < boundaries.length; b++) {
      const first = boundaries[a]!;
      const second = boundaries[b]!;
      if (!bboxesIntersect(first.bbox, second.bbox)) continue;
      const shared = intersect(featureCollection([feature(first.geometry), feature(second.geometry)]));
      const overlap = shared ? area(shared) : 0;
      if (overlap > AREA_TOLERANCE_SQUARE_METERS)
        overlaps.push({ a, b, areaSquareMeters: roundArea(overlap) });
    }
  }
  return overlaps;
}

/**
 * Holes in the union of all boundaries: places surrounded by neighborhoods that no neighborhood
 * covers. The outer edge of the covered area is not a gap (the town ends somewhere).
 */
export function findGaps(boundaries: readonly AnalysedBoundary[]): BoundaryGap[] {
  if (boundaries.length === 0) return [];
  const covered =
    boundaries.length === 1
      ? feature(boundaries[0]!.geometry)
      : union(featureCollection(boundaries.map((b) => feature(b.geometry))));
  if (!covered) return [];
  const gaps: BoundaryGap[] = [];
  for (const rings of polygonsOf(covered.geometry as BoundaryGeometry)) {
    for (const hole of rings.slice(1)) {
      const gap = polygon([hole]);
      const gapArea = area(gap);
      if (gapArea <= AREA_TOLERANCE_SQUARE_METERS) continue;
      gaps.push({
        areaSquareMeters: roundArea(gapArea),
        point: pointOnFeature(gap).geometry.coordinates as Position,
        bbox: bboxOf([[hole]]),
      });
    }
  }
  return gaps.sort((x, y) => y.areaSquareMeters - x.areaSquareMeters);
}
