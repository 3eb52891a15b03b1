import { type FormEvent, useState } from 'react';
import { LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { TextField } from '../../../components/form-fields';
import { formatDateTime } from '../../../lib/format';
import { useApiClientUsage, useUpdateApiClient } from '../api/api-client-usage';
import type { ApiClientRecord } from '../types';

/** A client's requests per day, when it was last used, and its rate limit (editable). */
export function ApiClientUsagePanel({ client }: { client: ApiClientRecord }) {
  const usage = useApiClientUsage(client.id);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<string | undefined>();
  const update = useUpdateApiClient({
    mutationConfig: { onSuccess: () => setSaved('The rate limit has been saved.') },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('rateLimitPerMinute') ?? '').trim();
    const limit = text === '' ? null : Number(text);
    if (limit !== null && !(Number.isInteger(limit) && limit >= 1 && limit <= 1_000_000)) {
      setError('Enter a whole number from 1 to 1000000, or leave it empty for the default.');
      return;
    }
    setError(undefined);
    update.mutate({ id: client.id, rateLimitPerMinute: limit });
  }

  if (usage.isPending) return <LoadingState label="Loading usage…" />;
  if (usage.isError)
    return <ProblemAlert error={usage.error} title="Could not load usage" onRetry={() => usage.refetch()} />;
  return (
    <div className="stack">
      <p>
        Last used: {usage.data.lastUsedAt ? formatDateTime(usage.data.lastUsedAt) : 'never'}. Limit in force:{' '}
        <strong>{usage.data.rateLimitPerMinute}</strong> requests a minute
        {client.rateLimitPerMinute === null ? ' (the default)' : ''}.
      </p>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <TextField
          name="rateLimitPerMinute"
          label="Requests per minute"
          hint="Empty: the deployment's default (NSP_API_CLIENT_RATE_LIMIT). Over it the client gets 429 with Retry-After."
          inputMode="numeric"
          defaultValue={client.rateLimitPerMinute ?? ''}
          error={error}
        />
        {update.error ? <ProblemAlert error={update.error} title="Could not save" /> : null}
        <p role="status" className={saved ? 'notice notice-success' : 'visually-hidden'}>
          {saved}
        </p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save limit'}
          </button>
        </div>
      </form>
      {usage.data.days.length === 0 ? (
        <p className="muted">No requests in the last 30 days.</p>
      ) : (
        <TableRegion label={`Requests per day by ${client.name}`}>
          <table className="table">
            <caption className="visually-hidden">Requests per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Requests</th>
              </tr>
            </thead>
            <tbody>
              {usage.data.days.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  <td>{day.requests}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
