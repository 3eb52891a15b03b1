/**
 * Nearest-point search over a fixed set of points: a uniform grid of about `cellMeters` square
 * cells, searched ring by ring outwards from the query's cell, stopping once no unsearched cell can
 * hold anything nearer. With ~100 m cells a lookup reads a handful of cells, so reverse geocoding and
 * hundred-block generalisation cost microseconds however many address points there are.
 *
 * Distances use a local equirectangular projection (metres per degree at the query's latitude):
 * well under a metre of error over the few hundred metres searched.
 */
const METERS_PER_DEGREE_LAT = 111_320;

export interface GridPoint {
  lat: number;
  lon: number;
}

export class SpatialGrid<T extends GridPoint> {
  private readonly cells = new Map<number, T[]>();
  private readonly cellLat: number;
  private readonly cellLon: number;
  /** The grid's extent in cells: keys are small integers (row - firstRow) * columns + column offset. */
  private firstRow = 0;
  private firstColumn = 0;
  private rows = 0;
  private columns = 0;

  constructor(
    points: readonly T[],
    private readonly cellMeters = 100,
  ) {
    const meanLat = points.length > 0 ? points.reduce((sum, p) => sum + p.lat, 0) / points.length : 0;
    this.cellLat = cellMeters / METERS_PER_DEGREE_LAT;
    this.cellLon = cellMeters / (METERS_PER_DEGREE_LAT * Math.max(0.05, Math.cos((meanLat * Math.PI) / 180)));
    if (points.length > 0) {
      let [minRow, maxRow, minColumn, maxColumn] = [Infinity, -Infinity, Infinity, -Infinity];
      for (const point of points) {
        const row = this.rowOf(point.lat);
        const column = this.columnOf(point.lon);
        [minRow, maxRow] = [Math.min(minRow, row), Math.max(maxRow, row)];
        [minColumn, maxColumn] = [Math.min(minColumn, column), Math.max(maxColumn, column)];
      }
      this.firstRow = minRow;
      this.firstColumn = minColumn;
      this.rows = maxRow - minRow + 1;
      this.columns = maxColumn - minColumn + 1;
    }
    for (const point of points) {
      const key = this.keyOf(this.rowOf(point.lat), this.columnOf(point.lon));
      const cell = this.cells.get(key);
      if (cell) cell.push(point);
      else this.cells.set(key, [point]);
    }
  }

  get size(): number {
    let count = 0;
    for (const cell of this.cells.values()) count += cell.length;
    return count;
  }

  /** The nearest point within `maxMeters` (that `accept` allows), with its distance; null when none. */
  nearest(
    lat: number,
    lon: number,
    maxMeters: number,
    accept?: (point: T) => boolean,
  ): { point: T; meters: number } | null {
    if (this.cells.size === 0) return null;
    const metersPerDegreeLon = METERS_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
    const row = this.rowOf(lat);
    const column = this.columnOf(lon);
    const maxRing = Math.ceil(maxMeters / this.cellMeters) + 1;
    let best: T | null = null;
    let bestSquared = maxMeters * maxMeters;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Every point in ring r is at least (r - 1) cells away from the query.
      const ringMinimum = Math.max(0, ring - 1) * this.cellMeters * 0.999;
      if (best && ringMinimum * ringMinimum > bestSquared) break;
      for (let dr = -ring; dr <= ring; dr++) {
        const edge = dr === -ring || dr === ring;
        for (let dc = -ring; dc <= ring; dc += edge ? 1 : 2 * ring) {
          const cell = this.cells.get(this.keyOf(row + dr, column + dc));
          if (!cell) continue;
          for (const point of cell) {
            const dy = (point.lat - lat) * METERS_PER_DEGREE_LAT;
            const dx = (point.lon - lon) * metersPerDegreeLon;
            const squared = dx * dx + dy * dy;
            if (squared <= bestSquared && (!accept || accept(point))) {
              if (squared < bestSquared || best === null) {
                best = point;
                bestSquared = squared;
              }
            }
          }
          if (ring === 0) break;
        }
      }
    }
    return best ? { point: best, meters: Math.sqrt(bestSquared) } : null;
  }

  private rowOf(lat: number): number {
    return Math.floor(lat / this.cellLat);
  }

  private columnOf(lon: number): number {
    return Math.floor(lon / this.cellLon);
  }

  /** One small integer per cell of the extent; -1 (no cell) outside it. */
  private keyOf(row: number, column: number): number {
    const r = row - this.firstRow;
    const c = column - this.firstColumn;
    if (r < 0 || c < 0 || r >= this.rows || c >= this.columns) return -1;
    return r * this.columns + c;
  }
}
