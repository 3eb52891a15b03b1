import { openRequestStatuses, requestStatusValues } from '@nsp/contracts';

/**
 * The single source of truth for which status changes a service request may make.
 *
 * Main path: new → triaged → assigned → in_progress → resolved → closed.
 * Side exits: rejected (not police business, unfounded, out of area) and duplicate (merged into another
 * request). A request can come back after it was finished: that is a reopen.
 */

// The statuses themselves are data shared with every client (packages/contracts); this file owns
// only the rules between them.
export const requestStatuses = requestStatusValues;

export type RequestStatus = (typeof requestStatuses)[number];

/** Statuses that count as open work in queues, workload and SLA tracking. */
export const openStatuses = openRequestStatuses satisfies readonly RequestStatus[];

/**
 * Every allowed transition, and nothing else. A status never transitions to itself. Targets are listed
 * with the usual next step first, so a UI can offer them in this order.
 */
const transitionTable: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  // Triage may be skipped when the dispatcher assigns straight away; obvious junk or repeats are
  // rejected or marked duplicate at intake.
  new: ['triaged', 'assigned', 'rejected', 'duplicate'],
  // Work cannot start before somebody owns the request, so triaged must go through assigned.
  triaged: ['assigned', 'rejected', 'duplicate'],
  // Back to triaged when the assignee hands it back to the queue (wrong unit, needs re-triage);
  // straight to resolved for quick fixes that never needed a separate "started" step.
  assigned: ['in_progress', 'triaged', 'resolved', 'rejected', 'duplicate'],
  // Back to assigned when work is paused or handed to someone else. Rejecting is no longer offered once
  // work has started: the outcome is recorded as a resolution instead.
  in_progress: ['resolved', 'assigned', 'duplicate'],
  // Closed confirms the resolution. Back to in_progress (a reopen) when the requester disputes it; no
  // window applies because the request has not been closed yet.
  resolved: ['closed', 'in_progress'],
  // Reopen, only within the reopen window counted from closedAt. It resumes as in_progress because the
  // previous owner picks it up again.
  closed: ['in_progress'],
  // Reopen, only within the reopen window counted from closedAt (the time of rejection). It goes back
  // to triaged because rejection happened at triage time and the request needs to be triaged again.
  rejected: ['triaged'],
  // Terminal: undoing a merge (unmerge) is its own operation that also has to restore the links, not a
  // plain status change.
  duplicate: [],
};

// Finished statuses whose reopen is limited by the reopen window; resolved is not, see above.
const windowedReopenSources: ReadonlySet<RequestStatus> = new Set(['closed', 'rejected']);
const finishedStatuses: ReadonlySet<RequestStatus> = new Set(['resolved', 'closed', 'rejected', 'duplicate']);
const openStatusSet: ReadonlySet<RequestStatus> = new Set(openStatuses);

const millisecondsPerDay = 86_400_000;

export function allowedTransitions(from: RequestStatus): readonly RequestStatus[] {
  return transitionTable[from];
}

/** An allowed transition that takes a finished request back into open work. */
export function isReopen(from: RequestStatus, to: RequestStatus): boolean {
  return finishedStatuses.has(from) && openStatusSet.has(to) && transitionTable[from].includes(to);
}

export interface TransitionCheck {
  from: RequestStatus;
  to: RequestStatus;
  /** When the request became closed or rejected; only read when reopening from those statuses. */
  closedAt: Date | null;
  now: Date;
  /** Reopen window in days (of 24 h) after closedAt; the last instant of the window still counts. */
  reopenWindowDays: number;
}

export type TransitionCheckResult =
  | { ok: true }
  | { ok: false; reason: 'illegal' | 'reopen_window_expired'; allowed: RequestStatus[] };

/**
 * Whether `from → to` may happen now. On refusal, `allowed` lists what may happen now instead, so an
 * expired reopen window is already taken out of it.
 */
export function checkTransition({
  from,
  to,
  closedAt,
  now,
  reopenWindowDays,
}: TransitionCheck): TransitionCheckResult {
  if (!Number.isFinite(reopenWindowDays) || reopenWindowDays < 0) {
    throw new RangeError(`reopenWindowDays must be a finite number >= 0, got ${reopenWindowDays}`);
  }
  const reopenWindowOpen = isWithinReopenWindow(closedAt, now, reopenWindowDays);
  const allowedNow = transitionTable[from].filter(
    (target) => reopenWindowOpen || !(windowedReopenSources.has(from) && isReopen(from, target)),
  );

  if (!transitionTable[from].includes(to)) {
    return { ok: false, reason: 'illegal', allowed: allowedNow };
  }
  if (!allowedNow.includes(to)) {
    return { ok: false, reason: 'reopen_window_expired', allowed: allowedNow };
  }
  return { ok: true };
}

function isWithinReopenWindow(closedAt: Date | null, now: Date, reopenWindowDays: number): boolean {
  // Without a closing time the window cannot be shown to be open; refusing is the safe answer.
  if (closedAt === null || Number.isNaN(closedAt.getTime())) return false;
  const elapsedMillis = now.getTime() - closedAt.getTime();
  return elapsedMillis <= reopenWindowDays * millisecondsPerDay;
}
