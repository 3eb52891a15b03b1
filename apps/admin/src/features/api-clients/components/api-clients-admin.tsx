import { useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useDeleteApiClient } from '../api/delete-api-client';
import { useApiClients } from '../api/get-api-clients';
import type { ApiClientRecord, CreatedApiClient } from '../types';
import { ApiClientUsagePanel } from './api-client-usage-panel';
import { ApiClientsTable } from './api-clients-table';
import { CreateApiClientForm } from './create-api-client-form';
import { NewKeyPanel } from './new-key-panel';

export function ApiClientsAdmin() {
  const clientsQuery = useApiClients();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiClient | null>(null);
  const [revoking, setRevoking] = useState<ApiClientRecord | null>(null);
  const [inspecting, setInspecting] = useState<ApiClientRecord | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const revokeMutation = useDeleteApiClient({
    mutationConfig: {
      onSuccess: () => {
        setAnnouncement(`API client ${revoking?.name ?? ''} has been revoked.`);
        setRevoking(null);
      },
    },
  });

  function closeCreateDialog() {
    setCreating(false);
    // Forget the secret as soon as the dialog closes: it must not linger in memory or the DOM.
    setCreated(null);
  }

  return (
    <div className="page">
      <PageHeader
        title="API clients"
        description="Keys for the systems that integrate with NSP, such as the town 311 system or the city website."
        actions={
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            Create API client
          </button>
        }
      />
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>

      {clientsQuery.isPending ? (
        <LoadingState label="Loading API clients…" />
      ) : clientsQuery.isError ? (
        <ProblemAlert
          error={clientsQuery.error}
          title="Could not load API clients"
          onRetry={() => clientsQuery.refetch()}
        />
      ) : clientsQuery.data.length === 0 ? (
        <EmptyState>No API clients yet.</EmptyState>
      ) : (
        <ApiClientsTable
          clients={clientsQuery.data}
          onRevoke={(client) => {
            revokeMutation.reset();
            setRevoking(client);
          }}
          onUsage={setInspecting}
        />
      )}

      <Dialog
        open={creating}
        title={created ? 'Store the new key' : 'Create API client'}
        onClose={closeCreateDialog}
      >
        {created ? (
          <NewKeyPanel client={created} onDone={closeCreateDialog} />
        ) : (
          <CreateApiClientForm
            onCancel={closeCreateDialog}
            onCreated={(client) => {
              setCreated(client);
              setAnnouncement(`API client ${client.name} has been created.`);
            }}
          />
        )}
      </Dialog>

      <Dialog
        open={inspecting !== null}
        title={inspecting ? `${inspecting.name}: usage and limit` : 'Usage'}
        onClose={() => setInspecting(null)}
      >
        {inspecting ? <ApiClientUsagePanel client={inspecting} /> : null}
      </Dialog>

      <Dialog
        open={revoking !== null}
        title="Revoke API client?"
        onClose={() => setRevoking(null)}
        description={
          revoking
            ? `“${revoking.name}” will stop working immediately. Integrations using its key will get 401 errors. This cannot be undone.`
            : undefined
        }
      >
        {revokeMutation.error ? <ProblemAlert error={revokeMutation.error} title="Could not revoke" /> : null}
        <div className="form-actions">
          <button
            type="button"
            className="button button-danger"
            aria-disabled={revokeMutation.isPending}
            onClick={() => {
              if (revoking && !revokeMutation.isPending) revokeMutation.mutate({ id: revoking.id });
            }}
          >
            {revokeMutation.isPending ? 'Revoking…' : 'Revoke'}
          </button>
          <button type="button" className="button" onClick={() => setRevoking(null)}>
            Keep it
          </button>
        </div>
      </Dialog>
    </div>
  );
}
