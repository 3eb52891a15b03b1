import { useState } from 'react';
import { Link } from 'react-router-dom';
import { SelectField } from '../../../components/form-fields';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { formatDateTime } from '../../../lib/format';
import { type OutboxFilters, useOutbox, useRetryDelivery } from '../api/outbox';
import type { OutboxDelivery } from '../types';

const STATUS_LABELS: Record<OutboxDelivery['status'], string> = {
  pending: 'Waiting',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Not sent',
  held: 'Held for digest',
};
const STATUS_BADGES: Record<OutboxDelivery['status'], string> = {
  pending: 'badge-info',
  delivered: 'badge-success',
  failed: 'badge-danger',
  skipped: 'badge-muted',
  held: 'badge-muted',
};
const KIND_NAMES: Record<string, string> = {
  acknowledgement: 'Acknowledgement',
  public_update: 'Public update',
  resolution: 'Resolution',
  assigned: 'New assignment',
  sla_breached: 'SLA breach',
  reassigned: 'Reassignment',
  action_item_overdue: 'Overdue action item',
  daily_digest: 'Daily digest',
};
const CHANNEL_NAMES: Record<string, string> = { email: 'E-mail', in_app: 'Inbox', sms: 'SMS' };

/** Every delivery the server made or tried: its status, attempts and last error; failed ones can be retried. */
export function OutboxPage() {
  const [filters, setFilters] = useState<OutboxFilters>({ status: '', channel: 'email' });
  const outbox = useOutbox(filters);
  const [announcement, setAnnouncement] = useState('');
  const retry = useRetryDelivery({
    mutationConfig: {
      onSuccess: (delivery) => setAnnouncement(`Delivery ${delivery.id} will be tried again now.`),
    },
  });
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Outbox"
        description="E-mails and inbox notices the server sends, with their status. Requesters are shown by tracking number only."
      />
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {retry.error ? <ProblemAlert error={retry.error} title="Could not retry the delivery" /> : null}
      <div className="field-pair">
        <SelectField
          name="status"
          label="Status"
          value={filters.status ?? ''}
          onChange={(event) =>
            setFilters({ ...filters, status: event.currentTarget.value as OutboxFilters['status'] })
          }
        >
          <option value="">Any status</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="channel"
          label="Channel"
          value={filters.channel ?? ''}
          onChange={(event) => setFilters({ ...filters, channel: event.currentTarget.value })}
        >
          <option value="">Any channel</option>
          <option value="email">E-mail</option>
          <option value="in_app">Inbox</option>
        </SelectField>
        <SelectField
          name="audience"
          label="To"
          value={filters.audience ?? ''}
          onChange={(event) =>
            setFilters({ ...filters, audience: event.currentTarget.value as OutboxFilters['audience'] })
          }
        >
          <option value="">Staff and requesters</option>
          <option value="staff">Staff</option>
          <option value="requester">Requesters</option>
        </SelectField>
      </div>
      {outbox.isPending ? (
        <LoadingState label="Loading the outbox…" />
      ) : outbox.isError ? (
        <ProblemAlert
          error={outbox.error}
          title="Could not load the outbox"
          onRetry={() => outbox.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState>No deliveries match.</EmptyState>
      ) : (
        <TableRegion label="Deliveries">
          <table className="table">
            <caption className="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">What</th>
                <th scope="col">To</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                  </td>
                  <th scope="row">{KIND_NAMES[item.kind] ?? item.kind}</th>
                  <td>
                    {item.audience === 'requester' ? (
                      <>Requester of {item.recipient.trackingNumber}</>
                    ) : item.recipient.userId ? (
                      <Link
                        to={`/users/${encodeURIComponent(item.recipient.userId)}/notification-preferences`}
                      >
                        {item.recipient.name}
                      </Link>
                    ) : (
                      item.recipient.name
                    )}
                  </td>
                  <td>{CHANNEL_NAMES[item.channel] ?? item.channel}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGES[item.status]}`}>
                      {STATUS_LABELS[item.status]}
                    </span>
                    {item.deliveredAt ? (
                      <span className="muted"> {formatDateTime(item.deliveredAt)}</span>
                    ) : item.status === 'pending' ? (
                      <span className="muted"> next {formatDateTime(item.nextAttemptAt)}</span>
                    ) : null}
                  </td>
                  <td>{item.attempts}</td>
                  <td>{item.lastError ?? <span className="muted">none</span>}</td>
                  <td className="table-actions">
                    {item.status === 'failed' || item.status === 'skipped' ? (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => retry.mutate(item.id)}
                        aria-disabled={retry.isPending}
                      >
                        Retry<span className="visually-hidden"> delivery {item.id}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {outbox.hasNextPage ? (
        <p className="list-more">
          <button type="button" className="button" onClick={() => outbox.fetchNextPage()}>
            {outbox.isFetchingNextPage ? 'Loading…' : 'Show older'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
