import type { PublicStats } from '@nsp/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Directory } from './public-directory.ts';
import type { Translator } from './text-store.ts';

export interface StatsPeriod {
  /** First day, YYYY-MM-DD, in the department's time zone. */
  from: string;
  /** Last day, included. */
  to: string;
}

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 90;
const MAX_DAYS = 3 * 366;

/** Today's date in a time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The period asked for, with defaults (the last 90 days up to today), checked. */
export function statsPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
  defaultDays = DEFAULT_DAYS,
): StatsPeriod {
  const to = query.to ?? todayIn(timeZone);
  const from = query.from ?? addDays(to, -(defaultDays - 1));
  if (from > to) {
    throw new ValidationError('The period ends before it starts.', [
      { path: 'from', message: 'must be on or before to', in: 'querystring' },
    ]);
  }
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS > MAX_DAYS) {
    throw new ValidationError('The period is longer than three years.', [
      { path: 'from', message: 'must be at most three years before to', in: 'querystring' },
    ]);
  }
  return { from, to };
}

/** [start, end) instants of the period's days in the department's time zone, as SQL. */
export function periodBounds(period: StatsPeriod, timeZone: string) {
  return {
    start: sql`(${period.from}::date::timestamp at time zone ${timeZone})`,
    end: sql`((${period.to}::date + 1)::timestamp at time zone ${timeZone})`,
  };
}

const hours = (value: unknown) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
const share = (met: unknown, decided: unknown) =>
  Number(decided) > 0 ? Math.round((Number(met) / Number(decided)) * 1000) / 1000 : null;

interface StatsRow {
  neighborhood_id: string | null;
  neighborhood_code: string | null;
  neighborhood_name: string | null;
  service_code: string | null;
  by_neighborhood: number;
  by_category: number;
  requests: number;
  resolved: number;
  first_p50: number | null;
  first_p90: number | null;
  resolution_p50: number | null;
  resolution_p90: number | null;
  first_met: number;
  first_decided: number;
  resolution_met: number;
  resolution_decided: number;
}

/**
 * Requests received in the period (duplicates merged into another are not counted twice), per
 * neighborhood and category, per neighborhood, and in all. Times are hours from receipt: to the first
 * response (of those responded to) and to resolution (of those resolved); percentiles are continuous
 * (interpolated), as PostgreSQL's percentile_cont. "Within target": of the clocks that are decided
 * (met, or past due whether answered late or not yet), the share met.
 */
export async function publicStatistics(
  executor: Executor,
  input: {
    period: StatsPeriod;
    timeZone: string;
    neighborhoodId?: string | undefined;
    serviceCode?: string | undefined;
    directory: Directory;
    categoryNames: Map<string, { en: string } & Partial<Record<string, string>>>;
    texts: Translator;
    now: Date;
  },
): Promise<PublicStats> {
  const { start, end } = periodBounds(input.period, input.timeZone);
  const now = input.now.toISOString();
  const filters = [
    sql`r.created_at >= ${start}`,
    sql`r.created_at < ${end}`,
    sql`r.status <> 'duplicate'`,
    input.neighborhoodId ? sql`r.neighborhood_id = ${input.neighborhoodId}` : undefined,
    input.serviceCode ? sql`r.service_code = ${input.serviceCode}` : undefined,
  ].filter((part) => part !== undefined);
  const rows = await queryRows<StatsRow>(
    executor,
    sql`select r.neighborhood_id::text as neighborhood_id, min(n.code) as neighborhood_code, min(n.name) as neighborhood_name, r.service_code,
        grouping(r.neighborhood_id)::int as by_neighborhood, grouping(r.service_code)::int as by_category,
        count(*)::int as requests,
        count(*) filter (where r.resolved_at is not null)::int as resolved,
        percentile_cont(0.5) within group (order by extract(epoch from (r.first_responded_at - r.created_at)) / 3600) as first_p50,
        percentile_cont(0.9) within group (order by extract(epoch from (r.first_responded_at - r.created_at)) / 3600) as first_p90,
        percentile_cont(0.5) within group (order by extract(epoch from (r.resolved_at - r.created_at)) / 3600) as resolution_p50,
        percentile_cont(0.9) within group (order by extract(epoch from (r.resolved_at - r.created_at)) / 3600) as resolution_p90,
        count(*) filter (where r.first_responded_at <= r.first_response_due_at)::int as first_met,
        count(*) filter (where r.first_responded_at is not null or r.first_response_due_at < ${now}::timestamptz)::int as first_decided,
        count(*) filter (where r.resolved_at <= r.resolution_due_at)::int as resolution_met,
        count(*) filter (where r.resolved_at is not null or (r.status not in ('resolved', 'closed', 'rejected') and r.resolution_due_at < ${now}::timestamptz))::int as resolution_decided
      from service_requests r left join neighborhoods n on n.id = r.neighborhood_id
      where ${sql.join(filters, sql` and `)}
      group by grouping sets ((r.neighborhood_id, r.service_code), (r.neighborhood_id), (r.service_code), ())`,
  );
  const { texts } = input;
  const result = rows.map((row) => {
    const allNeighborhoods = Number(row.by_neighborhood) === 1;
    const everyCategory = Number(row.by_category) === 1;
    const categoryName = row.service_code ? input.categoryNames.get(row.service_code) : undefined;
    return {
      neighborhood:
        allNeighborhoods || !row.neighborhood_id
          ? null
          : { id: row.neighborhood_id, code: row.neighborhood_code ?? '', name: row.neighborhood_name ?? '' },
      allNeighborhoods,
      category:
        everyCategory || !row.service_code
          ? null
          : { code: row.service_code, name: categoryName ? texts.pick(categoryName) : row.service_code },
      requests: Number(row.requests),
      resolved: Number(row.resolved),
      firstResponse: { medianHours: hours(row.first_p50), p90Hours: hours(row.first_p90) },
      resolution: { medianHours: hours(row.resolution_p50), p90Hours: hours(row.resolution_p90) },
      firstResponseWithinTarget: share(row.first_met, row.first_decided),
      resolutionWithinTarget: share(row.resolution_met, row.resolution_decided),
    };
  });
  // Neighborhoods in code order, "outside" after them, the total last; categories by name within.
  const order = new Map(input.directory.neighborhoods.map((neighborhood, index) => [neighborhood.id, index]));
  const rank = (row: (typeof result)[number]) =>
    row.allNeighborhoods
      ? Number.MAX_SAFE_INTEGER
      : row.neighborhood
        ? (order.get(row.neighborhood.id) ?? 1e9)
        : 1e9 + 1;
  result.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.category === null ? -1 : b.category === null ? 1 : a.category.name.localeCompare(b.category.name)),
  );
  return {
    from: input.period.from,
    to: input.period.to,
    timeZone: input.timeZone,
    generatedAt: input.now.toISOString(),
    definitions: texts.t('stats.definitions'),
    rows: result,
  };
}
