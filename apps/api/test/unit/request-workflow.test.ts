import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  isReopen,
  openStatuses,
  type RequestStatus,
  requestStatuses,
} from '../../src/modules/service-requests/request-workflow.ts';

// The transition table written out a second time, independently of the implementation, so that a change
// to the workflow has to be made (and reviewed) in both places.
//   'x' = allowed, 'R' = allowed and a reopen, '.' = refused. Columns in the order of `columns`.
const columns: readonly RequestStatus[] = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
];
// biome-ignore format: keep the matrix aligned
const expectedTable: Record<RequestStatus, string> = {
  //            new tri asg inp res clo rej dup
  new:         '.   x   x   .   .   .   x   x',
  triaged:     '.   .   x   .   .   .   x   x',
  assigned:    '.   x   .   x   x   .   x   x',
  in_progress: '.   .   x   .   x   .   .   x',
  resolved:    '.   .   .   R   .   x   .   .',
  closed:      '.   .   .   R   .   .   .   .',
  rejected:    '.   R   .   .   .   .   .   .',
  duplicate:   '.   .   .   .   .   .   .   .',
};

function expectedCell(from: RequestStatus, to: RequestStatus): string {
  const cells = expectedTable[from].split(/\s+/);
  expect(cells).toHaveLength(columns.length);
  const cell = cells[columns.indexOf(to)];
  if (cell === undefined) throw new Error(`no expected cell for ${from} -> ${to}`);
  return cell;
}

const allPairs = requestStatuses.flatMap((from) => requestStatuses.map((to) => [from, to] as const));

const closedAt = new Date('2026-06-01T12:00:00.000Z');
const reopenWindowDays = 14;
const millisecondsPerDay = 86_400_000;
const afterClosing = (milliseconds: number) => new Date(closedAt.getTime() + milliseconds);

describe('request statuses', () => {
  it('lists the eight statuses in workflow order', () => {
    expect(requestStatuses).toEqual(columns);
  });

  it('counts new, triaged, assigned and in_progress as open work', () => {
    expect(openStatuses).toEqual(['new', 'triaged', 'assigned', 'in_progress']);
  });
});

describe('transition table', () => {
  it('covers all 64 status pairs', () => {
    expect(allPairs).toHaveLength(64);
  });

  // Inside the reopen window, so that only the table decides.
  it.each(allPairs)('%s -> %s matches the expected table', (from, to) => {
    const cell = expectedCell(from, to);
    const result = checkTransition({ from, to, closedAt, now: afterClosing(0), reopenWindowDays });
    if (cell === '.') {
      expect(result).toEqual({ ok: false, reason: 'illegal', allowed: [...allowedTransitions(from)] });
    } else {
      expect(result).toEqual({ ok: true });
    }
    expect(allowedTransitions(from).includes(to)).toBe(cell !== '.');
    expect(isReopen(from, to)).toBe(cell === 'R');
  });

  it.each(requestStatuses)('allowedTransitions(%s) lists exactly the allowed cells', (from) => {
    const expected = columns.filter((to) => expectedCell(from, to) !== '.');
    // The implementation lists the usual next step first, so compare without order.
    expect([...allowedTransitions(from)].sort()).toEqual([...expected].sort());
  });

  it('never allows a status to transition to itself', () => {
    for (const status of requestStatuses) {
      expect(allowedTransitions(status)).not.toContain(status);
    }
  });

  it('leaves duplicate without any transition (unmerge is a separate operation)', () => {
    expect(allowedTransitions('duplicate')).toEqual([]);
  });
});

describe('reopen window', () => {
  const windowedReopens = [
    ['closed', 'in_progress'],
    ['rejected', 'triaged'],
  ] as const;

  it.each(windowedReopens)('allows %s -> %s inside the window', (from, to) => {
    const now = afterClosing(3 * millisecondsPerDay);
    expect(checkTransition({ from, to, closedAt, now, reopenWindowDays })).toEqual({ ok: true });
  });

  it.each(windowedReopens)('allows %s -> %s at the last instant of the window', (from, to) => {
    const now = afterClosing(reopenWindowDays * millisecondsPerDay);
    expect(checkTransition({ from, to, closedAt, now, reopenWindowDays })).toEqual({ ok: true });
  });

  it.each(windowedReopens)('refuses %s -> %s one millisecond after the window', (from, to) => {
    const now = afterClosing(reopenWindowDays * millisecondsPerDay + 1);
    expect(checkTransition({ from, to, closedAt, now, reopenWindowDays })).toEqual({
      ok: false,
      reason: 'reopen_window_expired',
      allowed: [],
    });
  });

  it.each(windowedReopens)('refuses %s -> %s when the closing time is unknown', (from, to) => {
    expect(checkTransition({ from, to, closedAt: null, now: closedAt, reopenWindowDays })).toEqual({
      ok: false,
      reason: 'reopen_window_expired',
      allowed: [],
    });
  });

  it('supports fractional windows', () => {
    const halfDay = { from: 'closed', to: 'in_progress', closedAt, reopenWindowDays: 0.5 } as const;
    expect(checkTransition({ ...halfDay, now: afterClosing(12 * 3_600_000) })).toEqual({ ok: true });
    expect(checkTransition({ ...halfDay, now: afterClosing(12 * 3_600_000 + 1) }).ok).toBe(false);
  });

  it('with a zero-day window refuses any reopen after the closing instant', () => {
    const noWindow = { from: 'closed', to: 'in_progress', closedAt, reopenWindowDays: 0 } as const;
    expect(checkTransition({ ...noWindow, now: afterClosing(1) })).toEqual({
      ok: false,
      reason: 'reopen_window_expired',
      allowed: [],
    });
  });

  it('does not apply to reopening a resolved request that was never closed', () => {
    const longAfter = afterClosing(365 * millisecondsPerDay);
    expect(
      checkTransition({
        from: 'resolved',
        to: 'in_progress',
        closedAt: null,
        now: longAfter,
        reopenWindowDays,
      }),
    ).toEqual({ ok: true });
  });

  it('still offers closing a resolved request whatever the window', () => {
    expect(
      checkTransition({ from: 'resolved', to: 'closed', closedAt: null, now: closedAt, reopenWindowDays: 0 }),
    ).toEqual({ ok: true });
  });

  it('reports an illegal move from closed with only what is possible now', () => {
    const inside = afterClosing(millisecondsPerDay);
    const expired = afterClosing(30 * millisecondsPerDay);
    expect(checkTransition({ from: 'closed', to: 'new', closedAt, now: inside, reopenWindowDays })).toEqual({
      ok: false,
      reason: 'illegal',
      allowed: ['in_progress'],
    });
    expect(checkTransition({ from: 'closed', to: 'new', closedAt, now: expired, reopenWindowDays })).toEqual({
      ok: false,
      reason: 'illegal',
      allowed: [],
    });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a reopen window of %s days', (days) => {
    expect(() =>
      checkTransition({ from: 'closed', to: 'in_progress', closedAt, now: closedAt, reopenWindowDays: days }),
    ).toThrow(RangeError);
  });
});
