import type { MeetingSummary } from '@nsp/contracts';
import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { NeighborhoodFilter } from '../../../components/neighborhood-filter';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { useCurrentUser } from '../../../lib/auth/use-session';
import { useNeighborhoodList } from '../../../lib/reference-data/neighborhoods';
import { useMeetings } from '../api/get-meetings';
import { KIND_LABELS, STATUS_BADGES, STATUS_LABELS, formatMeetingTime, localDate } from './meeting-format';
import { PlanMeetingForm } from './plan-meeting-form';

const DEPARTMENT_ZONE = 'America/New_York';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function monthOf(value: string | null): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (match) return { year: Number(match[1]), month: Number(match[2]) };
  const [year, month] = localDate(new Date(), DEPARTMENT_ZONE).split('-').map(Number) as [number, number];
  return { year, month };
}

const pad = (value: number) => String(value).padStart(2, '0');
const monthKey = (year: number, month: number) => `${year}-${pad(month)}`;
const shiftMonth = ({ year, month }: { year: number; month: number }, by: number) => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/** Community meetings: a month calendar and the same meetings as a list, by neighborhood. */
export function MeetingsPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const user = useCurrentUser();
  const mayPlan = user.roles.some(
    (role) => role === 'admin' || role === 'supervisor' || role === 'lieutenant',
  );
  const neighborhoodId = params.get('neighborhoodId') || null;
  const view = params.get('view') === 'list' ? 'list' : 'calendar';
  const shown = monthOf(params.get('month'));
  const next = shiftMonth(shown, 1);
  // A little either side of the month, so the grid's leading and trailing days show their meetings.
  const range = useMemo(
    () => ({
      from: new Date(Date.UTC(shown.year, shown.month - 1, 1) - 7 * 86_400_000).toISOString(),
      to: new Date(Date.UTC(next.year, next.month - 1, 1) + 8 * 86_400_000).toISOString(),
    }),
    [shown.year, shown.month, next.year, next.month],
  );
  const meetingsQuery = useMeetings({ neighborhoodId, ...range });
  const neighborhoods = useNeighborhoodList();
  const meetings = meetingsQuery.data?.items ?? [];
  const monthLabel = new Intl.DateTimeFormat('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(shown.year, shown.month - 1, 1)));

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const nextParams = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) nextParams.set(name, value);
          else nextParams.delete(name);
        }
        return nextParams;
      },
      { replace: true },
    );

  const inMonth = meetings.filter((meeting) =>
    localDate(meeting.startsAt, meeting.timeZone).startsWith(monthKey(shown.year, shown.month)),
  );

  return (
    <div className="page page-wide">
      <PageHeader
        title="Meetings"
        description="Community meetings, education sessions and partner meetings: agenda, minutes, problems raised and action items."
      />
      <search aria-label="Filter meetings">
        <form className="filter-row card" onSubmit={(event) => event.preventDefault()}>
          <NeighborhoodFilter
            id={`${id}-neighborhood`}
            neighborhoods={neighborhoods.data ?? []}
            value={neighborhoodId}
            onChange={(value) => update({ neighborhoodId: value })}
          />
          <fieldset className="field">
            <legend>Month</legend>
            <div className="button-row">
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  update({ month: monthKey(shiftMonth(shown, -1).year, shiftMonth(shown, -1).month) })
                }
              >
                Previous month
              </button>
              <strong aria-live="polite">{monthLabel}</strong>
              <button
                type="button"
                className="button button-small"
                onClick={() => update({ month: monthKey(next.year, next.month) })}
              >
                Next month
              </button>
            </div>
          </fieldset>
          <fieldset className="field">
            <legend>Show as</legend>
            <div className="button-row">
              <button
                type="button"
                className={view === 'calendar' ? 'button button-small button-primary' : 'button button-small'}
                aria-pressed={view === 'calendar'}
                onClick={() => update({ view: null })}
              >
                Calendar
              </button>
              <button
                type="button"
                className={view === 'list' ? 'button button-small button-primary' : 'button button-small'}
                aria-pressed={view === 'list'}
                onClick={() => update({ view: 'list' })}
              >
                List
              </button>
            </div>
          </fieldset>
        </form>
      </search>

      {meetingsQuery.isPending ? <LoadingState label="Loading meetings…" /> : null}
      {meetingsQuery.isError ? (
        <ProblemAlert
          error={meetingsQuery.error}
          title="Meetings could not be loaded"
          onRetry={() => meetingsQuery.refetch()}
        />
      ) : null}
      {meetingsQuery.isSuccess ? (
        view === 'calendar' ? (
          <MonthCalendar year={shown.year} month={shown.month} meetings={meetings} label={monthLabel} />
        ) : (
          <MeetingList meetings={inMonth} label={monthLabel} />
        )
      ) : null}

      {/* Below the calendar: shown once the month is in, or the calendar's arrival would push it down. */}
      {mayPlan && !meetingsQuery.isPending ? (
        <section className="card form-section" aria-labelledby={`${id}-plan`}>
          <h2 id={`${id}-plan`}>Plan a meeting</h2>
          <PlanMeetingForm neighborhoods={neighborhoods.data ?? []} defaultNeighborhoodId={neighborhoodId} />
        </section>
      ) : null}
    </div>
  );
}

function MeetingList({ meetings, label }: { meetings: MeetingSummary[]; label: string }) {
  if (meetings.length === 0) return <EmptyState>No meetings in {label}.</EmptyState>;
  return (
    <TableRegion label={`Meetings in ${label}`}>
      <table className="table">
        <caption className="visually-hidden">Meetings in {label}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Meeting</th>
            <th scope="col">Neighborhood</th>
            <th scope="col">Where</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Attendance
            </th>
            <th scope="col" className="numeric">
              Open items
            </th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((meeting) => (
            <tr key={meeting.id}>
              <td>{formatMeetingTime(meeting.startsAt, meeting.timeZone)}</td>
              <td>
                <Link to={`/meetings/${meeting.id}`}>{meeting.title.en}</Link>
                <div className="muted">{KIND_LABELS[meeting.kind]}</div>
              </td>
              <td>{meeting.neighborhoodName}</td>
              <td>{meeting.locationName ?? meeting.address ?? (meeting.onlineUrl ? 'Online' : '—')}</td>
              <td>
                <span className={STATUS_BADGES[meeting.status]}>{STATUS_LABELS[meeting.status]}</span>
              </td>
              <td className="numeric">{meeting.attendanceCount ?? '—'}</td>
              <td className="numeric">{meeting.openActionItems}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** A month grid (weeks from Monday); each day lists its meetings as links. */
function MonthCalendar({
  year,
  month,
  meetings,
  label,
}: {
  year: number;
  month: number;
  meetings: MeetingSummary[];
  label: string;
}) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const leading = (first.getUTCDay() + 6) % 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: Array<{ date: string; day: number; inMonth: boolean }> = [];
  const total = Math.ceil((leading + daysInMonth) / 7) * 7;
  for (let index = 0; index < total; index++) {
    const date = new Date(first.getTime() + (index - leading) * 86_400_000);
    cells.push({
      date: date.toISOString().slice(0, 10),
      day: date.getUTCDate(),
      inMonth: date.getUTCMonth() === month - 1,
    });
  }
  const byDate = new Map<string, MeetingSummary[]>();
  for (const meeting of meetings) {
    const key = localDate(meeting.startsAt, meeting.timeZone);
    byDate.set(key, [...(byDate.get(key) ?? []), meeting]);
  }
  const weeks = Array.from({ length: total / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
  return (
    <div className="table-wrap">
      <table className="meeting-calendar">
        <caption className="visually-hidden">Meetings in {label}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" className="meeting-calendar-heading">
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.date}>
              {week.map((cell) => (
                <td
                  key={cell.date}
                  className={
                    cell.inMonth ? 'meeting-calendar-cell' : 'meeting-calendar-cell meeting-calendar-outside'
                  }
                >
                  <div className="meeting-calendar-day">{cell.day}</div>
                  <ul className="plain-list">
                    {(byDate.get(cell.date) ?? []).map((meeting) => (
                      <li key={meeting.id} className={`meeting-calendar-entry meeting-${meeting.status}`}>
                        <Link to={`/meetings/${meeting.id}`}>
                          {formatMeetingTime(meeting.startsAt, meeting.timeZone, { timeOnly: true })}{' '}
                          {meeting.title.en}
                        </Link>
                        <span className="muted"> · {meeting.neighborhoodName}</span>
                        {meeting.status === 'cancelled' ? <span className="muted"> (cancelled)</span> : null}
                      </li>
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
