import { randomBytes } from 'node:crypto';
import type { Role } from '@nsp/contracts';
import type { Database } from '../../src/db/client.ts';
import { neighborhoods, serviceRequests, serviceTypes, users } from '../../src/db/schema/index.ts';

/**
 * Rows for the background-job tests, written straight into the tables so these tests do not depend on
 * the intake routes. Every value is unique per call; nothing relies on other tests' data.
 */

const unique = () => randomBytes(4).toString('hex');
const hoursFromNow = (hours: number, now = Date.now()) => new Date(now + hours * 3_600_000);

export async function insertServiceType(db: Database, name = 'Abandoned vehicle'): Promise<string> {
  const code = `test-${unique()}`;
  await db.insert(serviceTypes).values({
    code,
    name: { en: name },
    description: { en: `${name} (test category)` },
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

export async function insertNeighborhood(
  db: Database,
  name = 'Burnside',
): Promise<{ id: string; name: string }> {
  const [row] = await db
    .insert(neighborhoods)
    .values({ code: `T${unique()}`, name: `${name} ${unique()}` })
    .returning({ id: neighborhoods.id, name: neighborhoods.name });
  return row!;
}

export type RequestOverrides = Partial<typeof serviceRequests.$inferInsert>;

/** A request created `ageHours` ago whose due times are given in hours from now (negative = past). */
export async function insertRequest(
  db: Database,
  serviceCode: string,
  options: {
    firstResponseDueInHours: number;
    resolutionDueInHours: number;
    ageHours?: number;
  } & RequestOverrides,
): Promise<{ id: string; trackingNumber: string }> {
  const { firstResponseDueInHours, resolutionDueInHours, ageHours = 48, ...overrides } = options;
  const trackingNumber = `TEST-${unique()}-${unique()}`;
  const [row] = await db
    .insert(serviceRequests)
    .values({
      trackingNumber,
      serviceCode,
      status: 'new',
      priority: 'P2',
      channel: 'phone',
      description: 'Car with flat tyres parked for weeks',
      address: '12 Burnside Ave',
      lat: 41.77,
      lon: -72.62,
      requesterName: 'Maria Requester',
      requesterEmail: `requester-${unique()}@example.org`,
      requesterPhone: '+1 860 555 0100',
      requesterLanguage: 'es',
      firstResponseDueAt: hoursFromNow(firstResponseDueInHours),
      resolutionDueAt: hoursFromNow(resolutionDueInHours),
      createdAt: hoursFromNow(-ageHours),
      updatedAt: hoursFromNow(-ageHours),
      createdByType: 'system',
      ...overrides,
    })
    .returning({ id: serviceRequests.id, trackingNumber: serviceRequests.trackingNumber });
  return row!;
}

/** A user row without a usable password: these tests never log them in. */
export async function insertUser(db: Database, roles: Role[], active = true): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      email: `${roles.join('-') || 'nobody'}-${unique()}@test.example.org`,
      name: `Test ${roles.join(' ')}`,
      passwordHash: 'not-a-hash: never logs in',
      roles,
      active,
    })
    .returning({ id: users.id });
  return row!.id;
}

/** Polls until `check` returns a truthy value or the time is up (background jobs run asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
