import {
  type LocalizedTextDto,
  type Priority,
  type PriorityAction,
  type PrioritySuggestion,
  STALE_PRIORITY_DAYS,
} from '@nsp/contracts';
import { and, asc, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  actionItems,
  neighborhoodPriorities,
  neighborhoods,
  priorityActions,
  saraResponseActions,
  users,
} from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { iso } from '../../lib/iso.ts';

export const DAY_MS = 86_400_000;
export type PriorityRow = typeof neighborhoodPriorities.$inferSelect;
type ActionRow = typeof priorityActions.$inferSelect;

/** Plain text is English; an object is the translations as given. */
export function localized(value: string | LocalizedTextDto): LocalizedTextDto {
  return typeof value === 'string' ? { en: value } : value;
}

export async function loadPriorityRow(executor: Executor, id: string): Promise<PriorityRow> {
  const [row] = await executor
    .select()
    .from(neighborhoodPriorities)
    .where(eq(neighborhoodPriorities.id, id))
    .limit(1);
  if (!row) throw new NotFoundError(`There is no priority ${id}.`);
  return row;
}

/** Actions of these priorities, newest first, with who recorded them. */
export async function actionsOf(
  executor: Executor,
  priorityIds: readonly string[],
): Promise<Map<string, Array<ActionRow & { authorName: string | null }>>> {
  const byPriority = new Map<string, Array<ActionRow & { authorName: string | null }>>();
  if (priorityIds.length === 0) return byPriority;
  const rows = await executor
    .select({ action: priorityActions, authorName: users.name })
    .from(priorityActions)
    .leftJoin(users, eq(users.id, priorityActions.createdBy))
    .where(inArray(priorityActions.priorityId, [...priorityIds]))
    .orderBy(desc(priorityActions.takenAt), desc(priorityActions.createdAt), asc(priorityActions.id));
  for (const { action, authorName } of rows) {
    const list = byPriority.get(action.priorityId) ?? [];
    list.push({ ...action, authorName });
    byPriority.set(action.priorityId, list);
  }
  return byPriority;
}

/**
 * What could be added as an action with one click: the linked SARA case's responses that were started
 * or done, and the done action items of the meeting that set it, not yet added. Never published by
 * themselves.
 */
async function suggestionsFor(
  executor: Executor,
  rows: readonly PriorityRow[],
  actions: Map<string, ActionRow[]>,
): Promise<Map<string, PrioritySuggestion[]>> {
  const result = new Map<string, PrioritySuggestion[]>();
  const open = rows.filter((row) => row.status === 'active');
  const caseIds = [...new Set(open.map((row) => row.saraCaseId).filter((id): id is string => !!id))];
  const meetingIds = [...new Set(open.map((row) => row.meetingId).filter((id): id is string => !!id))];
  const [responses, items] = await Promise.all([
    caseIds.length === 0
      ? []
      : executor
          .select()
          .from(saraResponseActions)
          .where(
            and(
              inArray(saraResponseActions.caseId, caseIds),
              inArray(saraResponseActions.status, ['started', 'done']),
            ),
          )
          .orderBy(asc(saraResponseActions.updatedAt)),
    meetingIds.length === 0
      ? []
      : executor
          .select()
          .from(actionItems)
          .where(
            and(
              inArray(actionItems.meetingId, meetingIds),
              eq(actionItems.status, 'done'),
              isNotNull(actionItems.closedAt),
            ),
          )
          .orderBy(asc(actionItems.closedAt)),
  ]);
  for (const row of open) {
    const taken = actions.get(row.id) ?? [];
    const usedResponses = new Set(taken.map((action) => action.saraResponseActionId).filter(Boolean));
    const usedItems = new Set(taken.map((action) => action.actionItemId).filter(Boolean));
    const suggestions: PrioritySuggestion[] = [
      ...responses
        .filter((response) => response.caseId === row.saraCaseId && !usedResponses.has(response.id))
        .map((response) => ({
          kind: 'sara_response' as const,
          sourceId: response.id,
          body: response.partner ? `${response.title} (with ${response.partner})` : response.title,
          takenAt: iso(response.updatedAt),
        })),
      ...items
        .filter((item) => item.meetingId === row.meetingId && !usedItems.has(item.id))
        .map((item) => ({
          kind: 'action_item' as const,
          sourceId: item.id,
          body: item.title,
          takenAt: iso(item.closedAt ?? item.updatedAt),
        })),
    ];
    result.set(row.id, suggestions);
  }
  return result;
}

export function presentAction(action: ActionRow & { authorName: string | null }): PriorityAction {
  return {
    id: action.id,
    body: action.body,
    takenAt: iso(action.takenAt),
    saraResponseActionId: action.saraResponseActionId,
    actionItemId: action.actionItemId,
    createdAt: iso(action.createdAt),
    createdBy: action.authorName,
  };
}

/** Priorities as staff see them: age, last action, stale flag, actions and suggestions. */
export async function loadPriorities(
  executor: Executor,
  where: SQL | undefined,
  now: Date = new Date(),
): Promise<Priority[]> {
  const rows = await executor
    .select({ priority: neighborhoodPriorities, neighborhoodName: neighborhoods.name })
    .from(neighborhoodPriorities)
    .innerJoin(neighborhoods, eq(neighborhoods.id, neighborhoodPriorities.neighborhoodId))
    .where(where)
    .orderBy(desc(neighborhoodPriorities.setAt), asc(neighborhoodPriorities.id));
  const priorities = rows.map((row) => row.priority);
  const actions = await actionsOf(
    executor,
    priorities.map((row) => row.id),
  );
  const suggestions = await suggestionsFor(executor, priorities, actions);
  const staleBefore = now.getTime() - STALE_PRIORITY_DAYS * DAY_MS;
  const statusOrder = { active: 0, achieved: 1, retired: 2 } as const;
  return rows
    .map(({ priority, neighborhoodName }) => {
      const taken = actions.get(priority.id) ?? [];
      const lastActionAt = taken[0]?.takenAt ?? null;
      const end = priority.closedAt ?? now;
      return {
        id: priority.id,
        neighborhoodId: priority.neighborhoodId,
        neighborhoodName,
        title: priority.title,
        description: priority.description,
        source: priority.source,
        meetingId: priority.meetingId,
        meetingProblemId: priority.meetingProblemId,
        saraCaseId: priority.saraCaseId,
        candidateKey: priority.candidateKey,
        status: priority.status,
        outcome: priority.outcome,
        setAt: iso(priority.setAt),
        closedAt: iso(priority.closedAt),
        ageDays: Math.max(0, Math.floor((end.getTime() - priority.setAt.getTime()) / DAY_MS)),
        lastActionAt: iso(lastActionAt),
        stale: priority.status === 'active' && (lastActionAt ?? priority.setAt).getTime() < staleBefore,
        actions: taken.map(presentAction),
        suggestions: suggestions.get(priority.id) ?? [],
        createdAt: iso(priority.createdAt),
        updatedAt: iso(priority.updatedAt),
        version: priority.version,
      } satisfies Priority;
    })
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
}

export async function loadPriority(executor: Executor, id: string, now?: Date): Promise<Priority> {
  const [priority] = await loadPriorities(executor, eq(neighborhoodPriorities.id, id), now);
  if (!priority) throw new NotFoundError(`There is no priority ${id}.`);
  return priority;
}
