import { describe, expect, it } from 'vitest';
import { niceTicks } from './line-chart';

describe('niceTicks', () => {
  it('always reaches the highest value, in round steps from zero', () => {
    expect(niceTicks(82)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(75)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1)).toEqual([0, 1]);
    for (const max of [7, 13, 99, 101, 482, 1234, 20_001]) {
      const ticks = niceTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});
