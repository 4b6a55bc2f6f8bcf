/**
 * Done and Snooze on the customer card's Upcoming list, and their Undo: one call each, that
 * comes back with the fresh card. Writes go through saveRecord (the patch-update every
 * sidebar save uses: validated, under the document lock, refused if the record's `updated`
 * moved since it was read here). What the user acted on is checked first: the record is
 * still there, still this customer's, and still holds the date the card showed — a date
 * typed in the sheet meanwhile leaves `updated` as it was, so the date itself is compared.
 */
import type { IsoDate } from '../domain/calendar';
import type { CustomerCard, SaveResult } from '../domain/api-types';
import { CLOSED_DEAL_STAGES, ENTITIES, type AnyRecord } from '../domain/schema';
import { upcomingFor } from '../domain/reminders';
import {
  ACTIONABLE,
  checkAction,
  checkItem,
  checkReceipt,
  dateAfter,
  doneSummary,
  type ItemRef,
  type ReminderReceipt,
  type UpcomingAction,
} from '../domain/upcoming-actions';
import { getCustomerCard } from './card';
import { archiveRecord, getRecord, saveRecord } from './records';
import { requestContext } from './request';

export type ReminderActionResult =
  | { ok: true; receipt: ReminderReceipt; label: string; card: CustomerCard | null }
  | { ok: false; error: string; card: CustomerCard | null };

const SAFE_ID = /^\S{1,200}$/;

function refuse(customerId: unknown, error: string): ReminderActionResult {
  const card =
    typeof customerId === 'string' && SAFE_ID.test(customerId) ? getCustomerCard(customerId) : null;
  return { ok: false, error, card };
}

function failure(result: SaveResult): string {
  if (result.ok) return '';
  if ('error' in result) return result.error;
  if ('fieldErrors' in result) return Object.values(result.fieldErrors).join(' ');
  return 'Not saved.';
}

const optionalText = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

interface Current {
  record: AnyRecord;
  /** What the date field holds now. */
  date: IsoDate | null;
  label: string;
}

/** The record behind an item as it is now, or why the action cannot go ahead. */
function current(ref: ItemRef, customerId: string, today: IsoDate): Current | { error: string } {
  const target = ACTIONABLE[ref.kind];
  const spec = ENTITIES[target.entity];
  const record = getRecord(target.entity, ref.recordId);
  if (!record || record.archived === true) {
    return {
      error: `This ${spec.singular} no longer exists — someone archived or deleted it. Nothing was changed.`,
    };
  }
  const owner = target.entity === 'customers' ? record.id : record.customerId;
  if (owner !== customerId) {
    return { error: `This ${spec.singular} belongs to another customer now. Nothing was changed.` };
  }
  if (target.entity === 'deals' && CLOSED_DEAL_STAGES.includes(String(record.stage ?? ''))) {
    return {
      error: `This deal is ${String(record.stage)} now: nothing is due. Nothing was changed.`,
    };
  }
  const date = typeof record[target.field] === 'string' ? (record[target.field] as IsoDate) : null;
  // The card's label for the item, built by the same rules from this one record.
  const single = {
    customer: target.entity === 'customers' ? record : {},
    contacts: [],
    deals: target.entity === 'deals' ? [record] : [],
    activities: target.entity === 'activities' ? [record] : [],
  } as CustomerCard; // the record of its entity, read and converted by its spec
  const item = upcomingFor(single, today).find((i) => i.kind === ref.kind);
  const label = item?.label ?? spec.fields.find((f) => f.key === target.field)?.label ?? 'Date';
  return { record, date, label };
}

function changedMessage(now: IsoDate | null, what: string): string {
  return now
    ? `Someone moved this date to ${now} since the card was read. Nothing was changed; the card shows the new date.`
    : `Someone already cleared this date (${what}). Nothing was changed.`;
}

/** Done: clears the date and logs "Done: …" today. Snooze: moves it to tomorrow or in a week. */
export function actOnReminder(
  customerId: string,
  item: unknown,
  action: UpcomingAction,
): ReminderActionResult {
  if (typeof customerId !== 'string' || !SAFE_ID.test(customerId)) {
    return { ok: false, error: 'Open a customer first.', card: null };
  }
  const ref = checkItem(item);
  if ('error' in ref) return refuse(customerId, ref.error);
  const verb = checkAction(action);
  if (typeof verb !== 'string') return refuse(customerId, verb.error);
  const target = ACTIONABLE[ref.kind];
  if (verb === 'done' && !target.done) {
    return refuse(
      customerId,
      'An expected close is done by marking the deal won or lost: edit the deal.',
    );
  }
  const { today } = requestContext();
  const now = current(ref, customerId, today);
  if ('error' in now) return refuse(customerId, now.error);
  if (now.date !== ref.date) return refuse(customerId, changedMessage(now.date, now.label));
  const next = dateAfter(verb, today);
  const saved = saveRecord(
    target.entity,
    { id: ref.recordId, [target.field]: next },
    // The date as the user saw it, compared under the lock (a hand edit does not move Updated).
    { expectedUpdated: optionalText(now.record.updated), seen: { [target.field]: ref.date } },
  );
  if (!saved.ok) return refuse(customerId, failure(saved));
  let activityId: string | null = null;
  if (verb === 'done') {
    const dealId =
      target.entity === 'deals' ? ref.recordId : (optionalText(now.record.dealId) ?? null);
    const logged = saveRecord('activities', {
      customerId,
      dealId,
      type: 'note',
      date: today,
      summary: doneSummary(now.label),
    });
    // The date is cleared either way; a contact that could not be logged is said, not hidden.
    if (!logged.ok) {
      return refuse(
        customerId,
        `The date was cleared, but the activity was not logged: ${failure(logged)}`,
      );
    }
    activityId = String(logged.record.id);
  }
  return {
    ok: true,
    label: now.label,
    receipt: { ...ref, now: next, updated: String(saved.record.updated), activityId },
    card: getCustomerCard(customerId),
  };
}

/** Puts the date back and archives the logged "Done" — unless someone changed it since. */
export function undoReminderAction(customerId: string, receipt: unknown): ReminderActionResult {
  if (typeof customerId !== 'string' || !SAFE_ID.test(customerId)) {
    return { ok: false, error: 'Open a customer first.', card: null };
  }
  const checked = checkReceipt(receipt);
  if ('error' in checked) return refuse(customerId, checked.error);
  const target = ACTIONABLE[checked.kind];
  const { today } = requestContext();
  const now = current(checked, customerId, today);
  if ('error' in now) return refuse(customerId, now.error);
  if (now.date !== checked.now) {
    return refuse(
      customerId,
      'Someone changed this date after you; it was not undone. The card shows it as it is.',
    );
  }
  const restored = saveRecord(
    target.entity,
    { id: checked.recordId, [target.field]: checked.date },
    { expectedUpdated: checked.updated, seen: { [target.field]: checked.now } },
  );
  if (!restored.ok) return refuse(customerId, failure(restored));
  if (checked.activityId) {
    const logged = getRecord('activities', checked.activityId);
    if (logged && logged.customerId === customerId && logged.archived !== true) {
      archiveRecord('activities', checked.activityId);
    }
  }
  return {
    ok: true,
    label: now.label,
    receipt: { ...checked, now: checked.date, updated: String(restored.record.updated) },
    card: getCustomerCard(customerId),
  };
}
