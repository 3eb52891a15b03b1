import { formatDateTime } from '../../../lib/format';
import { TableRegion } from '../../../components/table-region';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useDeliveries, useReplayDelivery } from '../api/webhooks';
import type { WebhookSubscription } from '../types';

const STATE_BADGE = {
  pending: 'badge badge-warning',
  succeeded: 'badge badge-success',
  failed: 'badge badge-danger',
} as const;

/** The delivery log of one subscription: newest first, with the last answer and a retry for failures. */
export function DeliveriesPanel({ subscription }: { subscription: WebhookSubscription }) {
  const deliveries = useDeliveries(subscription.id);
  const replay = useReplayDelivery();
  if (deliveries.isPending) return <LoadingState label="Loading deliveries…" />;
  if (deliveries.isError) {
    return (
      <ProblemAlert
        error={deliveries.error}
        title="Could not load deliveries"
        onRetry={() => deliveries.refetch()}
      />
    );
  }
  if (deliveries.data.items.length === 0) return <EmptyState>No deliveries yet.</EmptyState>;
  return (
    <>
      {replay.error ? <ProblemAlert error={replay.error} title="Could not retry" /> : null}
      <TableRegion label={`Deliveries to ${subscription.url}`}>
        <table className="table">
          <caption className="visually-hidden">Deliveries to {subscription.url}</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Occurred</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((delivery) => (
              <tr key={delivery.id}>
                <th scope="row" className="monospace">
                  {delivery.eventType}
                </th>
                <td>{formatDateTime(delivery.occurredAt)}</td>
                <td>
                  <span className={STATE_BADGE[delivery.state]}>{delivery.state}</span>
                  {delivery.state === 'pending' && delivery.nextAttemptAt ? (
                    <span className="status-note">next try {formatDateTime(delivery.nextAttemptAt)}</span>
                  ) : null}
                </td>
                <td>{delivery.attempts}</td>
                <td>{delivery.lastStatusCode ?? delivery.lastError ?? <span className="muted">—</span>}</td>
                <td className="table-actions">
                  {delivery.state === 'failed' ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-disabled={replay.isPending}
                      onClick={() => {
                        if (!replay.isPending) replay.mutate({ id: delivery.id });
                      }}
                    >
                      Retry<span className="visually-hidden"> delivery of {delivery.eventType}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
