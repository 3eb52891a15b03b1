/**
 * Street centrelines drawn through the address points, because the department's data has address
 * points and no street geometry. Along a street sorted by house number, odd and even houses
 * alternate sides, so the midpoints of consecutive houses lie on (or within a setback of) the
 * centreline. A gap of more than `BREAK_METERS` between consecutive midpoints (a renumbered or
 * interrupted street) starts a new part rather than drawing a line across the blocks in between.
 *
 * Intersections are computed from these lines: where two streets' lines cross, or, for a street
 * that ends at another (a T, where the side street's first houses stand back from the corner),
 * where the lines come within `MEET_TOLERANCE_METERS`. Streets that come no closer do not meet.
 */

const METERS_PER_DEGREE_LAT = 111_320;
const BREAK_METERS = 250;
/** A T-junction's gap is the side street's first setback (~10–30 m); parallel streets a block apart are 60 m or more. */
export const MEET_TOLERANCE_METERS = 50;

export interface CentrelineVertex {
  x: number;
  y: number;
}

interface Part {
  vertices: CentrelineVertex[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Local metres around a reference latitude (equirectangular): plenty for a town. */
export class LocalProjection {
  readonly metersPerDegreeLon: number;
  constructor(readonly referenceLat: number) {
    this.metersPerDegreeLon = METERS_PER_DEGREE_LAT * Math.cos((referenceLat * Math.PI) / 180);
  }
  toXY(lat: number, lon: number): CentrelineVertex {
    return { x: lon * this.metersPerDegreeLon, y: lat * METERS_PER_DEGREE_LAT };
  }
  toLatLon(point: CentrelineVertex): { lat: number; lon: number } {
    return { lat: point.y / METERS_PER_DEGREE_LAT, lon: point.x / this.metersPerDegreeLon };
  }
}

export class StreetCentreline {
  private readonly parts: Part[];
  /** The whole line, vertex i standing between the houses i - 1 and i of the sorted numbers. */
  private readonly line: CentrelineVertex[];

  /** `points` sorted by house number. */
  constructor(points: ReadonlyArray<{ lat: number; lon: number }>, projection: LocalProjection) {
    const xy = points.map((p) => projection.toXY(p.lat, p.lon));
    const line: CentrelineVertex[] = [];
    if (xy.length > 0) line.push(xy[0]!);
    for (let i = 0; i + 1 < xy.length; i++) {
      line.push({ x: (xy[i]!.x + xy[i + 1]!.x) / 2, y: (xy[i]!.y + xy[i + 1]!.y) / 2 });
    }
    if (xy.length > 1) line.push(xy[xy.length - 1]!);
    this.line = line;
    this.parts = [];
    let current: CentrelineVertex[] = [];
    for (const vertex of line) {
      const previous = current[current.length - 1];
      if (previous && Math.hypot(vertex.x - previous.x, vertex.y - previous.y) > BREAK_METERS) {
        this.parts.push(partOf(current));
        current = [];
      }
      current.push(vertex);
    }
    if (current.length > 0) this.parts.push(partOf(current));
  }

  /**
   * Distance from a point to the line near the house at `index` of the sorted numbers: the few
   * segments around it, where the nearest part of the street is when that house is the nearest one.
   */
  distanceNear(point: CentrelineVertex, index: number, reach = 3): number {
    const v = this.line;
    if (v.length === 1) return Math.hypot(point.x - v[0]!.x, point.y - v[0]!.y);
    let best = Number.POSITIVE_INFINITY;
    const from = Math.max(0, index - reach);
    const to = Math.min(v.length - 1, index + reach + 1);
    for (let i = from; i < to; i++) {
      const a = v[i]!;
      const b = v[i + 1]!;
      // A gap of the street is not drawn (see BREAK_METERS).
      if (Math.hypot(b.x - a.x, b.y - a.y) > BREAK_METERS) continue;
      best = Math.min(best, closestOnSegment(point, a, b).distance);
    }
    return Number.isFinite(best) ? best : Math.hypot(point.x - v[index]!.x, point.y - v[index]!.y);
  }

  /**
   * Where this street meets another: every crossing of the two lines (nearest-first order is the
   * caller's), or else the closest approach when it is within the tolerance; empty when they do not meet.
   */
  meetingPoints(other: StreetCentreline): Array<CentrelineVertex & { gap: number }> {
    const crossings: Array<CentrelineVertex & { gap: number }> = [];
    let closest: (CentrelineVertex & { gap: number }) | null = null;
    for (const a of this.parts) {
      for (const b of other.parts) {
        const slack = MEET_TOLERANCE_METERS;
        if (
          a.maxX + slack < b.minX ||
          b.maxX + slack < a.minX ||
          a.maxY + slack < b.minY ||
          b.maxY + slack < a.minY
        )
          continue;
        const va = segmentsOf(a.vertices);
        const vb = segmentsOf(b.vertices);
        for (const [a0, a1, aIndex] of va) {
          for (const [b0, b1, bIndex] of vb) {
            const crossing = segmentIntersection(a0, a1, b0, b1);
            if (crossing) {
              crossings.push({ ...crossing, gap: 0 });
              continue;
            }
            const approach = closestApproach(a0, a1, b0, b1, {
              aAtEnd: (t) => isLineEnd(a.vertices, aIndex, t),
              bAtEnd: (t) => isLineEnd(b.vertices, bIndex, t),
            });
            if (approach.gap <= slack && (!closest || approach.gap < closest.gap)) closest = approach;
          }
        }
      }
    }
    if (crossings.length > 0) return dedupe(crossings);
    return closest ? [closest] : [];
  }
}

function partOf(vertices: CentrelineVertex[]): Part {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const v of vertices) {
    minX = Math.min(minX, v.x);
    minY = Math.min(minY, v.y);
    maxX = Math.max(maxX, v.x);
    maxY = Math.max(maxY, v.y);
  }
  return { vertices, minX, minY, maxX, maxY };
}

/** A one-vertex line is a zero-length segment, so single-house streets still take part. */
function segmentsOf(vertices: CentrelineVertex[]): Array<[CentrelineVertex, CentrelineVertex, number]> {
  if (vertices.length === 1) return [[vertices[0]!, vertices[0]!, 0]];
  const segments: Array<[CentrelineVertex, CentrelineVertex, number]> = [];
  for (let i = 0; i + 1 < vertices.length; i++) segments.push([vertices[i]!, vertices[i + 1]!, i]);
  return segments;
}

function isLineEnd(vertices: CentrelineVertex[], segment: number, t: number): boolean {
  return (segment === 0 && t <= 0) || (segment === vertices.length - 2 && t >= 1) || vertices.length === 1;
}

function closestOnSegment(p: CentrelineVertex, a: CentrelineVertex, b: CentrelineVertex) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  const x = a.x + t * dx;
  const y = a.y + t * dy;
  return { x, y, t, distance: Math.hypot(p.x - x, p.y - y) };
}

function segmentIntersection(
  a0: CentrelineVertex,
  a1: CentrelineVertex,
  b0: CentrelineVertex,
  b1: CentrelineVertex,
): CentrelineVertex | null {
  const rx = a1.x - a0.x;
  const ry = a1.y - a0.y;
  const sx = b1.x - b0.x;
  const sy = b1.y - b0.y;
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const qx = b0.x - a0.x;
  const qy = b0.y - a0.y;
  const t = (qx * sy - qy * sx) / denominator;
  const u = (qx * ry - qy * rx) / denominator;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { x: a0.x + t * rx, y: a0.y + t * ry };
}

/**
 * The closest approach of two segments that do not cross. When one line ends there (a T-junction)
 * and the other runs past, the meeting point is on the line that runs past, where the ending street
 * would join it; otherwise it is halfway between the two closest points.
 */
function closestApproach(
  a0: CentrelineVertex,
  a1: CentrelineVertex,
  b0: CentrelineVertex,
  b1: CentrelineVertex,
  ends: { aAtEnd: (t: number) => boolean; bAtEnd: (t: number) => boolean },
): CentrelineVertex & { gap: number } {
  const options = [
    { from: a0, on: closestOnSegment(a0, b0, b1), fromEnd: ends.aAtEnd(0), onEnd: ends.bAtEnd },
    { from: a1, on: closestOnSegment(a1, b0, b1), fromEnd: ends.aAtEnd(1), onEnd: ends.bAtEnd },
    { from: b0, on: closestOnSegment(b0, a0, a1), fromEnd: ends.bAtEnd(0), onEnd: ends.aAtEnd },
    { from: b1, on: closestOnSegment(b1, a0, a1), fromEnd: ends.bAtEnd(1), onEnd: ends.aAtEnd },
  ];
  let best = options[0]!;
  for (const option of options) if (option.on.distance < best.on.distance) best = option;
  const runsPast = best.fromEnd && !best.onEnd(best.on.t);
  const point = runsPast
    ? { x: best.on.x, y: best.on.y }
    : { x: (best.from.x + best.on.x) / 2, y: (best.from.y + best.on.y) / 2 };
  return { ...point, gap: best.on.distance };
}

/** Crossings within 30 m of each other are one meeting (a line's zig-zag crossing twice). */
function dedupe(points: Array<CentrelineVertex & { gap: number }>) {
  const kept: Array<CentrelineVertex & { gap: number }> = [];
  for (const point of points) {
    if (!kept.some((k) => Math.hypot(k.x - point.x, k.y - point.y) < 30)) kept.push(point);
  }
  return kept;
}
