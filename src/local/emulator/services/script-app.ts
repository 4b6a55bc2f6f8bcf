/**
 * ScriptApp triggers with the add-on rules: one trigger of each event type per user per
 * document, time-driven ones at most hourly, 20 triggers per user per script.
 * https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions
 * Google fires atHour(h) at a moment it picks within that hour; the emulator uses the
 * hour's start (nearMinute when given), so tests know when a trigger is due.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceHost } from '../execution';
import type { TriggerState } from '../state';
import { zonedParts, zonedToInstant } from '../time-zone';

const HOUR_MS = 3_600_000;
const WEEK_DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** The first scheduled run strictly after `after`, or undefined for a one-off that has run. */
export function computeNextRun(
  trigger: TriggerState,
  after: Date,
  timeZone: string,
): string | undefined {
  const s = trigger.schedule ?? {};
  if (s.at) return Date.parse(s.at) > after.getTime() ? s.at : undefined;
  if (s.everyHours) {
    const start = trigger.lastRun ? Date.parse(trigger.lastRun) : after.getTime();
    return new Date(Math.max(start + s.everyHours * HOUR_MS, after.getTime() + 1)).toISOString();
  }
  const everyDays = s.everyWeeks ? s.everyWeeks * 7 : (s.everyDays ?? 1);
  const hour = s.atHour ?? 0;
  const minute = s.nearMinute ?? 0;
  const local = zonedParts(after.getTime(), timeZone);
  for (let day = 0; day <= everyDays + 7; day++) {
    const candidateLocal = Date.UTC(local.year, local.month - 1, local.day + day, hour, minute);
    const instant = zonedToInstant(candidateLocal, timeZone);
    if (instant <= after.getTime()) continue;
    if (s.onWeekDay && WEEK_DAYS[new Date(candidateLocal).getUTCDay()] !== s.onWeekDay) continue;
    if (trigger.lastRun && !s.onWeekDay && everyDays > 1) {
      const sinceLast = (instant - Date.parse(trigger.lastRun)) / (24 * HOUR_MS);
      if (sinceLast < everyDays - 0.5) continue;
    }
    return new Date(instant).toISOString();
  }
  return undefined;
}

class EmuTrigger {
  constructor(
    private readonly host: ServiceHost,
    readonly state: TriggerState,
  ) {}
  getUniqueId(): string {
    this.host.call('Trigger', 'getUniqueId');
    return this.state.uniqueId;
  }
  getHandlerFunction(): string {
    this.host.call('Trigger', 'getHandlerFunction');
    return this.state.handlerFunction;
  }
  getEventType(): string {
    this.host.call('Trigger', 'getEventType');
    return this.state.eventType;
  }
  getTriggerSource(): string {
    this.host.call('Trigger', 'getTriggerSource');
    return this.state.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS';
  }
  getTriggerSourceId(): string | null {
    this.host.call('Trigger', 'getTriggerSourceId');
    return this.state.eventType === 'CLOCK' ? null : this.state.documentId;
  }
}

class ClockTriggerBuilder {
  private readonly schedule: NonNullable<TriggerState['schedule']> = {};
  constructor(
    private readonly host: ServiceHost,
    private readonly functionName: string,
    private readonly install: (state: TriggerState) => EmuTrigger,
  ) {}
  private set(method: string, change: () => void): this {
    this.host.call('ClockTriggerBuilder', method);
    change();
    return this;
  }
  everyMinutes(_n: number): this {
    this.host.call('ClockTriggerBuilder', 'everyMinutes');
    // Add-ons may not run time-driven triggers more often than once an hour.
    throw new Error(
      'Add-ons may not create time-driven triggers that run more often than once an hour.',
    );
  }
  everyHours(n: number): this {
    return this.set('everyHours', () => {
      if (![1, 2, 4, 6, 8, 12].includes(n))
        throw new Error('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
      this.schedule.everyHours = n;
    });
  }
  everyDays(n: number): this {
    return this.set('everyDays', () => (this.schedule.everyDays = n));
  }
  everyWeeks(n: number): this {
    return this.set('everyWeeks', () => (this.schedule.everyWeeks = n));
  }
  onWeekDay(day: string): this {
    return this.set('onWeekDay', () => (this.schedule.onWeekDay = String(day)));
  }
  atHour(hour: number): this {
    return this.set('atHour', () => {
      if (!Number.isInteger(hour) || hour < 0 || hour > 23)
        throw new Error('The hour must be between 0 and 23.');
      this.schedule.atHour = hour;
    });
  }
  nearMinute(minute: number): this {
    return this.set('nearMinute', () => (this.schedule.nearMinute = minute));
  }
  at(date: Date): this {
    return this.set('at', () => (this.schedule.at = date.toISOString()));
  }
  after(ms: number): this {
    return this.set(
      'after',
      () => (this.schedule.at = new Date(this.host.now().getTime() + ms).toISOString()),
    );
  }
  inTimezone(_timeZone: string): this {
    return this.set('inTimezone', () => undefined);
  }
  create(): EmuTrigger {
    this.host.call('ClockTriggerBuilder', 'create');
    const state: TriggerState = {
      uniqueId: randomUUID(),
      handlerFunction: this.functionName,
      eventType: 'CLOCK',
      owner: this.host.user,
      documentId: this.host.state.id,
      schedule: { ...this.schedule },
    };
    state.nextRun = computeNextRun(state, this.host.now(), this.host.scriptTimeZone);
    return this.install(state);
  }
}

export function createScriptApp(host: ServiceHost) {
  const triggers = () => host.state.triggers;
  const install = (state: TriggerState): EmuTrigger => {
    const mine = triggers().filter((t) => t.owner === host.user);
    if (mine.length >= 20)
      throw new Error(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    if (mine.some((t) => t.documentId === state.documentId && t.eventType === state.eventType)) {
      // https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions
      throw new Error(
        'This add-on has created too many time-based triggers in this document for this Google user account.',
      );
    }
    triggers().push(state);
    return new EmuTrigger(host, state);
  };
  return {
    AuthMode: {
      NONE: 'NONE',
      LIMITED: 'LIMITED',
      FULL: 'FULL',
      CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
    },
    TriggerSource: {
      SPREADSHEETS: 'SPREADSHEETS',
      CLOCK: 'CLOCK',
      FORMS: 'FORMS',
      DOCUMENTS: 'DOCUMENTS',
      CALENDAR: 'CALENDAR',
    },
    EventType: {
      CLOCK: 'CLOCK',
      ON_OPEN: 'ON_OPEN',
      ON_EDIT: 'ON_EDIT',
      ON_CHANGE: 'ON_CHANGE',
      ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    },
    newTrigger(functionName: string) {
      host.call('ScriptApp', 'newTrigger');
      return {
        timeBased: () => {
          host.call('TriggerBuilder', 'timeBased');
          return new ClockTriggerBuilder(host, functionName, install);
        },
        forSpreadsheet: (_spreadsheet: unknown) => {
          host.call('TriggerBuilder', 'forSpreadsheet');
          const builder = (eventType: TriggerState['eventType']) => ({
            create: () => {
              host.call('SpreadsheetTriggerBuilder', 'create');
              return install({
                uniqueId: randomUUID(),
                handlerFunction: functionName,
                eventType,
                owner: host.user,
                documentId: host.state.id,
              });
            },
          });
          return {
            onOpen: () => builder('ON_OPEN'),
            onEdit: () => builder('ON_EDIT'),
            onChange: () => builder('ON_CHANGE'),
            onFormSubmit: () => builder('ON_FORM_SUBMIT'),
          };
        },
      };
    },
    /** The current user's triggers of this project. */
    getProjectTriggers(): EmuTrigger[] {
      host.call('ScriptApp', 'getProjectTriggers');
      return triggers()
        .filter((t) => t.owner === host.user)
        .map((t) => new EmuTrigger(host, t));
    },
    /** The current user's triggers in the given document. */
    getUserTriggers(document: { getId(): string }): EmuTrigger[] {
      host.call('ScriptApp', 'getUserTriggers');
      const id = document.getId();
      return triggers()
        .filter((t) => t.owner === host.user && t.documentId === id)
        .map((t) => new EmuTrigger(host, t));
    },
    deleteTrigger(trigger: EmuTrigger): void {
      host.call('ScriptApp', 'deleteTrigger');
      const index = triggers().findIndex((t) => t.uniqueId === trigger.state.uniqueId);
      if (index !== -1) triggers().splice(index, 1);
    },
  };
}
