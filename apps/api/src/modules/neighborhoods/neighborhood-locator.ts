import type { BoundaryGeometry } from '../../db/schema/index.ts';
import { type BBox, bboxOf, polygonsOf } from './boundary-geometry.ts';

export interface LocatableNeighborhood {
  id: string;
  code: string;
  name: string;
  geometry: BoundaryGeometry;
}

export interface LocatedNeighborhood {
  id: string;
  code: string;
  name: string;
}

/**
 * How close (in degrees, about 0.1 mm) a point must be to an edge to count as on it. Points on a
 * border belong to every neighborhood that shares it, and the lowest code wins; without the tolerance
 * a point on a shared edge could, through rounding, fall in neither.
 */
const ON_EDGE_DEGREES = 1e-9;
/** Edges per horizontal band: a point is tested only against the edges of its band. */
const EDGES_PER_BAND = 4;
const MAX_BANDS = 8192;

/**
 * One polygon (exterior and holes) prepared for fast point-in-polygon tests: its edges are bucketed
 * into horizontal bands, so a test looks at a handful of edges instead of every vertex (the ray-casting
 * even-odd rule over the edges of the point's band, which hold every edge its ray can cross).
 */
class PreparedPolygon {
  readonly bbox: BBox;
  private readonly edges: Float64Array;
  private readonly bandStarts: Uint32Array;
  private readonly bandEdges: Uint32Array;
  private readonly bandCount: number;
  private readonly bandHeight: number;

  constructor(rings: [number, number][][]) {
    this.bbox = bboxOf([rings]);
    const edgeCount = rings.reduce((sum, ring) => sum + ring.length - 1, 0);
    this.edges = new Float64Array(edgeCount * 4);
    let offset = 0;
    for (const ring of rings) {
      for (let i = 0; i < ring.length - 1; i++) {
        this.edges[offset++] = ring[i]![0];
        this.edges[offset++] = ring[i]![1];
        this.edges[offset++] = ring[i + 1]![0];
        this.edges[offset++] = ring[i + 1]![1];
      }
    }
    const [, minLat, , maxLat] = this.bbox;
    this.bandCount = Math.max(1, Math.min(MAX_BANDS, Math.ceil(edgeCount / EDGES_PER_BAND)));
    this.bandHeight = (maxLat - minLat) / this.bandCount || 1;
    const counts = new Uint32Array(this.bandCount + 1);
    this.forEachBandOfEdge((band) => {
      counts[band + 1]!++;
    });
    for (let band = 0; band < this.bandCount; band++) counts[band + 1]! += counts[band]!;
    this.bandStarts = counts;
    this.bandEdges = new Uint32Array(counts[this.bandCount]!);
    const fill = counts.slice(0, this.bandCount);
    this.forEachBandOfEdge((band, edge) => {
      this.bandEdges[fill[band]!++] = edge;
    });
  }

  private bandOf(lat: number): number {
    const band = Math.floor((lat - this.bbox[1]) / this.bandHeight);
    return band < 0 ? 0 : band >= this.bandCount ? this.bandCount - 1 : band;
  }

  private forEachBandOfEdge(visit: (band: number, edge: number) => void): void {
    const edgeCount = this.edges.length / 4;
    for (let edge = 0; edge < edgeCount; edge++) {
      const y1 = this.edges[edge * 4 + 1]!;
      const y2 = this.edges[edge * 4 + 3]!;
      const first = this.bandOf(Math.min(y1, y2) - ON_EDGE_DEGREES);
      const last = this.bandOf(Math.max(y1, y2) + ON_EDGE_DEGREES);
      for (let band = first; band <= last; band++) visit(band, edge);
    }
  }

  /** Inside or on the boundary. */
  contains(lon: number, lat: number): boolean {
    const [minLon, minLat, maxLon, maxLat] = this.bbox;
    if (
      lon < minLon - ON_EDGE_DEGREES ||
      lon > maxLon + ON_EDGE_DEGREES ||
      lat < minLat - ON_EDGE_DEGREES ||
      lat > maxLat + ON_EDGE_DEGREES
    ) {
      return false;
    }
    const band = this.bandOf(lat);
    const edges = this.edges;
    let inside = false;
    for (let i = this.bandStarts[band]!, end = this.bandStarts[band + 1]!; i < end; i++) {
      const offset = this.bandEdges[i]! * 4;
      const x1 = edges[offset]!;
      const y1 = edges[offset + 1]!;
      const x2 = edges[offset + 2]!;
      const y2 = edges[offset + 3]!;
      if (isOnEdge(lon, lat, x1, y1, x2, y2)) return true;
      if (y1 > lat !== y2 > lat && lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
    return inside;
  }
}

function isOnEdge(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  if (x < Math.min(x1, x2) - ON_EDGE_DEGREES || x > Math.max(x1, x2) + ON_EDGE_DEGREES) return false;
  if (y < Math.min(y1, y2) - ON_EDGE_DEGREES || y > Math.max(y1, y2) + ON_EDGE_DEGREES) return false;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.sqrt(dx * dx + dy * dy);
  if (length === 0) return true;
  return Math.abs(dx * (y - y1) - dy * (x - x1)) <= ON_EDGE_DEGREES * length;
}

interface PreparedNeighborhood {
  neighborhood: LocatedNeighborhood;
  bbox: BBox;
  polygons: PreparedPolygon[];
}

/**
 * Finds the neighborhood of a point among a fixed set of boundaries. Candidates are filtered by
 * bounding box and tried in code order, so a point on a border shared by two neighborhoods always
 * resolves to the one with the lowest code.
 */
export class NeighborhoodLocator {
  private readonly prepared: PreparedNeighborhood[];

  constructor(neighborhoods: readonly LocatableNeighborhood[]) {
    this.prepared = [...neighborhoods]
      .sort((a, b) => compareCodes(a.code, b.code) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((n) => {
        const polygons = polygonsOf(n.geometry).map((rings) => new PreparedPolygon(rings));
        return {
          neighborhood: { id: n.id, code: n.code, name: n.name },
          bbox: bboxOf(polygonsOf(n.geometry)),
          polygons,
        };
      });
  }

  get size(): number {
    return this.prepared.length;
  }

  locate(lat: number, lon: number): LocatedNeighborhood | null {
    for (const candidate of this.prepared) {
      const [minLon, minLat, maxLon, maxLat] = candidate.bbox;
      if (
        lon < minLon - ON_EDGE_DEGREES ||
        lon > maxLon + ON_EDGE_DEGREES ||
        lat < minLat - ON_EDGE_DEGREES ||
        lat > maxLat + ON_EDGE_DEGREES
      ) {
        continue;
      }
      for (const polygon of candidate.polygons) {
        if (polygon.contains(lon, lat)) return candidate.neighborhood;
      }
    }
    return null;
  }
}

/** Codes compare case-insensitively (they are unique that way), then as typed for a stable order. */
export function compareCodes(a: string, b: string): number {
  const upperA = a.toUpperCase();
  const upperB = b.toUpperCase();
  if (upperA !== upperB) return upperA < upperB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
