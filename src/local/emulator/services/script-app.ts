/**
 * ScriptApp: installable triggers recorded in WorkbookState.triggers, with the rules Google
 * applies to editor add-ons (https://developers.google.com/workspace/add-ons/concepts/editor-triggers):
 * one trigger of each event type per user per document, time-driven triggers at most once
 * an hour, and 20 triggers per user per script (quotas page). Kartoteka is an editor add-on,
 * so the emulator always applies the add-on rules.
 *
 * Enum values are their names as strings: scripts only compare them (`e.authMode ==
 * ScriptApp.AuthMode.FULL`) and print them, and Google's enums print their names.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceHost } from '../execution';
import { apiObject } from '../guard';
import type { TriggerState } from '../state';
import { wallClock, zonedInstant } from '../zoned-time';

export const AUTH_MODE = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
});
/** https://developers.google.com/apps-script/reference/script/authorization-status */
export const AUTHORIZATION_STATUS = Object.freeze({
  REQUIRED: 'REQUIRED',
  NOT_REQUIRED: 'NOT_REQUIRED',
});
export const TRIGGER_SOURCE = Object.freeze({
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
});
export const EVENT_TYPE = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
});
export const WEEK_DAY = Object.freeze({
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
});
const WEEK_DAY_INDEX = Object.keys(WEEK_DAY);

export const MAX_TRIGGERS_PER_USER = 20;
/** Verbatim as users report it (e.g. a gitbook page quoting "Exception: This add-on has created too many time-based triggers …"). */
export const TOO_MANY_CLOCK_TRIGGERS_MESSAGE =
  'This add-on has created too many time-based triggers in this document for this Google user account.';
/** The text Apps Script gives when a user's 20 triggers are used up. */
export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
/**
 * The guide states the rule ("Add-ons can only use time-driven triggers once per hour at
 * most") but the exception text was not found; this wording is the emulator's.
 */
export const ADDON_TOO_FREQUENT_MESSAGE =
  'Add-ons can only use time-driven triggers once per hour at most.';

type EventType = TriggerState['eventType'];

/** Google's texts for the other event types follow the time-based one's pattern (unverified). */
function tooManyMessage(eventType: EventType): string {
  if (eventType === 'CLOCK') return TOO_MANY_CLOCK_TRIGGERS_MESSAGE;
  const kind = {
    ON_OPEN: 'open',
    ON_EDIT: 'edit',
    ON_CHANGE: 'change',
    ON_FORM_SUBMIT: 'form submit',
  }[eventType];
  return `This add-on has created too many ${kind} triggers in this document for this Google user account.`;
}

const HOUR_MS = 3_600_000;

/**
 * The next run of a CLOCK trigger strictly after `after`, in `timeZone` (the trigger's own
 * inTimezone wins). Google picks a moment within the hour for atHour (and ±15 min for
 * nearMinute) and keeps it from day to day; the emulator uses the start: atHour(9) → 9:00
 * (or 9:nearMinute) local, so runs are reproducible. Daily/weekly runs follow the local wall
 * clock across DST changes. A one-off trigger (at/after) returns its instant.
 */
export function computeNextRun(trigger: TriggerState, after: Date, timeZone: string): string {
  const schedule = trigger.schedule ?? {};
  const zone = schedule.timeZone ?? timeZone;
  const afterMs = after.getTime();
  if (schedule.at) return new Date(schedule.at).toISOString();
  if (schedule.everyHours) {
    // Anchored to the previous run, so a late "run now" does not shift the cadence forever.
    const base = trigger.lastRun ? new Date(trigger.lastRun).getTime() : afterMs;
    let next = base + schedule.everyHours * HOUR_MS;
    while (next <= afterMs) next += schedule.everyHours * HOUR_MS;
    return new Date(next).toISOString();
  }
  const weekly = schedule.everyWeeks !== undefined || schedule.onWeekDay !== undefined;
  const stepDays = weekly ? 7 * (schedule.everyWeeks ?? 1) : (schedule.everyDays ?? 1);
  const start = wallClock(afterMs, zone);
  const hour = schedule.atHour ?? start.hour;
  const minute = schedule.nearMinute ?? (schedule.atHour === undefined ? start.minute : 0);
  // Walk local calendar days (UTC date arithmetic on the local date avoids DST trouble).
  const dayAt = (offsetDays: number): number => {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + offsetDays));
    return zonedInstant(
      zone,
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      hour,
      minute,
    );
  };
  let offset = 0;
  if (weekly && schedule.onWeekDay) {
    const target = WEEK_DAY_INDEX.indexOf(String(schedule.onWeekDay));
    offset = (target - start.weekday + 7) % 7;
  }
  let candidate = dayAt(offset);
  while (candidate <= afterMs) candidate = dayAt((offset += weekly ? 7 : 1));
  // Every n days/weeks: not sooner than n steps after the previous run.
  if (trigger.lastRun && stepDays > (weekly ? 7 : 1)) {
    const earliest = new Date(trigger.lastRun).getTime() + stepDays * 86_400_000 - 2 * HOUR_MS;
    while (candidate < earliest) candidate = dayAt((offset += weekly ? 7 : 1));
  }
  return new Date(candidate).toISOString();
}

const triggerIds = new WeakMap<object, string>();

function triggerView(host: ServiceHost, state: TriggerState): GoogleAppsScript.Script.Trigger {
  const view = apiObject('Trigger', {
    getEventType() {
      host.call('Trigger', 'getEventType', { needsAuthorization: false });
      return state.eventType;
    },
    getHandlerFunction() {
      host.call('Trigger', 'getHandlerFunction', { needsAuthorization: false });
      return state.handlerFunction;
    },
    getTriggerSource() {
      host.call('Trigger', 'getTriggerSource', { needsAuthorization: false });
      return state.eventType === 'CLOCK' ? TRIGGER_SOURCE.CLOCK : TRIGGER_SOURCE.SPREADSHEETS;
    },
    getTriggerSourceId() {
      host.call('Trigger', 'getTriggerSourceId', { needsAuthorization: false });
      return state.eventType === 'CLOCK' ? null : state.documentId;
    },
    getUniqueId() {
      host.call('Trigger', 'getUniqueId', { needsAuthorization: false });
      return state.uniqueId;
    },
  });
  triggerIds.set(view, state.uniqueId);
  // Enums are string names at runtime (see the file comment).
  return view as unknown as GoogleAppsScript.Script.Trigger;
}

/**
 * Where the user grants the missing scopes. Google's URL is opaque to scripts (they mail or
 * show it); its form is not documented, so the emulator's is its own.
 */
function authorizationUrl(host: ServiceHost): string {
  return `https://script.google.com/macros/d/kartoteka-local/authorize?doc=${encodeURIComponent(host.state.id)}`;
}

/**
 * ScriptApp.getAuthorizationInfo(authMode[, oAuthScopes]). "In almost all cases, scripts
 * should call ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL), since no other
 * authorization mode requires that users grant authorization": other modes report
 * NOT_REQUIRED. getAuthorizationUrl() is null when nothing is required.
 * https://developers.google.com/apps-script/reference/script/authorization-info
 */
function authorizationInfo(
  host: ServiceHost,
  authMode: unknown,
  oAuthScopes?: unknown,
): GoogleAppsScript.Script.AuthorizationInfo {
  const grant = host.scopeGrant ?? { requested: [], revoked: new Set<string>() };
  const granted = (scope: string) => {
    if (!host.scopeGrant) return true;
    return grant.requested.includes(scope) && !grant.revoked.has(scope);
  };
  const asked = Array.isArray(oAuthScopes) ? oAuthScopes.map(String) : [...grant.requested];
  const required = String(authMode) === AUTH_MODE.FULL && asked.some((s) => !granted(s));
  const info = {
    getAuthorizationStatus() {
      host.call('AuthorizationInfo', 'getAuthorizationStatus');
      return required ? AUTHORIZATION_STATUS.REQUIRED : AUTHORIZATION_STATUS.NOT_REQUIRED;
    },
    getAuthorizationUrl() {
      host.call('AuthorizationInfo', 'getAuthorizationUrl');
      return required ? authorizationUrl(host) : null;
    },
    /** "If authorization information is requested for a specified list of scopes, returns
     * the authorized scopes from the specified list." */
    getAuthorizedScopes() {
      host.call('AuthorizationInfo', 'getAuthorizedScopes');
      return asked.filter(granted);
    },
  };
  // Enums are string names at runtime (see the file comment).
  return info as unknown as GoogleAppsScript.Script.AuthorizationInfo;
}

function documentIdOf(spreadsheet: unknown): string {
  if (typeof spreadsheet === 'string') return spreadsheet;
  const withId = spreadsheet as { getId?: () => string } | null;
  if (withId && typeof withId.getId === 'function') return withId.getId();
  throw new Error('Invalid argument: spreadsheet');
}

export function createScriptApp(host: ServiceHost): GoogleAppsScript.Script.ScriptApp {
  const mine = (t: TriggerState) => t.owner === host.user;

  const install = (state: Omit<TriggerState, 'uniqueId' | 'owner'>) => {
    const triggers = host.state.triggers;
    if (triggers.filter(mine).length >= MAX_TRIGGERS_PER_USER) {
      throw new Error(TOO_MANY_TRIGGERS_MESSAGE);
    }
    const sameKind = triggers.some(
      (t) => mine(t) && t.documentId === state.documentId && t.eventType === state.eventType,
    );
    if (sameKind) throw new Error(tooManyMessage(state.eventType));
    const created: TriggerState = { uniqueId: randomUUID(), owner: host.user, ...state };
    if (created.eventType === 'CLOCK') {
      created.nextRun = computeNextRun(created, host.now(), host.scriptTimeZone);
    }
    triggers.push(created);
    return triggerView(host, created);
  };

  const clockBuilder = (handlerFunction: string): GoogleAppsScript.Script.ClockTriggerBuilder => {
    const schedule: NonNullable<TriggerState['schedule']> = {};
    const positive = (n: number, what: string): number => {
      if (!Number.isInteger(Number(n)) || Number(n) < 1)
        throw new Error(`Invalid argument: ${what}`);
      return Number(n);
    };
    const step = (method: string, apply: () => void) => {
      host.call('ClockTriggerBuilder', method);
      apply();
      return builder;
    };
    const builder = apiObject('ClockTriggerBuilder', {
      everyMinutes(_n: number) {
        return step('everyMinutes', () => {
          throw new Error(ADDON_TOO_FREQUENT_MESSAGE);
        });
      },
      everyHours(n: number) {
        return step('everyHours', () => (schedule.everyHours = positive(n, 'hours')));
      },
      everyDays(n: number) {
        return step('everyDays', () => (schedule.everyDays = positive(n, 'days')));
      },
      everyWeeks(n: number) {
        return step('everyWeeks', () => (schedule.everyWeeks = positive(n, 'weeks')));
      },
      onWeekDay(day: string) {
        return step('onWeekDay', () => {
          if (!WEEK_DAY_INDEX.includes(String(day))) throw new Error('Invalid argument: day');
          schedule.onWeekDay = String(day);
        });
      },
      atHour(hour: number) {
        return step('atHour', () => {
          if (!Number.isInteger(Number(hour)) || hour < 0 || hour > 23) {
            throw new Error('Invalid argument: hour');
          }
          schedule.atHour = Number(hour);
        });
      },
      nearMinute(minute: number) {
        return step('nearMinute', () => {
          if (!Number.isInteger(Number(minute)) || minute < 0 || minute > 59) {
            throw new Error('Invalid argument: minute');
          }
          schedule.nearMinute = Number(minute);
        });
      },
      after(ms: number) {
        return step('after', () => {
          schedule.at = new Date(host.now().getTime() + Number(ms)).toISOString();
        });
      },
      at(date: Date) {
        return step('at', () => (schedule.at = new Date(date.getTime()).toISOString()));
      },
      inTimezone(timeZone: string) {
        return step('inTimezone', () => {
          // Throws RangeError for an unknown zone; Google rejects it too.
          new Intl.DateTimeFormat('en-US', { timeZone });
          schedule.timeZone = timeZone;
        });
      },
      create() {
        host.call('ClockTriggerBuilder', 'create');
        const recurring =
          schedule.everyHours ?? schedule.everyDays ?? schedule.everyWeeks ?? schedule.onWeekDay;
        if (recurring === undefined && schedule.at === undefined) {
          // Google requires a frequency or a moment before create(); the text is the emulator's.
          throw new Error('Invalid argument: trigger frequency');
        }
        return install({
          handlerFunction,
          eventType: 'CLOCK',
          documentId: host.state.id,
          schedule: { ...schedule },
        });
      },
    });
    // atDate/onMonthDay are not used by Kartoteka and not emulated.
    return builder as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  };

  const spreadsheetBuilder = (
    handlerFunction: string,
    documentId: string,
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder => {
    let eventType: EventType | undefined;
    const on = (method: string, type: EventType) => {
      host.call('SpreadsheetTriggerBuilder', method);
      eventType = type;
      return builder;
    };
    const builder: GoogleAppsScript.Script.SpreadsheetTriggerBuilder = {
      onOpen: () => on('onOpen', 'ON_OPEN'),
      onEdit: () => on('onEdit', 'ON_EDIT'),
      onChange: () => on('onChange', 'ON_CHANGE'),
      onFormSubmit: () => on('onFormSubmit', 'ON_FORM_SUBMIT'),
      create() {
        host.call('SpreadsheetTriggerBuilder', 'create');
        if (!eventType) throw new Error('Invalid argument: trigger event type');
        return install({ handlerFunction, eventType, documentId });
      },
    };
    return apiObject('SpreadsheetTriggerBuilder', builder);
  };

  const scriptApp = {
    AuthMode: AUTH_MODE,
    AuthorizationStatus: AUTHORIZATION_STATUS,
    TriggerSource: TRIGGER_SOURCE,
    EventType: EVENT_TYPE,
    WeekDay: WEEK_DAY,
    getAuthorizationInfo(authMode: unknown, oAuthScopes?: unknown) {
      host.call('ScriptApp', 'getAuthorizationInfo');
      return authorizationInfo(host, authMode, oAuthScopes);
    },
    newTrigger(functionName: string) {
      host.call('ScriptApp', 'newTrigger');
      const handler = String(functionName);
      return apiObject('TriggerBuilder', {
        timeBased() {
          host.call('TriggerBuilder', 'timeBased');
          return clockBuilder(handler);
        },
        forSpreadsheet(spreadsheet: unknown) {
          host.call('TriggerBuilder', 'forSpreadsheet');
          return spreadsheetBuilder(handler, documentIdOf(spreadsheet));
        },
      });
    },
    /** "Gets all installable triggers associated with the current project and current user." */
    getProjectTriggers() {
      host.call('ScriptApp', 'getProjectTriggers');
      return host.state.triggers.filter(mine).map((t) => triggerView(host, t));
    },
    getUserTriggers(spreadsheet: unknown) {
      host.call('ScriptApp', 'getUserTriggers');
      const documentId = documentIdOf(spreadsheet);
      return host.state.triggers
        .filter((t) => mine(t) && t.documentId === documentId)
        .map((t) => triggerView(host, t));
    },
    deleteTrigger(trigger: GoogleAppsScript.Script.Trigger) {
      host.call('ScriptApp', 'deleteTrigger');
      const id = triggerIds.get(trigger as object);
      const index = host.state.triggers.findIndex((t) => t.uniqueId === id && mine(t));
      if (index >= 0) host.state.triggers.splice(index, 1);
    },
  };
  // A subset (no tokens, state tokens, requireScopes); enums are string names.
  return scriptApp as unknown as GoogleAppsScript.Script.ScriptApp;
}
