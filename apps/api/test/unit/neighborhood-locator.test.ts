import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { BoundaryGeometry } from '../../src/db/schema/index.ts';
import {
  type LocatableNeighborhood,
  NeighborhoodLocator,
} from '../../src/modules/neighborhoods/neighborhood-locator.ts';

type Ring = [number, number][];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A star-shaped ring with `vertices` points around (lon, lat): very jagged, never self-crossing. */
function starRing(lon: number, lat: number, vertices: number, next: () => number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * i) / vertices;
    const radius = 0.01 + 0.03 * next();
    ring.push([lon + radius * Math.cos(angle), lat + radius * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return ring;
}

const square = (lon: number, lat: number, size: number): Ring => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

const neighborhood = (code: string, geometry: BoundaryGeometry): LocatableNeighborhood => ({
  id: `id-${code}`,
  code,
  name: `Name ${code}`,
  geometry,
});

describe('NeighborhoodLocator', () => {
  it('agrees with turf booleanPointInPolygon on jagged polygons, holes and multipolygons', () => {
    const next = random(7);
    const star = starRing(-72.6, 41.75, 1500, next);
    const holed: BoundaryGeometry = {
      type: 'Polygon',
      coordinates: [square(-72.5, 41.7, 0.05), square(-72.48, 41.72, 0.01).reverse()],
    };
    const multi: BoundaryGeometry = {
      type: 'MultiPolygon',
      coordinates: [[starRing(-72.7, 41.65, 300, next)], [square(-72.75, 41.75, 0.02)]],
    };
    const set = [
      neighborhood('A', { type: 'Polygon', coordinates: [star] }),
      neighborhood('B', holed),
      neighborhood('C', multi),
    ];
    const locator = new NeighborhoodLocator(set);
    let inside = 0;
    for (let i = 0; i < 20_000; i++) {
      const lon = -72.8 + 0.35 * next();
      const lat = 41.6 + 0.2 * next();
      const expected = set.find((n) => booleanPointInPolygon([lon, lat], n.geometry))?.code ?? null;
      expect(locator.locate(lat, lon)?.code ?? null, `${lon},${lat}`).toBe(expected);
      if (expected) inside++;
    }
    // The sample really exercised the polygons, not only the empty space around them.
    expect(inside).toBeGreaterThan(1_500);
  });

  it('puts a point on a shared border in the neighborhood with the lowest code, whatever the order', () => {
    // Two neighbours sharing a slanted edge, whose points are not exactly representable.
    const shared: Ring = [
      [0.1, 0.1],
      [0.3, 0.7],
    ];
    const west: Ring = [[-0.5, 0.1], shared[0]!, shared[1]!, [-0.5, 0.7], [-0.5, 0.1]];
    const east: Ring = [[1, 0.1], [1, 0.7], shared[1]!, shared[0]!, [1, 0.1]];
    const zulu = neighborhood('ZULU', { type: 'Polygon', coordinates: [west] });
    const alpha = neighborhood('ALPHA', { type: 'Polygon', coordinates: [east] });
    const points: Array<[number, number]> = [
      [0.4, 0.2], // midpoint of the shared edge (lat, lon)
      [0.1, 0.1], // shared vertex
      [0.7, 0.3], // shared vertex
    ];
    for (let i = 1; i < 10; i++) points.push([0.1 + (0.6 * i) / 10, 0.1 + (0.2 * i) / 10]);
    for (const order of [
      [zulu, alpha],
      [alpha, zulu],
    ]) {
      const locator = new NeighborhoodLocator(order);
      for (const [lat, lon] of points) expect(locator.locate(lat, lon)?.code, `${lat},${lon}`).toBe('ALPHA');
    }
  });

  it('counts the outer edge as inside and anything beyond it as outside', () => {
    const locator = new NeighborhoodLocator([
      neighborhood('ONE', { type: 'Polygon', coordinates: [square(0, 0, 1)] }),
    ]);
    expect(locator.locate(0.5, 1)?.code).toBe('ONE');
    expect(locator.locate(0, 0)?.code).toBe('ONE');
    expect(locator.locate(0.5, 1.000001)).toBeNull();
    expect(locator.locate(-0.000001, 0.5)).toBeNull();
    expect(new NeighborhoodLocator([]).locate(0.5, 0.5)).toBeNull();
  });
});
