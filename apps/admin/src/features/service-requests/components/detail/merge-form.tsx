import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../../../components/status-messages';
import { formatDateTime } from '../../../../lib/format';
import { useMergeServiceRequest } from '../../api/change-service-request';
import { getServiceRequests } from '../../api/get-service-requests';
import { STATUS_LABELS } from '../../labels';
import type { ServiceRequestDetail } from '../../types';
import { DEFAULT_QUEUE_FILTERS } from '../../utils/queue-search-params';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks this request a duplicate of another. The original is found by searching the open queue
 * (same words in the description or address), or by pasting its link.
 */
export function MergeForm({
  request,
  suggestions = [],
  onMerged,
}: {
  request: ServiceRequestDetail;
  /** Possible duplicates the API found at intake: nearest first. */
  suggestions?: readonly { id: string; trackingNumber: string; description: string }[];
  onMerged: (message: string) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [submittedSearch, setSubmittedSearch] = useState('');
  const [intoId, setIntoId] = useState('');
  const [reason, setReason] = useState('');
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const merge = useMergeServiceRequest({ onSuccess: () => onMerged('Marked as a duplicate.') });

  const pastedId = submittedSearch.match(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  )?.[0];
  const searchQuery = useQuery({
    queryKey: ['service-requests', 'merge-search', submittedSearch],
    queryFn: ({ signal }) =>
      getServiceRequests({ ...DEFAULT_QUEUE_FILTERS, q: submittedSearch, sort: '-createdAt' }, { signal }),
    enabled: submittedSearch.length > 0 && !pastedId,
  });
  const found = (searchQuery.data?.items ?? [])
    .filter((candidate) => candidate.id !== request.id)
    .slice(0, 10);
  const choices: { id: string; trackingNumber: string; description: string; detail: string }[] = [
    ...suggestions
      .filter((candidate) => candidate.id !== request.id)
      .map((candidate) => ({ ...candidate, detail: 'Nearby, same category' })),
    ...found
      .filter((candidate) => !suggestions.some((suggestion) => suggestion.id === candidate.id))
      .map((candidate) => ({
        id: candidate.id,
        trackingNumber: candidate.trackingNumber,
        description: candidate.description,
        detail: `${STATUS_LABELS[candidate.status]} · ${formatDateTime(candidate.createdAt)}`,
      })),
  ];

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const target = pastedId && UUID.test(pastedId) ? pastedId : intoId;
    if (!target) {
      setChoiceError('Choose the original request, or paste its link into the search box.');
      return;
    }
    if (target === request.id) {
      setChoiceError('A request cannot be a duplicate of itself.');
      return;
    }
    setChoiceError(null);
    merge.mutate({
      id: request.id,
      version: request.version,
      intoId: target,
      reason: reason.trim() || undefined,
    });
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Merge as a duplicate</h2>
      <form
        className="inline-form"
        aria-label="Find the original request"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmittedSearch(search.trim());
          setIntoId('');
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-search`}>Find the original request</label>
          <p className="field-hint" id={`${id}-search-hint`}>
            Words from its description or address, or paste its link.
          </p>
          <div className="input-with-button">
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              aria-describedby={`${id}-search-hint`}
            />
            <button type="submit" className="button">
              Find
            </button>
          </div>
        </div>
      </form>
      <form onSubmit={handleSubmit} noValidate>
        {searchQuery.isFetching ? <p role="status">Searching…</p> : null}
        {pastedId ? (
          <p className="notice notice-info">
            Merge into the request <Link to={`/service-requests/${pastedId}`}>{pastedId}</Link>.
          </p>
        ) : choices.length > 0 ? (
          <fieldset className={`field${choiceError ? ' field-invalid' : ''}`}>
            <legend>Original request</legend>
            {choices.map((choice) => (
              <div className="checkbox" key={choice.id}>
                <input
                  type="radio"
                  id={`${id}-${choice.id}`}
                  name="intoId"
                  value={choice.id}
                  checked={intoId === choice.id}
                  onChange={() => setIntoId(choice.id)}
                />
                <label htmlFor={`${id}-${choice.id}`}>
                  <span className="monospace">{choice.trackingNumber}</span>
                  <span className="checkbox-description">{choice.description}</span>
                  <span className="checkbox-description">{choice.detail}</span>
                </label>
              </div>
            ))}
          </fieldset>
        ) : submittedSearch && searchQuery.isSuccess ? (
          <p className="muted">No open request matches “{submittedSearch}”.</p>
        ) : null}
        {choiceError ? (
          <p className="field-error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {choiceError}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (optional)</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        </div>
        {merge.error ? <ProblemAlert error={merge.error} title="Not merged" /> : null}
        <button type="submit" className="button" aria-disabled={merge.isPending}>
          {merge.isPending ? 'Merging…' : 'Merge into the original'}
        </button>
      </form>
    </section>
  );
}
