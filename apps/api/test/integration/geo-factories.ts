import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { assignments, personnel, serviceRequests, serviceTypes } from '../../src/db/schema/index.ts';

/**
 * Small factories for the neighborhood and geocoding tests. Every test draws its shapes in its own
 * patch of the map (`region`), so boundaries of one test never overlap another's.
 */

export const unique = () => randomBytes(3).toString('hex').toUpperCase();

export type Ring = [number, number][];

export const square = (lon: number, lat: number, size: number): Ring => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

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
/** A fresh 1°×1° patch of empty map (in the South Pacific) for one test's shapes. */
export function region(): { lon: number; lat: number } {
  regions++;
  return { lon: -150 + regions * 1.5, lat: -40 };
}

export async function insertServiceType(db: Database): Promise<string> {
  const code = `geo-${unique().toLowerCase()}`;
  await db.insert(serviceTypes).values({
    code,
    name: { en: 'Streetlight out' },
    description: { en: 'Test category' },
    sla: {
      clock: 'calendar',
      targets: {
        P1: { firstResponseHours: 1, resolutionHours: 8 },
        P2: { firstResponseHours: 4, resolutionHours: 24 },
        P3: { firstResponseHours: 24, resolutionHours: 72 },
        P4: { firstResponseHours: 48, resolutionHours: 168 },
      },
    },
  });
  return code;
}

export async function insertRequest(
  db: Database,
  values: {
    serviceCode: string;
    lat: number | null;
    lon: number | null;
    neighborhoodId: string | null;
    status?: (typeof serviceRequests.$inferInsert)['status'];
  },
): Promise<string> {
  const [row] = await db
    .insert(serviceRequests)
    .values({
      trackingNumber: `GEO-${unique()}-${unique()}`,
      serviceCode: values.serviceCode,
      status: values.status ?? 'new',
      channel: 'phone',
      description: 'Streetlight out on the corner',
      lat: values.lat,
      lon: values.lon,
      neighborhoodId: values.neighborhoodId,
      firstResponseDueAt: new Date(Date.now() + 3_600_000),
      resolutionDueAt: new Date(Date.now() + 86_400_000),
      createdByType: 'system',
    })
    .returning({ id: serviceRequests.id });
  return row!.id;
}

export async function requestNeighborhood(db: Database, id: string): Promise<string | null> {
  const [row] = await db
    .select({ neighborhoodId: serviceRequests.neighborhoodId })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, id));
  return row?.neighborhoodId ?? null;
}

/** A person holding the coordination-lieutenant role of a neighborhood since yesterday. */
export async function insertLieutenant(db: Database, neighborhoodId: string, name = 'Lt. Ana Ortiz') {
  const [person] = await db
    .insert(personnel)
    .values({
      name,
      title: 'Lieutenant',
      kind: 'lieutenant',
      phone: '860-555-0142',
      email: 'a.ortiz@pd.example.org',
    })
    .returning();
  await db.insert(assignments).values({
    neighborhoodId,
    personnelId: person!.id,
    role: 'coordination_lieutenant',
    startsAt: new Date(Date.now() - 86_400_000),
    reason: 'Test assignment',
  });
  return person!;
}
