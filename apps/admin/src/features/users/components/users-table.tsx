import { Link } from 'react-router-dom';
import { ROLE_LABELS } from '../../../lib/auth/types';
import { isInFuture } from '../../../lib/format';
import type { User } from '../types';
import { UserStatus } from './user-status';
import { TableRegion } from '../../../components/table-region';

interface UsersTableProps {
  users: User[];
  currentUserId: string;
  onEdit: (user: User) => void;
  onUnlock: (user: User) => void;
  unlockingId: string | null;
}

export function UsersTable({ users, currentUserId, onEdit, onUnlock, unlockingId }: UsersTableProps) {
  return (
    <TableRegion label="User accounts">
      <table className="table">
        <caption className="visually-hidden">User accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                {user.name}
                {user.id === currentUserId ? <span className="muted"> (you)</span> : null}
              </th>
              <td>{user.email}</td>
              <td>
                {user.roles.length > 0 ? (
                  user.roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')
                ) : (
                  <span className="muted">No roles</span>
                )}
              </td>
              <td>
                <UserStatus user={user} />
              </td>
              <td className="table-actions">
                {isInFuture(user.lockedUntil) ? (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onUnlock(user)}
                    aria-disabled={unlockingId === user.id}
                  >
                    {unlockingId === user.id ? 'Unlocking…' : 'Unlock'}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                ) : null}
                <button type="button" className="button button-small" onClick={() => onEdit(user)}>
                  Edit<span className="visually-hidden"> {user.name}</span>
                </button>
                <Link
                  className="button button-small"
                  to={`/users/${encodeURIComponent(user.id)}/notification-preferences`}
                >
                  Notifications<span className="visually-hidden"> of {user.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
