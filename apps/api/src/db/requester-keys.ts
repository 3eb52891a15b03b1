import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/*
 * How a requester's name and phone number are compared when staff look a caller up
 * (modules/service-requests/requester-search.ts). The indexes on service_requests are built on these
 * very expressions (schema/service-requests.ts), so a search can use them: keep both in this file.
 */

/**
 * Accented Latin letters people type with and without their marks (Lucía / Lucia, Łukasz / Lukasz,
 * João / Joao), upper and lower case, each to its plain lower-case letter. translate() maps them
 * one for one; lower() then folds the ASCII letters. Done in SQL with immutable functions only, so
 * an expression index can hold it and the database's collation does not matter.
 */
const ACCENTED =
  'áàâäãåāăąÁÀÂÄÃÅĀĂĄçćčÇĆČďđĎĐéèêëēėęěÉÈÊËĒĖĘĚíìîïīįÍÌÎÏĪĮłŁńñňŃÑŇóòôöõøōőÓÒÔÖÕØŌŐŕřŔŘśšşŚŠŞťţŤŢúùûüūůűųÚÙÛÜŪŮŰŲýÿÝŸźżžŹŻŽ';
/** Letters whose mark is not a combining accent (ł, đ, ø) map by hand; the rest lose theirs by NFD. */
const UNDECOMPOSED: Record<string, string> = { ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ø: 'o', Ø: 'o' };
const PLAIN = [...ACCENTED]
  .map((letter) => UNDECOMPOSED[letter] ?? letter.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())
  .join('');

/** The name as it is compared: accents off, lower case. The index on requester_name uses exactly this. */
export function nameKey(value: AnyColumn | SQL | string): SQL {
  return sql`lower(translate(${value}, ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)}))`;
}

/**
 * The phone number as it is compared: an extension ("x12", "ext. 12") cut off, then digits only.
 * "(860) 555-0199", "860.555.0199" and "+1 860 555 0199" become 8605550199 or 18605550199.
 */
export function phoneDigits(value: AnyColumn | SQL): SQL {
  return sql`regexp_replace(regexp_replace(${value}, '\\s*(x|ext\\.?|extension)\\s*[0-9]*\\s*$', '', 'i'), '[^0-9]', '', 'g')`;
}
