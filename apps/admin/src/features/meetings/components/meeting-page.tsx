import type { Meeting } from '@nsp/contracts';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, LoadingState, ProblemAlert } from '../../../components/status-messages';
import { useCurrentUser } from '../../../lib/auth/use-session';
import { WorkingFiles } from '../../attachments/components/attachments-panel';
import { MeetingPrioritiesReport, PriorityForm } from '../../priorities';
import { useMeeting } from '../api/get-meeting';
import { ActionItemCard } from './action-item-card';
import { KIND_LABELS, STATUS_BADGES, STATUS_LABELS, formatMeetingTime } from './meeting-format';
import {
  AgendaEditor,
  CancelMeetingForm,
  MinutesForm,
  NewActionItemForm,
  ProblemForm,
  RescheduleForm,
} from './meeting-forms';

/**
 * A meeting, laid out to run it from a laptop in the room: the agenda, the neighborhood's open items
 * from earlier meetings (progress in one step), new items, problems raised, then minutes and attendance.
 */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const meetingQuery = useMeeting(meetingId);
  if (meetingQuery.isPending) return <LoadingState label="Loading the meeting…" />;
  if (meetingQuery.isError)
    return (
      <div className="page">
        <ProblemAlert
          error={meetingQuery.error}
          title="The meeting could not be loaded"
          onRetry={() => meetingQuery.refetch()}
        />
      </div>
    );
  return <MeetingDetail meeting={meetingQuery.data} />;
}

function MeetingDetail({ meeting }: { meeting: Meeting }) {
  const id = useId();
  const user = useCurrentUser();
  const mayPlan = user.roles.some(
    (role) => role === 'admin' || role === 'supervisor' || role === 'lieutenant',
  );
  const mayRecord = mayPlan || user.roles.includes('staff');
  const [showClosed, setShowClosed] = useState(true);
  const carried = showClosed
    ? meeting.carriedForward
    : meeting.carriedForward.filter((item) => item.status === 'open' || item.status === 'in_progress');
  const place = [meeting.locationName, meeting.address].filter(Boolean).join(', ');

  return (
    <div className="page page-wide meeting-page">
      <p>
        <Link to="/meetings">← All meetings</Link>
      </p>
      <PageHeader
        title={meeting.title.en}
        description={
          <>
            <span className={STATUS_BADGES[meeting.status]}>{STATUS_LABELS[meeting.status]}</span>{' '}
            {KIND_LABELS[meeting.kind]} · {meeting.neighborhoodName} ·{' '}
            {formatMeetingTime(meeting.startsAt, meeting.timeZone)}
          </>
        }
      />
      {meeting.status === 'cancelled' ? (
        <div className="notice notice-info" role="status">
          Cancelled: {meeting.cancelReason}
        </div>
      ) : null}

      <div className="detail-layout">
        <div className="detail-main">
          <MeetingPrioritiesReport meeting={meeting} />
          <section className="card" aria-labelledby={`${id}-agenda`}>
            <h2 id={`${id}-agenda`}>Agenda</h2>
            {mayPlan ? (
              <AgendaEditor meeting={meeting} />
            ) : meeting.agenda.length === 0 ? (
              <EmptyState>No agenda yet.</EmptyState>
            ) : (
              <ol>
                {meeting.agenda.map((item, index) => (
                  <li key={`${index}-${item.title.en}`}>
                    {item.title.en}
                    {item.presenter ? <span className="muted"> — {item.presenter}</span> : null}
                    {item.public ? null : <span className="badge badge-muted"> Internal</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" aria-labelledby={`${id}-carried`}>
            <div className="section-header">
              <h2 id={`${id}-carried`}>Progress on earlier action items</h2>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={showClosed}
                  onChange={(event) => setShowClosed(event.currentTarget.checked)}
                />
                Show items closed at this meeting
              </label>
            </div>
            {carried.length === 0 ? (
              <EmptyState>
                No open action items from earlier meetings of {meeting.neighborhoodName}.
              </EmptyState>
            ) : (
              <ul className="plain-list action-items" aria-label="Carried-forward action items">
                {carried.map((item) => (
                  <ActionItemCard
                    key={item.id}
                    item={item}
                    meetingId={meeting.id}
                    mayRecord={mayRecord}
                    showOrigin
                  />
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby={`${id}-items`}>
            <h2 id={`${id}-items`}>Action items from this meeting</h2>
            {meeting.actionItems.length === 0 ? (
              <EmptyState>No action items yet.</EmptyState>
            ) : (
              <ul className="plain-list action-items" aria-label="Action items from this meeting">
                {meeting.actionItems.map((item) => (
                  <ActionItemCard
                    key={item.id}
                    item={item}
                    meetingId={meeting.id}
                    mayRecord={mayRecord}
                    showOrigin={false}
                  />
                ))}
              </ul>
            )}
            {mayRecord && meeting.status !== 'cancelled' ? (
              <NewActionItemForm meetingId={meeting.id} />
            ) : null}
          </section>

          <section className="card" aria-labelledby={`${id}-problems`}>
            <h2 id={`${id}-problems`}>Problems raised</h2>
            {meeting.problems.length === 0 ? (
              <EmptyState>No problems recorded.</EmptyState>
            ) : (
              <ul className="plain-list">
                {meeting.problems.map((problem) => (
                  <li key={problem.id} className="work-item">
                    <span>{problem.description}</span>
                    {mayPlan ? (
                      <MakeItAPriority neighborhoodId={meeting.neighborhoodId} problemId={problem.id} />
                    ) : null}
                    {problem.serviceRequestId ? (
                      <>
                        {' · '}
                        <Link to={`/service-requests/${problem.serviceRequestId}`}>service request</Link>
                      </>
                    ) : null}
                    {problem.saraCaseId ? (
                      <>
                        {' · '}
                        <Link to={`/sara-cases/${problem.saraCaseId}`}>SARA case</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {mayRecord ? <ProblemForm meetingId={meeting.id} /> : null}
          </section>

          <WorkingFiles owner={{ segment: 'meetings', id: meeting.id }} canWrite={mayRecord} />

          <section className="card" aria-labelledby={`${id}-minutes`}>
            <h2 id={`${id}-minutes`}>Minutes and attendance</h2>
            {mayRecord ? (
              <MinutesForm meeting={meeting} />
            ) : (
              <>
                <p>Attendance: {meeting.attendanceCount ?? '—'}</p>
                <p className="request-description">{meeting.minutes ?? 'No minutes yet.'}</p>
              </>
            )}
          </section>
        </div>

        <aside className="detail-side" aria-label="Meeting details">
          <section className="card">
            <h2>Details</h2>
            <dl className="details-list">
              <dt>When</dt>
              <dd>
                {formatMeetingTime(meeting.startsAt, meeting.timeZone)} –{' '}
                {formatMeetingTime(meeting.endsAt, meeting.timeZone, { timeOnly: true })}
              </dd>
              <dt>Where</dt>
              <dd>
                {place || '—'}
                {meeting.onlineUrl ? (
                  <>
                    {place ? <br /> : null}
                    <a href={meeting.onlineUrl} rel="noreferrer" target="_blank">
                      Online link
                    </a>
                  </>
                ) : null}
              </dd>
              <dt>Lieutenant</dt>
              <dd>{meeting.lieutenant?.name ?? '—'}</dd>
              <dt>Staff attending</dt>
              <dd>
                {meeting.staff.length > 0 ? meeting.staff.map((person) => person.name).join(', ') : '—'}
              </dd>
              <dt>Partners</dt>
              <dd>{meeting.partnerOrganizations.join(', ') || '—'}</dd>
              <dt>Languages</dt>
              <dd>{meeting.languages.join(', ')}</dd>
              <dt>Interpretation</dt>
              <dd>{meeting.interpretation.join(', ') || '—'}</dd>
              <dt>Attendance</dt>
              <dd>
                {meeting.attendanceCount ?? '—'}
                {meeting.residentCount != null ? ` (${meeting.residentCount} residents)` : ''}
              </dd>
            </dl>
            {meeting.internalNotes ? (
              <>
                <h3>Internal notes</h3>
                <p className="request-description">{meeting.internalNotes}</p>
              </>
            ) : null}
            {meeting.reschedules.length > 0 ? (
              <>
                <h3>Rescheduled</h3>
                <ul className="plain-list">
                  {meeting.reschedules.map((change) => (
                    <li key={change.changedAt}>
                      from {formatMeetingTime(change.previousStartsAt, meeting.timeZone)} to{' '}
                      {formatMeetingTime(change.startsAt, meeting.timeZone)}
                      {change.reason ? ` — ${change.reason}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          {mayPlan ? <RescheduleForm meeting={meeting} /> : null}
          {mayPlan ? <CancelMeetingForm meeting={meeting} /> : null}
        </aside>
      </div>
    </div>
  );
}

/** Turns a problem raised at the meeting into a neighborhood priority (public title and description). */
function MakeItAPriority({ neighborhoodId, problemId }: { neighborhoodId: string; problemId: string }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  if (done)
    return (
      <p className="notice notice-success" role="status">
        Set as a priority.{' '}
        <Link to={`/neighborhoods/${neighborhoodId}`}>See the neighborhood's priorities</Link>
      </p>
    );
  return open ? (
    <PriorityForm
      neighborhoodId={neighborhoodId}
      meetingProblemId={problemId}
      heading="Make it a priority"
      onSaved={() => {
        setOpen(false);
        setDone(true);
      }}
      onCancel={() => setOpen(false)}
    />
  ) : (
    <>
      {' '}
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        Make it a priority
      </button>
    </>
  );
}
