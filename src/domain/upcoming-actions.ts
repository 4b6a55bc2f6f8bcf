/**
 * Done and Snooze on the card's Upcoming list, as rules: which record's which date an item
 * stands for, what each action writes, and the checks on what the sidebar sends (the server
 * function is public: anyone with the document can call it with anything). Done clears the
 * date and logs the contact, which is exactly what reminders.ts counts as done; Snooze
 * moves the date, which gives the reminder a new key, so it is due again on the new day.
 */
import { addDays, isIsoDate, type IsoDate } from './calendar';
import { TEXT_MAX } from './field-kinds';
import type { UpcomingItem, UpcomingKind } from './reminders';

export type UpcomingAction = 'done' | 'snooze-1d' | 'snooze-7d';

export const UPCOMING_ACTIONS: readonly UpcomingAction[] = ['done', 'snooze-1d', 'snooze-7d'];

type Target = {
  entity: 'customers' | 'activities' | 'deals';
  field: 'followUp' | 'nextFollowUp' | 'nextStepDate' | 'expectedClose';
  /** Whether Done applies: an expected close is done by winning or losing the deal. */
  done: boolean;
};

/** The kinds that can be acted on; a birthday is neither done nor moved. */
export const ACTIONABLE: Readonly<Record<Exclude<UpcomingKind, 'birthday'>, Target>> = {
  followUp: { entity: 'customers', field: 'followUp', done: true },
  activityFollowUp: { entity: 'activities', field: 'nextFollowUp', done: true },
  dealNextStep: { entity: 'deals', field: 'nextStepDate', done: true },
  dealClose: { entity: 'deals', field: 'expectedClose', done: false },
};

export function actionsFor(kind: UpcomingKind): UpcomingAction[] {
  if (kind === 'birthday') return [];
  return ACTIONABLE[kind].done ? [...UPCOMING_ACTIONS] : ['snooze-1d', 'snooze-7d'];
}

/** The new value of the date: none after Done, tomorrow or a week from today after Snooze. */
export function dateAfter(action: UpcomingAction, today: IsoDate): IsoDate | null {
  if (action === 'done') return null;
  return addDays(today, action === 'snooze-1d' ? 1 : 7);
}

/** "Done: Follow up: Sent the quote", cut to fit an activity's summary. */
export function doneSummary(label: string): string {
  const text = `Done: ${label}`;
  return text.length <= TEXT_MAX ? text : `${text.slice(0, TEXT_MAX - 1)}…`;
}

/** The item as sent: only what identifies it is kept, each part checked. */
export interface ItemRef {
  kind: Exclude<UpcomingKind, 'birthday'>;
  recordId: string;
  /** The date the user saw: if the sheet holds another one now, nothing is changed. */
  date: IsoDate;
}

/** Kartoteka's ids are UUIDs; an id typed by hand may be any short text. */
const ID = /^\S{1,200}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkItem(value: unknown): ItemRef | { error: string } {
  if (!isObject(value)) return { error: 'Choose an item of the Upcoming list.' };
  const { kind, recordId, date } = value;
  if (kind === 'birthday') return { error: 'A birthday cannot be marked done or snoozed.' };
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(ACTIONABLE, kind)) {
    return { error: `Unknown kind of upcoming item: ${String(kind)}.` };
  }
  if (typeof recordId !== 'string' || !ID.test(recordId)) {
    return { error: 'That upcoming item names no record.' };
  }
  if (typeof date !== 'string' || !isIsoDate(date)) {
    return { error: 'That upcoming item has no date.' };
  }
  return { kind: kind as ItemRef['kind'], recordId, date };
}

export function checkAction(value: unknown): UpcomingAction | { error: string } {
  return UPCOMING_ACTIONS.includes(value as UpcomingAction)
    ? (value as UpcomingAction)
    : { error: `Unknown action: ${String(value)} (use done, snooze-1d or snooze-7d).` };
}

/** What Undo needs: the date to put back, what it must still be, and the logged contact. */
export interface ReminderReceipt extends ItemRef {
  /** The value the action wrote (null after Done): Undo refuses if it is not there any more. */
  now: IsoDate | null;
  /** The record's `updated` after the action. */
  updated: string;
  /** The activity Done logged, archived by Undo. */
  activityId: string | null;
}

export function checkReceipt(value: unknown): ReminderReceipt | { error: string } {
  const item = checkItem(value);
  if ('error' in item) return item;
  const { now, updated, activityId } = value as Record<string, unknown>;
  if (now !== null && (typeof now !== 'string' || !isIsoDate(now))) {
    return { error: 'Nothing to undo: the receipt has no date.' };
  }
  if (typeof updated !== 'string' || Number.isNaN(Date.parse(updated))) {
    return { error: 'Nothing to undo: the receipt has no time of change.' };
  }
  if (activityId !== null && (typeof activityId !== 'string' || !ID.test(activityId))) {
    return { error: 'Nothing to undo: the receipt names no activity.' };
  }
  return { ...item, now, updated, activityId };
}

/** The item as the sidebar sends it: the fields the server checks, nothing else. */
export function itemRef(item: UpcomingItem): ItemRef | null {
  if (item.kind === 'birthday') return null;
  return { kind: item.kind, recordId: item.recordId, date: item.date };
}
