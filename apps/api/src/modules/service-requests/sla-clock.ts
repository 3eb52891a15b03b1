import { DateTime, IANAZone } from 'luxon';

/**
 * SLA clock: turns "N hours" of a service-level target into a due instant and back.
 *
 * - 'calendar' hours are exact elapsed time (absolute milliseconds), so a daylight-saving change never
 *   makes a 24 h target 23 h or 25 h long.
 * - 'business' hours count only the time the department is open: its weekly hours in its own IANA time
 *   zone, minus its holidays. Each open interval is turned into two absolute instants and the real time
 *   between them is counted, so an interval that contains a DST change is 1 h shorter or longer than its
 *   wall-clock length. This is what makes a 24/7 calendar agree exactly with calendar hours.
 *
 * Local times that do not exist (spring-forward gap) are pushed forward past the gap and ambiguous local
 * times (fall-back overlap) resolve to one of the two instants, both as luxon does.
 */

export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Local 'HH:mm' opening intervals per weekday; `end` may be '24:00' to run until midnight. */
export type WeeklyHours = Record<WeekdayKey, Array<{ start: string; end: string }>>;

export interface BusinessCalendar {
  /** IANA time zone of the department, e.g. 'America/New_York'. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  /** Local dates ('YYYY-MM-DD') on which the department is closed all day. */
  holidays: readonly string[];
}

export type SlaClock = 'calendar' | 'business';

/** Thrown when a business calendar cannot be used (no open hours, malformed times, unknown zone). */
export class BusinessCalendarConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BusinessCalendarConfigError';
  }
}

export const defaultTimeZone = 'America/New_York';

const officeHours = [{ start: '08:00', end: '17:00' }];

/** Mon–Fri 08:00–17:00, closed on weekends. */
export const defaultWeeklyHours: WeeklyHours = {
  mon: officeHours,
  tue: officeHours,
  wed: officeHours,
  thu: officeHours,
  fri: officeHours,
  sat: [],
  sun: [],
};

const millisecondsPerHour = 3_600_000;
const millisecondsPerDay = 86_400_000;
const minutesPerDay = 24 * 60;

// A due date further out than this is a misconfiguration (e.g. holidays listed for years on end), not a
// real SLA; stopping here also guarantees the day-by-day search terminates.
const maxSearchYears = 10;
const maxSearchDays = Math.ceil(maxSearchYears * 366);

// Converting local wall times to instants through the time-zone database is the expensive part, and
// statistics call serviceHoursBetween for thousands of requests over the same few months, so both the
// compiled calendar and each day's open instants are memoised. The bounds only cap memory.
const maxCachedCalendars = 64;
const maxCachedDaysPerCalendar = 4_000;

const weekdayKeysFromMonday: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const localTimePattern = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Opening interval as minutes after local midnight, end exclusive, start < end. */
interface MinuteInterval {
  startMinute: number;
  endMinute: number;
}

/** Absolute [open, close) instants in epoch milliseconds. */
type OpenInstants = readonly (readonly [number, number])[];

interface CompiledCalendar {
  timeZone: string;
  /** Index 0 is Monday; intervals sorted and non-overlapping. */
  intervalsByWeekday: readonly (readonly MinuteInterval[])[];
  /** Holidays as local epoch days (days since 1970-01-01 on the department's calendar). */
  holidayEpochDays: ReadonlySet<number>;
  openInstantsByEpochDay: Map<number, OpenInstants>;
}

// Keyed by content rather than object identity, so a calendar edited in place is never served stale.
const compiledCalendars = new Map<string, CompiledCalendar>();

/**
 * Due instant of an SLA target of `hours` starting at `start`.
 * Zero hours returns `start` unchanged, even outside opening hours, because nothing has to be done.
 * A business target that ends exactly at closing time is due at closing time, not at the next opening.
 * `calendar` is only read, and validated, for the 'business' clock.
 */
export function addServiceHours(
  start: Date,
  hours: number,
  clock: SlaClock,
  calendar: BusinessCalendar,
): Date {
  const startMillis = requireValidInstant(start, 'start');
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`SLA hours must be a finite number >= 0, got ${hours}`);
  }
  // Whole milliseconds keep results exact and make the inverse round-trip cleanly.
  const durationMillis = Math.round(hours * millisecondsPerHour);
  if (clock === 'calendar') return new Date(startMillis + durationMillis);

  // Validated even when nothing is counted, so a broken calendar fails on the first request, not the 100th.
  const compiled = compileCalendar(calendar);
  if (durationMillis === 0) return new Date(startMillis);

  let remainingMillis = durationMillis;
  const firstDay = localEpochDayOf(startMillis, compiled.timeZone);
  for (let day = firstDay; day < firstDay + maxSearchDays; day++) {
    for (const [openMillis, closeMillis] of openInstantsOn(day, compiled)) {
      const countFrom = Math.max(openMillis, startMillis);
      if (closeMillis <= countFrom) continue;
      const availableMillis = closeMillis - countFrom;
      if (remainingMillis <= availableMillis) {
        return new Date(countFrom + remainingMillis);
      }
      remainingMillis -= availableMillis;
    }
  }
  throw new RangeError(
    `SLA of ${hours} business hours does not fit within ${maxSearchYears} years of the calendar in ${compiled.timeZone}`,
  );
}

/**
 * Hours on the given clock between two instants, e.g. how long a request waited for its first response.
 * Negative when `to` is before `from`, so that it stays the inverse of addServiceHours.
 */
export function serviceHoursBetween(
  from: Date,
  to: Date,
  clock: SlaClock,
  calendar: BusinessCalendar,
): number {
  const fromMillis = requireValidInstant(from, 'from');
  const toMillis = requireValidInstant(to, 'to');
  if (toMillis < fromMillis) {
    return -serviceHoursBetween(to, from, clock, calendar);
  }
  if (clock === 'calendar') return (toMillis - fromMillis) / millisecondsPerHour;

  const compiled = compileCalendar(calendar);
  const lastDay = localEpochDayOf(toMillis, compiled.timeZone);
  let openMillisTotal = 0;
  // Bounded by the span itself: one iteration per local day between the two instants.
  for (let day = localEpochDayOf(fromMillis, compiled.timeZone); day <= lastDay; day++) {
    for (const [openMillis, closeMillis] of openInstantsOn(day, compiled)) {
      const overlapStart = Math.max(openMillis, fromMillis);
      const overlapEnd = Math.min(closeMillis, toMillis);
      if (overlapEnd > overlapStart) openMillisTotal += overlapEnd - overlapStart;
    }
  }
  return openMillisTotal / millisecondsPerHour;
}

function requireValidInstant(value: Date, name: string): number {
  const millis = value.getTime();
  if (Number.isNaN(millis)) throw new RangeError(`${name} is an invalid Date`);
  return millis;
}

/**
 * The department's local date of an instant, as days since 1970-01-01. Local dates are plain integers so
 * that stepping day by day and finding the weekday is arithmetic, untouched by DST changes.
 */
function localEpochDayOf(instantMillis: number, timeZone: string): number {
  const local = DateTime.fromMillis(instantMillis, { zone: timeZone });
  return Date.UTC(local.year, local.month - 1, local.day) / millisecondsPerDay;
}

function weekdayIndexOf(epochDay: number): number {
  // 1970-01-01 was a Thursday, index 3 when Monday is 0.
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** Absolute [open, close) instants of the department's intervals on one local date; none on holidays. */
function openInstantsOn(epochDay: number, compiled: CompiledCalendar): OpenInstants {
  const intervals = compiled.intervalsByWeekday[weekdayIndexOf(epochDay)] ?? [];
  if (intervals.length === 0 || compiled.holidayEpochDays.has(epochDay)) return [];

  const cached = compiled.openInstantsByEpochDay.get(epochDay);
  if (cached) return cached;
  const instants = intervals.map(
    ({ startMinute, endMinute }) =>
      [
        localMinuteToMillis(epochDay, startMinute, compiled.timeZone),
        localMinuteToMillis(epochDay, endMinute, compiled.timeZone),
      ] as const,
  );
  if (compiled.openInstantsByEpochDay.size >= maxCachedDaysPerCalendar)
    compiled.openInstantsByEpochDay.clear();
  compiled.openInstantsByEpochDay.set(epochDay, instants);
  return instants;
}

function localMinuteToMillis(epochDay: number, minuteOfDay: number, timeZone: string): number {
  // '24:00' is the next date's midnight, which luxon cannot express as hour 24.
  const date = new Date((epochDay + Math.floor(minuteOfDay / minutesPerDay)) * millisecondsPerDay);
  const minute = minuteOfDay % minutesPerDay;
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minute / 60),
      minute: minute % 60,
    },
    { zone: timeZone },
  ).toMillis();
}

function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const cacheKey = JSON.stringify([calendar.timeZone, calendar.weeklyHours, calendar.holidays]);
  const cached = compiledCalendars.get(cacheKey);
  if (cached) return cached;

  if (!IANAZone.isValidZone(calendar.timeZone)) {
    throw new BusinessCalendarConfigError(`Unknown IANA time zone '${calendar.timeZone}'`);
  }
  const intervalsByWeekday = weekdayKeysFromMonday.map((weekday) =>
    compileDayIntervals(weekday, calendar.weeklyHours[weekday] ?? []),
  );
  if (intervalsByWeekday.every((intervals) => intervals.length === 0)) {
    throw new BusinessCalendarConfigError('Business calendar has no open hours in its week');
  }
  const compiled: CompiledCalendar = {
    timeZone: calendar.timeZone,
    intervalsByWeekday,
    holidayEpochDays: new Set(calendar.holidays.map(parseHoliday)),
    openInstantsByEpochDay: new Map(),
  };
  if (compiledCalendars.size >= maxCachedCalendars) compiledCalendars.clear();
  compiledCalendars.set(cacheKey, compiled);
  return compiled;
}

function compileDayIntervals(
  weekday: WeekdayKey,
  intervals: ReadonlyArray<{ start: string; end: string }>,
): MinuteInterval[] {
  const parsed = intervals.map(({ start, end }) => {
    const startMinute = parseLocalTime(start, weekday);
    const endMinute = parseLocalTime(end, weekday);
    if (endMinute <= startMinute) {
      throw new BusinessCalendarConfigError(
        `Opening interval ${start}-${end} on ${weekday} must end after it starts (split overnight shifts at 24:00)`,
      );
    }
    return { startMinute, endMinute };
  });
  // Merge overlapping or touching intervals so that no open minute is counted twice.
  parsed.sort((a, b) => a.startMinute - b.startMinute);
  const merged: MinuteInterval[] = [];
  for (const interval of parsed) {
    const previous = merged.at(-1);
    if (previous && interval.startMinute <= previous.endMinute) {
      previous.endMinute = Math.max(previous.endMinute, interval.endMinute);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

function parseLocalTime(value: string, weekday: WeekdayKey): number {
  const match = localTimePattern.exec(value);
  if (!match) {
    throw new BusinessCalendarConfigError(`Time '${value}' on ${weekday} is not a local 'HH:mm' time`);
  }
  const hour = Number(match[1] ?? match[3]);
  const minute = Number(match[2] ?? match[4]);
  return hour * 60 + minute;
}

function parseHoliday(value: string): number {
  const match = localDatePattern.exec(value);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const epochMillis = Date.UTC(year, month - 1, day);
  const date = new Date(epochMillis);
  // Date.UTC silently rolls 2026-02-30 over to March 2; a round trip catches such impossible dates.
  if (
    !match ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new BusinessCalendarConfigError(`Holiday '${value}' is not a YYYY-MM-DD date`);
  }
  return epochMillis / millisecondsPerDay;
}
