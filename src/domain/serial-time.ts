/**
 * Instants as Sheets date-time serial numbers. Sheets stores a date-time as the number of
 * days since 1899-12-30 on the *wall clock of the spreadsheet's time zone*, the time of day
 * as the fraction (https://developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption,
 * https://developers.google.com/sheets/api/guides/formats#about_date_time_values). Kartoteka's
 * stamps are instants (ISO text in records and API JSON), so a stamp written as a real
 * date-time is converted here both ways. A double holds a serial to well under a
 * millisecond (about 4·10⁻⁴ ms today), so a stamp read back is the instant written — except
 * in the hour a DST change repeats, whose wall-clock times name two instants: the earlier
 * one is read.
 */

const DAY_MS = 86_400_000;
/** Day 0 of Sheets' serial numbers, as if its wall clock were UTC. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** 1970-01-01 as a serial number: days from the serial epoch to the Unix one. */
const UNIX_EPOCH_SERIAL = -SERIAL_EPOCH_MS / DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

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
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Offsets by zone and quarter hour: zones change offset only on quarter hours, and a
 * whole-sheet read converts tens of thousands of stamps (Intl costs microseconds a call).
 */
const SLICE_MS = 15 * 60_000;
const offsets = new Map<string, number>();
const OFFSETS_MAX = 50_000;

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const slice = Math.floor(instantMs / SLICE_MS);
  const key = `${timeZone}|${slice}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= OFFSETS_MAX) offsets.clear();
    offset = offsetAt(slice * SLICE_MS, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function offsetAt(whole: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - whole;
}

/** The serial number of an instant on the zone's wall clock. */
export function instantToSerial(instantMs: number, timeZone: string): number {
  // Days since 1970 plus the epoch's serial, the way Sheets counts a Date a script writes,
  // so the same instant gives the same double whichever way it was written.
  return (instantMs + zoneOffsetMs(instantMs, timeZone)) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/**
 * The instant a serial number's wall-clock time denotes in the zone. A wall-clock time a DST
 * change skips is read with the offset before the change; one it repeats, as the earlier
 * of its two instants.
 */
export function serialToInstant(serial: number, timeZone: string): Date {
  const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  // The offsets an hour either side cover every transition a zone makes.
  const candidates = [-3 * 3_600_000, 0, 3 * 3_600_000]
    .map((shift) => zoneOffsetMs(wall + shift, timeZone))
    .map((offset) => wall - offset)
    .filter((instant) => instant + zoneOffsetMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length) return new Date(candidates[0]);
  // Skipped by a change (spring forward): read it with the offset in force just before.
  return new Date(wall - zoneOffsetMs(wall - 12 * 3_600_000, timeZone));
}

/** The calendar date a serial number's whole part counts (a date cell's value). */
export function serialToIsoDate(serial: number): string {
  return new Date(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}
