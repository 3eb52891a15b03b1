import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { filterConditions, type StatsFilter, scopeConditions } from './scope.ts';

const OPEN = sql`('new', 'triaged', 'assigned', 'in_progress')`;

/** Hours as a number rounded to 0.1, or null. */
const hours = (value: unknown) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
const ratio = (met: unknown, decided: unknown) =>
  Number(decided) > 0 ? Math.round((Number(met) / Number(decided)) * 1000) / 1000 : null;

/**
 * Measures shared by every grouping. A first-response clock is "decided" once answered or once
 * its due time passed unanswered; likewise resolution. Open clocks not yet due count for neither.
 */
const measures = sql`
  count(*)::int as requests,
  count(*) filter (where r.resolved_at is not null or r.status = 'closed')::int as resolved,
  count(*) filter (where r.status in ${OPEN})::int as open,
  count(*) filter (where r.status in ${OPEN} and r.resolution_due_at < now())::int as overdue,
  percentile_cont(0.5) within group (order by extract(epoch from (r.first_responded_at - r.created_at)) / 3600) as first_p50,
  percentile_cont(0.9) within group (order by extract(epoch from (r.first_responded_at - r.created_at)) / 3600) as first_p90,
  percentile_cont(0.5) within group (order by extract(epoch from (r.resolved_at - r.created_at)) / 3600) as resolution_p50,
  percentile_cont(0.9) within group (order by extract(epoch from (r.resolved_at - r.created_at)) / 3600) as resolution_p90,
  count(*) filter (where r.first_responded_at is not null and r.first_responded_at <= r.first_response_due_at)::int as first_met,
  count(*) filter (where r.first_responded_at is not null or r.first_response_due_at < now())::int as first_decided,
  count(*) filter (where r.resolved_at is not null and r.resolved_at <= r.resolution_due_at)::int as resolution_met,
  count(*) filter (where r.resolved_at is not null or (r.status in ${OPEN} and r.resolution_due_at < now()))::int as resolution_decided`;

type MeasureRow = Record<string, unknown>;

function toMeasures(row: MeasureRow) {
  return {
    requests: Number(row.requests),
    resolved: Number(row.resolved),
    open: Number(row.open),
    overdue: Number(row.overdue),
    firstResponse: { p50Hours: hours(row.first_p50), p90Hours: hours(row.first_p90) },
    resolution: { p50Hours: hours(row.resolution_p50), p90Hours: hours(row.resolution_p90) },
    firstResponseSlaMet: ratio(row.first_met, row.first_decided),
    resolutionSlaMet: ratio(row.resolution_met, row.resolution_decided),
  };
}

export async function responseTimes(
  executor: Executor,
  filter: StatsFilter,
  groupBy: 'neighborhood' | 'category' | 'lieutenant',
) {
  const where = filterConditions(filter);
  const grouped =
    groupBy === 'neighborhood'
      ? sql`select coalesce(r.neighborhood_id::text, 'none') as key, coalesce(min(n.name), 'Outside every neighborhood') as label, ${measures}
            from service_requests r left join neighborhoods n on n.id = r.neighborhood_id
            where ${where} group by 1 order by 2`
      : groupBy === 'category'
        ? sql`select r.service_code as key, min(t.name->>'en') as label, ${measures}
              from service_requests r join service_types t on t.code = r.service_code
              where ${where} group by 1 order by 2`
        : // Credited to the coordination lieutenant of the request's neighborhood when it came in.
          sql`select coalesce(p.id::text, 'none') as key, coalesce(min(p.name), 'No lieutenant') as label, ${measures}
              from service_requests r
              left join assignments a on a.neighborhood_id = r.neighborhood_id and a.role = 'coordination_lieutenant'
                and a.superseded_by is null and a.starts_at <= r.created_at and (a.ends_at is null or a.ends_at > r.created_at)
              left join personnel p on p.id = a.personnel_id
              where ${where} group by 1 order by 2`;
  const rows = await queryRows<MeasureRow>(executor, grouped);
  return rows.map((row) => ({ key: String(row.key), label: String(row.label), ...toMeasures(row) }));
}

export async function scorecards(executor: Executor, filter: StatsFilter) {
  const where = filterConditions(filter);
  const rows = await queryRows<MeasureRow>(
    executor,
    sql`
    select n.id as neighborhood_id, n.name as neighborhood_name, p.id as personnel_id, p.name as personnel_name, ${measures}
    from service_requests r
    join neighborhoods n on n.id = r.neighborhood_id
    left join assignments a on a.neighborhood_id = r.neighborhood_id and a.role = 'coordination_lieutenant'
      and a.superseded_by is null and a.starts_at <= r.created_at and (a.ends_at is null or a.ends_at > r.created_at)
    left join personnel p on p.id = a.personnel_id
    where ${where}
    group by n.id, n.name, p.id, p.name
    order by n.name, p.name nulls first`,
  );
  return rows.map((row) => {
    const m = toMeasures(row);
    return {
      neighborhoodId: String(row.neighborhood_id),
      neighborhoodName: String(row.neighborhood_name),
      lieutenant: row.personnel_id
        ? { personnelId: String(row.personnel_id), name: String(row.personnel_name) }
        : null,
      requests: m.requests,
      resolved: m.resolved,
      open: m.open,
      resolutionP50Hours: m.resolution.p50Hours,
      firstResponseSlaMet: m.firstResponseSlaMet,
      resolutionSlaMet: m.resolutionSlaMet,
    };
  });
}

/**
 * Open requests at the end of each interval. Computed from the flows (created and finished per
 * interval) plus the backlog at the start, so it costs three aggregates, not one scan per day.
 */
export async function backlog(executor: Executor, filter: StatsFilter, interval: 'day' | 'week') {
  const scope = scopeConditions(filter);
  const finishedAt = sql`coalesce(r.resolved_at, r.closed_at, case when r.status in ('rejected', 'duplicate') then r.updated_at end)`;
  const from = filter.from.toISOString();
  const to = filter.to.toISOString();
  const step = interval === 'day' ? sql`interval '1 day'` : sql`interval '7 days'`;
  const rows = await queryRows<{
    at: Date | string;
    created: number;
    finished: number;
    open_at_start: number;
  }>(
    executor,
    sql`
    with buckets as (
      select generate_series(${from}::timestamptz, ${to}::timestamptz - interval '1 second', ${step}) as bucket_start
    ),
    start_backlog as (
      select count(*)::int as n from service_requests r
      where ${scope} and r.created_at < ${from}::timestamptz and (${finishedAt} is null or ${finishedAt} >= ${from}::timestamptz)
    ),
    created as (
      select b.bucket_start, count(r.id)::int as n from buckets b
      left join service_requests r on ${scope} and r.created_at >= b.bucket_start and r.created_at < b.bucket_start + ${step}
        and r.created_at < ${to}::timestamptz
      group by b.bucket_start
    ),
    finished as (
      select b.bucket_start, count(r.id)::int as n from buckets b
      left join service_requests r on ${scope} and ${finishedAt} >= b.bucket_start and ${finishedAt} < b.bucket_start + ${step}
        and ${finishedAt} < ${to}::timestamptz and ${finishedAt} >= ${from}::timestamptz
      group by b.bucket_start
    )
    select c.bucket_start + ${step} as at, c.n as created, f.n as finished, (select n from start_backlog) as open_at_start
    from created c join finished f using (bucket_start) order by c.bucket_start`,
  );
  let open = Number(rows[0]?.open_at_start ?? 0);
  return rows.map((row) => {
    open += Number(row.created) - Number(row.finished);
    const at = new Date(row.at);
    return {
      at: (at > filter.to ? filter.to : at).toISOString(),
      created: Number(row.created),
      finished: Number(row.finished),
      open,
    };
  });
}
