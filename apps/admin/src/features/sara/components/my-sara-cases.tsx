import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { SaraCaseSummary } from '@nsp/contracts';
import { api } from '../../../lib/api-client';
import { useMyAssignments } from '../../../lib/reference-data/my-assignments';
import { SARA_QUERY_KEY } from '../api/sara-cases';
import { STAGE_LABELS } from '../labels';

/** A lieutenant's home: the open cases they lead, or else their neighborhood's open cases. */
export function MySaraCases() {
  const id = useId();
  const mine = useMyAssignments();
  const personnelId = mine.data?.personnel?.id ?? null;
  const neighborhoodId =
    mine.data?.assignments.find((held) => held.role === 'coordination_lieutenant')?.neighborhoodId ?? null;
  const cases = useQuery({
    queryKey: [...SARA_QUERY_KEY, 'mine', personnelId, neighborhoodId],
    enabled: mine.isSuccess,
    queryFn: async ({ signal }) => {
      const query = (extra: Record<string, string>) =>
        api.get<{ items: SaraCaseSummary[] }>('/api/v1/sara-cases', {
          query: { open: 'true', limit: 20, ...extra },
          signal,
        });
      const led = personnelId ? (await query({ leadId: personnelId })).items : [];
      const local = neighborhoodId ? (await query({ neighborhoodId })).items : [];
      const seen = new Set(led.map((item) => item.id));
      return [...led, ...local.filter((item) => !seen.has(item.id))];
    },
  });
  return (
    <section className="card work-list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>My open SARA cases</h3>
      {cases.isPending ? (
        <p className="muted">Loading…</p>
      ) : cases.isError ? (
        <p className="muted">The cases could not be loaded.</p>
      ) : cases.data.length === 0 ? (
        <p className="muted">
          No open cases. <Link to="/sara-cases/candidates">See candidate problems</Link>
        </p>
      ) : (
        <ul className="plain-list">
          {cases.data.map((item) => (
            <li key={item.id}>
              <Link to={`/sara-cases/${item.id}`}>{item.title}</Link>{' '}
              <span className="badge badge-muted">{STAGE_LABELS[item.stage]}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/sara-cases">All SARA cases</Link>
      </p>
    </section>
  );
}
