import { type SQL, sql } from 'drizzle-orm';
import { serviceRequests as sr } from '../../db/schema/index.ts';

/**
 * Callers read their tracking number out over the phone ("E H, twenty twenty-six, one two three"), so
 * the queue's search box takes it in the forms people say and type it:
 *
 *   EH-2026-000123, eh-2026-123   the whole number (any prefix; case and zero padding do not matter)
 *   2026-000123, 2026-123         year and number, with this department's prefix
 *   000123, 123, #123             the number alone, with this department's prefix, in any year
 *
 * Tracking numbers are `<PREFIX>-<year>-<number padded to 6 digits>` and the number comes from one
 * sequence that never restarts, so the number alone names one request. Every form becomes an exact
 * match on tracking_number, which its unique index answers in a few probes.
 */

const wholeNumber = /^([A-Za-z][A-Za-z0-9]{0,7})-(\d{4})-(\d{1,12})$/;
const yearAndNumber = /^(\d{4})-(\d{1,12})$/;
const numberOnly = /^#?(\d{1,12})$/;

/** The number part as intake writes it: without leading zeros, then padded to at least 6 digits. */
function paddedNumber(digits: string): string | null {
  const number = digits.replace(/^0+/, '');
  return number === '' ? null : number.padStart(6, '0');
}

export type TrackingNumberQuery =
  | { kind: 'exact'; trackingNumber: string }
  | { kind: 'any_year'; prefix: string; number: string };

/** What a search text means as a tracking number, or null when it does not look like one. */
export function parseTrackingNumberQuery(
  text: string,
  trackingPrefix: string | undefined,
): TrackingNumberQuery | null {
  const query = text.trim();
  const whole = wholeNumber.exec(query);
  if (whole) {
    const number = paddedNumber(whole[3]!);
    return number
      ? { kind: 'exact', trackingNumber: `${whole[1]!.toUpperCase()}-${whole[2]}-${number}` }
      : null;
  }
  if (!trackingPrefix) return null;
  const withYear = yearAndNumber.exec(query);
  if (withYear) {
    const number = paddedNumber(withYear[2]!);
    return number ? { kind: 'exact', trackingNumber: `${trackingPrefix}-${withYear[1]}-${number}` } : null;
  }
  const bare = numberOnly.exec(query);
  if (bare) {
    const number = paddedNumber(bare[1]!);
    return number ? { kind: 'any_year', prefix: trackingPrefix, number } : null;
  }
  return null;
}

/**
 * The condition matching the request with that tracking number. For a number without a year, the
 * candidates are that number in every year from the oldest request's (min(created_at) walks the
 * creation-time index; one year of slack either side for the department's time zone) to next year:
 * an array the unique index probes once per year, not a pattern that reads every row.
 */
export function trackingNumberCondition(parsed: TrackingNumberQuery, now: Date): SQL {
  if (parsed.kind === 'exact') return sql`${sr.trackingNumber} = ${parsed.trackingNumber}`;
  return sql`${sr.trackingNumber} = any(array(
    select ${parsed.prefix}::text || '-' || year::text || '-' || ${parsed.number}::text
    from generate_series(
      (select extract(year from min(oldest.created_at))::int - 1 from ${sr} as oldest),
      extract(year from ${now.toISOString()}::timestamptz)::int + 1
    ) as year
  ))`;
}
