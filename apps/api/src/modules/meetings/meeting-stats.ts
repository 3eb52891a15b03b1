import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { todayIn } from './read-model.ts';

/**
 * Dashboard figures per neighborhood for meetings starting in [from, to) and action items due in it:
 * meetings held / cancelled / planned, attendance at held meetings, items closed on time (done on or
 * before the due date, in the department's calendar), late, and open past due now.
 */
export async function meetingStats(
  executor: Executor,
  options: { from?: string | undefined; to?: string | undefined; timeZone: string },
  now: Date = new Date(),
) {
  const to = options.to ? new Date(options.to) : now;
  const from = options.from ? new Date(options.from) : new Date(to.getTime() - 90 * 86_400_000);
  const zone = options.timeZone;
  const fromDate = DateTime.fromJSDate(from, { zone }).toISODate();
  const toDate = DateTime.fromJSDate(to, { zone }).toISODate();
  const today = todayIn(zone, now);
  const rows = await queryRows<{
    neighborhood_id: string;
    name: string;
    held: number;
    cancelled: number;
    planned: number;
    attendance: number;
    items_due: number;
    closed_on_time: number;
    closed_late: number;
    open_overdue: number;
  }>(
    executor,
    sql`
    select n.id as neighborhood_id, n.name,
      coalesce(m.held, 0)::int as held, coalesce(m.cancelled, 0)::int as cancelled,
      coalesce(m.planned, 0)::int as planned, coalesce(m.attendance, 0)::int as attendance,
      coalesce(a.items_due, 0)::int as items_due, coalesce(a.closed_on_time, 0)::int as closed_on_time,
      coalesce(a.closed_late, 0)::int as closed_late, coalesce(o.open_overdue, 0)::int as open_overdue
    from neighborhoods n
    left join (
      select neighborhood_id,
        count(*) filter (where status = 'held') as held,
        count(*) filter (where status = 'cancelled') as cancelled,
        count(*) filter (where status = 'planned') as planned,
        sum(attendance_count) filter (where status = 'held') as attendance
      from meetings where starts_at >= ${from} and starts_at < ${to}
      group by neighborhood_id
    ) m on m.neighborhood_id = n.id
    left join (
      select neighborhood_id,
        count(*) as items_due,
        count(*) filter (where status = 'done' and (closed_at at time zone ${zone})::date <= due_date) as closed_on_time,
        count(*) filter (where status = 'done' and (closed_at at time zone ${zone})::date > due_date) as closed_late
      from action_items where due_date >= ${fromDate}::date and due_date < ${toDate}::date
      group by neighborhood_id
    ) a on a.neighborhood_id = n.id
    left join (
      select neighborhood_id, count(*) as open_overdue
      from action_items where status in ('open', 'in_progress') and due_date < ${today}::date
      group by neighborhood_id
    ) o on o.neighborhood_id = n.id
    where n.status = 'active' or m.neighborhood_id is not null or a.neighborhood_id is not null
    order by n.name
  `,
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    neighborhoods: rows.map((row) => ({
      neighborhoodId: row.neighborhood_id,
      name: row.name,
      held: Number(row.held),
      cancelled: Number(row.cancelled),
      planned: Number(row.planned),
      attendance: Number(row.attendance),
      averageAttendance:
        Number(row.held) > 0 ? Math.round((Number(row.attendance) / Number(row.held)) * 10) / 10 : null,
      actionItemsDue: Number(row.items_due),
      closedOnTime: Number(row.closed_on_time),
      closedLate: Number(row.closed_late),
      openOverdue: Number(row.open_overdue),
      onTimeRate:
        Number(row.items_due) > 0
          ? Math.round((Number(row.closed_on_time) / Number(row.items_due)) * 1000) / 1000
          : null,
    })),
  };
}
