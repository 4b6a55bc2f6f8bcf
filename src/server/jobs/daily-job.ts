/**
 * The daily job, run by the reminder owner's hourly trigger (see reminder-trigger.ts):
 * when the chosen hour has come and today's work is not done, recompute every customer's
 * lifecycle, then send the day's digests. It checks its own elapsed time against the
 * 6-minute execution limit and stops early, leaving the rest to the next hourly run (the
 * Log tab records what was sent, so nothing is repeated). Add-on triggers email nobody when
 * they fail and keep firing after authorisation is revoked, so the job checks authorisation
 * first and records every outcome where the team sees it (the sidebar's reminders panel).
 */
import { addDays, calendarDateIn, type IsoDate } from '../../domain/calendar';
import { currentUser } from '../request';
import { getSpreadsheet } from '../spreadsheet';
import { recalculateLifecycleIn } from './lifecycle';
import { readOwner, readStatus, writeStatus, type JobStatus } from './reminder-state';
import { removeMyTriggers } from './reminder-trigger';
import { remindersOfDay, sendDigests } from './digests';
import { appendRecords } from '../sheet/table';
import { ENTITIES } from '../../domain/schema';

/** Apps Script stops an execution at 6 minutes; leave room to record the outcome. */
const TIME_BUDGET_MS = 4.5 * 60_000;

export type DailyJobOutcome =
  | 'not-authorised'
  | 'not-owner'
  | 'not-yet'
  | 'done-already'
  | 'completed'
  | 'continues'
  | 'failed';

function localHour(now: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return Number(hour);
}

/** The day's outcome in the Log tab, where the team sees what the job did. */
function logJobRun(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  today: IsoDate,
  summary: string,
) {
  const stamp = new Date().toISOString();
  appendRecords(spreadsheet, ENTITIES.log, [
    {
      id: Utilities.getUuid(),
      date: today,
      kind: 'job run',
      summary: `Daily job: ${summary}`.slice(0, 500),
      created: stamp,
      createdBy: currentUser(),
    },
  ]);
}

function isAuthorised(): boolean {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  return info.getAuthorizationStatus() !== ScriptApp.AuthorizationStatus.REQUIRED;
}

export function runDailyJobNow(): DailyJobOutcome {
  const started = Date.now();
  const status = readStatus();
  if (!isAuthorised()) {
    writeStatus({
      ...status,
      lastRun: new Date().toISOString(),
      result: 'error',
      message:
        'Kartoteka is no longer authorised to send reminders: open Extensions ▸ Kartoteka ▸ Open sidebar to authorise it again.',
    });
    return 'not-authorised';
  }
  const spreadsheet = getSpreadsheet();
  const owner = readOwner();
  if (!owner || owner.owner !== currentUser()) {
    // Reminders were turned off or taken over: this trigger is not needed any more.
    removeMyTriggers(spreadsheet);
    return 'not-owner';
  }
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const now = new Date();
  const today = calendarDateIn(now, timeZone);
  if (status.completedOn === today) return 'done-already';
  if (localHour(now, timeZone) < owner.hour) return 'not-yet';

  const next: JobStatus = { ...status, lastRun: now.toISOString() };
  try {
    if (status.lifecycleOn !== today) {
      recalculateLifecycleIn(spreadsheet, now);
      next.lifecycleOn = today;
      writeStatus(next);
    }
    const lastRun: IsoDate | null = status.completedOn ?? null;
    const day = remindersOfDay(
      spreadsheet,
      { today, lastRun: lastRun && lastRun < today ? lastRun : addDays(today, -1), timeZone },
      status.deferred ?? [],
      { skipSent: true },
    );
    const outcome = sendDigests(
      spreadsheet,
      day,
      today,
      currentUser(),
      () => Date.now() - started > TIME_BUDGET_MS,
    );
    const notes = [
      `${outcome.sent} digest${outcome.sent === 1 ? '' : 's'} sent on ${today}.`,
      outcome.deferred.length
        ? `Out of today's mail quota: ${outcome.deferred.join(', ')} will get theirs first tomorrow.`
        : '',
      day.unassigned.length
        ? `${day.unassigned.length} reminder(s) have no owner: set Owner on those records or defaultRecipient in Settings.`
        : '',
      ...day.problems.map((p) => `Settings: ${p}`),
    ].filter(Boolean);
    if (outcome.unsent) {
      writeStatus({
        ...next,
        sent: outcome.sent,
        result: 'partial',
        message: `${notes.join(' ')} ${outcome.unsent} more continue in the next hourly run.`,
      });
      return 'continues';
    }
    logJobRun(spreadsheet, today, notes.join(' '));
    writeStatus({
      ...next,
      completedOn: today,
      lastSuccess: now.toISOString(),
      sent: outcome.sent,
      deferred: outcome.deferred,
      result: outcome.deferred.length ? 'partial' : 'ok',
      message: notes.join(' '),
    });
    return 'completed';
  } catch (error) {
    writeStatus({
      ...next,
      result: 'error',
      message: `The daily job failed: ${error instanceof Error ? error.message : String(error)}. It tries again in an hour.`,
    });
    return 'failed';
  }
}
