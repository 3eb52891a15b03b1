import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoGeography } from '../../src/demo/seed-geography.ts';
import { seedDemoMeetings } from '../../src/demo/seed-meetings.ts';
import { seedDemoPriorities } from '../../src/demo/seed-priorities.ts';
import { seedDemoRequests } from '../../src/demo/seed-requests.ts';
import { seedDemoSara } from '../../src/demo/seed-sara.ts';
import { seedDemoStaff } from '../../src/demo/seed-staff.ts';
import { bearer, startTestApp, type TestApp, type TestUser, userWithRoles } from '../support/test-app.ts';

/*
 * Neighborhood priorities (#20), done-when 4: the demo data has 2–4 priorities per neighborhood, some
 * set at demo meetings, one from a SARA case, some achieved, with realistic dated actions; read through
 * the API as staff and as the public.
 */

let t: TestApp;
let seeded: Record<string, number>;
let analyst: TestUser;
let supervisor: TestUser;

interface Priority {
  id: string;
  status: string;
  source: string;
  meetingId: string | null;
  meetingProblemId: string | null;
  saraCaseId: string | null;
  title: { en: string; es?: string };
  outcome: { en: string } | null;
  setAt: string;
  closedAt: string | null;
  lastActionAt: string | null;
  stale: boolean;
  actions: Array<{ body: { en: string; es?: string }; takenAt: string; saraResponseActionId: string | null }>;
}

beforeAll(async () => {
  t = await startTestApp();
  await seedDemoGeography(t.database.db);
  await seedDemoStaff(t.database.db, { users: {} });
  await seedDemoRequests(t.database.db, { timeZone: 'America/New_York' });
  await seedDemoSara(t.database.db);
  await seedDemoMeetings(t.database.db, { timeZone: 'America/New_York' });
  seeded = await seedDemoPriorities(t.database.db);
  analyst = await userWithRoles(t, ['analyst']);
  supervisor = await userWithRoles(t, ['supervisor']);
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('demo priorities', () => {
  it('gives every neighborhood 2–4 priorities: from meetings, one from a SARA case, some achieved', async () => {
    const areas = await t.http.get('/api/v1/neighborhoods').set(bearer(analyst)).expect(200);
    expect(areas.body.items).toHaveLength(6);
    const all: Priority[] = [];
    for (const area of areas.body.items) {
      const listed = await t.http
        .get(`/api/v1/neighborhoods/${area.id}/priorities`)
        .set(bearer(analyst))
        .expect(200);
      expect(listed.body.items.length, area.code).toBeGreaterThanOrEqual(2);
      expect(listed.body.items.length, area.code).toBeLessThanOrEqual(4);
      expect(
        listed.body.items.some((item: Priority) => item.source === 'meeting' && item.meetingProblemId),
      ).toBe(true);
      all.push(...listed.body.items);
    }
    expect(seeded.priorities).toBe(all.length);
    const fromCases = all.filter((item) => item.source === 'sara_case');
    expect(fromCases).toHaveLength(1);
    expect(fromCases[0]!.saraCaseId).toBeTruthy();
    // Its action was taken from the case's response with one click.
    expect(fromCases[0]!.actions[0]!.saraResponseActionId).toBeTruthy();
    const achieved = all.filter((item) => item.status === 'achieved');
    expect(achieved.length).toBeGreaterThanOrEqual(2);
    expect(achieved.some((item) => item.source === 'meeting')).toBe(true);
    for (const item of achieved) {
      expect(item.outcome?.en).toBeTruthy();
      expect(new Date(item.closedAt!).getTime()).toBeLessThan(Date.now());
    }
  });

  it('has realistic dated actions, in English and Spanish, never in the future or before the priority', async () => {
    const areas = await t.http.get('/api/v1/neighborhoods').set(bearer(analyst)).expect(200);
    const actions: Array<Priority['actions'][number] & { setAt: string }> = [];
    for (const area of areas.body.items) {
      const listed = await t.http
        .get(`/api/v1/neighborhoods/${area.id}/priorities`)
        .set(bearer(analyst))
        .expect(200);
      for (const item of listed.body.items as Priority[])
        for (const action of item.actions) actions.push({ ...action, setAt: item.setAt });
    }
    expect(actions.length).toBeGreaterThanOrEqual(12);
    expect(actions.map((action) => action.body.en)).toContainEqual(
      expect.stringMatching(/^Speed trailer placed on [A-Z][a-z]+ (Ave|St|Lane); 14 stops made$/),
    );
    for (const action of actions) {
      expect(action.body.es).toBeTruthy();
      expect(new Date(action.takenAt).getTime()).toBeLessThanOrEqual(Date.now());
      expect(new Date(action.takenAt).getTime()).toBeGreaterThan(new Date(action.setAt).getTime());
    }
  });

  it('shows a supervisor one stale priority, and the public the priorities in Spanish', async () => {
    const stale = await t.http.get('/api/v1/priorities/stale').set(bearer(supervisor)).expect(200);
    expect(stale.body.items).toHaveLength(1);
    expect(stale.body.items[0]).toMatchObject({ stale: true, lastActionAt: null, status: 'active' });
    const shown = await t.http.get('/api/v1/public/neighborhoods/BUR/priorities?lang=es').expect(200);
    expect(shown.body.items.length).toBeGreaterThanOrEqual(2);
    const areas = await t.http.get('/api/v1/neighborhoods').set(bearer(analyst)).expect(200);
    const burnside = areas.body.items.find((area: { code: string }) => area.code === 'BUR');
    const listed = await t.http
      .get(`/api/v1/neighborhoods/${burnside.id}/priorities`)
      .set(bearer(analyst))
      .expect(200);
    expect(shown.body.items.map((item: { title: string }) => item.title).sort()).toEqual(
      listed.body.items.map((item: Priority) => item.title.es ?? item.title.en).sort(),
    );
    expect(
      shown.body.items.every((item: { actions: Array<{ text: string }> }) =>
        item.actions.every((action) => action.text.length > 0),
      ),
    ).toBe(true);
  });

  it('is idempotent', async () => {
    expect(await seedDemoPriorities(t.database.db)).toEqual({ priorities: 0 });
  });
});
