/**
 * GeoReport POST bodies: application/x-www-form-urlencoded, UTF-8 whether or not the charset is
 * given. A key sent more than once becomes a list (FixMyStreet repeats `attribute[CODE]=` for a
 * multi-select; others send `attribute[CODE][]=`).
 */
export function parseForm(body: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = form[key];
    if (existing === undefined) form[key] = value;
    else form[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

/** The first value of a form field or query parameter; empty means "not given" (open311.md). */
export function single(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return undefined;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The answers in `attribute[CODE]` and `attribute[CODE][]` fields, by code. Empty answers are left
 * out (clients send every attribute, unanswered ones empty).
 */
export function attributeAnswers(form: Record<string, unknown>): Record<string, string | string[]> {
  const answers: Record<string, string[]> = {};
  const lists = new Set<string>();
  for (const [key, raw] of Object.entries(form)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!match) continue;
    const code = match[1]!;
    if (match[2]) lists.add(code);
    const values = (Array.isArray(raw) ? raw : [raw]).filter(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    if (values.length === 0) continue;
    answers[code] = [...(answers[code] ?? []), ...values];
  }
  return Object.fromEntries(
    Object.entries(answers).map(([code, values]) => [
      code,
      values.length === 1 && !lists.has(code) ? values[0]! : values,
    ]),
  );
}
