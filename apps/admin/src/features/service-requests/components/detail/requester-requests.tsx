import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatShortDateTime } from '../../../../lib/format';
import { useRequesterRequests } from '../../api/get-requester-requests';
import type { ServiceRequestDetail } from '../../types';
import { StatusBadge } from '../request-badges';

const MATCHED_BY = {
  phone: 'the same phone number',
  email: 'the same e-mail address',
  name: 'the same name',
} as const;

/** The caller's other requests ("she called twice before about this"): staff only. */
export function RequesterRequests({ request }: { request: ServiceRequestDetail }) {
  const id = useId();
  const contact = request.requester;
  const hasContact = Boolean(contact?.name || contact?.phone || contact?.email);
  const query = useRequesterRequests(request.id, hasContact);
  if (!hasContact) return null;
  const items = query.data?.items ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Other requests from this caller</h2>
      {query.isPending ? (
        <p className="muted">Looking for other requests…</p>
      ) : query.isError ? (
        <p className="muted">Other requests could not be looked up now.</p>
      ) : items.length === 0 ? (
        <p className="muted">None: this is the caller’s only request.</p>
      ) : (
        <>
          <p className="field-hint">
            {items.length === 20 ? 'The 20 newest' : items.length} with{' '}
            {query.data?.matchedBy ? MATCHED_BY[query.data.matchedBy] : 'the same contact'}:
          </p>
          <ul className="plain-list related-requests">
            {items.map((item) => (
              <li key={item.id}>
                <Link to={`/service-requests/${encodeURIComponent(item.id)}`} className="monospace">
                  {item.trackingNumber}
                </Link>{' '}
                <StatusBadge status={item.status} />{' '}
                <span className="muted">{formatShortDateTime(item.createdAt)}</span>
                <span className="related-description">{item.description}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
