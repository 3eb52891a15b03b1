import { randomBytes } from 'node:crypto';
import type { Role } from '@nsp/contracts';
import { expect } from 'vitest';
import { bearer, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/**
 * Factories for the service-request tests, going through the HTTP API like a client would:
 * neighborhoods with boundaries, address points, a lieutenant, categories. Values are unique per call.
 */

export const unique = () => randomBytes(4).toString('hex');

export type Users = Record<Role, TestUser>;

export async function usersByRole(t: TestApp): Promise<Users> {
  const users = {} as Users;
  for (const role of ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
    users[role] = await userWithRoles(t, [role]);
  }
  return users;
}

/** A square of `size` degrees with its south-west corner at (lat, lon). */
export function square(lat: number, lon: number, size = 0.02) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

export interface TestNeighborhood {
  id: string;
  code: string;
  name: string;
  lieutenant: { id: string; name: string } | null;
  /** A point well inside the boundary. */
  center: { lat: number; lon: number };
}

/** A neighborhood (square boundary) with, unless told otherwise, a current coordination lieutenant. */
export async function createNeighborhood(
  t: TestApp,
  admin: TestUser,
  corner: { lat: number; lon: number },
  options: { withLieutenant?: boolean } = {},
): Promise<TestNeighborhood> {
  const code = `N${unique().toUpperCase()}`;
  const created = await t.http
    .post('/api/v1/neighborhoods')
    .set(bearer(admin))
    .send({ code, name: `Neighborhood ${code}`, boundary: square(corner.lat, corner.lon) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const neighborhood: TestNeighborhood = {
    id: created.body.id,
    code,
    name: created.body.name,
    lieutenant: null,
    center: { lat: corner.lat + 0.01, lon: corner.lon + 0.01 },
  };
  if (options.withLieutenant !== false) {
    const person = await createPerson(t, admin, { kind: 'lieutenant', title: 'Lieutenant' });
    const assigned = await t.http
      .post(`/api/v1/neighborhoods/${neighborhood.id}/assignments`)
      .set(bearer(admin))
      .send({
        personnelId: person.id,
        role: 'coordination_lieutenant',
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
        reason: 'Test set-up',
      });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    neighborhood.lieutenant = { id: person.id, name: person.name };
  }
  return neighborhood;
}

export async function createPerson(
  t: TestApp,
  admin: TestUser,
  overrides: { kind?: string; title?: string; active?: boolean } = {},
): Promise<{ id: string; name: string }> {
  const suffix = unique();
  const reply = await t.http
    .post('/api/v1/personnel')
    .set(bearer(admin))
    .send({
      name: `Officer ${suffix}`,
      title: overrides.title ?? 'Community Service Officer',
      badgeNumber: `B${suffix}`,
      kind: overrides.kind ?? 'cso',
      email: `officer-${suffix}@police.test`,
      ...(overrides.active === false ? { active: false } : {}),
    });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { id: reply.body.id, name: reply.body.name };
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
    .send({
      type: 'FeatureCollection',
      features: points.map((point) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        properties: { address: point.address },
      })),
    });
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  expect(reply.body.rejected).toEqual([]);
}

export const hours = (firstResponseHours: number, resolutionHours: number) => ({
  firstResponseHours,
  resolutionHours,
});

export async function createServiceType(
  t: TestApp,
  admin: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<{ code: string; [key: string]: unknown }> {
  const code = `test-${unique()}`;
  const reply = await t.http
    .post('/api/v1/service-types')
    .set(bearer(admin))
    .send({
      code,
      name: { en: `Noise ${code}`, es: `Ruido ${code}`, pt: `Barulho ${code}`, pl: `Hałas ${code}` },
      description: { en: 'Loud music or parties' },
      group: 'Quality of life',
      keywords: ['noise', 'music'],
      sla: {
        clock: 'calendar',
        targets: { P1: hours(1, 4), P2: hours(4, 24), P3: hours(24, 72), P4: hours(48, 168) },
      },
      ...overrides,
    });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** Offsets in metres turned into degrees near a latitude (accurate enough at these distances). */
export function offsetMeters(point: { lat: number; lon: number }, northMeters: number, eastMeters: number) {
  const metersPerDegree = 111_320;
  return {
    lat: point.lat + northMeters / metersPerDegree,
    lon: point.lon + eastMeters / (metersPerDegree * Math.cos((point.lat * Math.PI) / 180)),
  };
}

export function createRequest(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  return t.http
    .post('/api/v1/service-requests')
    .set(bearer(user))
    .send({ description: 'Loud music every night after midnight', channel: 'phone', ...body });
}

/** Creates a request and checks it worked; returns the reply body. */
export async function newRequest(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  const reply = await createRequest(t, user, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; trackingNumber: string; version: number; [key: string]: unknown };
}

export async function createApiClient(t: TestApp, admin: TestUser, scopes: string[]): Promise<string> {
  const reply = await t.http
    .post('/api/v1/api-clients')
    .set(bearer(admin))
    .send({ name: `Client ${unique()}`, scopes });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.key as string;
}
