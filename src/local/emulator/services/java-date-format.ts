/**
 * Utilities.formatDate's formatting: "Formats date according to specification described in
 * Java SE SimpleDateFormat class" with a java.util.TimeZone id
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)).
 *
 * Pattern letters as SimpleDateFormat defines them
 * (https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html): G era;
 * y year; Y WEEK year; M/L month; w week in year; W week in month; D day in year; d day in
 * month; F day of week in month; E day name; u day number (1 = Monday); a AM/PM; H 0-23;
 * k 1-24; K 0-11; h 1-12; m; s; S milliseconds (a number, not a fraction); z general zone
 * name; Z RFC 822 offset (-0800); X ISO 8601 offset (-08, -0800, -08:00, or Z at zero). A
 * Number is zero-padded to the letter count; a year with two letters is truncated to two
 * digits; Text with four or more letters is the full form, else the short one. Any other
 * ASCII letter is "Illegal pattern character".
 *
 * Locale: names are English and weeks follow the US calendar (weeks start on Sunday; week 1
 * is the week containing 1 January), the defaults of Locale.US. Google does not say which
 * locale formatDate uses; English names are what users see, and US weeks go with them.
 */
import { MONTH_NAMES, WEEKDAY_NAMES, offsetMinutes } from '../zoned-time';

/** A java.util.TimeZone as far as formatting needs it. */
export interface JavaTimeZone {
  /** Offset from UTC in minutes at `instant`. */
  offsetAt(instant: number): number;
  /** The general time zone name ('z'): short (< 4 letters) or long. */
  name(instant: number, long: boolean): string;
}

const CUSTOM_ID = /^GMT([+-])(\d{1,4})(?::(\d{2}))?$/;

function gmtOffsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `GMT${sign}${pad(Math.trunc(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function fixedZone(minutes: number, names?: { short: string; long: string }): JavaTimeZone {
  return {
    offsetAt: () => minutes,
    name: (_instant, long) => (names ? (long ? names.long : names.short) : gmtOffsetText(minutes)),
  };
}

/**
 * Java's custom ids: "GMT Sign Hours:Minutes", "GMT Sign Hours Minutes" (hhmm) or "GMT Sign
 * Hours", hours 0-23 and minutes 00-59; "GMT+10" is ten hours, "GMT+0010" ten minutes.
 * https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/util/TimeZone.html
 */
function customOffsetMinutes(id: string): number | null {
  const match = CUSTOM_ID.exec(id);
  if (!match) return null;
  const digits = match[2];
  let hours: number;
  let minutes: number;
  if (match[3] !== undefined) {
    if (digits.length > 2) return null;
    hours = Number(digits);
    minutes = Number(match[3]);
  } else if (digits.length <= 2) {
    hours = Number(digits);
    minutes = 0;
  } else {
    hours = Math.trunc(Number(digits) / 100);
    minutes = Number(digits) % 100;
  }
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function intlZone(id: string): JavaTimeZone {
  const names = new Map<string, Intl.DateTimeFormat>();
  const formatter = (long: boolean) => {
    const key = long ? 'long' : 'short';
    let f = names.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: key });
      names.set(key, f);
    }
    return f;
  };
  return {
    offsetAt: (instant) => offsetMinutes(instant, id),
    // Intl's English names; Java's may differ for some zones (e.g. "CET" where Intl says
    // "GMT+1"): the zone database is the same, the display names are not.
    name: (instant, long) =>
      formatter(long)
        .formatToParts(new Date(instant))
        .find((p) => p.type === 'timeZoneName')?.value ?? '',
  };
}

const GMT = fixedZone(0, { short: 'GMT', long: 'Greenwich Mean Time' });

/**
 * TimeZone.getTimeZone(id): a zone database id ("Europe/Warsaw", "UTC"), a custom GMT
 * offset, or — "the GMT zone if the given ID cannot be understood" (Java silently falls
 * back; it does not throw).
 */
export function javaTimeZone(id: string): JavaTimeZone {
  if (id === 'GMT') return GMT;
  if (id === 'UTC') return fixedZone(0, { short: 'UTC', long: 'Coordinated Universal Time' });
  const custom = customOffsetMinutes(id);
  if (custom !== null) return fixedZone(custom);
  // Intl also takes "+02:00" offsets, which are not Java zone ids.
  if (/^[+-]/.test(id) || id.trim() === '') return GMT;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
  } catch {
    return GMT;
  }
  return intlZone(id);
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** The calendar fields SimpleDateFormat formats, for one instant in one zone. */
interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: number; // minutes
}

function fieldsAt(instant: number, zone: JavaTimeZone): Fields {
  const offset = zone.offsetAt(instant);
  const wall = new Date(instant + offset * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    offset,
  };
}

const DAY_MS = 86_400_000;

function dayOfYear(f: Fields): number {
  return (Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / DAY_MS + 1;
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * Week year and week of year with Sunday-first weeks where week 1 contains 1 January (US
 * minimalDaysInFirstWeek = 1): the last days of December belong to week 1 of the next year
 * when that week starts before 1 January.
 */
function weekOfYear(f: Fields): { weekYear: number; week: number } {
  const doy = dayOfYear(f);
  const jan1 = weekdayOf(f.year, 1, 1);
  const daysInYear = (Date.UTC(f.year + 1, 0, 1) - Date.UTC(f.year, 0, 1)) / DAY_MS;
  const nextJan1 = (jan1 + daysInYear) % 7;
  if (nextJan1 !== 0 && doy > daysInYear - nextJan1) return { weekYear: f.year + 1, week: 1 };
  return { weekYear: f.year, week: Math.floor((doy - 1 + jan1) / 7) + 1 };
}

function yearText(year: number, count: number): string {
  return count === 2 ? pad(year % 100, 2) : pad(year, count);
}

function textOf(full: string, count: number): string {
  return count >= 4 ? full : full.slice(0, 3);
}

function rfc822(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(offset) / 60), 2)}${pad(Math.abs(offset) % 60, 2)}`;
}

function iso8601(offset: number, count: number): string {
  if (count > 3) throw new Error(`invalid ISO 8601 format: length=${count}`);
  if (offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const hours = pad(Math.trunc(Math.abs(offset) / 60), 2);
  const minutes = pad(Math.abs(offset) % 60, 2);
  if (count === 1) return `${sign}${hours}`;
  return count === 2 ? `${sign}${hours}${minutes}` : `${sign}${hours}:${minutes}`;
}

function formatField(
  letter: string,
  count: number,
  f: Fields,
  instant: number,
  zone: JavaTimeZone,
): string {
  switch (letter) {
    case 'G':
      return f.year > 0 ? 'AD' : 'BC';
    case 'y':
      return yearText(f.year, count);
    case 'Y':
      return yearText(weekOfYear(f).weekYear, count);
    case 'M':
    case 'L':
      return count >= 3 ? textOf(MONTH_NAMES[f.month - 1], count) : pad(f.month, count);
    case 'w':
      return pad(weekOfYear(f).week, count);
    case 'W':
      return pad(Math.floor((f.day - 1 + weekdayOf(f.year, f.month, 1)) / 7) + 1, count);
    case 'D':
      return pad(dayOfYear(f), count);
    case 'd':
      return pad(f.day, count);
    case 'F':
      return pad(Math.floor((f.day - 1) / 7) + 1, count);
    case 'E':
      return textOf(WEEKDAY_NAMES[f.weekday], count);
    case 'u':
      return pad(f.weekday === 0 ? 7 : f.weekday, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millisecond, count);
    case 'z':
      return zone.name(instant, count >= 4);
    case 'Z':
      return rfc822(f.offset);
    case 'X':
      return iso8601(f.offset, count);
    default:
      // java.lang.IllegalArgumentException's text.
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** A quoted literal starting at `start` ("'…'", with '' for a quote inside): text and end. */
function quoted(pattern: string, start: number): { text: string; next: number } {
  if (pattern[start + 1] === "'") return { text: "'", next: start + 2 };
  let j = start + 1;
  let text = '';
  while (j < pattern.length) {
    if (pattern[j] !== "'") text += pattern[j++];
    else if (pattern[j + 1] === "'") {
      text += "'";
      j += 2;
    } else break;
  }
  if (j >= pattern.length) throw new Error(`Unterminated quote in pattern: ${pattern}`);
  return { text, next: j + 1 };
}

/** SimpleDateFormat.format for `instant` in `zone` (English names, US weeks). */
export function formatJavaDate(instant: number, zone: JavaTimeZone, pattern: string): string {
  const fields = fieldsAt(instant, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const literal = quoted(pattern, i);
      out += literal.text;
      i = literal.next;
    } else if (/[A-Za-z]/.test(ch)) {
      let count = 1;
      while (pattern[i + count] === ch) count++;
      out += formatField(ch, count, fields, instant, zone);
      i += count;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
