/**
 * Turning daily reminders on and off, and what the sidebar shows about them.
 *
 * An add-on may have one time-driven trigger per user per document, firing at most hourly
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers). Kartoteka
 * installs one hourly trigger for the reminder owner: each run checks whether the day's work
 * is due (the chosen hour has come in the spreadsheet's time zone and today is not done) and
 * otherwise returns at once. That one trigger also continues a day whose work did not fit in
 * one 6-minute execution, which a second, one-off trigger could not (it would be a second
 * time-driven trigger). Triggers are per user, so the document records one owner; another
 * teammate sees who it is and may take over, and the former owner's trigger then removes
 * itself on its next run.
 */
import { addDays, calendarDateIn } from '../../domain/calendar';
import { currentUser } from '../request';
import { getSpreadsheet, rememberSpreadsheetId, UserFacingError } from '../spreadsheet';
import { readOwner, readStatus, writeOwner, type JobStatus } from './reminder-state';

export const DAILY_JOB_HANDLER = 'runDailyJob';
/** A day's work that has not completed for this long is shown as a problem. */
const OVERDUE_AFTER_MS = 26 * 3_600_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ReminderStatus {
  on: boolean;
  owner: string | null;
  hour: number | null;
  you: string;
  youOwn: boolean;
  timeZone: string;
  /** "2026-11-27 between 08:00 and 09:00" (Apps Script picks a moment within the hour). */
  nextRun: string | null;
  lastRun: string | null;
  lastSuccess: string | null;
  result: JobStatus['result'] | null;
  message: string | null;
  /** Something the team should act on: the job has not completed for over a day. */
  problem: string | null;
}

/** This user's daily-job triggers in this document. */
function myTriggers(spreadsheet: Spreadsheet) {
  return ScriptApp.getUserTriggers(spreadsheet).filter(
    (t) => t.getHandlerFunction() === DAILY_JOB_HANDLER,
  );
}

export function removeMyTriggers(spreadsheet: Spreadsheet): void {
  for (const trigger of myTriggers(spreadsheet)) ScriptApp.deleteTrigger(trigger);
}

function hourText(hour: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `between ${pad(hour)}:00 and ${pad((hour + 1) % 24)}:00`;
}

export function reminderStatus(): ReminderStatus {
  const spreadsheet = getSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const owner = readOwner();
  const status = readStatus();
  const you = currentUser();
  const now = new Date();
  const today = calendarDateIn(now, timeZone);
  const nextDay = status.completedOn === today ? addDays(today, 1) : today;
  const lastSuccess = status.lastSuccess ? Date.parse(status.lastSuccess) : null;
  const since = owner ? Date.parse(owner.since) : null;
  const reference = lastSuccess ?? since;
  const late = owner && reference !== null && now.getTime() - reference > OVERDUE_AFTER_MS;
  return {
    on: owner !== null,
    owner: owner?.owner ?? null,
    hour: owner?.hour ?? null,
    you,
    youOwn: owner?.owner === you,
    timeZone,
    nextRun: owner ? `${nextDay} ${hourText(owner.hour)}` : null,
    lastRun: status.lastRun ?? null,
    lastSuccess: status.lastSuccess ?? null,
    result: status.result ?? null,
    message: status.message ?? null,
    problem: late
      ? `The daily reminders have not completed since ${status.lastSuccess ?? owner.since}` +
        (status.message ? `: ${status.message}` : '.') +
        ` ${owner.owner} can fix it by opening the sidebar, or someone can take over.`
      : null,
  };
}

/**
 * Turns reminders on for this document with this user as the owner. Turning them on twice
 * leaves one trigger; when another teammate owns reminders nothing changes unless `takeOver`.
 */
export function turnOn(hour: number, takeOver: boolean): ReminderStatus {
  if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new UserFacingError(
      `Reminder hour: choose a whole hour from 0 to 23 (got ${String(hour)}).`,
    );
  }
  const spreadsheet = getSpreadsheet();
  const you = currentUser();
  const current = readOwner();
  if (current && current.owner !== you && takeOver !== true) return reminderStatus();
  rememberSpreadsheetId(spreadsheet);
  removeMyTriggers(spreadsheet);
  ScriptApp.newTrigger(DAILY_JOB_HANDLER).timeBased().everyHours(1).create();
  writeOwner({ owner: you, hour, since: new Date().toISOString() });
  return reminderStatus();
}

/** Turns reminders off for the document; the owner's trigger goes now or on its next run. */
export function turnOff(): ReminderStatus {
  const spreadsheet = getSpreadsheet();
  removeMyTriggers(spreadsheet);
  writeOwner(null);
  return reminderStatus();
}
