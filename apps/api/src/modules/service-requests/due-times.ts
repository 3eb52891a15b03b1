import type { SlaTargets } from '../../db/schema/index.ts';
import { addServiceHours, type BusinessCalendar } from './sla-clock.ts';

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface DueTimes {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/**
 * When the first response and the resolution are due: the category's targets for the priority,
 * counted from `from` on the category's clock (calendar hours, or the department's business hours).
 */
export function dueTimesFor(
  sla: SlaTargets,
  priority: Priority,
  from: Date,
  calendar: BusinessCalendar,
): DueTimes {
  const target = sla.targets[priority];
  return {
    firstResponseDueAt: addServiceHours(from, target.firstResponseHours, sla.clock, calendar),
    resolutionDueAt: addServiceHours(from, target.resolutionHours, sla.clock, calendar),
  };
}
