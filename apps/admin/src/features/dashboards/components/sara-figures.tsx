import { useId } from 'react';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { formatNumber } from '../../../lib/format';
import { type SaraFigures, useSaraFigures } from '../api/get-sara-figures';
import { type StatsColumn, StatsTable } from './stats-table';

type Row = SaraFigures['byNeighborhood'][number];
const STAGES: Array<[string, string]> = [
  ['scanning', 'Scanning'],
  ['analysis', 'Analysis'],
  ['response', 'Response'],
  ['assessment', 'Assessment'],
  ['closed', 'Closed'],
];
const columns: StatsColumn<Row>[] = [
  { header: 'Neighborhood', value: (row) => row.neighborhoodName },
  ...STAGES.map(
    ([stage, label]): StatsColumn<Row> => ({
      header: label,
      value: (row) => row.stages[stage] ?? 0,
      display: (row) => formatNumber(row.stages[stage] ?? 0),
      href: (row) => `/sara-cases?neighborhoodId=${row.neighborhoodId}`,
      linkLabel: (row) => ` SARA cases in ${row.neighborhoodName}`,
      numeric: true,
    }),
  ),
];

/** SARA on the dashboards: cases by stage per neighborhood, and how long cases spend in each stage. */
export function SaraFiguresCard({ fileStamp }: { fileStamp: string }) {
  const id = useId();
  const figures = useSaraFigures();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>SARA cases</h2>
      {figures.isPending ? (
        <LoadingState label="Loading SARA figures…" />
      ) : figures.isError ? (
        <ProblemAlert
          error={figures.error}
          title="Could not load the SARA figures"
          onRetry={() => figures.refetch()}
        />
      ) : (
        <>
          <p>
            Median days in each stage:{' '}
            {STAGES.filter(([stage]) => stage !== 'closed')
              .map(([stage, label]) => {
                const days = figures.data.medianDaysInStage[stage];
                return `${label} ${days === null || days === undefined ? '—' : `${days} d`}`;
              })
              .join(' · ')}
          </p>
          <StatsTable
            caption="SARA cases by stage per neighborhood"
            columns={columns}
            rows={figures.data.byNeighborhood}
            rowKey={(row) => row.neighborhoodId}
            fileName={`nsp-sara-cases-${fileStamp}.csv`}
          />
        </>
      )}
    </section>
  );
}
