import type { PersonnelKind } from '@nsp/contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { usePersonnel, useWorkload } from '../api/get-personnel';

const KIND_LABELS: Record<PersonnelKind, string> = {
  lieutenant: 'Lieutenant',
  sergeant: 'Sergeant',
  officer: 'Officer',
  nro: 'Neighborhood Resource Officer',
  cso: 'Community Service Officer',
  civilian: 'Civilian',
};

const ROLE_SHORT: Record<string, string> = {
  coordination_lieutenant: 'Coordination lieutenant',
  nro: 'NRO',
  cso: 'CSO',
  officer: 'Officer',
};

/** The department's people, with what each holds now and their open and overdue work. */
export function PersonnelPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') || null;
  const kind = (params.get('kind') || null) as PersonnelKind | null;
  const activeParam = params.get('active');
  const active = activeParam === 'all' ? null : activeParam !== 'false';
  const [search, setSearch] = useState(q ?? '');
  const personnelQuery = usePersonnel({ q, kind, active });
  const workloadQuery = useWorkload();

  const update = useCallback(
    (name: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // The search applies as the person pauses typing.
  useEffect(() => {
    const trimmed = search.trim();
    if (trimmed === (q ?? '')) return;
    const timer = setTimeout(() => update('q', trimmed), 350);
    return () => clearTimeout(timer);
  }, [search, q, update]);

  const workloadById = new Map((workloadQuery.data?.items ?? []).map((entry) => [entry.personnelId, entry]));
  const people = personnelQuery.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Personnel"
        description="Sworn and civilian members, what they are assigned to now and their open work — what to look at before rebalancing."
      />
      <search aria-label="Filter personnel">
        <form className="filter-row card" onSubmit={(event) => event.preventDefault()}>
          <div className="field filter-search">
            <label htmlFor={`${id}-q`}>Search</label>
            <input
              id={`${id}-q`}
              type="search"
              value={search}
              placeholder="Name, title, badge or e-mail"
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select
              id={`${id}-kind`}
              value={kind ?? ''}
              onChange={(event) => update('kind', event.currentTarget.value)}
            >
              <option value="">All kinds</option>
              {(Object.keys(KIND_LABELS) as PersonnelKind[]).map((value) => (
                <option key={value} value={value}>
                  {KIND_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-active`}>Status</label>
            <select
              id={`${id}-active`}
              value={activeParam === 'all' ? 'all' : activeParam === 'false' ? 'false' : ''}
              onChange={(event) => update('active', event.currentTarget.value)}
            >
              <option value="">Active</option>
              <option value="false">Inactive</option>
              <option value="all">Active and inactive</option>
            </select>
          </div>
        </form>
      </search>
      {workloadQuery.isError ? (
        <ProblemAlert error={workloadQuery.error} title="Workload could not be loaded" />
      ) : null}
      {personnelQuery.isPending ? (
        <LoadingState label="Loading personnel…" />
      ) : personnelQuery.isError ? (
        <ProblemAlert
          error={personnelQuery.error}
          title="Could not load personnel"
          onRetry={() => personnelQuery.refetch()}
        />
      ) : people.length === 0 ? (
        <EmptyState>Nobody matches these filters.</EmptyState>
      ) : (
        <TableRegion label="Personnel">
          <table className="table">
            <caption className="visually-hidden">Personnel, their current assignments and open work</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Contact</th>
                <th scope="col">Assigned now</th>
                <th scope="col" className="numeric">
                  Open requests
                </th>
                <th scope="col" className="numeric">
                  Overdue
                </th>
                <th scope="col" className="numeric">
                  Open SARA cases led
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => {
                const workload = workloadById.get(person.id);
                return (
                  <tr key={person.id} className={person.active ? undefined : 'row-muted'}>
                    <th scope="row">
                      {person.name}
                      <span className="status-note">
                        {person.title || KIND_LABELS[person.kind]}
                        {person.badgeNumber ? ` · #${person.badgeNumber}` : ''}
                        {person.active ? '' : ' · inactive'}
                      </span>
                    </th>
                    <td>
                      {person.phone ? <span className="contact-line">{person.phone}</span> : null}
                      {person.email ? (
                        <a className="contact-line" href={`mailto:${person.email}`}>
                          {person.email}
                        </a>
                      ) : null}
                    </td>
                    <td>
                      {workload && workload.currentAssignments.length > 0 ? (
                        <ul className="plain-list">
                          {workload.currentAssignments.map((assignment) => (
                            <li key={assignment.assignmentId}>
                              {ROLE_SHORT[assignment.role] ?? assignment.role},{' '}
                              <Link to={`/neighborhoods/${encodeURIComponent(assignment.neighborhoodId)}`}>
                                {assignment.neighborhoodName}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">None</span>
                      )}
                    </td>
                    <td className="numeric">{workload?.openRequests ?? '—'}</td>
                    <td className="numeric">
                      {workload && workload.overdueRequests > 0 ? (
                        <span className="badge badge-danger">
                          <span aria-hidden="true">⚠</span> {workload.overdueRequests} overdue
                        </span>
                      ) : (
                        (workload?.overdueRequests ?? '—')
                      )}
                    </td>
                    <td className="numeric">{workload?.openSaraCases ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      {personnelQuery.hasNextPage ? (
        <div className="list-more">
          <button
            type="button"
            className="button"
            onClick={() => personnelQuery.fetchNextPage()}
            aria-disabled={personnelQuery.isFetchingNextPage}
          >
            {personnelQuery.isFetchingNextPage ? 'Loading more…' : 'Show more people'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
