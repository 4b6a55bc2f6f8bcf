/**
 * Wall-clock arithmetic in an IANA time zone with Intl only, shared by the Spreadsheet
 * emulator (date serials), ScriptApp (trigger schedules), MailApp (quota days) and
 * Utilities.formatDate.
 */

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timeZone` shows at `instant` (epoch ms). */
export function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    parts[part.type] = part.value;
  }
  const yearOfEra = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((instant % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Warsaw in summer: +120). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  const wholeSecond = instant - w.millisecond;
  return Math.round((asUtc - w.millisecond - wholeSecond) / 60000);
}

/**
 * The instant a wall clock in `timeZone` shows the given local time. A local time skipped by
 * a DST jump (02:30 on the spring-forward night) maps to the instant after the gap, as the
 * clock moves on; an ambiguous one (autumn) maps to its first occurrence.
 */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const before = naive - offsetMinutes(naive - 86_400_000 / 2, timeZone) * 60000;
  const after = naive - offsetMinutes(naive + 86_400_000 / 2, timeZone) * 60000;
  const candidates = [before, after].filter((t) => {
    const w = wallClock(t, timeZone);
    return (
      w.hour === new Date(naive).getUTCHours() &&
      w.minute === minute &&
      w.day === new Date(naive).getUTCDate()
    );
  });
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the offset before the jump applied to the local time lands after the gap.
  return before;
}
