import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertLieutenant,
  insertNeighborhood,
  insertServiceRequest,
  insertServiceType,
} from '../support/factories/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// Issue #12, "Done when" 2: the public statistics agree with figures computed here, independently,
// from the raw rows the test wrote (counts, median and 90th percentile of the times to first response
// and to resolution, share within the target).

const HOUR = 3_600_000;
const now = Date.now();

interface RawRequest {
  neighborhoodId: string | null;
  serviceCode: string;
  status: 'assigned' | 'resolved' | 'duplicate';
  createdAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

let t: TestApp;
const raw: RawRequest[] = [];
let neighborhoods: Array<{ id: string; code: string }>;
let categories: string[];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  neighborhoods = [await insertNeighborhood(db), await insertNeighborhood(db)];
  for (const neighborhood of neighborhoods) await insertLieutenant(db, neighborhood.id);
  categories = [await insertServiceType(db), await insertServiceType(db)];
  const next = random(12);
  for (let i = 0; i < 160; i++) {
    const createdAt = new Date(now - (1 + next() * 80 * 24) * HOUR);
    const firstDue = 2 + Math.floor(next() * 30);
    const resolutionDue = 24 + Math.floor(next() * 100);
    const responded = next() < 0.85;
    const resolved = responded && next() < 0.7;
    const firstResponseHours = next() * 40;
    const resolutionHours = firstResponseHours + next() * 150;
    const request: RawRequest = {
      neighborhoodId: i % 11 === 0 ? null : neighborhoods[i % 2]!.id,
      serviceCode: categories[Math.floor(i / 2) % 2]!,
      status: i % 23 === 0 ? 'duplicate' : resolved ? 'resolved' : 'assigned',
      createdAt,
      firstRespondedAt: responded ? new Date(createdAt.getTime() + firstResponseHours * HOUR) : null,
      resolvedAt: resolved ? new Date(createdAt.getTime() + resolutionHours * HOUR) : null,
      firstResponseDueAt: new Date(createdAt.getTime() + firstDue * HOUR),
      resolutionDueAt: new Date(createdAt.getTime() + resolutionDue * HOUR),
    };
    // Times in the future have not happened yet: keep the rows plausible.
    if (request.firstRespondedAt && request.firstRespondedAt.getTime() > now) request.firstRespondedAt = null;
    if (request.resolvedAt && request.resolvedAt.getTime() > now) {
      request.resolvedAt = null;
      if (request.status === 'resolved') request.status = 'assigned';
    }
    raw.push(request);
    await insertServiceRequest(db, { ...request, updatedAt: request.createdAt });
  }
  // Outside the period asked for: must not count.
  await insertServiceRequest(db, {
    serviceCode: categories[0]!,
    neighborhoodId: neighborhoods[0]!.id,
    createdAt: new Date(now - 400 * 24 * HOUR),
    updatedAt: new Date(now - 400 * 24 * HOUR),
  });
});
afterAll(async () => {
  await t?.close();
});

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont. */
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const round3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR;

function expected(rows: RawRequest[]) {
  const counted = rows.filter((row) => row.status !== 'duplicate');
  const responded = counted.filter((row) => row.firstRespondedAt);
  const resolved = counted.filter((row) => row.resolvedAt);
  const firstTimes = responded.map((row) => hoursBetween(row.createdAt, row.firstRespondedAt!));
  const resolutionTimes = resolved.map((row) => hoursBetween(row.createdAt, row.resolvedAt!));
  const firstDecided = counted.filter(
    (row) => row.firstRespondedAt || row.firstResponseDueAt.getTime() < now,
  );
  const firstMet = counted.filter(
    (row) => row.firstRespondedAt && row.firstRespondedAt <= row.firstResponseDueAt,
  );
  const resolutionDecided = counted.filter((row) => row.resolvedAt || row.resolutionDueAt.getTime() < now);
  const resolutionMet = counted.filter((row) => row.resolvedAt && row.resolvedAt <= row.resolutionDueAt);
  return {
    requests: counted.length,
    resolved: resolved.length,
    firstResponse: {
      medianHours: round1(percentile(firstTimes, 0.5)),
      p90Hours: round1(percentile(firstTimes, 0.9)),
    },
    resolution: {
      medianHours: round1(percentile(resolutionTimes, 0.5)),
      p90Hours: round1(percentile(resolutionTimes, 0.9)),
    },
    firstResponseWithinTarget: firstDecided.length ? round3(firstMet.length / firstDecided.length) : null,
    resolutionWithinTarget: resolutionDecided.length
      ? round3(resolutionMet.length / resolutionDecided.length)
      : null,
  };
}

type StatsRow = {
  neighborhood: { id: string } | null;
  allNeighborhoods: boolean;
  category: { code: string } | null;
} & ReturnType<typeof expected>;

const figures = (row: StatsRow) => ({
  requests: row.requests,
  resolved: row.resolved,
  firstResponse: row.firstResponse,
  resolution: row.resolution,
  firstResponseWithinTarget: row.firstResponseWithinTarget,
  resolutionWithinTarget: row.resolutionWithinTarget,
});

describe('public statistics', () => {
  it('agree with the raw rows per neighborhood and category, per neighborhood, outside and in total', async () => {
    const reply = await t.http.get('/api/v1/public/stats').query({ lang: 'en' }).expect(200);
    const rows = reply.body.rows as StatsRow[];
    let compared = 0;
    for (const neighborhoodId of [...neighborhoods.map((n) => n.id), null]) {
      const inNeighborhood = raw.filter((row) => row.neighborhoodId === neighborhoodId);
      const total = rows.find(
        (row) =>
          !row.allNeighborhoods && (row.neighborhood?.id ?? null) === neighborhoodId && row.category === null,
      )!;
      expect(figures(total), `neighborhood ${neighborhoodId}`).toEqual(expected(inNeighborhood));
      compared++;
      for (const code of categories) {
        const row = rows.find(
          (candidate) =>
            !candidate.allNeighborhoods &&
            (candidate.neighborhood?.id ?? null) === neighborhoodId &&
            candidate.category?.code === code,
        )!;
        expect(figures(row), `${neighborhoodId} × ${code}`).toEqual(
          expected(inNeighborhood.filter((request) => request.serviceCode === code)),
        );
        compared++;
      }
    }
    const total = rows.find((row) => row.allNeighborhoods && row.category === null)!;
    expect(figures(total)).toEqual(expected(raw));
    for (const code of categories) {
      const row = rows.find((candidate) => candidate.allNeighborhoods && candidate.category?.code === code)!;
      expect(figures(row), `every neighborhood × ${code}`).toEqual(
        expected(raw.filter((request) => request.serviceCode === code)),
      );
      compared++;
    }
    expect(compared).toBe(11);
  });

  it('filters by neighborhood and category, and by a period', async () => {
    const [first] = neighborhoods;
    const reply = await t.http
      .get('/api/v1/public/stats')
      .query({ neighborhood: first!.code, category: categories[1] })
      .expect(200);
    const total = (reply.body.rows as StatsRow[]).find(
      (row) => row.allNeighborhoods && row.category === null,
    )!;
    expect(figures(total)).toEqual(
      expected(raw.filter((row) => row.neighborhoodId === first!.id && row.serviceCode === categories[1])),
    );

    const year = await t.http
      .get('/api/v1/public/stats')
      .query({ from: '2020-01-01', to: '2020-12-31' })
      .expect(200);
    expect(year.body.rows).toEqual([
      expect.objectContaining({ allNeighborhoods: true, requests: 0, firstResponseWithinTarget: null }),
    ]);
  });

  it('names a bad period or an unknown neighborhood', async () => {
    const backwards = await t.http
      .get('/api/v1/public/stats')
      .query({ from: '2026-02-01', to: '2026-01-01' });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.errors)).toContain('from');
    await t.http.get('/api/v1/public/stats').query({ neighborhood: 'NOPE' }).expect(404);
    const impossible = await t.http.get('/api/v1/public/stats').query({ to: '2026-02-30' });
    expect(impossible.status).toBe(400);
  });
});
