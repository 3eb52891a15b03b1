import { formatDateTime } from '../../../../lib/format';
import { languageLabel } from '../../../../lib/languages';
import { EVENT_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../labels';
import type { RequestPriority, RequestStatusValue, TimelineEvent } from '../../types';

const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  priority: 'Priority',
  assignee: 'Assignee',
  assigneeId: 'Assignee',
  assigneeName: 'Assignee',
  neighborhood: 'Neighborhood',
  neighborhoodId: 'Neighborhood',
  serviceCode: 'Category',
  description: 'Description',
  address: 'Address',
  parentId: 'Merged into',
  trackingNumber: 'Request',
  reason: 'Reason',
  fields: 'Changed',
  firstResponseDueAt: 'First response due',
  resolutionDueAt: 'Resolution due',
  file: 'File',
};

/** Why a change happened when the system made it (the event's `cause`). */
const CAUSE_TEXT: Record<string, string> = {
  neighborhood_changed: 'Moved with the request to another neighborhood',
  lieutenant_reassignment: 'The neighborhood’s lieutenant was reassigned',
};

const REQUESTER_FIELD_LABELS: Record<string, string> = {
  name: 'name',
  email: 'e-mail',
  phone: 'phone',
  preferredLanguage: 'preferred language',
};

/**
 * Turns codes into names the screen knows (categories). People and neighborhoods need no lookup: the
 * API puts `assignee` and `neighborhood` next to their ids in each event.
 */
export type NameResolver = (key: string, value: unknown) => string | undefined;

function displayValue(key: string, value: unknown, resolveName: NameResolver): string {
  if (value === null || value === undefined || value === '') return 'none';
  const named = resolveName(key, value);
  if (named) return named;
  if (key === 'fields' && Array.isArray(value))
    return value.map((field) => REQUESTER_FIELD_LABELS[String(field)] ?? String(field)).join(', ');

  if (key === 'neighborhood' && typeof value === 'object') {
    const { name, code } = value as { name?: unknown; code?: unknown };
    if (typeof name === 'string') return typeof code === 'string' ? `${name} (${code})` : name;
  }
  if (key === 'status' && typeof value === 'string')
    return STATUS_LABELS[value as RequestStatusValue] ?? value;
  if (key === 'priority' && typeof value === 'string')
    return PRIORITY_LABELS[value as RequestPriority] ?? value;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    if (typeof record.trackingNumber === 'string') return record.trackingNumber;
    if (typeof record.code === 'string') return record.code;
    return JSON.stringify(value);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  return String(value);
}

/** "Status: New → Triaged" lines from an event's before/after, for the fields a person cares about. */
function changeLines(event: TimelineEvent, resolveName: NameResolver): string[] {
  const before = (event.before && typeof event.before === 'object' ? event.before : {}) as Record<
    string,
    unknown
  >;
  const after = (event.after && typeof event.after === 'object' ? event.after : {}) as Record<
    string,
    unknown
  >;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => key in FIELD_LABELS && !(key.endsWith('Id') && `${key.slice(0, -2)}` in after),
  );
  const lines = keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) =>
      key in before
        ? `${FIELD_LABELS[key]}: ${displayValue(key, before[key], resolveName)} → ${displayValue(key, after[key], resolveName)}`
        : `${FIELD_LABELS[key]}: ${displayValue(key, after[key], resolveName)}`,
    );
  const cause = typeof after.cause === 'string' ? CAUSE_TEXT[after.cause] : undefined;
  return cause ? [...lines, cause] : lines;
}

function actorName(event: TimelineEvent): string {
  if (event.actor.name) return event.actor.name;
  if (event.actor.type === 'system') return 'NSP';
  if (event.actor.type === 'api_client') return 'An integration';
  if (event.actor.type === 'anonymous') return 'The public';
  return 'Someone';
}

type Notice = NonNullable<TimelineEvent['requesterNotice']>;

const NOT_SENT: Record<NonNullable<Notice['reason']>, string> = {
  no_email: 'Not sent to the requester: no e-mail address. Call them back.',
  no_consent: 'Not sent to the requester: they did not ask for e-mail (or unsubscribed). Call them back.',
  unsubscribed: 'Not sent: the requester unsubscribed. Call them back.',
  address_removed: 'Not sent: the e-mail address was removed. Call the requester back.',
  predates_email: 'Not sent to the requester (before e-mail updates existed).',
};

/**
 * Whether the acknowledgement, a public update or the resolution actually reached the requester, and
 * how: the API records it (requesterNotice), so the timeline never claims more than happened.
 */
function RequesterNoticeBadge({ notice }: { notice: Notice }) {
  const language = notice.language ? ` in ${languageLabel(notice.language)}` : '';
  if (notice.status === 'sent')
    return (
      <span className="badge badge-success">
        E-mailed to the requester{language}
        {notice.sentAt ? ` · ${formatDateTime(notice.sentAt)}` : ''}
      </span>
    );
  if (notice.status === 'pending')
    return <span className="badge badge-info">E-mail to the requester queued{language}</span>;
  if (notice.status === 'failed')
    return <span className="badge badge-danger">E-mail to the requester failed. Call them back.</span>;
  return <span className="badge badge-warning">{NOT_SENT[notice.reason ?? 'no_consent']}</span>;
}

/** Every event of the request, oldest first, as the API keeps it. */
/** Publishing public updates on the public announcements feed (for those who may). */
export interface FeedControls {
  publishedIds: ReadonlySet<string>;
  busyId: string | null;
  onChange(eventId: string, published: boolean): void;
}

export function Timeline({
  events,
  resolveName = () => undefined,
  feed,
}: {
  events: readonly TimelineEvent[];
  resolveName?: NameResolver;
  feed?: FeedControls | undefined;
}) {
  if (events.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="timeline">
      {events.map((event) => {
        const isNote = event.kind === 'note' || event.body !== null;
        const isPublic = event.visibility === 'public';
        const lines = changeLines(event, resolveName);
        return (
          <li
            key={event.id}
            className={`timeline-event${isNote ? (isPublic ? ' is-public' : ' is-internal') : ''}`}
          >
            <div className="timeline-meta">
              <span className="timeline-kind">
                {isNote
                  ? isPublic
                    ? 'Public update'
                    : 'Internal note'
                  : (EVENT_LABELS[event.kind] ?? event.kind)}
              </span>
              {isNote ? (
                <span className={`badge ${isPublic ? 'badge-info' : 'badge-muted'}`}>
                  {isPublic
                    ? `Public · on the status page${event.language ? ` · ${languageLabel(event.language)}` : ''}`
                    : 'Staff only'}
                </span>
              ) : null}
              {event.requesterNotice ? <RequesterNoticeBadge notice={event.requesterNotice} /> : null}
              <span className="muted">
                {actorName(event)} ·{' '}
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
              </span>
            </div>
            {lines.length > 0 ? (
              <ul className="timeline-changes">
                {lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
            {event.body ? (
              <p className="timeline-body" lang={event.language ?? undefined}>
                {event.body}
              </p>
            ) : null}
            {feed && isPublic && event.kind === 'note' ? (
              <p className="timeline-feed">
                {feed.publishedIds.has(event.id) ? (
                  <span className="badge badge-success">On the public announcements feed</span>
                ) : null}{' '}
                <button
                  type="button"
                  className="button button-small"
                  disabled={feed.busyId === event.id}
                  onClick={() => feed.onChange(event.id, !feed.publishedIds.has(event.id))}
                >
                  {feed.publishedIds.has(event.id) ? 'Withdraw from the feed' : 'Publish on the feed'}
                </button>
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
