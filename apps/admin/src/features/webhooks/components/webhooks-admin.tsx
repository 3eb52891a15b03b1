import { useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { TableRegion } from '../../../components/table-region';
import { formatDateTime } from '../../../lib/format';
import { useTestWebhook, useUpdateWebhook, useWebhooks } from '../api/webhooks';
import type { CreatedWebhookSubscription, WebhookSubscription } from '../types';
import { CreateWebhookForm } from './create-webhook-form';
import { DeliveriesPanel } from './deliveries-panel';

export function WebhooksAdmin() {
  const webhooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhookSubscription | null>(null);
  const [viewing, setViewing] = useState<WebhookSubscription | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const testMutation = useTestWebhook({
    onSuccess: (result) =>
      setAnnouncement(
        result.state === 'succeeded'
          ? `Test delivered: the receiver answered ${result.lastStatusCode}.`
          : `Test failed: ${result.lastError ?? 'no answer'}.`,
      ),
  });
  const updateMutation = useUpdateWebhook({
    onSuccess: (subscription) =>
      setAnnouncement(`Webhook to ${subscription.url} is ${subscription.active ? 'enabled' : 'paused'}.`),
  });

  function closeCreate() {
    setCreating(false);
    // The secret must not linger once the dialog is closed.
    setCreated(null);
  }

  return (
    <div className="page">
      <PageHeader
        title="Webhooks"
        description="Outside systems told of request changes, SLA breaches, SARA stages and meetings as they happen. Deliveries are signed (Standard Webhooks) and retried."
        actions={
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create webhook
          </button>
        }
      />
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {testMutation.error ? (
        <ProblemAlert error={testMutation.error} title="Could not send the test" />
      ) : null}
      {updateMutation.error ? (
        <ProblemAlert error={updateMutation.error} title="Could not change it" />
      ) : null}

      {webhooks.isPending ? (
        <LoadingState label="Loading webhooks…" />
      ) : webhooks.isError ? (
        <ProblemAlert
          error={webhooks.error}
          title="Could not load webhooks"
          onRetry={() => webhooks.refetch()}
        />
      ) : webhooks.data.length === 0 ? (
        <EmptyState>No webhooks yet.</EmptyState>
      ) : (
        <TableRegion label="Webhooks">
          <table className="table">
            <caption className="visually-hidden">Webhooks</caption>
            <thead>
              <tr>
                <th scope="col">Receiver</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">Waiting / failed</th>
                <th scope="col">Last delivered</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.data.map((subscription) => (
                <tr key={subscription.id} className={subscription.active ? undefined : 'row-muted'}>
                  <th scope="row">
                    <span className="monospace">{subscription.url}</span>
                    {subscription.description ? (
                      <span className="status-note">{subscription.description}</span>
                    ) : null}
                  </th>
                  <td>
                    <ul className="tag-list" aria-label={`Events sent to ${subscription.url}`}>
                      {subscription.eventTypes.map((type) => (
                        <li key={type} className="tag monospace">
                          {type}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {subscription.active ? (
                      <span className="badge badge-success">Active</span>
                    ) : (
                      <>
                        <span className="badge badge-muted">Disabled</span>
                        <span className="status-note">{subscription.disabledReason}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {subscription.pendingDeliveries} / {subscription.failedDeliveries}
                  </td>
                  <td>
                    {subscription.lastDeliveryAt ? (
                      formatDateTime(subscription.lastDeliveryAt)
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td className="table-actions">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setViewing(subscription)}
                    >
                      Deliveries<span className="visually-hidden"> to {subscription.url}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-disabled={testMutation.isPending}
                      onClick={() => {
                        if (!testMutation.isPending) testMutation.mutate({ id: subscription.id });
                      }}
                    >
                      Send test<span className="visually-hidden"> to {subscription.url}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() =>
                        updateMutation.mutate({ id: subscription.id, active: !subscription.active })
                      }
                    >
                      {subscription.active ? 'Pause' : 'Enable'}
                      <span className="visually-hidden"> {subscription.url}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <Dialog
        open={creating}
        title={created ? 'Store the signing secret' : 'Create webhook'}
        onClose={closeCreate}
      >
        {created ? (
          <div className="new-key">
            <div className="alert alert-warning">
              <p>
                <strong>Copy this secret now.</strong> It is shown only once. The receiver verifies each
                delivery with it (any Standard Webhooks library).
              </p>
            </div>
            <div className="field">
              <label htmlFor="new-webhook-secret">Signing secret</label>
              <input id="new-webhook-secret" className="monospace" readOnly value={created.secret} />
            </div>
            <div className="form-actions">
              <button type="button" className="button button-primary" onClick={closeCreate}>
                I have stored the secret
              </button>
            </div>
          </div>
        ) : (
          <CreateWebhookForm
            onCancel={closeCreate}
            onCreated={(subscription) => {
              setCreated(subscription);
              setAnnouncement(`Webhook to ${subscription.url} has been created.`);
            }}
          />
        )}
      </Dialog>

      <Dialog open={viewing !== null} title="Deliveries" onClose={() => setViewing(null)}>
        {viewing ? <DeliveriesPanel subscription={viewing} /> : null}
      </Dialog>
    </div>
  );
}
