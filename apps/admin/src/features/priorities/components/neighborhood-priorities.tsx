import { useId, useState } from 'react';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCurrentUser } from '../../../lib/auth/use-session';
import { useNeighborhoodPriorities } from '../api/priorities';
import { PriorityCard } from './priority-card';
import { PriorityForm } from './priority-form';

/**
 * A neighborhood's priorities on its page: age and last action of each, adding actions (and the
 * one-click suggestions), closing with an outcome. The server decides per neighborhood who may change
 * them (its lieutenant, supervisors, admins); the buttons show for those roles.
 */
export function NeighborhoodPriorities({ neighborhoodId }: { neighborhoodId: string }) {
  const id = useId();
  const user = useCurrentUser();
  const mayWork = user.roles.some(
    (role) => role === 'admin' || role === 'supervisor' || role === 'lieutenant',
  );
  const [adding, setAdding] = useState(false);
  const query = useNeighborhoodPriorities(neighborhoodId);
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <div className="section-header">
        <h2 id={`${id}-heading`}>Priorities</h2>
        {mayWork && !adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Set a priority
          </button>
        ) : null}
      </div>
      {adding ? (
        <PriorityForm
          neighborhoodId={neighborhoodId}
          heading="Set a priority"
          onSaved={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {query.isPending ? (
        <LoadingState label="Loading the priorities…" />
      ) : query.isError ? (
        <ProblemAlert
          error={query.error}
          title="The priorities could not be loaded"
          onRetry={() => query.refetch()}
        />
      ) : query.data.items.length === 0 ? (
        <EmptyState>No priorities yet.</EmptyState>
      ) : (
        <ul className="plain-list" aria-label="Neighborhood priorities">
          {query.data.items.map((priority) => (
            <PriorityCard key={priority.id} priority={priority} mayWork={mayWork} />
          ))}
        </ul>
      )}
    </section>
  );
}
