import { describe, expect, it } from 'vitest';
import {
  interpretMeasure,
  relativeChange,
  weightedDisplacementQuotient,
} from '../../src/modules/sara/measure-math.ts';

/*
 * The weighted displacement quotient (Bowers and Johnson 2003) on hand-computed cases:
 * WDQ = (B_a/C_a − B_b/C_b) / (R_a/C_a − R_b/C_b).
 */
describe('weighted displacement quotient', () => {
  it('is positive with diffusion of benefits', () => {
    // (8/50 − 10/40) / (10/50 − 20/40) = −0.09 / −0.3 = 0.3
    const wdq = weightedDisplacementQuotient(
      { baseline: 20, followUp: 10 },
      { baseline: 10, followUp: 8 },
      { baseline: 40, followUp: 50 },
    );
    expect(wdq).toBeCloseTo(0.3, 12);
    expect(interpretMeasure({ baseline: 20, followUp: 10 }, { baseline: 40, followUp: 50 }, wdq)).toContain(
      'diffusion',
    );
  });

  it('is negative with displacement, below −1 when more moved than was prevented', () => {
    // (30/40 − 10/40) / (10/40 − 20/40) = 0.5 / −0.25 = −2
    const wdq = weightedDisplacementQuotient(
      { baseline: 20, followUp: 10 },
      { baseline: 10, followUp: 30 },
      { baseline: 40, followUp: 40 },
    );
    expect(wdq).toBeCloseTo(-2, 12);
    expect(interpretMeasure({ baseline: 20, followUp: 10 }, { baseline: 40, followUp: 40 }, wdq)).toContain(
      'exceeded',
    );
    // (14/40 − 10/40) / (10/40 − 20/40) = 0.1 / −0.25 = −0.4
    const some = weightedDisplacementQuotient(
      { baseline: 20, followUp: 10 },
      { baseline: 10, followUp: 14 },
      { baseline: 40, followUp: 40 },
    );
    expect(some).toBeCloseTo(-0.4, 12);
    expect(interpretMeasure({ baseline: 20, followUp: 10 }, { baseline: 40, followUp: 40 }, some)).toContain(
      'some displacement',
    );
  });

  it('is undefined without control counts or without a change in the target relative to the control', () => {
    expect(
      weightedDisplacementQuotient(
        { baseline: 5, followUp: 3 },
        { baseline: 1, followUp: 1 },
        { baseline: 0, followUp: 4 },
      ),
    ).toBeNull();
    expect(
      weightedDisplacementQuotient(
        { baseline: 10, followUp: 20 },
        { baseline: 1, followUp: 1 },
        { baseline: 10, followUp: 20 },
      ),
    ).toBeNull();
  });

  it('gives relative change, null from a zero baseline', () => {
    expect(relativeChange(20, 10)).toBe(-0.5);
    expect(relativeChange(0, 3)).toBeNull();
  });
});
