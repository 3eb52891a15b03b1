import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoGeography } from '../../src/demo/seed-geography.ts';
import { seedDemoRequests } from '../../src/demo/seed-requests.ts';
import { seedDemoSara } from '../../src/demo/seed-sara.ts';
import { seedDemoStaff } from '../../src/demo/seed-staff.ts';
import { bearer, startTestApp, type TestApp, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let seeded: Record<string, number>;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoGeography(t.database.db);
  await seedDemoStaff(t.database.db, { users: {} });
  await seedDemoRequests(t.database.db, { timeZone: 'America/New_York' });
  seeded = await seedDemoSara(t.database.db);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo SARA cases', () => {
  it('loads a case per neighborhood in every board column, with evidence, and is idempotent', async () => {
    expect(seeded.saraCases).toBe(6);
    const analyst = await userWithRoles(t, ['analyst']);
    const board = await t.http.get('/api/v1/sara-cases').set(bearer(analyst)).expect(200);
    expect(new Set(board.body.items.map((item: { stage: string }) => item.stage))).toEqual(
      new Set(['scanning', 'analysis', 'response', 'closed']),
    );
    expect(
      board.body.items.every(
        (item: { requestCount: number; leadId: string | null }) => item.requestCount > 0 && item.leadId,
      ),
    ).toBe(true);
    const closed = board.body.items.find((item: { stage: string }) => item.stage === 'closed');
    const detail = await t.http.get(`/api/v1/sara-cases/${closed.id}`).set(bearer(analyst)).expect(200);
    expect(detail.body.assessment.publicSummary).toBeTruthy();
    expect(detail.body.measures).toHaveLength(1);
    const figures = await t.http.get('/api/v1/sara-cases/figures').set(bearer(analyst)).expect(200);
    expect(figures.body.medianDaysInStage.scanning).toBeCloseTo(12, 0);
    expect(await seedDemoSara(t.database.db)).toEqual({ saraCases: 0 });
  });
});
