import type { Assignment, AssignmentRole } from './types';

export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = {
  coordination_lieutenant: 'Coordination lieutenant',
  nro: 'Neighborhood Resource Officer',
  cso: 'Community Service Officer',
  officer: 'Officer',
};

export const ASSIGNMENT_ROLES: readonly AssignmentRole[] = [
  'coordination_lieutenant',
  'nro',
  'cso',
  'officer',
];

export const ASSIGNMENT_STATUS_LABELS: Record<Assignment['status'], string> = {
  current: 'Current',
  scheduled: 'Scheduled',
  ended: 'Ended',
  superseded: 'Superseded (corrected)',
};
