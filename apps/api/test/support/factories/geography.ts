import { expect } from 'vitest';
import { bearer, type TestApp, type TestUser } from '../test-app.ts';

/** Shapes for boundary and geocoding tests, in GeoJSON order: [lon, lat]. */
export type Ring = [number, number][];

/** A closed ring, counter-clockwise from its south-west corner at (lon, lat). */
export const square = (lon: number, lat: number, size: number): Ring =>
  rectangle(lon, lat, lon + size, lat + size);

export const rectangle = (minLon: number, minLat: number, maxLon: number, maxLat: number): Ring => [
  [minLon, minLat],
  [maxLon, minLat],
  [maxLon, maxLat],
  [minLon, maxLat],
  [minLon, minLat],
];

export const polygon = (ring: Ring) => ({ type: 'Polygon' as const, coordinates: [ring] });

export function feature(code: string, geometry: unknown, properties: Record<string, unknown> = {}) {
  return { type: 'Feature' as const, properties: { code, ...properties }, geometry };
}

export const featureCollection = (features: unknown[]) => ({ type: 'FeatureCollection' as const, features });

let regions = 0;
/**
 * A fresh 1°×1° patch of empty map (in the South Pacific) for one test's shapes, so boundaries drawn by
 * one test never overlap another's.
 */
export function region(): { lon: number; lat: number } {
  regions++;
  return { lon: -150 + regions * 1.5, lat: -40 };
}

/** Offsets in metres turned into degrees near a latitude (accurate enough at these distances). */
export function offsetMeters(point: { lat: number; lon: number }, northMeters: number, eastMeters: number) {
  const metersPerDegree = 111_320;
  return {
    lat: point.lat + northMeters / metersPerDegree,
    lon: point.lon + eastMeters / (metersPerDegree * Math.cos((point.lat * Math.PI) / 180)),
  };
}

/** Address points through the import endpoint (the geocoder reloads its index after it). */
export async function importAddresses(
  t: TestApp,
  admin: TestUser,
  points: Array<{ address: string; lat: number; lon: number }>,
): Promise<void> {
  const reply = await t.http
    .post('/api/v1/address-points')
    .set(bearer(admin))
    .send(
      featureCollection(
        points.map((point) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
          properties: { address: point.address },
        })),
      ),
    );
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  expect(reply.body.rejected).toEqual([]);
}
