import { NavLink } from 'react-router-dom';
import { useUnreadCount } from '../api/get-inbox';

/** The inbox link in the top bar, with how many notifications are unread (announced with the link). */
export function InboxLink() {
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <NavLink
      to="/inbox"
      className="inbox-link"
      aria-label={count > 0 ? `Inbox, ${count} unread` : 'Inbox, nothing unread'}
    >
      Inbox
      {count > 0 ? (
        <span className="inbox-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </NavLink>
  );
}
