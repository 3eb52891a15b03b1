import type { ActionItem } from '@nsp/contracts';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ProblemAlert } from '../../../components/status-messages';
import { formatDateTime } from '../../../lib/format';
import { useUpdateActionItem } from '../api/change-meeting';

const STATUS_TEXT: Record<ActionItem['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/**
 * One action item as the room sees it: owner, due date, progress so far, and (when the caller records)
 * a progress note in one step and closing. Closing is one row on the server, so every meeting that
 * shows the item shows it closed.
 */
export function ActionItemCard({
  item,
  meetingId,
  mayRecord,
  showOrigin,
}: {
  item: ActionItem;
  /** The meeting being run: notes written here are "reported at" it. */
  meetingId: string;
  mayRecord: boolean;
  showOrigin: boolean;
}) {
  const id = useId();
  const [note, setNote] = useState('');
  const update = useUpdateActionItem();
  const open = item.status === 'open' || item.status === 'in_progress';

  const report = (changes: { status?: ActionItem['status'] }) => {
    const progressNote = note.trim();
    update.mutate(
      {
        id: item.id,
        ...changes,
        ...(progressNote ? { progressNote, reportedAtMeetingId: meetingId } : {}),
      },
      { onSuccess: () => setNote('') },
    );
  };

  return (
    <li className="card action-item">
      <div className="action-item-header">
        <h4 id={`${id}-title`}>{item.title}</h4>
        <span
          className={
            open ? (item.overdue ? 'badge badge-danger' : 'badge badge-info') : 'badge badge-success'
          }
        >
          {item.overdue ? 'Overdue' : STATUS_TEXT[item.status]}
        </span>
      </div>
      <p className="muted">
        {item.owner ? `Owner: ${item.owner.name}` : 'No owner yet'}
        {item.dueDate ? ` · due ${item.dueDate}` : ''}
        {showOrigin ? (
          <>
            {' · from '}
            <Link to={`/meetings/${item.meetingId}`}>
              {item.meetingTitle} ({item.meetingStartsAt.slice(0, 10)})
            </Link>
          </>
        ) : null}
        {item.closedAt
          ? ` · ${STATUS_TEXT[item.status].toLowerCase()} ${formatDateTime(item.closedAt)}${item.closedBy ? ` by ${item.closedBy.name}` : ''}`
          : ''}
      </p>
      {item.notes.length > 0 ? (
        <ol className="plain-list action-item-notes" aria-label={`Progress on ${item.title}`}>
          {item.notes.map((entry) => (
            <li key={entry.id}>
              <span className="muted">
                {formatDateTime(entry.createdAt)}
                {entry.createdBy ? ` · ${entry.createdBy}` : ''}
                {entry.meetingId === meetingId ? ' · at this meeting' : ''}:
              </span>{' '}
              {entry.body}
            </li>
          ))}
        </ol>
      ) : null}
      {mayRecord ? (
        <form
          className="input-with-button"
          onSubmit={(event) => {
            event.preventDefault();
            if (note.trim() && !update.isPending) report({});
          }}
        >
          <label className="visually-hidden" htmlFor={`${id}-note`}>
            Progress on {item.title}
          </label>
          <input
            id={`${id}-note`}
            value={note}
            placeholder="Progress reported…"
            maxLength={4000}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <button type="submit" className="button button-small" aria-disabled={update.isPending}>
            Add note
          </button>
          {open ? (
            <button
              type="button"
              className="button button-small button-primary"
              aria-disabled={update.isPending}
              onClick={() => !update.isPending && report({ status: 'done' })}
            >
              Mark done
            </button>
          ) : (
            <button
              type="button"
              className="button button-small"
              aria-disabled={update.isPending}
              onClick={() => !update.isPending && report({ status: 'open' })}
            >
              Reopen
            </button>
          )}
        </form>
      ) : null}
      {update.isError ? <ProblemAlert error={update.error} title="Not saved" /> : null}
    </li>
  );
}
