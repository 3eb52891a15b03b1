/**
 * Names within one typing slip of a query: the "deletion neighbourhood" (SymSpell) trick. Every name
 * is stored under itself and each form with one character deleted; a query looks up itself and its
 * own one-deletion forms. Any two strings one insertion, deletion, substitution or transposition
 * apart share such a form, so the lookup finds them all in about (length + 1) map reads, whatever
 * the number of names; the few extra hits (two edits apart) are dropped by the exact distance check.
 */
export class FuzzyNames<T> {
  private readonly byForm = new Map<string, Set<T>>();
  private readonly names = new Map<T, string[]>();

  add(name: string, value: T): void {
    const known = this.names.get(value);
    if (known?.includes(name)) return;
    if (known) known.push(name);
    else this.names.set(value, [name]);
    for (const form of deletionForms(name)) {
      let values = this.byForm.get(form);
      if (!values) {
        values = new Set();
        this.byForm.set(form, values);
      }
      values.add(value);
    }
  }

  /** Every value with a name at most one edit from `query`, with that distance (0 or 1). */
  within1(query: string): Map<T, number> {
    const found = new Map<T, number>();
    const seen = new Set<T>();
    // The query and each of its one-deletion forms (a repeated form only finds values already seen).
    for (let i = -1; i < query.length; i++) {
      const values = this.byForm.get(i === -1 ? query : query.slice(0, i) + query.slice(i + 1));
      if (!values) continue;
      for (const value of values) {
        if (seen.has(value)) continue;
        seen.add(value);
        let best = 2;
        for (const name of this.names.get(value) ?? []) best = Math.min(best, editDistanceUpTo1(query, name));
        if (best <= 1) found.set(value, best);
      }
    }
    return found;
  }
}

function deletionForms(text: string): Set<string> {
  const forms = new Set<string>([text]);
  for (let i = 0; i < text.length; i++) forms.add(text.slice(0, i) + text.slice(i + 1));
  return forms;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment) when it is 0 or 1, else 2: one insertion,
 * deletion, substitution or swap of two neighbouring characters is one edit. Linear time.
 */
export function editDistanceUpTo1(a: string, b: string): number {
  if (a === b) return 0;
  const lengthGap = a.length - b.length;
  if (lengthGap > 1 || lengthGap < -1) return 2;
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  // What differs is one inserted or deleted character, one changed character, or one swapped pair.
  if (restA + restB === 1) return 1;
  if (restA === 1 && restB === 1) return 1;
  if (
    restA === 2 &&
    restB === 2 &&
    a.charCodeAt(start) === b.charCodeAt(start + 1) &&
    a.charCodeAt(start + 1) === b.charCodeAt(start)
  )
    return 1;
  return 2;
}
