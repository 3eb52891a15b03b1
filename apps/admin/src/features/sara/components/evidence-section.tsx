import type { SaraCase } from '@nsp/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { TextField } from '../../../components/form-fields';
import { TableRegion } from '../../../components/table-region';
import { EmptyState, ProblemAlert } from '../../../components/status-messages';
import { api } from '../../../lib/api-client';
import { useCan } from '../../../lib/auth/use-session';
import { formatShortDateTime } from '../../../lib/format';
import { useLinkSaraRequest, useUnlinkSaraRequest } from '../api/sara-cases';

/** The linked requests (evidence), with linking by tracking number and unlinking. */
export function EvidenceSection({ sara }: { sara: SaraCase }) {
  const id = useId();
  const canLink = useCan('sara.evidence') && sara.stage !== 'closed';
  const link = useLinkSaraRequest(sara.id);
  const unlink = useUnlinkSaraRequest(sara.id);
  const [trackingNumber, setTrackingNumber] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLookupError(null);
    const wanted = trackingNumber.trim().toUpperCase();
    if (!wanted) return setLookupError('Enter a tracking number.');
    const found = await api
      .get<{ items: Array<{ id: string; trackingNumber: string }> }>('/api/v1/service-requests', {
        query: { q: wanted, limit: 5 },
      })
      .catch(() => ({ items: [] }));
    const match = found.items.find((item) => item.trackingNumber.toUpperCase() === wanted);
    if (!match) return setLookupError(`No request has the tracking number ${wanted}.`);
    link.mutate(match.id, { onSuccess: () => setTrackingNumber('') });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Evidence: linked requests ({sara.requests.length})</h2>
      {sara.requests.length === 0 ? (
        <EmptyState>No requests are linked yet.</EmptyState>
      ) : (
        <TableRegion label="Linked requests">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Category</th>
                <th scope="col">Status</th>
                <th scope="col">Address</th>
                <th scope="col">Received</th>
                {canLink ? <th scope="col">Unlink</th> : null}
              </tr>
            </thead>
            <tbody>
              {sara.requests.map((request) => (
                <tr key={request.id}>
                  <td>
                    <Link to={`/service-requests/${request.id}`}>{request.trackingNumber}</Link>
                  </td>
                  <td>{request.serviceCode}</td>
                  <td>{request.status.replace('_', ' ')}</td>
                  <td>{request.address ?? '—'}</td>
                  <td>{formatShortDateTime(request.createdAt)}</td>
                  {canLink ? (
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => unlink.mutate(request.id)}
                        disabled={unlink.isPending}
                      >
                        Unlink {request.trackingNumber}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {canLink ? (
        <form className="form field-inline" onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            name="trackingNumber"
            label="Link a request by tracking number"
            value={trackingNumber}
            onChange={(event) => setTrackingNumber(event.currentTarget.value)}
            error={lookupError ?? undefined}
          />
          <button type="submit" className="button" disabled={link.isPending}>
            Link request
          </button>
        </form>
      ) : null}
      {link.isError ? <ProblemAlert error={link.error} title="Not linked" /> : null}
      {unlink.isError ? <ProblemAlert error={unlink.error} title="Not unlinked" /> : null}
    </section>
  );
}
