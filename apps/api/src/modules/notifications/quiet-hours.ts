import { DateTime } from 'luxon';

export interface QuietHours {
  /** HH:MM local time in the department's time zone. */
  start: string;
  end: string;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * When the quiet period that `at` falls in ends, or null when `at` is outside quiet hours. Quiet hours
 * may span midnight (22:00–07:00). Computed on the local wall clock, so a daylight-saving change moves
 * the instant, not the time of day a person sees.
 */
export function quietHoursEndAt(at: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet) return null;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const spansMidnight = start > end;
  const inside = spansMidnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return null;
  const endDay = spansMidnight && now >= start ? local.plus({ days: 1 }) : local;
  const endsAt = endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  return endsAt.toJSDate();
}

/** The department-local date and hour of an instant, e.g. for "is it this user's digest hour". */
export function localHour(at: Date, timeZone: string): { date: string; hour: number } {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return { date: local.toISODate() ?? '', hour: local.hour };
}
