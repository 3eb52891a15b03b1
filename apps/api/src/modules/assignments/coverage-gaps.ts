import { iso } from '../../lib/iso.ts';

export const COVERAGE_WINDOW_DAYS = 14;

interface Interval {
  startsAt: Date;
  endsAt: Date | null;
}

export interface CoverageGap {
  neighborhoodId: string;
  code: string;
  name: string;
  from: string;
  until: string | null;
}

/**
 * The stretches of [from, until) that no interval covers. `until` of a gap is when the next
 * lieutenant starts, or null when none is scheduled within the window.
 */
export function uncoveredStretches(intervals: Interval[], window: { from: Date; until: Date }) {
  const sorted = [...intervals].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const gaps: Array<{ from: Date; until: Date | null }> = [];
  let coveredUntil = window.from;
  for (const interval of sorted) {
    if (interval.startsAt > coveredUntil) gaps.push({ from: coveredUntil, until: interval.startsAt });
    if (interval.endsAt === null) return gaps;
    if (interval.endsAt > coveredUntil) coveredUntil = interval.endsAt;
    if (coveredUntil >= window.until) return gaps;
  }
  gaps.push({ from: coveredUntil, until: null });
  return gaps;
}

export function coverageGaps(
  neighborhoods: Array<{ id: string; code: string; name: string; intervals: Interval[] }>,
  window: { from: Date; until: Date },
): CoverageGap[] {
  return neighborhoods.flatMap((neighborhood) =>
    uncoveredStretches(neighborhood.intervals, window).map((gap) => ({
      neighborhoodId: neighborhood.id,
      code: neighborhood.code,
      name: neighborhood.name,
      from: iso(gap.from),
      until: gap.until ? iso(gap.until) : null,
    })),
  );
}
