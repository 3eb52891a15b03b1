import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../../lib/auth/use-session';
import { useOnline } from '../../../../lib/offline/connection';
import { useOutboxEntries } from '../../../../lib/offline/outbox';
import { useAppUpdate } from '../../../../lib/offline/service-worker';
import { useOutboxSync } from '../../api/offline-changes';

/**
 * Under the top bar: whether the phone is offline, how many changes wait to be sent (a link to
 * them), and a new version of the app ready to load. Also keeps the outbox sending.
 */
export function ConnectionStatus() {
  useOutboxSync();
  const user = useCurrentUser();
  const online = useOnline();
  const entries = useOutboxEntries(user.id);
  const update = useAppUpdate();
  const waiting = entries.filter((entry) => entry.state === 'waiting').length;
  const attention = entries.length - waiting;
  if (online && entries.length === 0 && !update.ready) return null;
  return (
    <div className="connection-status" role="status">
      {online ? null : (
        <span className="connection-offline">
          <strong>Offline.</strong> Showing what this phone saved; changes are kept and sent when the
          connection returns.
        </span>
      )}
      {entries.length > 0 ? (
        <Link to="/unsent" className={`connection-outbox${attention > 0 ? ' is-danger' : ''}`}>
          {waiting > 0 ? `${waiting} waiting to send` : ''}
          {waiting > 0 && attention > 0 ? ' · ' : ''}
          {attention > 0 ? `${attention} need${attention === 1 ? 's' : ''} your decision` : ''}
        </Link>
      ) : null}
      {update.ready ? (
        <button type="button" className="button button-small" onClick={update.reload}>
          New version: reload
        </button>
      ) : null}
    </div>
  );
}
