import type { Assignment } from '@nsp/contracts';
import { iso } from '../../lib/iso.ts';
import type { AssignmentRecord, AssignmentWithPerson } from './repo.ts';

export function statusOf(record: AssignmentRecord, now: Date): Assignment['status'] {
  if (record.supersededBy) return 'superseded';
  if (record.startsAt > now) return 'scheduled';
  if (record.endsAt && record.endsAt <= now) return 'ended';
  return 'current';
}

export function toAssignmentDto(
  { assignment, person, createdByName }: AssignmentWithPerson,
  now = new Date(),
): Assignment {
  return {
    id: assignment.id,
    neighborhoodId: assignment.neighborhoodId,
    personnelId: assignment.personnelId,
    role: assignment.role,
    startsAt: iso(assignment.startsAt),
    endsAt: iso(assignment.endsAt),
    reason: assignment.reason,
    createdBy: assignment.createdBy,
    createdByName: assignment.createdBy ? createdByName : null,
    createdAt: iso(assignment.createdAt),
    supersededBy: assignment.supersededBy,
    status: statusOf(assignment, now),
    person,
  };
}

/** What the audit log keeps of an assignment. */
export function auditView(record: AssignmentRecord) {
  return {
    neighborhoodId: record.neighborhoodId,
    personnelId: record.personnelId,
    role: record.role,
    startsAt: iso(record.startsAt),
    endsAt: iso(record.endsAt),
    reason: record.reason,
    supersededBy: record.supersededBy,
  };
}
