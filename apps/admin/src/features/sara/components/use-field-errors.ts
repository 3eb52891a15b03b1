import { isApiProblem } from '../../../lib/api-problem';

/** The message an API problem gives for one field (matched by the dotted path), if any. */
export function fieldErrorOf(error: unknown, path: string): string | undefined {
  return isApiProblem(error) ? error.errors.find((item) => item.path === path)?.message : undefined;
}

/** "a,b\n c" → ["a", "b", "c"] for one-per-line lists (hypotheses, objectives). */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A date input's value (local midnight) as an ISO instant. */
export const dateToIso = (value: string) => new Date(`${value}T00:00:00`).toISOString();
