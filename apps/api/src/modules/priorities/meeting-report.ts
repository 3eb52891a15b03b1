import type { MeetingPrioritiesReport } from '@nsp/contracts';
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { meetings, neighborhoodPriorities, priorityActions } from '../../db/schema/index.ts';
import { iso } from '../../lib/iso.ts';

/**
 * "You said, we did": what a meeting's agenda opens with. The neighborhood's priorities set before the
 * meeting that were still active at the previous meeting (so one achieved in between is reported with
 * its outcome), each with the actions taken since the previous meeting and before this one.
 */
export async function meetingPrioritiesReport(
  executor: Executor,
  meeting: { id: string; neighborhoodId: string; startsAt: Date },
): Promise<MeetingPrioritiesReport> {
  const [previous] = await executor
    .select({ startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.neighborhoodId, meeting.neighborhoodId),
        lt(meetings.startsAt, meeting.startsAt),
        ne(meetings.status, 'cancelled'),
        ne(meetings.id, meeting.id),
      ),
    )
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const since = previous?.startsAt ?? null;
  const priorities = await executor
    .select()
    .from(neighborhoodPriorities)
    .where(
      and(
        eq(neighborhoodPriorities.neighborhoodId, meeting.neighborhoodId),
        lt(neighborhoodPriorities.setAt, meeting.startsAt),
        or(
          isNull(neighborhoodPriorities.closedAt),
          gte(neighborhoodPriorities.closedAt, since ?? meeting.startsAt),
        ),
      ),
    )
    .orderBy(asc(neighborhoodPriorities.setAt), asc(neighborhoodPriorities.id));
  if (priorities.length === 0) return { since: iso(since), items: [] };
  const actions = await executor
    .select()
    .from(priorityActions)
    .where(
      and(
        inArray(
          priorityActions.priorityId,
          priorities.map((priority) => priority.id),
        ),
        since ? gte(priorityActions.takenAt, since) : undefined,
        lt(priorityActions.takenAt, meeting.startsAt),
      ),
    )
    .orderBy(asc(priorityActions.takenAt), asc(priorityActions.id));
  return {
    since: iso(since),
    items: priorities.map((priority) => ({
      priorityId: priority.id,
      title: priority.title,
      description: priority.description,
      setAt: iso(priority.setAt),
      status: priority.status,
      outcome: priority.outcome,
      closedAt: iso(priority.closedAt),
      actions: actions
        .filter((action) => action.priorityId === priority.id)
        .map((action) => ({ id: action.id, body: action.body, takenAt: iso(action.takenAt) })),
    })),
  };
}
