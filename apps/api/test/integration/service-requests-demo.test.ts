import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoGeography } from '../../src/demo/seed-geography.ts';
import { seedDemoPublicFeed } from '../../src/demo/seed-public-feed.ts';
import { seedDemoRequests } from '../../src/demo/seed-requests.ts';
import { seedDemoStaff } from '../../src/demo/seed-staff.ts';
import { bearer, startTestApp, type TestApp, userWithRoles } from '../support/test-app.ts';

let t: TestApp;
let seeded: Record<string, number>;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoGeography(t.database.db);
  await seedDemoStaff(t.database.db, { users: {} });
  seeded = await seedDemoRequests(t.database.db, { timeZone: 'America/New_York' });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo service requests', () => {
  it('loads the categories and ~300 requests in every status across the demo neighborhoods', async () => {
    expect(seeded).toMatchObject({ serviceTypes: 12, serviceRequests: 300 });
    const db = t.database.db;
    const byStatus = await db.execute(
      sql`select status, count(*)::int as n from service_requests group by status`,
    );
    const statuses = new Map(
      (byStatus as unknown as { rows: Array<{ status: string; n: number }> }).rows.map((r) => [
        r.status,
        r.n,
      ]),
    );
    for (const status of [
      'new',
      'triaged',
      'assigned',
      'in_progress',
      'resolved',
      'closed',
      'rejected',
      'duplicate',
    ]) {
      expect(statuses.get(status) ?? 0, status).toBeGreaterThan(0);
    }
    const checks = await db.execute(sql`
      select
        count(*) filter (where neighborhood_id is null)::int as without_neighborhood,
        count(distinct neighborhood_id)::int as neighborhoods,
        count(distinct tracking_number)::int as tracking_numbers,
        count(*) filter (where tracking_number !~ '^EH-\\d{4}-\\d{6}$')::int as bad_numbers,
        count(*) filter (where resolution_due_at < first_response_due_at or first_response_due_at < created_at)::int as bad_due,
        count(*) filter (where status = 'duplicate' and parent_id is null)::int as orphan_duplicates,
        count(*) filter (where created_at < now() - interval '91 days' or created_at > now())::int as out_of_range
      from service_requests`);
    expect((checks as unknown as { rows: unknown[] }).rows[0]).toEqual({
      without_neighborhood: 0,
      neighborhoods: 6,
      tracking_numbers: 300,
      bad_numbers: 0,
      bad_due: 0,
      orphan_duplicates: 0,
      out_of_range: 0,
    });
    const publicUpdates = await db.execute(
      sql`select count(*)::int as n, count(distinct language)::int as languages from request_events where kind = 'note' and visibility = 'public'`,
    );
    const updates = (publicUpdates as unknown as { rows: Array<{ n: number; languages: number }> }).rows[0]!;
    expect(updates.n).toBeGreaterThan(50);
    expect(updates.languages).toBe(4);

    // Loading again does nothing.
    expect(await seedDemoRequests(db, { timeZone: 'America/New_York' })).toEqual({
      serviceTypes: 0,
      serviceRequests: 0,
    });
  });

  it('is served by the API: queue, overdue, search, detail with timeline', async () => {
    const staff = await userWithRoles(t, ['staff']);
    const queue = await t.http
      .get('/api/v1/service-requests?status=new,triaged,assigned,in_progress&sort=dueAt')
      .set(bearer(staff))
      .expect(200);
    expect(queue.body.items.length).toBeGreaterThan(10);
    const overdue = await t.http.get('/api/v1/service-requests?overdue=true').set(bearer(staff)).expect(200);
    expect(overdue.body.items.length).toBeGreaterThan(0);
    const search = await t.http.get('/api/v1/service-requests?q=music').set(bearer(staff)).expect(200);
    expect(search.body.items.length).toBeGreaterThan(0);
    const closed = await t.http
      .get('/api/v1/service-requests?status=closed&limit=1')
      .set(bearer(staff))
      .expect(200);
    const detail = await t.http
      .get(`/api/v1/service-requests/${closed.body.items[0].id}`)
      .set(bearer(staff))
      .expect(200);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toContain('status_changed');
    const types = await t.http.get('/api/v1/service-types').set(bearer(staff)).expect(200);
    expect(types.body.items.find((type: { code: string }) => type.code === 'noise-complaint').name.pl).toBe(
      'Skarga na hałas',
    );
  });
});

describe('the demo on the public surface', () => {
  it('publishes closing public updates on the announcements feed, once however often it is seeded', async () => {
    await seedDemoPublicFeed(t.database.db);
    await seedDemoPublicFeed(t.database.db);
    const feed = await t.http.get('/api/v1/public/feed.json').query({ lang: 'es' }).expect(200);
    expect(feed.body.items).toHaveLength(6);
    expect(feed.body.items[0].title).toMatch(/^Novedad sobre una solicitud de /);
    const stats = await t.http.get('/api/v1/public/stats').expect(200);
    expect(
      stats.body.rows.find(
        (row: { allNeighborhoods: boolean; category: unknown }) => row.allNeighborhoods && !row.category,
      ).requests,
    ).toBeGreaterThan(200);
  });
});
