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
    // One map for what was seen: the distance (0 or 1), or 2 for a value checked and too far.
    const checked = new Map<T, number>();
    let far = 0;
    // The query and each of its one-deletion forms (a repeated form only finds values already seen).
    for (let i = -1; i < query.length; i++) {
      if (i > 0 && query.charCodeAt(i) === query.charCodeAt(i - 1)) continue; // the same form again
      const values = this.byForm.get(i === -1 ? query : query.slice(0, i) + query.slice(i + 1));
      if (!values) continue;
      for (const value of values) {
        if (checked.has(value)) continue;
        let best = 2;
        const names = this.names.get(value);
        if (names)
          for (let n = 0; n < names.length && best > 0; n++)
            best = Math.min(best, editDistanceUpTo1(query, names[n]!));
        checked.set(value, best);
        if (best > 1) far++;
      }
    }
    if (far === 0) return checked;
    for (const [value, distance] of checked) if (distance > 1) checked.delete(value);
    return checked;
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
