/**
 * Calendar dates. Kartoteka reasons in calendar days in the spreadsheet's time zone
 * ("follow up on 2026-03-04"), never in instants, so a date is an ISO `YYYY-MM-DD` string.
 * Nothing here reads a clock: callers pass `now` and the time zone.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Parsed dates, by text: a whole-sheet job compares the same few hundred dates hundreds of
 * thousands of times. Bounded, so a long execution cannot grow it without limit.
 */
const parsedDays = new Map<string, number | null>();
const PARSED_DAYS_MAX = 20_000;

/** The date as days since 1970-01-01, or null when the text is not a real calendar date. */
function dayNumber(date: IsoDate): number | null {
  const known = parsedDays.get(date);
  if (known !== undefined) return known;
  if (parsedDays.size >= PARSED_DAYS_MAX) parsedDays.clear();
  const days = parseDayNumber(date);
  parsedDays.set(date, days);
  return days;
}

function parseDayNumber(date: IsoDate): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
  if (check.getUTCDate() !== day) return null;
  return utc / MS_PER_DAY;
}

function fromDayNumber(days: number): IsoDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== null;
}

function requireDay(date: IsoDate): number {
  const days = dayNumber(date);
  if (days === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): '${date}'`);
  return days;
}

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs ~57 µs, reusing one
 * ~1 µs, and a whole-sheet read converts tens of thousands of date cells.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Dates already worked out, by zone and instant: a date column holds few distinct days. */
const datesOf = new Map<string, IsoDate>();
const DATES_OF_MAX = 20_000;

/** The calendar date an instant falls on in an IANA time zone (e.g. 'Europe/Warsaw'). */
export function calendarDateIn(instant: Date, timeZone: string): IsoDate {
  const key = `${timeZone}|${instant.getTime()}`;
  const known = datesOf.get(key);
  if (known !== undefined) return known;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  if (datesOf.size >= DATES_OF_MAX) datesOf.clear();
  datesOf.set(key, date);
  return date;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(requireDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return requireDay(to) - requireDay(from);
}
