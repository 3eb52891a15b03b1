/** GeoJSON positions are [longitude, latitude] (WGS84). */
export type Position = number[];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type BoundaryGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLon, minLat, maxLon, maxLat] */
export type Bounds = [number, number, number, number];
export type Point = [number, number];

export interface MapProjection {
  width: number;
  height: number;
  project: (lon: number, lat: number) => Point;
}

/** A geometry as a list of polygons, each a list of rings (outer first, then holes). */
export function polygonsOf(geometry: BoundaryGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function boundsOf(geometries: readonly BoundaryGeometry[]): Bounds | null {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          if (lon === undefined || lat === undefined) continue;
          if (lon < minLon) minLon = lon;
          if (lon > maxLon) maxLon = lon;
          if (lat < minLat) minLat = lat;
          if (lat > maxLat) maxLat = lat;
        }
      }
    }
  }
  return Number.isFinite(minLon) ? [minLon, minLat, maxLon, maxLat] : null;
}

/**
 * Equirectangular projection fitted to the bounds. At a town's scale the earth is flat enough;
 * scaling longitude by cos(mid-latitude) keeps shapes from looking stretched east–west
 * (at 41.8°N a degree of longitude is only ~75% as long as a degree of latitude).
 * The height follows the area's aspect ratio, clamped so very tall or wide areas stay usable.
 */
export function fitProjection(
  bounds: Bounds,
  { width = 800, padding = 24, minHeight = 320, maxHeight = 900 } = {},
) {
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const lonScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * lonScale, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const innerWidth = width - 2 * padding;
  const height = Math.min(maxHeight, Math.max(minHeight, (innerWidth * spanY) / spanX + 2 * padding));
  const scale = Math.min(innerWidth / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const project = (lon: number, lat: number): Point => [
    offsetX + (lon - minLon) * lonScale * scale,
    offsetY + (maxLat - lat) * scale,
  ];
  return { width, height, project } satisfies MapProjection;
}

export function projectPolygons(geometry: BoundaryGeometry, projection: MapProjection): Point[][][] {
  return polygonsOf(geometry).map((polygon) =>
    polygon.map((ring) =>
      ring
        .filter((position) => position[0] !== undefined && position[1] !== undefined)
        .map(([lon, lat]) => projection.project(lon as number, lat as number)),
    ),
  );
}

/** One SVG path for all polygons; draw it with fill-rule="evenodd" so holes stay empty. */
export function toSvgPath(polygons: Point[][][]): string {
  const round = (value: number) => Math.round(value * 10) / 10;
  return polygons
    .flatMap((polygon) =>
      polygon
        .filter((ring) => ring.length >= 3)
        .map((ring) => `M${ring.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`),
    )
    .join('');
}

function ringArea(ring: Point[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    area += xj * yi - xi * yj;
  }
  return area / 2;
}

function isInside(point: Point, polygon: Point[][]): boolean {
  const [x, y] = point;
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi, yi] = ring[i] as Point;
      const [xj, yj] = ring[j] as Point;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function distanceToEdges(point: Point, polygon: Point[][]): number {
  let best = Number.POSITIVE_INFINITY;
  const [px, py] = point;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [ax, ay] = ring[j] as Point;
      const [bx, by] = ring[i] as Point;
      const dx = bx - ax;
      const dy = by - ay;
      const lengthSquared = dx * dx + dy * dy;
      const t =
        lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
      best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
    }
  }
  return best;
}

/**
 * Where to put a label: the point of the largest polygon farthest from its edges (a coarse
 * "pole of inaccessibility"). Unlike the centroid, it is always inside, even for the
 * L- and C-shaped areas that river- and highway-bounded neighborhoods produce.
 */
export function labelPosition(polygons: Point[][][]): Point | null {
  const largest = polygons
    .filter((polygon) => (polygon[0]?.length ?? 0) >= 3)
    .reduce<Point[][] | null>(
      (best, polygon) =>
        !best || Math.abs(ringArea(polygon[0] as Point[])) > Math.abs(ringArea(best[0] as Point[]))
          ? polygon
          : best,
      null,
    );
  if (!largest) return null;
  const outer = largest[0] as Point[];
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }

  let best: Point = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestDistance = isInside(best, largest) ? distanceToEdges(best, largest) : -1;
  const steps = 16;
  let cellX = (maxX - minX) / steps;
  let cellY = (maxY - minY) / steps;
  const search = (centerX: number, centerY: number, spanSteps: number) => {
    for (let i = -spanSteps; i <= spanSteps; i += 1) {
      for (let j = -spanSteps; j <= spanSteps; j += 1) {
        const candidate: Point = [centerX + i * cellX, centerY + j * cellY];
        if (!isInside(candidate, largest)) continue;
        const distance = distanceToEdges(candidate, largest);
        if (distance > bestDistance) {
          bestDistance = distance;
          best = candidate;
        }
      }
    }
  };
  search((minX + maxX) / 2, (minY + maxY) / 2, steps / 2);
  // Refine around the best grid point with ever finer cells.
  for (let round = 0; round < 4; round += 1) {
    cellX /= 4;
    cellY /= 4;
    search(best[0], best[1], 4);
  }
  return bestDistance >= 0 ? best : (outer[0] ?? null);
}
