import { formatDateTime } from '../../../lib/format';
import type { ApiClientRecord } from '../types';
import { TableRegion } from '../../../components/table-region';

interface ApiClientsTableProps {
  clients: ApiClientRecord[];
  onRevoke: (client: ApiClientRecord) => void;
  onUsage: (client: ApiClientRecord) => void;
}

export function ApiClientsTable({ clients, onRevoke, onUsage }: ApiClientsTableProps) {
  return (
    <TableRegion label="API clients">
      <table className="table">
        <caption className="visually-hidden">API clients</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key starts with</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Limit / min</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.id} className={client.revokedAt ? 'row-muted' : undefined}>
              <th scope="row">{client.name}</th>
              <td className="monospace">{client.keyPrefix}…</td>
              <td>
                <ul className="tag-list" aria-label={`Scopes of ${client.name}`}>
                  {client.scopes.map((scope) => (
                    <li key={scope} className="tag monospace">
                      {scope}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{formatDateTime(client.createdAt)}</td>
              <td>
                {client.lastUsedAt ? formatDateTime(client.lastUsedAt) : <span className="muted">Never</span>}
              </td>
              <td>{client.rateLimitPerMinute ?? <span className="muted">Default</span>}</td>
              <td>
                {client.revokedAt ? (
                  <>
                    <span className="badge badge-muted">
                      <span aria-hidden="true">○</span>Revoked
                    </span>
                    <span className="status-note">{formatDateTime(client.revokedAt)}</span>
                  </>
                ) : (
                  <span className="badge badge-success">
                    <span aria-hidden="true">●</span>Active
                  </span>
                )}
              </td>
              <td className="table-actions">
                <button type="button" className="button button-small" onClick={() => onUsage(client)}>
                  Usage and limit<span className="visually-hidden"> of {client.name}</span>
                </button>
                {client.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => onRevoke(client)}
                  >
                    Revoke<span className="visually-hidden"> {client.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
