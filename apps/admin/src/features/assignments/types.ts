import type { assignmentsAtSchema, conflictingAssignmentSchema } from '@nsp/contracts';

export type { Assignment, AssignmentRole, ReassignmentResult } from '@nsp/contracts';
export type AssignmentsAt = (typeof assignmentsAtSchema)['_output'];
export type AssignmentAt = AssignmentsAt['items'][number];
export type CoverageGap = AssignmentsAt['coverageGaps'][number];
/** The 409 problem's `conflictingAssignment` member. */
export type ConflictingAssignment = (typeof conflictingAssignmentSchema)['_output'];
