/**
 * Which language a public reply is in: `?lang=` when the department publishes in it, else the best
 * of `Accept-Language` (RFC 9110 §12.5.4: quality values, `*`, q=0 meaning "not this one"), else
 * the fallback (English). Only the primary subtag counts: 'pt-BR' is answered in 'pt'.
 */

export const FALLBACK_LANGUAGE = 'en';

interface Preference {
  language: string;
  quality: number;
  order: number;
}

/** The language ranges of an Accept-Language header, best first; malformed parts are skipped. */
export function parseAcceptLanguage(header: string | undefined): Preference[] {
  if (!header) return [];
  const preferences: Preference[] = [];
  // A header is at most a few dozen ranges; a longer one is abuse and only its start is read.
  const ranges = header.slice(0, 1000).split(',').slice(0, 50);
  ranges.forEach((range, order) => {
    const [tag, ...parameters] = range.trim().split(';');
    const language = tag?.trim().toLowerCase();
    if (!language || !/^([a-z]{1,8}(-[a-z0-9]{1,8})*|\*)$/.test(language)) return;
    let quality = 1;
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(parameter);
      if (match) quality = Number(match[1]);
      else if (/^\s*q\s*=/i.test(parameter)) quality = -1; // a malformed weight: ignore the range
    }
    if (quality < 0) return;
    preferences.push({ language: language === '*' ? '*' : language.split('-')[0]!, quality, order });
  });
  return preferences.sort((a, b) => b.quality - a.quality || a.order - b.order);
}

/**
 * The language to answer in, from the languages offered (in the department's order). `requested`
 * is `?lang=` (already checked to be a well-formed tag by the route's schema).
 */
export function negotiateLanguage(
  offered: readonly string[],
  requested: string | undefined,
  acceptLanguage: string | undefined,
): string {
  if (requested) {
    const primary = requested.split('-')[0]!.toLowerCase();
    if (offered.includes(primary)) return primary;
  }
  const refused = new Set<string>();
  const preferences = parseAcceptLanguage(acceptLanguage);
  for (const preference of preferences) if (preference.quality === 0) refused.add(preference.language);
  for (const { language, quality } of preferences) {
    if (quality === 0) continue;
    if (language === '*') {
      const any = offered.find((code) => !refused.has(code) && !preferences.some((p) => p.language === code));
      if (any) return any;
      continue;
    }
    if (offered.includes(language) && !refused.has(language)) return language;
  }
  return offered.includes(FALLBACK_LANGUAGE) || offered.length === 0 ? FALLBACK_LANGUAGE : offered[0]!;
}
