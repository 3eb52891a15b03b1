import { randomBytes } from 'node:crypto';
import type { Executor } from '../../src/db/client.ts';
import { neighborhoods, personnel, serviceRequests, serviceTypes } from '../../src/db/schema/index.ts';

/** Small factories for personnel and assignment tests: unique values, nothing shared between tests. */
const unique = () => randomBytes(4).toString('hex');

export async function insertNeighborhood(db: Executor, overrides: { status?: 'active' | 'retired' } = {}) {
  const code = `T${unique().toUpperCase()}`;
  const [row] = await db
    .insert(neighborhoods)
    .values({ code, name: `Test Neighborhood ${code}`, status: overrides.status ?? 'active' })
    .returning();
  return row!;
}

export async function insertPerson(
  db: Executor,
  overrides: Partial<typeof personnel.$inferInsert> = {},
): Promise<typeof personnel.$inferSelect> {
  const suffix = unique();
  const [row] = await db
    .insert(personnel)
    .values({
      name: `Lt. Test ${suffix}`,
      title: 'Lieutenant',
      badgeNumber: `B-${suffix}`,
      kind: 'lieutenant',
      email: `lt-${suffix}@police.test`,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function insertServiceType(db: Executor): Promise<string> {
  const code = `test-${unique()}`;
  const hours = { firstResponseHours: 24, resolutionHours: 72 };
  await db.insert(serviceTypes).values({
    code,
    name: { en: `Test type ${code}` },
    description: { en: 'For tests' },
    sla: { clock: 'calendar', targets: { P1: hours, P2: hours, P3: hours, P4: hours } },
  });
  return code;
}

export async function insertServiceRequest(
  db: Executor,
  values: {
    serviceCode: string;
    neighborhoodId: string | null;
    assigneeId: string | null;
    status?: (typeof serviceRequests.$inferInsert)['status'];
    resolutionDueAt?: Date;
  },
): Promise<string> {
  const now = Date.now();
  const [row] = await db
    .insert(serviceRequests)
    .values({
      trackingNumber: `TST-${unique()}${unique()}`,
      serviceCode: values.serviceCode,
      status: values.status ?? 'assigned',
      channel: 'phone',
      description: 'Test request',
      neighborhoodId: values.neighborhoodId,
      assigneeId: values.assigneeId,
      firstResponseDueAt: new Date(now + 3_600_000),
      resolutionDueAt: values.resolutionDueAt ?? new Date(now + 86_400_000),
      createdByType: 'system',
    })
    .returning({ id: serviceRequests.id });
  return row!.id;
}
