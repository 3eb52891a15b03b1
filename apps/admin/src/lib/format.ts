/**
 * Made on first use, not when the module loads: building an Intl formatter loads locale data, and
 * four of them at boot held a slow phone's main thread for tens of milliseconds before the first
 * render, for pages that may show no date at all.
 */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

const dateTimeFormat = lazy(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
);
const numberFormat = lazy(() => new Intl.NumberFormat());

/** Builds the formatters most pages use, ahead of their first use (see main.tsx). */
export function warmUpFormatters(): void {
  dateTimeFormat();
  shortFormat();
}

/** Formats an ISO timestamp for display; empty string for null/invalid values. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTimeFormat().format(date);
}

const shortFormat = lazy(
  () =>
    new Intl.DateTimeFormat(undefined, {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }),
);
const shortFormatWithYear = lazy(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }),
);

/** "Nov 21, 10:15 AM" this year, "11/21/25, 10:15 AM" otherwise: for dense lists. */
export function formatShortDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (date.getFullYear() === now.getFullYear() ? shortFormat() : shortFormatWithYear()).format(date);
}

export function isInFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const time = new Date(iso).getTime();
  return !Number.isNaN(time) && time > now.getTime();
}

export function formatNumber(value: number): string {
  // Small whole numbers (most counts) read the same in the staff's locales (English, Spanish):
  // no formatter needed, which spares a phone building one just to print "3 open".
  if (Number.isInteger(value) && Math.abs(value) < 1000) return String(value);
  return numberFormat().format(value);
}

/** Square metres as people read areas: m² when small, hectares and km² when large. */
export function formatArea(squareMeters: number | null | undefined): string {
  if (squareMeters === null || squareMeters === undefined) return '';
  if (squareMeters < 10_000) return `${numberFormat().format(Math.round(squareMeters))} m²`;
  if (squareMeters < 1_000_000) return `${(squareMeters / 10_000).toFixed(1)} ha`;
  return `${(squareMeters / 1_000_000).toFixed(2)} km²`;
}

/**
 * "3 h 20 min", "2 d 4 h", "45 min": how far a due time is from now, in words a person scans fast.
 * Compact keeps only the largest unit ("37 h", "3 d") for narrow places such as the queue.
 */
export function formatDuration(milliseconds: number, { compact = false } = {}): string {
  const minutes = Math.round(Math.abs(milliseconds) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (compact) return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * The value of an `<input type="datetime-local">` for an instant, in the browser's time zone
 * (the staff's own clock), to the minute.
 */
export function toDateTimeLocalValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}`;
}

/** The instant a datetime-local value names (read in the browser's time zone), or null when empty/invalid. */
export function fromDateTimeLocalValue(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A duration given in hours, as the dashboards show it: "2 d 4 h" from a day on, "5 h 20 min" under
 * a day, "45 min" under an hour; an empty dash for no value.
 */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const minutes = Math.round(Math.abs(hours) * 60);
  if (minutes < 60) return `${minutes} min`;
  const wholeHours = Math.floor(minutes / 60);
  if (wholeHours < 24) return minutes % 60 ? `${wholeHours} h ${minutes % 60} min` : `${wholeHours} h`;
  const days = Math.floor(wholeHours / 24);
  const restHours = Math.round((minutes - days * 24 * 60) / 60);
  return restHours === 24 ? `${days + 1} d` : restHours ? `${days} d ${restHours} h` : `${days} d`;
}
