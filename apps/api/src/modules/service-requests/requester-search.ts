import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { nameKey, phoneDigits } from '../../db/requester-keys.ts';

/**
 * Finding a request by who called: their name or their phone number, for callbacks ("I called last
 * week about the streetlight"). Personal data: only staff viewers may search by it (visibility.ts,
 * mayFindByRequester); the expressions here are the same ones the indexes are built on
 * (schema/service-requests.ts), so a search walks an index instead of reading every request.
 */

const phoneLike = /^[+()0-9.\-\s]+((x|ext\.?|extension)\s*[0-9]+)?$/i;

/**
 * What a typed phone number can be stored as, digits only: the national number with or without the
 * country code, a trunk 0, or an international prefix. Parsed with libphonenumber (the department's
 * region for numbers typed without a country code), so "860-555-0199", "(860) 555 0199" and
 * "+1 860 555 0199" all find the same requests. null when the text is not a phone number.
 */
export function phoneSearchKeys(text: string, region: string): string[] | null {
  const typed = text.trim();
  if (!phoneLike.test(typed) || typed.replace(/\D/g, '').length < 7) return null;
  const parsed = parsePhoneNumberFromString(typed.replace(/\s*(x|ext\.?|extension)\s*[0-9]+$/i, ''), {
    defaultCountry: region as CountryCode,
  });
  if (!parsed?.isPossible()) return null;
  const national = String(parsed.nationalNumber);
  const country = String(parsed.countryCallingCode);
  return [
    ...new Set([
      national,
      country + national,
      `0${national}`,
      `00${country}${national}`,
      `011${country}${national}`,
    ]),
  ];
}

/** The words of a typed name, each at least two letters; null when the text holds no name. */
export function nameSearchWords(text: string): string[] | null {
  if (/\d/.test(text)) return null;
  const words = text
    .split(/[\s,]+/)
    .map((word) => word.trim())
    .filter((word) => word.length >= 2);
  return words.length > 0 && words.length <= 6 ? words : null;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Requests whose requester is who the text names: every word of a name appears in the requester's
 * name (any order, accents ignored), or the phone number is the same number. null when the text is
 * neither a name nor a phone number.
 */
export function requesterMatch(
  columns: { name: AnyColumn; phone: AnyColumn },
  text: string,
  region: string,
): SQL | null {
  const phones = phoneSearchKeys(text, region);
  if (phones)
    return sql`${phoneDigits(columns.phone)} in (${sql.join(
      phones.map((key) => sql`${key}`),
      sql`, `,
    )})`;
  const words = nameSearchWords(text);
  if (!words) return null;
  return sql.join(
    words.map((word) => sql`${nameKey(columns.name)} like '%' || ${nameKey(escapeLike(word))} || '%'`),
    sql` and `,
  );
}
