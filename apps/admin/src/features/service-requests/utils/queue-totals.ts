import { OPEN_STATUSES, STATUS_ORDER } from '../labels';
import type { RequestStatusValue, StatusCounts } from '../types';

/** The API counts open and finished requests separately; each group is counted, or not, as a whole. */
const statusGroups: ReadonlyArray<readonly RequestStatusValue[]> = [
  OPEN_STATUSES,
  STATUS_ORDER.filter((status) => !(OPEN_STATUSES as readonly string[]).includes(status)),
];

/** How many requests the queue's current filters match, as far as the counts tell. */
export interface QueueTotal {
  count: number;
  /** True when counting stopped: more than `count` match. */
  moreThan: boolean;
}

/**
 * The total behind "Showing 100 of …", from the counts per status (which the API takes over every
 * filter but the status, so every tab has its number). A null count means its group (open or
 * finished statuses) was not counted to the end: a selection covering that whole group matches more
 * than `matchesAtLeast`; one covering only part of it has no known total.
 */
export function queueTotal(
  counts: StatusCounts | null,
  selected: readonly RequestStatusValue[],
  matchesAtLeast: number | null,
): QueueTotal | null {
  if (!counts) return null;
  const statuses = selected.length > 0 ? selected : STATUS_ORDER;
  const known = statuses.map((status) => counts[status]);
  if (known.every((count): count is number => typeof count === 'number')) {
    return { count: known.reduce((sum, count) => sum + count, 0), moreThan: false };
  }
  const coversUncountedGroup = statusGroups.some(
    (group) =>
      group.every((status) => counts[status] === null) && group.every((status) => statuses.includes(status)),
  );
  return matchesAtLeast !== null && coversUncountedGroup ? { count: matchesAtLeast, moreThan: true } : null;
}
