import { useId } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { NeighborhoodFilter } from '../../../components/neighborhood-filter';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { formatDateTime, fromDateTimeLocalValue } from '../../../lib/format';
import { useNeighborhoodList } from '../../../lib/reference-data/neighborhoods';
import { useAssignmentsAt } from '../api/get-assignments-at';
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_ROLES } from '../labels';
import type { AssignmentAt, AssignmentRole } from '../types';

/**
 * "Who was responsible for neighborhood X on date D": every role holder at an instant (now by
 * default), and the neighborhoods left without a coordination lieutenant now or in the 14 days after.
 */
export function ResponsibilityPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const atValue = params.get('at') ?? '';
  const atDate = fromDateTimeLocalValue(atValue);
  const neighborhoodId = params.get('neighborhoodId') || null;
  const role = (params.get('role') || null) as AssignmentRole | null;
  const neighborhoodsQuery = useNeighborhoodList();
  const query = useAssignmentsAt({ at: atDate?.toISOString() ?? null, neighborhoodId, role });

  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const byNeighborhood = new Map<string, { name: string; code: string; items: AssignmentAt[] }>();
  for (const item of query.data?.items ?? []) {
    const group = byNeighborhood.get(item.neighborhoodId) ?? {
      name: item.neighborhood.name,
      code: item.neighborhood.code,
      items: [],
    };
    group.items.push(item);
    byNeighborhood.set(item.neighborhoodId, group);
  }
  const gaps = query.data?.coverageGaps ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Who is responsible"
        description="Who held which role in each neighborhood at a moment — now, or any date in the past or future."
      />
      <form
        className="filter-row card"
        aria-label="Choose the moment"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${id}-at`}>At</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={atValue}
            onChange={(event) => update('at', event.currentTarget.value)}
            aria-describedby={`${id}-at-hint`}
          />
          <p className="field-hint" id={`${id}-at-hint`}>
            Empty means now. Your local time.
          </p>
        </div>
        <NeighborhoodFilter
          id={`${id}-neighborhood`}
          neighborhoods={neighborhoodsQuery.data ?? []}
          value={neighborhoodId}
          onChange={(next) => update('neighborhoodId', next ?? '')}
        />
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={role ?? ''}
            onChange={(event) => update('role', event.currentTarget.value)}
          >
            <option value="">All roles</option>
            {ASSIGNMENT_ROLES.map((value) => (
              <option key={value} value={value}>
                {ASSIGNMENT_ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        {atValue ? (
          <button type="button" className="button filter-clear" onClick={() => update('at', '')}>
            Back to now
          </button>
        ) : null}
      </form>

      {query.isPending ? (
        <LoadingState label="Loading assignments…" />
      ) : query.isError ? (
        <ProblemAlert
          error={query.error}
          title="Could not load the assignments"
          onRetry={() => query.refetch()}
        />
      ) : (
        <>
          <section aria-labelledby={`${id}-gaps`}>
            <h2 id={`${id}-gaps`}>Lieutenant coverage</h2>
            {gaps.length === 0 ? (
              <p className="notice notice-success">
                <span aria-hidden="true">✓ </span>Every active neighborhood has a coordination lieutenant from{' '}
                {formatDateTime(query.data.coverageWindow.from)} to{' '}
                {formatDateTime(query.data.coverageWindow.until)}.
              </p>
            ) : (
              <div className="alert alert-warning" role="note">
                <p className="alert-title">
                  <span aria-hidden="true">⚠ </span>
                  {gaps.length === 1 ? 'A coverage gap' : `${gaps.length} coverage gaps`} between{' '}
                  {formatDateTime(query.data.coverageWindow.from)} and{' '}
                  {formatDateTime(query.data.coverageWindow.until)}
                </p>
                <ul>
                  {gaps.map((gap) => (
                    <li key={`${gap.neighborhoodId}-${gap.from}`}>
                      <Link to={`/neighborhoods/${encodeURIComponent(gap.neighborhoodId)}`}>
                        {gap.name} ({gap.code})
                      </Link>
                      : no coordination lieutenant from {formatDateTime(gap.from)}{' '}
                      {gap.until ? `until ${formatDateTime(gap.until)}` : '— nobody is scheduled'}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <section aria-labelledby={`${id}-holders`}>
            <h2 id={`${id}-holders`}>Assignments at {formatDateTime(query.data.at)}</h2>
            {byNeighborhood.size === 0 ? (
              <EmptyState>Nobody held a role then.</EmptyState>
            ) : (
              <TableRegion label="Assignments at the chosen moment">
                <table className="table">
                  <caption className="visually-hidden">
                    Who held which role in each neighborhood at {formatDateTime(query.data.at)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Neighborhood</th>
                      <th scope="col">Role</th>
                      <th scope="col">Person</th>
                      <th scope="col">Since</th>
                      <th scope="col">Until</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...byNeighborhood.entries()].flatMap(([neighborhoodKey, group]) =>
                      group.items.map((item, index) => (
                        <tr key={item.id}>
                          {index === 0 ? (
                            <th scope="rowgroup" rowSpan={group.items.length}>
                              <Link to={`/neighborhoods/${encodeURIComponent(neighborhoodKey)}`}>
                                {group.name} ({group.code})
                              </Link>
                            </th>
                          ) : null}
                          <td>{ASSIGNMENT_ROLE_LABELS[item.role]}</td>
                          <td>
                            {item.person.name}
                            <span className="status-note">{item.person.title}</span>
                          </td>
                          <td>{formatDateTime(item.startsAt)}</td>
                          <td>
                            {item.endsAt ? (
                              formatDateTime(item.endsAt)
                            ) : (
                              <span className="muted">Open-ended</span>
                            )}
                          </td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </TableRegion>
            )}
          </section>
        </>
      )}
    </div>
  );
}
