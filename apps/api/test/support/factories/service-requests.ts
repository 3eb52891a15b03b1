import { expect } from 'vitest';
import type { Executor } from '../../../src/db/client.ts';
import { serviceRequests } from '../../../src/db/schema/index.ts';
import { bearer, type TestApp, type TestUser } from '../test-app.ts';
import { hoursFromNow, unique } from './unique.ts';

export type ServiceRequestColumns = Partial<typeof serviceRequests.$inferInsert>;

export interface InsertServiceRequestOptions extends ServiceRequestColumns {
  serviceCode: string;
  /** Due times in hours from now (negative = overdue); `firstResponseDueAt`/`resolutionDueAt` win. */
  firstResponseDueInHours?: number;
  resolutionDueInHours?: number;
  /** How long ago it came in (sets createdAt and updatedAt); the database's now when left out. */
  ageHours?: number;
}

/**
 * A request written straight into the table, so tests of jobs, statistics, staffing and boundaries do
 * not depend on the intake routes: a new phone request, due in 1 h / 24 h, with a requester's contact
 * details (personal data the privacy and retention tests look for). Any column can be overridden.
 */
export async function insertServiceRequest(
  db: Executor,
  options: InsertServiceRequestOptions,
): Promise<{ id: string; trackingNumber: string }> {
  const { firstResponseDueInHours = 1, resolutionDueInHours = 24, ageHours, ...columns } = options;
  const createdAt = ageHours === undefined ? undefined : hoursFromNow(-ageHours);
  const [row] = await db
    .insert(serviceRequests)
    .values({
      trackingNumber: `TEST-${unique()}-${unique()}`,
      status: 'new',
      channel: 'phone',
      description: 'Test request',
      requesterName: 'Maria Requester',
      requesterEmail: `requester-${unique()}@example.org`,
      requesterPhone: '+1 860 555 0100',
      requesterLanguage: 'es',
      firstResponseDueAt: hoursFromNow(firstResponseDueInHours),
      resolutionDueAt: hoursFromNow(resolutionDueInHours),
      ...(createdAt ? { createdAt, updatedAt: createdAt } : {}),
      createdByType: 'system',
      ...columns,
    })
    .returning({ id: serviceRequests.id, trackingNumber: serviceRequests.trackingNumber });
  return row!;
}

/** Posts a request through the intake route (a phoned-in noise complaint unless `body` says otherwise). */
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

/**
 * Files a request as an integration (the town website) would: it starts `new` even when routed to a
 * lieutenant, so workflow tests can walk it from the start (a person's intake of a routed request
 * starts `assigned`, see intakeStatus).
 */
export async function fileRequest(t: TestApp, apiKey: string, body: Record<string, unknown>) {
  const reply = await t.http
    .post('/api/v1/service-requests')
    .set('X-Api-Key', apiKey)
    .send({ description: 'Loud music every night after midnight', channel: 'web', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; trackingNumber: string; version: number; [key: string]: unknown };
}
