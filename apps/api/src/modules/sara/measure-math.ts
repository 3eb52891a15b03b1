/**
 * Before/after arithmetic of assessment measures.
 *
 * Weighted displacement quotient: K. J. Bowers and S. D. Johnson, "Measuring the geographical
 * displacement and diffusion of benefit effects of crime prevention activity", Journal of
 * Quantitative Criminology 19(3), 2003, pp. 275–301; also R. Guerette, "Analyzing Crime Displacement
 * and Diffusion", POP Center Problem-Solving Tools Guide No. 10 (2009):
 *
 *   WDQ = (B_a / C_a − B_b / C_b) / (R_a / C_a − R_b / C_b)
 *
 * R = the response (target) area, B = the buffer around it, C = the control area; b = before
 * (baseline), a = after (follow-up). The denominator is the success measure (negative when the target
 * area improved relative to the control); the numerator is the buffer's change relative to the
 * control. With success, WDQ > 0 means diffusion of benefits, WDQ < 0 displacement; WDQ < −1 means
 * more displaced than prevented (the response did net harm). It is undefined when a control count is 0
 * or the denominator is 0 (no change relative to the control).
 */
export interface PeriodCounts {
  baseline: number;
  followUp: number;
}

/** Relative change, (after − before) / before; null when before is 0. */
export function relativeChange(before: number, after: number): number | null {
  return before === 0 ? null : (after - before) / before;
}

export function weightedDisplacementQuotient(
  target: PeriodCounts,
  buffer: PeriodCounts,
  control: PeriodCounts,
): number | null {
  if (control.baseline === 0 || control.followUp === 0) return null;
  const success = target.followUp / control.followUp - target.baseline / control.baseline;
  if (success === 0) return null;
  const displacement = buffer.followUp / control.followUp - buffer.baseline / control.baseline;
  return displacement / success;
}

/** Words for the numbers, as the POP Center guide reads them. */
export function interpretMeasure(
  target: PeriodCounts,
  control: PeriodCounts | null,
  wdq: number | null,
): string {
  const success =
    control && control.baseline > 0 && control.followUp > 0
      ? target.followUp / control.followUp - target.baseline / control.baseline
      : target.followUp - target.baseline;
  if (success >= 0)
    return control
      ? 'No improvement in the target area relative to the control area.'
      : 'No fewer requests in the target area.';
  if (wdq === null)
    return control
      ? 'Fewer requests in the target area relative to the control area.'
      : 'Fewer requests in the target area.';
  if (wdq > 0) return 'Improvement, with diffusion of benefits into the buffer area.';
  if (wdq < -1) return 'Displacement into the buffer exceeded the improvement in the target area.';
  if (wdq < 0) return 'Improvement, with some displacement into the buffer area.';
  return 'Improvement, with no change in the buffer area.';
}
