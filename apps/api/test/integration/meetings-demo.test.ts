import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoGeography } from '../../src/demo/seed-geography.ts';
import { seedDemoMeetings } from '../../src/demo/seed-meetings.ts';
import { seedDemoStaff } from '../../src/demo/seed-staff.ts';
import { bearer, startTestApp, type TestApp, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let seeded: Record<string, number>;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoGeography(t.database.db);
  await seedDemoStaff(t.database.db, { users: {} });
  seeded = await seedDemoMeetings(t.database.db, { timeZone: 'America/New_York' });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo meetings', () => {
  it('gives every neighborhood held meetings, planned ones ahead and open items carried forward', async () => {
    expect(seeded.meetings).toBeGreaterThanOrEqual(6 * 4);
    expect(seeded.actionItems).toBe(6 * 4);
    const analyst = await userWithRoles(t, ['analyst']);
    const list = await t.http
      .get('/api/v1/meetings')
      .query({ from: new Date(Date.now() - 60 * 86_400_000).toISOString(), limit: 500 })
      .set(bearer(analyst))
      .expect(200);
    const planned = list.body.items.filter((item: { status: string }) => item.status === 'planned');
    expect(new Set(planned.map((item: { neighborhoodId: string }) => item.neighborhoodId)).size).toBe(6);
    const next = await t.http.get(`/api/v1/meetings/${planned[0].id}`).set(bearer(analyst)).expect(200);
    expect(next.body.carriedForward.length).toBeGreaterThanOrEqual(2);
    expect(await seedDemoMeetings(t.database.db, { timeZone: 'America/New_York' })).toEqual({
      meetings: 0,
      actionItems: 0,
    });
    const ics = await t.http.get('/api/v1/public/meetings.ics').expect(200);
    expect(ics.text.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(6 * 4);
  });
});
