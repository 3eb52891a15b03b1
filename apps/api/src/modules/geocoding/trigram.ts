/**
 * Trigram similarity as PostgreSQL's pg_trgm computes it: each word is padded with two spaces before
 * and one after, cut into three-letter pieces, and similarity is shared pieces over all pieces. Kept in
 * memory because the street list is small and a geocode must not wait for a round trip.
 */
export function trigramsOf(text: string): Set<string> {
  const lower = text.toLowerCase();
  if (isAscii(lower)) return asciiTrigramsOf(lower);
  const trigrams = new Set<string>();
  for (const word of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (word !== '') addWordTrigrams(trigrams, word);
  }
  return trigrams;
}

/** A word's trigrams, padded as pg_trgm pads them (two spaces before, one after). */
function addWordTrigrams(trigrams: Set<string>, word: string): void {
  const padded = `  ${word} `;
  for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const isAsciiLetterOrDigit = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/**
 * The same trigrams as the general path for lower-case ASCII text (every street key the normaliser
 * makes), without the Unicode split: this runs on every unmatched geocode, for its candidates.
 */
function asciiTrigramsOf(lower: string): Set<string> {
  const trigrams = new Set<string>();
  let i = 0;
  while (i < lower.length) {
    while (i < lower.length && !isAsciiLetterOrDigit(lower.charCodeAt(i))) i++;
    const start = i;
    while (i < lower.length && isAsciiLetterOrDigit(lower.charCodeAt(i))) i++;
    if (i === start) break;
    addWordTrigrams(trigrams, lower.slice(start, i));
  }
  return trigrams;
}

export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const trigram of small) if (large.has(trigram)) shared++;
  return shared / (a.size + b.size - shared);
}
