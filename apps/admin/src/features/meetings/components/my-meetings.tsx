import { useId, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useMyAssignments } from '../../../lib/reference-data/my-assignments';
import { useMyOverdueActionItems } from '../api/get-action-items';
import { useMeetings } from '../api/get-meetings';
import { formatMeetingTime } from './meeting-format';

/**
 * The lieutenant's overview: the next meetings of the neighborhoods they lead and the action items
 * from earlier meetings that are past due, each linking to the meeting that runs them.
 */
export function MyMeetings() {
  const id = useId();
  const mine = useMyAssignments();
  const led = useMemo(
    () =>
      new Set(
        (mine.data?.assignments ?? [])
          .filter((held) => held.role === 'coordination_lieutenant')
          .map((held) => held.neighborhoodId),
      ),
    [mine.data],
  );
  const range = useMemo(() => {
    const now = Date.now();
    return {
      from: new Date(now - 6 * 3_600_000).toISOString(),
      to: new Date(now + 60 * 86_400_000).toISOString(),
    };
  }, []);
  const meetings = useMeetings({ neighborhoodId: null, ...range });
  const overdue = useMyOverdueActionItems(led.size > 0);
  const upcoming = (meetings.data?.items ?? [])
    .filter((meeting) => led.has(meeting.neighborhoodId) && meeting.status === 'planned')
    .slice(0, 3);
  const late = overdue.data?.items ?? [];
  return (
    <section className="card work-list" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>My next meetings</h3>
      {meetings.isPending ? (
        <p className="muted">Loading…</p>
      ) : upcoming.length === 0 ? (
        <p className="muted">No meetings planned in the next 60 days.</p>
      ) : (
        <ul className="plain-list">
          {upcoming.map((meeting) => (
            <li key={meeting.id} className="work-item">
              <Link to={`/meetings/${meeting.id}`}>{meeting.title.en}</Link>{' '}
              <span className="work-item-what">
                {formatMeetingTime(meeting.startsAt, meeting.timeZone)} ·{' '}
                {meeting.locationName ?? meeting.address ?? 'Online'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 id={`${id}-overdue`}>Overdue action items ({late.length})</h3>
      {overdue.isPending && led.size > 0 ? (
        <p className="muted">Loading…</p>
      ) : late.length === 0 ? (
        <p className="muted">No action item is past due.</p>
      ) : (
        <ul className="plain-list" aria-labelledby={`${id}-overdue`}>
          {late.slice(0, 6).map((item) => (
            <li key={item.id} className="work-item">
              <Link to={`/meetings/${item.meetingId}`}>{item.title}</Link>{' '}
              <span className="work-item-what">
                {item.owner?.name ?? 'no owner'} · due {item.dueDate}
              </span>{' '}
              <span className="badge badge-danger">Overdue</span>
            </li>
          ))}
        </ul>
      )}
      <p className="work-more">
        <Link to="/meetings">All meetings</Link>
      </p>
    </section>
  );
}
