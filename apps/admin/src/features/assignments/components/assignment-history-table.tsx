import { TableRegion } from '../../../components/table-region';
import { formatDateTime } from '../../../lib/format';
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS } from '../labels';
import type { Assignment } from '../types';

const STATUS_BADGES: Record<Assignment['status'], string> = {
  current: 'badge-success',
  scheduled: 'badge-info',
  ended: 'badge-muted',
  superseded: 'badge-warning',
};

/** The record of who held which role when, newest first, with why it changed. Never edited. */
export function AssignmentHistoryTable({
  assignments,
  caption,
}: {
  assignments: readonly Assignment[];
  caption: string;
}) {
  return (
    <TableRegion label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {assignments.map((assignment) => (
            <tr key={assignment.id} className={assignment.status === 'superseded' ? 'row-muted' : undefined}>
              <th scope="row">
                {assignment.person.name}
                <span className="status-note">
                  {assignment.person.title}
                  {assignment.person.badgeNumber ? ` · #${assignment.person.badgeNumber}` : ''}
                </span>
              </th>
              <td>{ASSIGNMENT_ROLE_LABELS[assignment.role]}</td>
              <td>
                <time dateTime={assignment.startsAt}>{formatDateTime(assignment.startsAt)}</time>
              </td>
              <td>
                {assignment.endsAt ? (
                  <time dateTime={assignment.endsAt}>{formatDateTime(assignment.endsAt)}</time>
                ) : (
                  <span className="muted">Open-ended</span>
                )}
              </td>
              <td>
                <span className={`badge ${STATUS_BADGES[assignment.status]}`}>
                  {ASSIGNMENT_STATUS_LABELS[assignment.status]}
                </span>
              </td>
              <td className="cell-wrap">
                {assignment.reason}
                <span className="status-note">
                  Recorded {formatDateTime(assignment.createdAt)}
                  {assignment.createdByName ? ` by ${assignment.createdByName}` : ''}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
