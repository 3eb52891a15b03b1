import { NavLink } from 'react-router-dom';
import { useUnreadCount } from '../api/get-inbox';

/** The inbox link in the top bar, with how many notifications are unread (announced with the link). */
export function InboxLink() {
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <NavLink to="/inbox" className="inbox-link">
      Inbox
      {count > 0 ? (
        <>
          <span className="inbox-count">{count > 99 ? '99+' : count}</span>
          <span className="visually-hidden"> unread</span>
        </>
      ) : (
        <span className="visually-hidden">, nothing unread</span>
      )}
    </NavLink>
  );
}
