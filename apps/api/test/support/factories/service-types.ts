import { expect } from 'vitest';
import type { Executor } from '../../../src/db/client.ts';
import { type SlaTargets, serviceTypes } from '../../../src/db/schema/index.ts';
import { bearer, type TestApp, type TestUser } from '../test-app.ts';
import { unique } from './unique.ts';

export const hours = (firstResponseHours: number, resolutionHours: number) => ({
  firstResponseHours,
  resolutionHours,
});

/** Calendar-clock targets, tighter for the more urgent priorities. */
export const testSla: SlaTargets = {
  clock: 'calendar',
  targets: { P1: hours(1, 4), P2: hours(4, 24), P3: hours(24, 72), P4: hours(48, 168) },
};

/** A category written straight into the table; returns its code. */
export async function insertServiceType(
  db: Executor,
  options: { name?: string; sla?: SlaTargets } = {},
): Promise<string> {
  const code = `test-${unique()}`;
  const name = options.name ?? `Test type ${code}`;
  await db.insert(serviceTypes).values({
    code,
    name: { en: name },
    description: { en: `${name} (test category)` },
    sla: options.sla ?? testSla,
  });
  return code;
}

/** A category created through the API, with translations and keywords; `overrides` replace body fields. */
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
      sla: testSla,
      ...overrides,
    });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}
