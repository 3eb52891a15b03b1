import type { SaraCaseSummary } from '@nsp/contracts';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { NeighborhoodFilter } from '../../../components/neighborhood-filter';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCan } from '../../../lib/auth/use-session';
import { formatShortDateTime } from '../../../lib/format';
import { useNeighborhoodList } from '../../../lib/reference-data/neighborhoods';
import { useActivePersonnel } from '../../../lib/reference-data/personnel';
import { useSaraBoard } from '../api/sara-cases';
import { PRIORITY_LABELS, STAGE_LABELS, STAGE_ORDER } from '../labels';

/** The SARA board: a column per stage, filtered by neighborhood and lead (kept in the address). */
export function SaraBoard() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const neighborhoodId = params.get('neighborhoodId');
  const leadId = params.get('leadId');
  const board = useSaraBoard({ neighborhoodId, leadId });
  const neighborhoods = useNeighborhoodList();
  const personnel = useActivePersonnel();
  const canOpen = useCan('sara.manage');
  const setFilter = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const leads = (personnel.data ?? []).filter((person) =>
    ['lieutenant', 'sergeant', 'officer', 'nro'].includes(person.kind),
  );
  return (
    <div className="page page-wide">
      <PageHeader
        title="SARA cases"
        description="Problems worked through Scanning, Analysis, Response and Assessment."
        actions={
          <>
            <Link className="button" to="/sara-cases/candidates">
              Candidate problems
            </Link>
            {canOpen ? (
              <Link className="button button-primary" to="/sara-cases/new">
                New case
              </Link>
            ) : null}
          </>
        }
      />
      <div className="filter-row">
        <NeighborhoodFilter
          id={`${id}-neighborhood`}
          neighborhoods={neighborhoods.data ?? []}
          value={neighborhoodId}
          onChange={(value) => setFilter('neighborhoodId', value)}
        />
        <div className="field">
          <label htmlFor={`${id}-lead`}>Lead</label>
          <select
            id={`${id}-lead`}
            value={leadId ?? ''}
            onChange={(event) => setFilter('leadId', event.currentTarget.value || null)}
          >
            <option value="">Any lead</option>
            {leads.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {board.isPending ? (
        <LoadingState label="Loading cases…" />
      ) : board.isError ? (
        <ProblemAlert
          error={board.error}
          title="The cases could not be loaded"
          onRetry={() => void board.refetch()}
        />
      ) : (
        <div className="sara-board">
          {STAGE_ORDER.map((stage) => {
            const cases = board.data.items.filter((item) => item.stage === stage);
            return (
              <section key={stage} className="sara-column" aria-labelledby={`${id}-${stage}`}>
                <h2 id={`${id}-${stage}`}>
                  {STAGE_LABELS[stage]} <span className="badge badge-muted">{cases.length}</span>
                </h2>
                {cases.length === 0 ? (
                  <EmptyState>No cases.</EmptyState>
                ) : (
                  <ul className="plain-list sara-cards">
                    {cases.map((item) => (
                      <CaseCard key={item.id} item={item} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

function CaseCard({ item }: { item: SaraCaseSummary }) {
  return (
    <li className="card sara-card">
      <Link to={`/sara-cases/${item.id}`} className="sara-card-title">
        {item.title}
      </Link>
      <p className="muted">
        {item.neighborhood.name} · {item.leadName ?? 'No lead'}
      </p>
      <p className="muted">
        <span className={`badge ${item.priority === 'high' ? 'badge-danger' : 'badge-muted'}`}>
          {PRIORITY_LABELS[item.priority]} priority
        </span>{' '}
        {item.requestCount} request{item.requestCount === 1 ? '' : 's'} · since{' '}
        {formatShortDateTime(item.stageChangedAt)}
      </p>
    </li>
  );
}
