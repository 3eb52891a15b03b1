import { formatDateTime, isInFuture } from '../../../lib/format';
import type { User } from '../types';

/** Status in words plus a shape, never colour alone. */
export function UserStatus({ user }: { user: User }) {
  if (isInFuture(user.lockedUntil)) {
    return (
      <>
        <span className="badge badge-warning">
          <span aria-hidden="true">▲</span>Locked
        </span>
        <span className="status-note">until {formatDateTime(user.lockedUntil)}</span>
      </>
    );
  }
  if (!user.active) {
    return (
      <span className="badge badge-muted">
        <span aria-hidden="true">○</span>Inactive
      </span>
    );
  }
  return (
    <span className="badge badge-success">
      <span aria-hidden="true">●</span>Active
    </span>
  );
}
