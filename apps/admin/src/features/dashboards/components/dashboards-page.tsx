import { useId, useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { formatHours } from '../../../lib/format';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { type GroupBy, useBacklog, useResponseTimes, useScorecards } from '../api/get-stats';
import type { Backlog, ResponseTimes, Scorecards } from '../api/get-stats';
import { type MeetingStats, useMeetingStats } from '../api/get-meeting-stats';
import { BarChart } from './bar-chart';
import { LineChart } from './line-chart';
import { SaraFiguresCard } from './sara-figures';
import { type StatsColumn, StatsTable } from './stats-table';

type ResponseRow = ResponseTimes['rows'][number];
type BacklogPoint = Backlog['points'][number];
type ScorecardRow = Scorecards['rows'][number];
type MeetingRow = MeetingStats['neighborhoods'][number];

const PERIODS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
] as const;

const GROUP_LABELS: Record<GroupBy, string> = {
  neighborhood: 'Neighborhood',
  category: 'Category',
  lieutenant: 'Lieutenant',
};

const share = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
const round1 = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(value * 10) / 10;

/** A column of durations: hours (rounded to 0.1) in the CSV, "2 d 4 h" on screen. */
function hoursColumn<Row>(label: string, get: (row: Row) => number | null | undefined): StatsColumn<Row> {
  return {
    header: `${label} (h)`,
    label,
    value: (row) => round1(get(row)),
    display: (row) => formatHours(get(row)),
    numeric: true,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The queue showing a row's overdue requests: open, past due, taken in the period. Lieutenant rows are
 * credited to whoever was lieutenant when each request came in, which no queue filter can say: no link.
 */
function overdueHref(groupBy: GroupBy, key: string, from: string): string | null {
  const params = new URLSearchParams({ overdue: 'true', createdFrom: toLocalDate(new Date(from)) });
  if (groupBy === 'neighborhood' && UUID.test(key)) params.set('neighborhoodId', key);
  else if (groupBy === 'category') params.set('serviceCode', key);
  else return null;
  return `/service-requests?${params.toString()}`;
}

const toLocalDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** A column of shares (0–1 in the CSV, a percentage on screen). */
function shareColumn<Row>(header: string, get: (row: Row) => number | null): StatsColumn<Row> {
  return { header, value: get, display: (row) => share(get(row)), numeric: true };
}

/**
 * Supervisors' and analysts' figures: response times and SLA compliance per neighborhood (are some
 * neighborhoods served slower?), per category or per lieutenant; the backlog over time; and
 * the neighborhood scorecards. Each chart has its table and a CSV download.
 */
export function DashboardsPage() {
  const id = useId();
  const [days, setDays] = useState<number>(90);
  const [groupBy, setGroupBy] = useState<GroupBy>('neighborhood');
  // The period is fixed when chosen, so refetches ask for the same window.
  const period = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
  }, [days]);
  const responseTimes = useResponseTimes(period, groupBy);
  const backlog = useBacklog(period, days > 60 ? 'week' : 'day');
  const scorecards = useScorecards(period);
  const meetingStats = useMeetingStats(period);
  const groupLabel = GROUP_LABELS[groupBy];

  const responseColumns: StatsColumn<ResponseRow>[] = [
    { header: groupLabel, value: (row) => row.label },
    { header: 'Requests', value: (row) => row.requests, numeric: true },
    { header: 'Open', value: (row) => row.open, numeric: true },
    {
      header: 'Overdue now',
      value: (row) => row.overdue,
      numeric: true,
      href: (row) => (row.overdue > 0 ? overdueHref(groupBy, row.key, period.from) : null),
      linkLabel: (row) => `overdue requests: ${row.label}`,
    },
    hoursColumn('First response, median', (row) => row.firstResponse.p50Hours),
    hoursColumn('Resolution, median', (row) => row.resolution.p50Hours),
    hoursColumn('Resolution, 90th percentile', (row) => row.resolution.p90Hours),
    shareColumn('First response within SLA', (row) => row.firstResponseSlaMet),
    shareColumn('Resolution within SLA', (row) => row.resolutionSlaMet),
  ];
  const backlogColumns: StatsColumn<BacklogPoint>[] = [
    {
      header: 'Period ending',
      value: (point) => point.at,
      display: (point) => new Date(point.at).toLocaleDateString(),
    },
    { header: 'Created', value: (point) => point.created, numeric: true },
    { header: 'Finished', value: (point) => point.finished, numeric: true },
    { header: 'Open at the end', value: (point) => point.open, numeric: true },
  ];
  const meetingColumns: StatsColumn<MeetingRow>[] = [
    { header: 'Neighborhood', value: (row) => row.name },
    { header: 'Meetings held', value: (row) => row.held, numeric: true },
    { header: 'Cancelled', value: (row) => row.cancelled, numeric: true },
    { header: 'Attendance', value: (row) => row.attendance, numeric: true },
    { header: 'Average attendance', value: (row) => row.averageAttendance, numeric: true },
    { header: 'Action items due', value: (row) => row.actionItemsDue, numeric: true },
    { header: 'Closed on time', value: (row) => row.closedOnTime, numeric: true },
    shareColumn('Closed on time (share)', (row) => row.onTimeRate),
    { header: 'Open past due now', value: (row) => row.openOverdue, numeric: true },
  ];
  const scorecardColumns: StatsColumn<ScorecardRow>[] = [
    { header: 'Neighborhood', value: (row) => row.neighborhoodName },
    {
      header: 'Lieutenant credited',
      value: (row) => row.lieutenant?.name ?? '',
      display: (row) => row.lieutenant?.name ?? 'Nobody',
    },
    { header: 'Requests', value: (row) => row.requests, numeric: true },
    { header: 'Resolved', value: (row) => row.resolved, numeric: true },
    { header: 'Open', value: (row) => row.open, numeric: true },
    hoursColumn('Resolution, median', (row) => row.resolutionP50Hours),
    shareColumn('First response within SLA', (row) => row.firstResponseSlaMet),
    shareColumn('Resolution within SLA', (row) => row.resolutionSlaMet),
  ];

  const fileStamp = new Date(period.to).toISOString().slice(0, 10);

  return (
    <div className="page page-wide">
      <PageHeader
        title="Dashboards"
        description="Response times, SLA compliance and backlog for requests taken in the chosen period."
      />
      <form
        className="filter-row card"
        aria-label="Choose the figures"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${id}-period`}>Period</label>
          <select
            id={`${id}-period`}
            value={days}
            onChange={(event) => setDays(Number(event.currentTarget.value))}
          >
            {PERIODS.map((option) => (
              <option key={option.days} value={option.days}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>Response times by</label>
          <select
            id={`${id}-group`}
            value={groupBy}
            onChange={(event) => setGroupBy(event.currentTarget.value as GroupBy)}
          >
            {(Object.keys(GROUP_LABELS) as GroupBy[]).map((value) => (
              <option key={value} value={value}>
                {GROUP_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </form>

      <section className="card" aria-labelledby={`${id}-response`}>
        <h2 id={`${id}-response`}>Response times by {groupLabel.toLowerCase()}</h2>
        {responseTimes.isPending ? (
          <div className="card-reserve card-reserve--response">
            <LoadingState label="Loading response times…" />
          </div>
        ) : responseTimes.isError ? (
          <ProblemAlert
            error={responseTimes.error}
            title="Could not load response times"
            onRetry={() => responseTimes.refetch()}
          />
        ) : responseTimes.data.rows.length === 0 ? (
          <p className="muted">No requests in this period.</p>
        ) : (
          <>
            <div className="chart-pair">
              <BarChart
                title={`Resolution time by ${groupLabel.toLowerCase()}, in days and hours`}
                rows={responseTimes.data.rows}
                rowLabel={(row) => row.label}
                format={formatHours}
                series={[
                  {
                    name: 'Median resolution time',
                    value: (row) => row.resolution.p50Hours,
                    className: 'series-a',
                  },
                  { name: '90th percentile', value: (row) => row.resolution.p90Hours, className: 'series-b' },
                ]}
              />
              <BarChart
                title={`Share within the SLA target by ${groupLabel.toLowerCase()}`}
                rows={responseTimes.data.rows}
                rowLabel={(row) => row.label}
                format={(value) => `${Math.round(value * 100)}%`}
                max={1}
                series={[
                  {
                    name: 'First response within SLA',
                    value: (row) => row.firstResponseSlaMet,
                    className: 'series-a',
                  },
                  {
                    name: 'Resolution within SLA',
                    value: (row) => row.resolutionSlaMet,
                    className: 'series-b',
                  },
                ]}
              />
            </div>
            <StatsTable
              caption={`Response times by ${groupLabel.toLowerCase()}`}
              columns={responseColumns}
              rows={responseTimes.data.rows}
              rowKey={(row) => row.key}
              fileName={`nsp-response-times-by-${groupBy}-${fileStamp}.csv`}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-backlog`}>
        <h2 id={`${id}-backlog`}>Backlog over time</h2>
        {backlog.isPending ? (
          <div className="card-reserve card-reserve--backlog">
            <LoadingState label="Loading the backlog…" />
          </div>
        ) : backlog.isError ? (
          <ProblemAlert
            error={backlog.error}
            title="Could not load the backlog"
            onRetry={() => backlog.refetch()}
          />
        ) : (
          <>
            <LineChart
              title="Open requests, and requests created and finished, per interval"
              points={backlog.data.points}
              x={(point) => new Date(point.at)}
              series={[
                {
                  name: 'Open at the end of the interval',
                  value: (point) => point.open,
                  className: 'series-a',
                },
                {
                  name: 'Created (dashed)',
                  value: (point) => point.created,
                  className: 'series-b line-dashed',
                },
                {
                  name: 'Finished (dotted)',
                  value: (point) => point.finished,
                  className: 'series-c line-dotted',
                },
              ]}
            />
            <StatsTable
              caption="Backlog per interval"
              columns={backlogColumns}
              rows={backlog.data.points}
              rowKey={(point) => point.at}
              fileName={`nsp-backlog-${fileStamp}.csv`}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-scorecards`}>
        <h2 id={`${id}-scorecards`}>Neighborhood scorecards</h2>
        <p className="muted">
          Each request is credited to the coordination lieutenant responsible when it came in.
        </p>
        {scorecards.isPending ? (
          <div className="card-reserve card-reserve--scorecards">
            <LoadingState label="Loading scorecards…" />
          </div>
        ) : scorecards.isError ? (
          <ProblemAlert
            error={scorecards.error}
            title="Could not load the scorecards"
            onRetry={() => scorecards.refetch()}
          />
        ) : (
          <StatsTable
            caption="Neighborhood scorecards"
            columns={scorecardColumns}
            rows={scorecards.data.rows}
            rowKey={(row) => `${row.neighborhoodId}-${row.lieutenant?.personnelId ?? 'none'}`}
            fileName={`nsp-scorecards-${fileStamp}.csv`}
          />
        )}
      </section>
      <SaraFiguresCard fileStamp={fileStamp} />

      <section className="card" aria-labelledby={`${id}-meetings`}>
        <h2 id={`${id}-meetings`}>Community meetings</h2>
        <p className="muted">
          Meetings held and their attendance in the period; action items due in the period and how many were
          done by their due date.
        </p>
        {meetingStats.isPending ? (
          <LoadingState label="Loading meeting figures…" />
        ) : meetingStats.isError ? (
          <ProblemAlert
            error={meetingStats.error}
            title="Could not load the meeting figures"
            onRetry={() => meetingStats.refetch()}
          />
        ) : (
          <>
            <BarChart
              title="Meetings held and action items closed on time, per neighborhood"
              rows={meetingStats.data.neighborhoods}
              rowLabel={(row) => row.name}
              format={(value) => String(value)}
              series={[
                { name: 'Meetings held', value: (row) => row.held, className: 'series-a' },
                {
                  name: 'Action items closed on time',
                  value: (row) => row.closedOnTime,
                  className: 'series-b',
                },
              ]}
            />
            <StatsTable
              caption="Community meetings by neighborhood"
              columns={meetingColumns}
              rows={meetingStats.data.neighborhoods}
              rowKey={(row) => row.neighborhoodId}
              fileName={`nsp-meetings-${fileStamp}.csv`}
            />
          </>
        )}
      </section>
    </div>
  );
}
