import {
  area,
  booleanClockwise,
  booleanPointInPolygon,
  booleanValid,
  distance,
  featureCollection,
  intersect,
  kinks,
  lineString,
  point,
  pointToLineDistance,
  union,
} from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { demoNeighborhoods } from '../../src/demo/east-hartford/neighborhoods.ts';
import {
  DEMO_LANDMARK_ADDRESSES,
  demoStreets,
  generateDemoAddressPoints,
} from '../../src/demo/east-hartford/streets.ts';

const features = demoNeighborhoods.features;
// Generated once: every address test below reads the same list.
const points = generateDemoAddressPoints();

// Town Hall's location in the public data set (the town-hall parking lot, 740 Main St).
const TOWN_HALL: [number, number] = [-72.6446905, 41.7660404];
// Generous box around the town (its real bbox is about [-72.665, 41.725, -72.571, 41.801]).
const TOWN_BOX = { minLon: -72.67, minLat: 41.72, maxLon: -72.565, maxLat: 41.805 };

describe('demo neighborhoods of East Hartford', () => {
  it('has six named polygons with unique codes', () => {
    expect(features).toHaveLength(6);
    expect(new Set(features.map((f) => f.properties.code)).size).toBe(6);
    expect(new Set(features.map((f) => f.properties.name)).size).toBe(6);
    for (const f of features) {
      expect(f.geometry.type).toBe('Polygon');
      expect(f.properties.description.length).toBeGreaterThan(20);
    }
  });

  it('has valid, closed, counter-clockwise rings without self-intersections', () => {
    for (const f of features) {
      const rings = f.geometry.coordinates;
      expect(rings, f.properties.code).toHaveLength(1);
      const ring = rings[0]!;
      expect(ring.length, f.properties.code).toBeGreaterThanOrEqual(4);
      expect(ring[0], f.properties.code).toEqual(ring[ring.length - 1]);
      expect(booleanValid(f), f.properties.code).toBe(true);
      expect(kinks(f).features, f.properties.code).toHaveLength(0);
      // RFC 7946: exterior rings are counter-clockwise.
      expect(booleanClockwise(ring), f.properties.code).toBe(false);
    }
  });

  it('does not overlap: no pair shares more than 1 m²', () => {
    for (let i = 0; i < features.length; i++) {
      for (let j = i + 1; j < features.length; j++) {
        const a = features[i]!;
        const b = features[j]!;
        const overlap = intersect(featureCollection([a, b]));
        const shared = overlap ? area(overlap) : 0;
        expect(shared, `${a.properties.code} / ${b.properties.code}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('leaves no gaps: the union is one polygon without holes, as large as the parts together', () => {
    const merged = union(featureCollection(features));
    expect(merged?.geometry.type).toBe('Polygon');
    expect(merged!.geometry.coordinates).toHaveLength(1);
    const sum = features.reduce((total, f) => total + area(f), 0);
    expect(Math.abs(sum - area(merged!))).toBeLessThan(1);
    // The town is about 48.4 km²; the demo outline runs slightly outside the town line.
    expect(area(merged!) / 1e6).toBeGreaterThan(48.4);
    expect(area(merged!) / 1e6).toBeLessThan(56);
  });

  it('draws shared borders with the same vertices on both sides', () => {
    for (const a of features) {
      for (const b of features) {
        if (a === b) continue;
        const bVertices = new Set(b.geometry.coordinates[0]!.map(([lon, lat]) => `${lon},${lat}`));
        const bBorder = lineString(b.geometry.coordinates[0]!);
        for (const [lon, lat] of a.geometry.coordinates[0]!) {
          const onBorder = pointToLineDistance(point([lon, lat]), bBorder, { units: 'meters' }) < 0.01;
          if (onBorder) {
            expect(
              bVertices.has(`${lon},${lat}`),
              `${a.properties.code} vertex ${lon},${lat} on ${b.properties.code}`,
            ).toBe(true);
          }
        }
      }
    }
  });
});

describe('demo streets and address points', () => {
  it('lists at least 80 street names with 2-6 vertex centrelines inside the town box', () => {
    expect(new Set(demoStreets.map((s) => s.name)).size).toBeGreaterThanOrEqual(80);
    for (const s of demoStreets) {
      expect(s.line.length, s.name).toBeGreaterThanOrEqual(2);
      expect(s.line.length, s.name).toBeLessThanOrEqual(6);
      expect(['06108', '06118'], s.name).toContain(s.zip);
      expect(s.to, s.name).toBeGreaterThan(s.from);
      for (const [lon, lat] of s.line) {
        expect(lon, s.name).toBeGreaterThan(TOWN_BOX.minLon);
        expect(lon, s.name).toBeLessThan(TOWN_BOX.maxLon);
        expect(lat, s.name).toBeGreaterThan(TOWN_BOX.minLat);
        expect(lat, s.name).toBeLessThan(TOWN_BOX.maxLat);
      }
    }
  });

  it('never gives two entries of one street overlapping number ranges', () => {
    const byName = new Map<string, Array<[number, number]>>();
    for (const s of demoStreets) byName.set(s.name, [...(byName.get(s.name) ?? []), [s.from, s.to]]);
    for (const [name, ranges] of byName) {
      const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0], name).toBeGreaterThan(sorted[i - 1]![1]);
    }
  });

  it('generates at least 5,000 unique one-line addresses', () => {
    expect(points.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(points.map((p) => p.address)).size).toBe(points.length);
    for (const p of points) {
      expect(p.address).toMatch(/^\d+[A-Z]? [A-Z][A-Za-z ]* (St|Ave|Rd|Ln|Dr|Blvd|Ter|Pl|Cir)( Apt \d+)?$/);
    }
  });

  it('puts every address point inside exactly one neighborhood', () => {
    const outside: string[] = [];
    for (const p of points) {
      const pt = point([p.lon, p.lat]);
      const containing = features.filter((f) => booleanPointInPolygon(pt, f));
      if (containing.length !== 1) outside.push(`${p.address} (${containing.length})`);
    }
    expect(outside).toEqual([]);
  });

  it('includes the landmark addresses where they really are', () => {
    const byAddress = new Map(points.map((p) => [p.address, p]));
    const townHall = byAddress.get(DEMO_LANDMARK_ADDRESSES.townHall);
    const police = byAddress.get(DEMO_LANDMARK_ADDRESSES.policeHeadquarters);
    expect(DEMO_LANDMARK_ADDRESSES.townHall).toBe('740 Main St');
    expect(DEMO_LANDMARK_ADDRESSES.policeHeadquarters).toBe('31 School St');
    expect(townHall).toBeDefined();
    expect(police).toBeDefined();
    expect(distance(TOWN_HALL, [townHall!.lon, townHall!.lat], { units: 'meters' })).toBeLessThan(30);
    // Police headquarters is on School Street a short walk from Town Hall.
    expect(distance(TOWN_HALL, [police!.lon, police!.lat], { units: 'meters' })).toBeLessThan(300);
    expect(byAddress.has(DEMO_LANDMARK_ADDRESSES.rentschlerField)).toBe(true);
  });

  it('includes addresses with letter suffixes and units', () => {
    const addresses = new Set(points.map((p) => p.address));
    expect(addresses.has('12A Main St')).toBe(true);
    expect(addresses.has('33 Burnside Ave Apt 2')).toBe(true);
    expect(points.filter((p) => /^\d+[A-Z] /.test(p.address)).length).toBeGreaterThan(5);
    expect(points.filter((p) => / Apt \d+$/.test(p.address)).length).toBeGreaterThan(5);
  });

  it('is deterministic', () => {
    expect(generateDemoAddressPoints()).toEqual(points);
  });
});
