import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Choice } from '../../../components/form-fields';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { formatDateTime } from '../../../lib/format';
import { useInbox } from '../api/get-inbox';
import { useMarkRead } from '../api/mark-read';
import { KIND_LABELS, type InboxNotification } from '../types';

function linkFor(notification: InboxNotification): string | null {
  if (notification.entityType === 'service_request' && notification.entityId)
    return `/service-requests/${encodeURIComponent(notification.entityId)}`;
  if (notification.entityType === 'meeting' && notification.entityId)
    return `/meetings/${encodeURIComponent(notification.entityId)}`;
  return null;
}

/** What the server told me about (SLA breaches, assignments, reassignments), newest first. */
export function InboxPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(unreadOnly);
  const [announcement, setAnnouncement] = useState('');
  const markRead = useMarkRead({
    mutationConfig: {
      onSuccess: (result, input) =>
        setAnnouncement('all' in input ? `Marked ${result.marked} as read.` : 'Marked as read.'),
    },
  });
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = inbox.data?.pages[0]?.unreadCount ?? 0;

  return (
    <div className="page">
      <PageHeader
        title="Inbox"
        description={
          <>
            Notices about your work. Choose what reaches you, and how, in{' '}
            <Link to="/notifications/preferences">notification settings</Link>.
          </>
        }
        actions={
          <button
            type="button"
            className="button"
            onClick={() => markRead.mutate({ all: true })}
            aria-disabled={markRead.isPending || unreadCount === 0}
            disabled={unreadCount === 0}
          >
            Mark all as read
          </button>
        }
      />
      <p role="status" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {markRead.error ? <ProblemAlert error={markRead.error} title="Could not mark as read" /> : null}
      <Choice
        type="checkbox"
        id="inbox-unread-only"
        name="unreadOnly"
        label={`Unread only (${unreadCount})`}
        checked={unreadOnly}
        onChange={setUnreadOnly}
      />
      {inbox.isPending ? (
        <LoadingState label="Loading your inbox…" />
      ) : inbox.isError ? (
        <ProblemAlert error={inbox.error} title="Could not load your inbox" onRetry={() => inbox.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</EmptyState>
      ) : (
        <ul className="inbox-list" aria-label="Notifications">
          {items.map((item) => {
            const link = linkFor(item);
            const unread = item.readAt === null;
            return (
              <li key={item.id} className={`inbox-item${unread ? ' inbox-item-unread' : ''}`}>
                <div className="inbox-item-meta">
                  <span className="badge badge-muted">
                    {item.kind === 'daily_digest' ? 'Digest' : KIND_LABELS[item.kind].label}
                  </span>
                  {item.urgent ? <span className="badge badge-danger">P1</span> : null}
                  {unread ? <span className="badge badge-info">Unread</span> : null}
                  <time className="muted" dateTime={item.createdAt}>
                    {formatDateTime(item.createdAt)}
                  </time>
                </div>
                <p className="inbox-item-title">
                  {link ? (
                    <Link to={link} onClick={() => unread && markRead.mutate({ ids: [item.id] })}>
                      {item.title}
                    </Link>
                  ) : (
                    item.title
                  )}
                </p>
                <p className="inbox-item-body">{item.body}</p>
                {unread ? (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => markRead.mutate({ ids: [item.id] })}
                  >
                    Mark as read<span className="visually-hidden">: {item.title}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {inbox.hasNextPage ? (
        <p className="list-more">
          <button
            type="button"
            className="button"
            onClick={() => inbox.fetchNextPage()}
            aria-disabled={inbox.isFetchingNextPage}
          >
            {inbox.isFetchingNextPage ? 'Loading…' : 'Show older'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
