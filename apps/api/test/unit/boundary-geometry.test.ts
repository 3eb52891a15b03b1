import { booleanClockwise } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { findGaps, findOverlaps } from '../../src/modules/neighborhoods/boundary-analysis.ts';
import { checkBoundaryGeometry } from '../../src/modules/neighborhoods/boundary-geometry.ts';

type Ring = [number, number][];
const square = (lon: number, lat: number, size: number): Ring => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];
const reasonsOf = (geometry: unknown) => {
  const check = checkBoundaryGeometry(geometry);
  return check.valid ? [] : check.reasons;
};

describe('boundary geometry check', () => {
  it('accepts a simple polygon and reports its area, bounding box and vertex count', () => {
    const check = checkBoundaryGeometry({ type: 'Polygon', coordinates: [square(-72.6, 41.7, 0.01)] });
    expect(check.valid).toBe(true);
    if (!check.valid) return;
    const [minLon, minLat, maxLon, maxLat] = check.boundary.bbox;
    expect([minLon, minLat]).toEqual([-72.6, 41.7]);
    expect(maxLon).toBeCloseTo(-72.59, 10);
    expect(maxLat).toBeCloseTo(41.71, 10);
    expect(check.boundary.vertexCount).toBe(4);
    // 0.01° × 0.01° at 41.7°N is about 1,113 m × 831 m.
    expect(check.boundary.areaSquareMeters).toBeGreaterThan(900_000);
    expect(check.boundary.areaSquareMeters).toBeLessThan(950_000);
  });

  it('normalises winding: exterior counter-clockwise, holes clockwise (RFC 7946)', () => {
    const clockwiseExterior = [...square(0, 0, 10)].reverse();
    const counterClockwiseHole = square(4, 4, 2);
    const check = checkBoundaryGeometry({
      type: 'Polygon',
      coordinates: [clockwiseExterior, counterClockwiseHole],
    });
    expect(check.valid).toBe(true);
    if (!check.valid || check.boundary.geometry.type !== 'Polygon') return;
    const [exterior, hole] = check.boundary.geometry.coordinates;
    expect(booleanClockwise(exterior as Ring)).toBe(false);
    expect(booleanClockwise(hole as Ring)).toBe(true);
  });

  it('drops altitude and repeated consecutive positions', () => {
    const check = checkBoundaryGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0, 12],
          [1, 0, 12],
          [1, 0, 12],
          [1, 1, 12],
          [0, 1, 12],
          [0, 0, 12],
        ],
      ],
    });
    expect(check.valid).toBe(true);
    if (!check.valid || check.boundary.geometry.type !== 'Polygon') return;
    expect(check.boundary.geometry.coordinates[0]).toHaveLength(5);
    expect(check.boundary.geometry.coordinates[0]!.every((p) => p.length === 2)).toBe(true);
  });

  it.each([
    [
      { type: 'Point', coordinates: [0, 0] },
      'the geometry is a Point; a boundary must be a Polygon or MultiPolygon',
    ],
    [
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
      'the geometry is a LineString',
    ],
    [null, 'the geometry is missing'],
    [{ type: 'Polygon' }, 'the Polygon has no coordinates'],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      'exterior ring is not closed: it starts at [0, 0] and ends at [0, 1]',
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      'exterior ring has 3 positions; a closed ring needs at least 4',
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      'exterior ring has fewer than 3 distinct positions',
    ],
    [
      { type: 'Polygon', coordinates: [square(200, 0, 1)] },
      'exterior ring, position 1: longitude 200 is outside -180..180',
    ],
    [{ type: 'Polygon', coordinates: [square(0, 95, 1)] }, 'latitude 95 is outside -90..90'],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['a', 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'position 2 is not a [longitude, latitude] pair of numbers',
    ],
    [{ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], []] }, 'polygon 2, has no rings'],
  ])('names the problem in %j', (geometry, reason) => {
    expect(reasonsOf(geometry).join(' | ')).toContain(reason);
  });

  it('finds a self-intersecting ring (a bow tie) and says where it crosses', () => {
    const bowTie: Ring = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    expect(reasonsOf({ type: 'Polygon', coordinates: [bowTie] })).toEqual([
      'the polygon intersects itself at [1, 1]',
    ]);
  });

  it('refuses a hole outside its exterior ring and overlapping MultiPolygon parts', () => {
    expect(reasonsOf({ type: 'Polygon', coordinates: [square(0, 0, 1), square(5, 5, 1)] })).toEqual([
      'the polygon, hole 1 lies outside the exterior ring',
    ]);
    const overlapping = reasonsOf({
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 0.01)], [square(0.005, 0, 0.01)]],
    });
    expect(overlapping).toHaveLength(1);
    expect(overlapping[0]).toMatch(/^polygons 1 and 2 of the MultiPolygon overlap by \d+ m²$/);
  });
});

describe('overlaps and gaps of a set of boundaries', () => {
  const boundary = (code: string, ring: Ring) => {
    const check = checkBoundaryGeometry({ type: 'Polygon', coordinates: [ring] });
    if (!check.valid) throw new Error(check.reasons.join());
    return { code, geometry: check.boundary.geometry, bbox: check.boundary.bbox };
  };

  it('ignores shared borders and measures real overlaps in square metres', () => {
    const west = boundary('W', square(0, 0, 0.01));
    const east = boundary('E', square(0.01, 0, 0.01));
    expect(findOverlaps([west, east])).toEqual([]);
    const shifted = boundary('S', square(0.009, 0, 0.01));
    const overlaps = findOverlaps([west, east, shifted]);
    expect(overlaps.map((o) => [o.a, o.b])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // 0.001° × 0.01° at the equator is about 111 m × 1,113 m.
    expect(overlaps[0]!.areaSquareMeters).toBeGreaterThan(120_000);
    expect(overlaps[0]!.areaSquareMeters).toBeLessThan(125_000);
  });

  it('reports a hole surrounded by neighborhoods as a gap, with a point inside it', () => {
    // A ring of four rectangles around an empty centre square (0.01..0.02).
    const pieces = [
      boundary('S', [
        [0, 0],
        [0.03, 0],
        [0.03, 0.01],
        [0, 0.01],
        [0, 0],
      ]),
      boundary('N', [
        [0, 0.02],
        [0.03, 0.02],
        [0.03, 0.03],
        [0, 0.03],
        [0, 0.02],
      ]),
      boundary('W', [
        [0, 0.01],
        [0.01, 0.01],
        [0.01, 0.02],
        [0, 0.02],
        [0, 0.01],
      ]),
      boundary('E', [
        [0.02, 0.01],
        [0.03, 0.01],
        [0.03, 0.02],
        [0.02, 0.02],
        [0.02, 0.01],
      ]),
    ];
    const gaps = findGaps(pieces);
    expect(gaps).toHaveLength(1);
    const [lon, lat] = gaps[0]!.point;
    expect(lon).toBeGreaterThan(0.01);
    expect(lon).toBeLessThan(0.02);
    expect(lat).toBeGreaterThan(0.01);
    expect(lat).toBeLessThan(0.02);
    expect(gaps[0]!.areaSquareMeters).toBeGreaterThan(1_200_000);
    // Neighbours that meet edge to edge leave no gap; the outer edge of the town is not a gap.
    expect(findGaps(pieces.slice(0, 2))).toEqual([]);
  });
});
