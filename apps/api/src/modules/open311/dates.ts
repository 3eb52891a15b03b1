import { DateTime } from 'luxon';
import { Open311Error } from './errors.ts';

/** GeoReport datetimes: `2026-11-26T10:15:00-05:00`, in the department's time zone, no milliseconds. */
export function open311DateTime(value: Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  return (
    DateTime.fromJSDate(value, { zone: timeZone })
      .startOf('second')
      .toISO({ suppressMilliseconds: true, includeOffset: true }) ?? ''
  );
}

/**
 * A date argument: ISO 8601, with an offset as the specification asks, or without one (then read in
 * the department's time zone, as FixMyStreet's datetime-local answers are). A bad value is a 400
 * naming the parameter. `hasFraction` tells whether the client gave sub-second precision.
 */
export function parseOpen311Date(
  name: string,
  value: string,
  timeZone: string,
): { at: Date; wholeSecond: boolean } {
  const parsed = DateTime.fromISO(value.replace(' ', '+'), { zone: timeZone });
  if (!parsed.isValid || parsed.year < 1900 || parsed.year > 2199) {
    throw Open311Error.of(400, `${name}: must be an ISO 8601 date-time such as 2026-11-26T10:15:00-05:00`);
  }
  return { at: parsed.toJSDate(), wholeSecond: parsed.millisecond === 0 };
}

/** A datetime attribute answer with no offset, read in the department's time zone; others as given. */
export function localDateTimeAnswer(value: string, timeZone: string): string {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) return value;
  const parsed = DateTime.fromISO(value.trim(), { zone: timeZone });
  return parsed.isValid ? (parsed.toISO() ?? value) : value;
}
