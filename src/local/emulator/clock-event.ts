/**
 * The event object Apps Script passes to a time-driven trigger's handler, as the "Time-driven"
 * table of https://developers.google.com/apps-script/guide_events lists it: authMode (FULL),
 * day-of-month (1–31), day-of-week (1 = Monday … 7 = Sunday), hour, minute, month (1–12),
 * second, timezone (the example value is "UTC"), triggerUid, week-of-year and year. The same
 * field list is @types/google-apps-script's GoogleAppsScript.Events.TimeDriven.
 *
 * The fields describe the moment in UTC, which is what the page's example shows and what
 * users of real triggers report; a handler that wants local time must use the script's zone.
 * The page gives week-of-year as "between 1 and 52" without a rule; the emulator uses the
 * ISO 8601 week (Monday first, like day-of-week), so it can be 53 in a long year.
 */
export type ClockEvent = GoogleAppsScript.Events.TimeDriven;

/** ISO 8601 week number of the UTC date of `at`. */
function isoWeek(at: Date): number {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

export function clockEvent(triggerUid: string, at: Date): ClockEvent {
  return {
    // Enums are their names at runtime (see services/script-app.ts).
    authMode: 'FULL' as unknown as GoogleAppsScript.Script.AuthMode,
    triggerUid,
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    'week-of-year': isoWeek(at),
    'day-of-month': at.getUTCDate(),
    'day-of-week': at.getUTCDay() || 7,
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
    timezone: 'UTC',
  };
}
