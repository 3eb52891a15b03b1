import type { MeetingKind, MeetingStatus } from '@nsp/contracts';

export const KIND_LABELS: Record<MeetingKind, string> = {
  community_meeting: 'Community meeting',
  education_session: 'Education session',
  partner_meeting: 'Partner meeting',
};

export const STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: 'Planned',
  held: 'Held',
  cancelled: 'Cancelled',
};

export const STATUS_BADGES: Record<MeetingStatus, string> = {
  planned: 'badge badge-info',
  held: 'badge badge-success',
  cancelled: 'badge badge-muted',
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** A meeting's time in its own time zone (where the room is), e.g. "Tue, Mar 9, 2027, 6:30 PM EST". */
export function formatMeetingTime(
  iso: string,
  timeZone: string,
  options: { timeOnly?: boolean } = {},
): string {
  const key = `${timeZone}|${options.timeOnly ? 't' : 'd'}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      ...(options.timeOnly
        ? { hour: 'numeric', minute: '2-digit' }
        : {
            weekday: 'short',
            month: 'short',
            day: 'numeric',
            year: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
          }),
      timeZoneName: options.timeOnly ? undefined : 'short',
    });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return (
    Date.UTC(
      value('year'),
      value('month') - 1,
      value('day'),
      value('hour'),
      value('minute'),
      value('second'),
    ) - instantMs
  );
}

/**
 * The instant a wall-clock time ("2027-03-09T18:30", as a datetime-local input gives it) names in a
 * zone: the meeting is at 18:30 where the room is, whatever zone the browser is in.
 */
export function wallTimeToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}
