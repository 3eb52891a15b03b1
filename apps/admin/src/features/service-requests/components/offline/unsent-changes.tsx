import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../../components/page-header';
import { ProblemAlert } from '../../../../components/status-messages';
import { useCurrentUser } from '../../../../lib/auth/use-session';
import { formatDateTime } from '../../../../lib/format';
import { useOnline } from '../../../../lib/offline/connection';
import { type OutboxEntry, outbox, useOutboxEntries } from '../../../../lib/offline/outbox';
import { getServiceRequestQueryOptions } from '../../api/get-service-request';
import { STATUS_LABELS } from '../../labels';
import type { RequestStatusValue } from '../../types';
import { Timeline } from '../detail/timeline';

const statusLabel = (status: string) => STATUS_LABELS[status as RequestStatusValue] ?? status;

/** The officer's changes still on this phone, in the order they will be sent. */
export function UnsentChangesPage() {
  const user = useCurrentUser();
  const entries = useOutboxEntries(user.id);
  const online = useOnline();
  return (
    <div className="page">
      <PageHeader
        title="Unsent changes"
        description="Notes, public updates and status changes made on this phone that have not reached NSP yet."
      />
      {entries.length === 0 ? (
        <p className="notice notice-success">Everything you changed has been sent.</p>
      ) : (
        <>
          <p className="muted">
            {online
              ? 'Changes are sent in the order they were made. A change to a request someone else changed meanwhile waits for your decision.'
              : 'Offline: these are sent in this order when the connection returns.'}
          </p>
          <ol className="plain-list outbox-list">
            {entries.map((entry, index) => (
              <li key={entry.key} className="card outbox-entry">
                <OutboxEntryCard entry={entry} position={index + 1} />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function OutboxEntryCard({ entry, position }: { entry: OutboxEntry; position: number }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="outbox-entry-title">
        {position}. <Link to={entry.subject.href}>{entry.subject.label}</Link>: {entry.summary}
      </h2>
      <p className="muted">
        Saved on this phone {formatDateTime(entry.createdAt)} ·{' '}
        {entry.state === 'waiting'
          ? 'waiting to send'
          : entry.state === 'conflict'
            ? 'the request was changed by someone else meanwhile'
            : 'not accepted'}
      </p>
      {entry.state === 'conflict' ? <Conflict entry={entry} /> : null}
      {entry.state === 'refused' ? (
        <>
          <p className="notice notice-error">
            {entry.problem?.title}
            {entry.problem?.detail ? `: ${entry.problem.detail}` : ''}
          </p>
          <DiscardButton entry={entry} />
        </>
      ) : null}
    </section>
  );
}

/**
 * Both versions side by side: what the officer saw when making the change, and the request as it
 * is now with what others did since. The officer sends the change on top of the current version or
 * discards it; nothing is overwritten or dropped without that choice.
 */
function Conflict({ entry }: { entry: OutboxEntry }) {
  const current = useQuery(getServiceRequestQueryOptions(entry.subject.id));
  const seen = entry.subject.seen;
  const since = (current.data?.timeline ?? []).filter(
    (event) => new Date(event.occurredAt).getTime() > new Date(seen.updatedAt).getTime(),
  );
  return (
    <div className="conflict">
      <div className="conflict-versions">
        <section className="conflict-version" aria-label="Your change">
          <h3>Your change</h3>
          <p>
            Made on the request as you saw it: status <strong>{statusLabel(seen.status)}</strong>, last
            changed {formatDateTime(seen.updatedAt)}.
          </p>
          <p className="conflict-change">{changeText(entry)}</p>
        </section>
        <section className="conflict-version" aria-label="The request now">
          <h3>The request now</h3>
          {current.isPending ? (
            <p className="muted">Loading the current request…</p>
          ) : current.isError ? (
            <ProblemAlert error={current.error} title="Could not load the request" />
          ) : (
            <>
              <p>
                Status <strong>{statusLabel(current.data.status)}</strong>, last changed{' '}
                {formatDateTime(current.data.updatedAt)}
                {current.data.assignee ? `, assigned to ${current.data.assignee.name}` : ''}.
              </p>
              {since.length > 0 ? (
                <>
                  <p>Changed since you saw it:</p>
                  <Timeline events={since} />
                </>
              ) : null}
            </>
          )}
        </section>
      </div>
      {entry.problem ? (
        <p className="muted">
          NSP said: {entry.problem.title}
          {entry.problem.detail ? ` — ${entry.problem.detail}` : ''}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={!current.data}
          onClick={() => {
            if (current.data) outbox.retryOn(entry.key, current.data.version);
          }}
        >
          Send my change on the current version
        </button>
        <DiscardButton entry={entry} />
      </div>
    </div>
  );
}

function changeText(entry: OutboxEntry): string {
  const body = entry.body as { to?: string; body?: string; reason?: string; publicUpdate?: { body: string } };
  if (entry.kind === 'status') {
    return [
      `Change the status to ${statusLabel(body.to ?? '')}`,
      body.reason ? `, reason: “${body.reason}”` : '',
      body.publicUpdate ? `, with the public update “${body.publicUpdate.body}”` : '',
      '.',
    ].join('');
  }
  return `“${body.body ?? ''}”`;
}

function DiscardButton({ entry }: { entry: OutboxEntry }) {
  return (
    <button
      type="button"
      className="button button-danger-outline"
      onClick={() => {
        if (window.confirm(`Discard “${entry.summary}”? It will not be sent.`)) outbox.discard(entry.key);
      }}
    >
      Discard my change
    </button>
  );
}
