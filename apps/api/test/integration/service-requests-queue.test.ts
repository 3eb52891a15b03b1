import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequests } from '../../src/db/schema/index.ts';
import { bearer, startTestApp, type TestApp } from '../support/test-app.ts';
import {
  createNeighborhood,
  createPerson,
  createServiceType,
  importAddresses,
  createApiClient,
  fileRequest,
  type TestNeighborhood,
  unique,
  type Users,
  usersByRole,
} from './service-requests-factories.ts';

let t: TestApp;
let users: Users;
let east: TestNeighborhood;
let west: TestNeighborhood;
let noise: { code: string };
let graffiti: { code: string };
/** Requests come in from an integration, so they start `new` (a person's routed intake starts `assigned`). */
let integrationKey: string;

beforeAll(async () => {
  t = await startTestApp();
  users = await usersByRole(t);
  east = await createNeighborhood(t, users.admin, { lat: 41.75, lon: -72.5 });
  west = await createNeighborhood(t, users.admin, { lat: 41.75, lon: -72.7 });
  await importAddresses(t, users.admin, [
    { address: '10 Elm St', ...east.center },
    { address: '20 Maple Ave', ...west.center },
  ]);
  noise = await createServiceType(t, users.admin);
  graffiti = await createServiceType(t, users.admin);
  integrationKey = await createApiClient(t, users.admin, ['requests:write']);
});
afterAll(async () => {
  await t.close();
});

async function queue(query: string) {
  const reply = await t.http.get(`/api/v1/service-requests?${query}`).set(bearer(users.staff));
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as {
    items: Array<{
      id: string;
      status: string;
      priority: string;
      resolutionDueAt: string;
      createdAt: string;
      overdue: boolean;
    }>;
    nextCursor: string | null;
    counts: Record<string, number> | null;
    matchesAtLeast: number | null;
  };
}

const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

describe('the queue', () => {
  it('filters by status, neighborhood, category, priority and assignee, with counts per status', async () => {
    const tag = unique();
    const a = await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      address: '10 Elm St',
      priority: 'P1',
      description: `a ${tag}`,
    });
    const b = await fileRequest(t, integrationKey, {
      serviceCode: graffiti.code,
      address: '10 Elm St',
      priority: 'P3',
      description: `b ${tag}`,
    });
    const c = await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      address: '20 Maple Ave',
      priority: 'P1',
      description: `c ${tag}`,
    });
    const d = await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      lat: 10,
      lon: 10,
      priority: 'P2',
      description: `d ${tag}`,
    });
    await t.http
      .post(`/api/v1/service-requests/${b.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'triaged' })
      .expect(200);

    expect(ids(await queue(`neighborhoodId=${east.id}&limit=500`)).sort()).toEqual([a.id, b.id].sort());
    expect(
      ids(await queue(`neighborhoodId=${east.id},${west.id}&serviceCode=${noise.code}&limit=500`)).sort(),
    ).toEqual([a.id, c.id].sort());
    expect(
      ids(await queue(`serviceCode=${noise.code}&serviceCode=${graffiti.code}&priority=P1&limit=500`)).sort(),
    ).toEqual([a.id, c.id].sort());
    expect(ids(await queue(`status=triaged&neighborhoodId=${east.id}`))).toEqual([b.id]);
    expect(ids(await queue(`assigneeId=${west.lieutenant!.id}&limit=500`))).toEqual([c.id]);
    expect(ids(await queue(`assigneeId=none&serviceCode=${noise.code}&limit=500`))).toContain(d.id);
    expect(ids(await queue(`assigneeId=none&serviceCode=${noise.code}&limit=500`))).not.toContain(a.id);

    const counted = await queue(`neighborhoodId=${east.id}`);
    expect(counted.counts).toEqual({
      new: 1,
      triaged: 1,
      assigned: 0,
      in_progress: 0,
      resolved: 0,
      closed: 0,
      rejected: 0,
      duplicate: 0,
    });
    expect((await queue(`neighborhoodId=${east.id}&counts=false`)).counts).toBeNull();
    // Tab semantics: the status filter narrows the rows, not the counts, so every other status still
    // shows how many requests it holds under the other filters.
    const oneTab = await queue(`status=triaged&neighborhoodId=${east.id}`);
    expect(ids(oneTab)).toEqual([b.id]);
    expect(oneTab.counts).toEqual(counted.counts);
    const finishedTab = await queue(
      `status=closed,rejected&neighborhoodId=${east.id}&serviceCode=${noise.code}`,
    );
    expect(finishedTab.items).toEqual([]);
    expect(finishedTab.counts).toMatchObject({ new: 1, triaged: 0, closed: 0 });

    const bad = await t.http.get('/api/v1/service-requests?status=open').set(bearer(users.staff)).expect(400);
    expect(bad.body.errors[0].path).toMatch(/^status/);
    await t.http.get('/api/v1/service-requests?neighborhoodId=nope').set(bearer(users.staff)).expect(400);
    await t.http.get('/api/v1/service-requests?sort=weird').set(bearer(users.staff)).expect(400);
  });

  it('shows what changed since the same page was last asked for (its statements are built once, its data read each time)', async () => {
    const category = await createServiceType(t, users.admin);
    const page = `serviceCode=${category.code}&neighborhoodId=${east.id}&status=new&limit=50`;
    const before = await queue(page);
    expect(before.items).toEqual([]);
    expect(before.counts?.new).toBe(0);
    const filed = await fileRequest(t, integrationKey, {
      serviceCode: category.code,
      address: '10 Elm St',
      description: `reused page ${unique()}`,
    });
    const after = await queue(page);
    expect(ids(after)).toEqual([filed.id]);
    expect(after.counts?.new).toBe(1);
    await t.http
      .post(`/api/v1/service-requests/${filed.id}/transitions`)
      .set(bearer(users.supervisor))
      .send({ to: 'triaged', version: 1 })
      .expect(200);
    const moved = await queue(page);
    expect(moved.items).toEqual([]);
    expect(moved.counts).toMatchObject({ new: 0, triaged: 1 });
  });

  it('marks a remembered page’s request overdue once its due time passes, with nothing else changed', async () => {
    const category = await createServiceType(t, users.admin);
    const filed = await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' });
    await t.database.db
      .update(serviceRequests)
      .set({ resolutionDueAt: new Date(Date.now() + 1500) })
      .where(eq(serviceRequests.id, filed.id));
    const page = `serviceCode=${category.code}&status=new&limit=50`;
    // Read until the page reflects the new due time (the change is announced by a trigger).
    let first = await queue(page);
    for (let i = 0; i < 50 && Date.parse(first.items[0]!.resolutionDueAt) > Date.now() + 2000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      first = await queue(page);
    }
    expect(first.items[0]!.overdue).toBe(false);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(first.items[0]!.resolutionDueAt) - Date.now() + 50)),
    );
    const later = await queue(page);
    expect(later.items[0]!.overdue).toBe(true);
  });

  it('sends a remembered page compressed (Brotli or gzip) exactly as it sends it uncompressed', async () => {
    const category = await createServiceType(t, users.admin);
    for (let i = 0; i < 4; i++) {
      await fileRequest(t, integrationKey, {
        serviceCode: category.code,
        address: '10 Elm St',
        description: `compressed page ${i} ${'a long description '.repeat(10)}`,
      });
    }
    const path = `/api/v1/service-requests?serviceCode=${category.code}&status=new&limit=50`;
    // Raw bytes off the socket (supertest would decompress them).
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (encoding: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const request = get(
          {
            host: '127.0.0.1',
            port,
            path,
            headers: { ...bearer(users.staff), 'accept-encoding': encoding },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
          },
        );
        request.on('error', reject);
      });
    const plain = await raw('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString('utf8'));
    expect(json.items).toHaveLength(4);
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      for (let round = 0; round < 2; round++) {
        const reply = await raw(encoding);
        expect(reply.status).toBe(200);
        expect(reply.headers['content-encoding']).toBe(encoding);
        expect(reply.headers.vary).toMatch(/accept-encoding/i);
        expect(reply.body.length).toBeLessThan(plain.body.length);
        expect(JSON.parse(decode(reply.body).toString('utf8'))).toEqual(json);
      }
    }
  });

  it('finds requests by full text over description, address and notes', async () => {
    const word = `zebra${unique()}`;
    const inDescription = await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      address: '10 Elm St',
      description: `Barking dogs near the ${word} mural`,
    });
    const inNote = await fileRequest(t, integrationKey, { serviceCode: noise.code, address: '20 Maple Ave' });
    await t.http
      .post(`/api/v1/service-requests/${inNote.id}/notes`)
      .set(bearer(users.staff))
      .send({ body: `Neighbour mentioned the ${word} again`, visibility: 'internal' })
      .expect(201);
    await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      address: '10 Elm St',
      description: 'Unrelated',
    });

    expect(ids(await queue(`q=${word}`)).sort()).toEqual([inDescription.id, inNote.id].sort());
    // English stemming and web-search syntax: "barking" matches "bark", a minus excludes.
    expect(ids(await queue(`q=${encodeURIComponent(`bark ${word}`)}`))).toEqual([inDescription.id]);
    expect(ids(await queue(`q=${encodeURIComponent(`${word} -barking`)}`))).toEqual([inNote.id]);
    // The address is searchable too, and an edit to the description is picked up.
    expect(ids(await queue(`q=${encodeURIComponent(`maple ${word}`)}`))).toEqual([inNote.id]);
    await t.http
      .patch(`/api/v1/service-requests/${inDescription.id}`)
      .set(bearer(users.staff))
      .send({ description: 'Barking dogs at night' })
      .expect(200);
    expect(ids(await queue(`q=${word}`))).toEqual([inNote.id]);
  });

  it('lists search results newest first, and stops counting past 2,000 matches', async () => {
    const word = `quokka${unique()}`;
    const older = await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      address: '10 Elm St',
      description: `Old ${word}`,
    });
    const newer = await fileRequest(t, integrationKey, {
      serviceCode: noise.code,
      address: '10 Elm St',
      description: `New ${word}`,
    });
    await t.database.db
      .update(serviceRequests)
      .set({
        createdAt: new Date(Date.now() - 86_400_000),
        resolutionDueAt: new Date(Date.now() + 999 * 86_400_000),
      })
      .where(eq(serviceRequests.id, older.id));
    // Newest first by default for a search, whatever the due times; an explicit sort still applies.
    expect(ids(await queue(`q=${word}`))).toEqual([newer.id, older.id]);
    expect(ids(await queue(`q=${word}&sort=-dueAt`))).toEqual([older.id, newer.id]);
    const exact = await queue(`q=${word}`);
    expect(exact).toMatchObject({ counts: { new: 2 }, matchesAtLeast: null });

    const many = `wombat${unique()}`;
    await t.database.db.execute(sql`
      insert into service_requests (tracking_number, service_code, channel, description, search_text,
        first_response_due_at, resolution_due_at, created_by_type)
      select 'BULK-' || ${many} || '-' || n, ${noise.code}, 'web', 'Generated', 'Generated ' || ${many},
        now() + interval '1 day', now() + interval '2 days', 'system'
      from generate_series(1, 2001) as n`);
    const capped = await queue(`q=${many}&limit=5`);
    // Open and finished requests are counted separately: the open group stopped at the limit and is
    // not given, the finished group (none of these) still is.
    expect(capped).toMatchObject({
      counts: { new: null, triaged: null, assigned: null, in_progress: null, resolved: 0, closed: 0 },
      matchesAtLeast: 2000,
    });
    expect(capped.items).toHaveLength(5);
    await t.database.db.execute(sql`
      update service_requests set status = 'closed', closed_at = now()
      where tracking_number like ${`BULK-${many}-%`} and tracking_number not like ${`BULK-${many}-1%`}`);
    // 1,111 numbers start with 1 (1, 10-19, 100-199, 1000-1999), the other 890 are now closed.
    expect(await queue(`q=${many}&limit=5`)).toMatchObject({
      counts: { new: 1111, closed: 890, triaged: 0 },
      matchesAtLeast: null,
    });
  });

  it('stops counting a group at 20,000 without a search, and still counts the other group', async () => {
    const category = await createServiceType(t, users.admin);
    const filed = await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' });
    await t.database.db.execute(sql`
      insert into service_requests (tracking_number, service_code, status, channel, description,
        first_response_due_at, resolution_due_at, closed_at, created_by_type)
      select 'BULK-' || ${category.code} || '-' || n, ${category.code}, 'closed', 'web', 'Generated',
        now(), now(), now(), 'system'
      from generate_series(1, 20001) as n`);
    const page = await queue(`serviceCode=${category.code}&status=new`);
    expect(ids(page)).toEqual([filed.id]);
    expect(page.counts).toEqual({
      new: 1,
      triaged: 0,
      assigned: 0,
      in_progress: 0,
      resolved: null,
      closed: null,
      rejected: null,
      duplicate: null,
    });
    expect(page.matchesAtLeast).toBe(20_000);
  });

  it('finds a request by its tracking number, as callers read it out', async () => {
    const wanted = await fileRequest(t, integrationKey, { serviceCode: noise.code, address: '10 Elm St' });
    const other = await fileRequest(t, integrationKey, { serviceCode: noise.code, address: '10 Elm St' });
    const [prefix, year, digits] = wanted.trackingNumber.split('-') as [string, string, string];
    expect(prefix).toBe('EH');
    const number = String(Number(digits));
    const found = async (text: string) => ids(await queue(`q=${encodeURIComponent(text)}&limit=500`));

    for (const text of [
      wanted.trackingNumber,
      wanted.trackingNumber.toLowerCase(),
      `eh-${year}-${number}`,
      ` ${year}-${digits} `,
      `${year}-${number}`,
      digits,
      number,
      `#${number}`,
    ]) {
      expect(await found(text), text).toContain(wanted.id);
      expect(await found(text), text).not.toContain(other.id);
    }
    // The number is exact: a longer or shorter one is another request, and another year is not this one.
    expect(await found(`${number}0`)).not.toContain(wanted.id);
    expect(await found(`EH-${Number(year) - 1}-${digits}`)).not.toContain(wanted.id);
    // Other filters still apply, and the counts say where it is.
    await t.http
      .post(`/api/v1/service-requests/${wanted.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'rejected', reason: 'Duplicate call' })
      .expect(200);
    // A tracking number finds its request whatever the status filter: a caller reading out the number
    // of a rejected request is found from the open queue; the counts say where it is.
    const openOnly = await queue(`q=${wanted.trackingNumber}&status=new,triaged,assigned,in_progress`);
    expect(ids(openOnly)).toEqual([wanted.id]);
    expect(openOnly.counts).toMatchObject({ rejected: 1, new: 0 });

    // A number alone finds requests of earlier years too (the sequence never restarts).
    const old = await fileRequest(t, integrationKey, { serviceCode: noise.code, address: '10 Elm St' });
    const oldNumber = old.trackingNumber.split('-')[2]!;
    await t.database.db
      .update(serviceRequests)
      .set({ trackingNumber: `EH-2019-${oldNumber}`, createdAt: new Date('2019-03-01T12:00:00Z') })
      .where(eq(serviceRequests.id, old.id));
    expect(await found(String(Number(oldNumber)))).toContain(old.id);
    expect(await found(`eh-2019-${oldNumber}`)).toEqual([old.id]);
    // Text that only looks like part of a number is full text as before.
    expect(await found(`${year}-`)).not.toContain(wanted.id);
  });

  it('computes overdue now, from the due time, for open requests only', async () => {
    const category = await createServiceType(t, users.admin);
    const late = await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' });
    const onTime = await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' });
    const lateButDone = await fileRequest(t, integrationKey, {
      serviceCode: category.code,
      address: '10 Elm St',
    });
    const past = new Date(Date.now() - 3_600_000);
    await t.database.db
      .update(serviceRequests)
      .set({ resolutionDueAt: past, firstResponseDueAt: past })
      .where(inArray(serviceRequests.id, [late.id, lateButDone.id]));
    await t.database.db
      .update(serviceRequests)
      .set({ status: 'resolved', resolvedAt: new Date() })
      .where(eq(serviceRequests.id, lateButDone.id));

    const overdue = await queue(`overdue=true&serviceCode=${category.code}`);
    expect(ids(overdue)).toEqual([late.id]);
    expect(overdue.items[0]!.overdue).toBe(true);
    expect(ids(await queue(`overdue=false&serviceCode=${category.code}&limit=500`)).sort()).toEqual(
      [onTime.id, lateButDone.id].sort(),
    );
    const one = await t.http.get(`/api/v1/service-requests/${late.id}`).set(bearer(users.staff)).expect(200);
    expect(one.body).toMatchObject({ overdue: true, firstResponseOverdue: true });
    // Responding ends the first-response breach; the resolution one stays until it is resolved.
    await t.http
      .post(`/api/v1/service-requests/${late.id}/transitions`)
      .set(bearer(users.staff))
      .send({ to: 'triaged' })
      .expect(200);
    const responded = await t.http
      .get(`/api/v1/service-requests/${late.id}`)
      .set(bearer(users.staff))
      .expect(200);
    expect(responded.body).toMatchObject({ overdue: true, firstResponseOverdue: false });
  });

  it('filters by creation time', async () => {
    const category = await createServiceType(t, users.admin);
    const older = await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' });
    const newer = await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' });
    await t.database.db
      .update(serviceRequests)
      .set({ createdAt: new Date('2026-01-10T12:00:00Z') })
      .where(eq(serviceRequests.id, older.id));
    expect(ids(await queue(`serviceCode=${category.code}&createdTo=2026-01-11T00:00:00Z`))).toEqual([
      older.id,
    ]);
    expect(ids(await queue(`serviceCode=${category.code}&createdFrom=2026-01-11T00:00:00Z`))).toEqual([
      newer.id,
    ]);
    await t.http.get('/api/v1/service-requests?createdFrom=yesterday').set(bearer(users.staff)).expect(400);
  });

  it('pages with keyset cursors in every sort: no row twice, none missing, stable while rows are added', async () => {
    const category = await createServiceType(t, users.admin);
    const officer = await createPerson(t, users.admin);
    const created: string[] = [];
    const priorities = ['P1', 'P2', 'P3', 'P4'];
    for (let index = 0; index < 23; index++) {
      const body = await fileRequest(t, integrationKey, {
        serviceCode: category.code,
        address: index % 2 === 0 ? '10 Elm St' : '20 Maple Ave',
        priority: priorities[index % 4],
      });
      created.push(body.id);
    }
    // Ties on purpose: several requests share a due time and a creation time.
    const shared = new Date('2026-05-01T12:00:00.123456Z');
    await t.database.db
      .update(serviceRequests)
      .set({ resolutionDueAt: shared, createdAt: shared, assigneeId: officer.id })
      .where(inArray(serviceRequests.id, created.slice(0, 8)));

    for (const sort of ['dueAt', '-dueAt', 'createdAt', '-createdAt', 'priority', '-priority']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await queue(
          `serviceCode=${category.code}&sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        if (pages === 0) expect(page.counts?.new).toBe(created.length);
        else expect(page.counts).toBeNull();
        seen.push(...ids(page));
        cursor = page.nextCursor;
        pages++;
        // A request filed while someone pages must not shift what they see on later pages.
        if (pages === 2 && sort === 'createdAt') {
          created.push(
            (await fileRequest(t, integrationKey, { serviceCode: category.code, address: '10 Elm St' })).id,
          );
        }
      } while (cursor && pages < 20);
      expect(new Set(seen).size, sort).toBe(seen.length);
      const all = await queue(`serviceCode=${category.code}&sort=${sort}&limit=500`);
      expect(seen, sort).toEqual(ids(all).filter((id) => seen.includes(id)));
      expect(seen.length, sort).toBeGreaterThanOrEqual(23);

      // Order holds across pages.
      const items = all.items;
      for (let index = 1; index < items.length; index++) {
        const [before, after] = [items[index - 1]!, items[index]!];
        const key = (item: typeof before) =>
          sort.endsWith('dueAt')
            ? item.resolutionDueAt
            : sort.endsWith('createdAt')
              ? item.createdAt
              : item.priority;
        if (sort.startsWith('-')) expect(key(before) >= key(after), sort).toBe(true);
        else expect(key(before) <= key(after), sort).toBe(true);
      }
    }

    const wrongSort = await queue(`serviceCode=${category.code}&sort=dueAt&limit=5`);
    const mixed = await t.http
      .get(`/api/v1/service-requests?sort=createdAt&cursor=${wrongSort.nextCursor}`)
      .set(bearer(users.staff))
      .expect(400);
    expect(mixed.body.errors[0].path).toBe('cursor');
    await t.http.get('/api/v1/service-requests?cursor=garbage').set(bearer(users.staff)).expect(400);
  });

  it('is readable by every internal role and by integrations with requests:read', async () => {
    for (const role of ['admin', 'supervisor', 'lieutenant', 'staff', 'analyst'] as const) {
      await t.http.get('/api/v1/service-requests').set(bearer(users[role])).expect(200);
    }
    const noScope = (
      await t.http
        .post('/api/v1/api-clients')
        .set(bearer(users.admin))
        .send({ name: `c-${unique()}`, scopes: ['open311'] })
    ).body.key as string;
    await t.http.get('/api/v1/service-requests').set('X-Api-Key', noScope).expect(403);
    await t.http.get('/api/v1/service-requests').expect(401);
  });
});
