import { useId, useState } from 'react';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useAssignmentHistory } from '../api/get-assignment-history';
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_ROLES } from '../labels';
import type { AssignmentRole } from '../types';
import { AssignmentHistoryTable } from './assignment-history-table';

export function AssignmentHistorySection({
  neighborhoodId,
  neighborhoodName,
  initialRole,
}: {
  neighborhoodId: string;
  neighborhoodName: string;
  initialRole?: AssignmentRole;
}) {
  const id = useId();
  const [role, setRole] = useState<AssignmentRole | ''>(initialRole ?? '');
  const historyQuery = useAssignmentHistory(neighborhoodId, role || undefined);
  const assignments = historyQuery.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby={`${id}-heading`}>
      <div className="section-header">
        <h2 id={`${id}-heading`}>Assignment history</h2>
        <div className="field field-inline">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as AssignmentRole | '')}
          >
            <option value="">All roles</option>
            {ASSIGNMENT_ROLES.map((value) => (
              <option key={value} value={value}>
                {ASSIGNMENT_ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {historyQuery.isPending ? (
        <LoadingState label="Loading the history…" />
      ) : historyQuery.isError ? (
        <ProblemAlert
          error={historyQuery.error}
          title="Could not load the history"
          onRetry={() => historyQuery.refetch()}
        />
      ) : assignments.length === 0 ? (
        <EmptyState>No assignments recorded{role ? ` for this role` : ''}.</EmptyState>
      ) : (
        <AssignmentHistoryTable assignments={assignments} caption={`Assignments in ${neighborhoodName}`} />
      )}
      {historyQuery.hasNextPage ? (
        <div className="list-more">
          <button
            type="button"
            className="button"
            onClick={() => historyQuery.fetchNextPage()}
            aria-disabled={historyQuery.isFetchingNextPage}
          >
            {historyQuery.isFetchingNextPage ? 'Loading older assignments…' : 'Show older assignments'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
