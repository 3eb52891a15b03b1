/**
 * Where the person is in the queue, kept for the browser tab (sessionStorage): the filters (the
 * address's query string), the requests in the queue's order as loaded, and the one last opened or
 * moved to. The request page reads it for "Back to the queue" and "Next request"; the queue reads it
 * to come back to the same row.
 */
export interface QueuePosition {
  search: string;
  ids: string[];
  activeId: string | null;
}

const KEY = 'nsp.queue-position';
/** Enough for "Next request" through a long session; a position is a few kilobytes at most. */
const MAX_IDS = 1000;

export function readQueuePosition(): QueuePosition | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<QueuePosition>;
    if (typeof parsed.search !== 'string' || !Array.isArray(parsed.ids)) return null;
    return {
      search: parsed.search,
      ids: parsed.ids.filter((id): id is string => typeof id === 'string'),
      activeId: typeof parsed.activeId === 'string' ? parsed.activeId : null,
    };
  } catch {
    return null;
  }
}

export function saveQueuePosition(position: QueuePosition): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...position, ids: position.ids.slice(0, MAX_IDS) }));
  } catch {
    // Storage full or refused: the queue still works, only without the way back.
  }
}

/** Marks a request as the one the person is at (opened, or reached with "Next request"). */
export function markQueuePosition(activeId: string): void {
  const position = readQueuePosition();
  if (position) saveQueuePosition({ ...position, activeId });
}

/** The request after this one in the queue's order, or null at the end (or away from the queue). */
export function nextInQueue(position: QueuePosition | null, id: string): string | null {
  if (!position) return null;
  const index = position.ids.indexOf(id);
  return index >= 0 ? (position.ids[index + 1] ?? null) : null;
}
