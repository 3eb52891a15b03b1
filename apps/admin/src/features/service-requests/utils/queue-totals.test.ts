import { describe, expect, it } from 'vitest';
import type { StatusCounts } from '../types';
import { queueTotal } from './queue-totals';

const exact: StatusCounts = {
  new: 4,
  triaged: 2,
  assigned: 1,
  in_progress: 0,
  resolved: 3,
  closed: 10,
  rejected: 1,
  duplicate: 0,
};
const finishedNotCounted: StatusCounts = {
  ...exact,
  resolved: null,
  closed: null,
  rejected: null,
  duplicate: null,
};

describe('the queue total', () => {
  it('adds up the shown statuses, or every status when none is picked', () => {
    expect(queueTotal(exact, ['new', 'triaged'], null)).toEqual({ count: 6, moreThan: false });
    expect(queueTotal(exact, [], null)).toEqual({ count: 21, moreThan: false });
  });

  it('stays exact for open work when only the finished requests were too many to count', () => {
    expect(queueTotal(finishedNotCounted, ['new', 'triaged', 'assigned', 'in_progress'], 20_000)).toEqual({
      count: 7,
      moreThan: false,
    });
  });

  it('says "more than" when the selection covers a group that was not counted, and nothing when unknown', () => {
    expect(queueTotal(finishedNotCounted, [], 20_000)).toEqual({ count: 20_000, moreThan: true });
    expect(
      queueTotal(finishedNotCounted, ['new', 'resolved', 'closed', 'rejected', 'duplicate'], 20_000),
    ).toEqual({ count: 20_000, moreThan: true });
    // Only part of the uncounted group: "rejected" may hold 3 or 30,000.
    expect(queueTotal(finishedNotCounted, ['rejected'], 20_000)).toBeNull();
    expect(queueTotal(null, [], null)).toBeNull();
    const nothingCounted = {
      ...finishedNotCounted,
      new: null,
      triaged: null,
      assigned: null,
      in_progress: null,
    };
    expect(queueTotal(nothingCounted, ['resolved', 'closed', 'rejected', 'duplicate'], 2_000)).toEqual({
      count: 2_000,
      moreThan: true,
    });
  });
});
