import { getQueueSliceQueryOptions } from './get-queue-slice';

/** "My work": the open requests assigned to the signed-in person, as the queue's address says it. */
export const MY_WORK_QUERY = 'assigneeId=me';
/** How many cards the home page shows. */
export const MY_WORK_SHOWN = 10;

/** The home page's "My work" slice (the router starts it with the page's code, see app/prefetch.ts). */
export function getMyWorkQueryOptions() {
  return getQueueSliceQueryOptions(MY_WORK_QUERY, MY_WORK_SHOWN);
}
