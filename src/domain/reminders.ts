/**
 * Reminder rules: what is due for whom, and when. Two readers: the customer card (what is
 * coming up for one customer: `upcomingFor`) and the daily job (`dueReminders`: everything
 * due today, for every owner, which digest.ts turns into one mail per person). Overdue items
 * stay listed, flagged, until someone acts on them: a missed follow-up is exactly what must
 * not vanish.
 *
 * Keys and "nothing sent twice". A reminder's key is `${rule}:${recordId}:${due}`. It stays
 * the same from one day to the next while nothing changes, and a new key appears when the
 * date is moved (a new follow-up date, a new last contact for cadence). An overdue follow-up
 * is due again every day, under the same key: so the job's sent-log must dedupe on the pair
 * (key, day sent), never on the key alone. The job sends a key at most once per calendar day
 * (a second run the same day sends nothing new) and sends it again the next day if it is
 * still returned. Whatever is returned on a day is meant to be in that day's digest.
 *
 * "Since the last run". `lastRun` is the last day the job completed. Rules about events
 * (stage changed to slipping, a total crossed, a one-time buyer reached N days, a birthday
 * missed) look at the days after `lastRun` up to today, so a day the job did not run is
 * caught up on the next run. On the first run (`lastRun` null) the job acts as if it had
 * run yesterday: turning reminders on does not replay the workbook's history.
 *
 * When a reminder is done. Follow-ups (a customer's next follow-up date, an activity's next
 * follow-up, a deal's next step date) are done when a contact is logged in Activity on or
 * after their date (for a deal: an activity of that deal, or of its customer with no deal),
 * or when the date is cleared or moved. Of the activities that set a next follow-up, only
 * the customer's latest counts: a later one moves the follow-up. A "contact" is any
 * activity except the system's own 'reminder sent' and 'stage change'. Deals are done when
 * won, lost or archived. So the sidebar's Done can be "log the contact" (and clear the
 * date), and Snooze can be "move the date".
 */
import { addDays, daysBetween, isIsoDate, type IsoDate } from './calendar';
import type { CustomerCard } from './api-types';
import { CLOSED_DEAL_STAGES, type RecordOf } from './schema';
import type { LifecycleStage } from './lifecycle';
import { purchaseFigures, type PurchaseFigures } from './purchases';
import type { CadenceGap, ReminderSettings } from './reminder-settings';

/** What an upcoming item is: which record's which date the card's Done and Snooze act on. */
export type UpcomingKind =
  'followUp' | 'activityFollowUp' | 'dealNextStep' | 'dealClose' | 'birthday';

export interface UpcomingItem {
  date: IsoDate;
  label: string;
  overdue: boolean;
  kind: UpcomingKind;
  /** The record that holds the date (a birthday: the customer or the contact). */
  entity: 'customers' | 'contacts' | 'deals' | 'activities';
  recordId: string;
  /** The date field Done clears and Snooze moves; null for a birthday (neither applies). */
  field: 'followUp' | 'nextFollowUp' | 'nextStepDate' | 'expectedClose' | null;
  /** The record's last change when the card was read: an action refuses if it moved since. */
  updated: string | null;
}

/** How far ahead the card looks. */
export const UPCOMING_DAYS = 60;

function dateOf(value: unknown): IsoDate | null {
  return typeof value === 'string' && isIsoDate(value) ? value : null;
}

/** The next time a birthday comes round on or after `today` (29 Feb → 28 Feb in common years). */
export function nextBirthday(birthday: IsoDate, today: IsoDate): { date: IsoDate; age: number } {
  const [year, month, day] = birthday.split('-').map(Number);
  const thisYear = Number(today.slice(0, 4));
  for (const candidateYear of [thisYear, thisYear + 1]) {
    let candidate = `${candidateYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (!isIsoDate(candidate)) candidate = addDays(`${candidateYear}-03-01`, -1);
    if (daysBetween(today, candidate) >= 0) return { date: candidate, age: candidateYear - year };
  }
  throw new Error('unreachable: a birthday recurs within a year');
}

export function upcomingFor(card: CustomerCard, today: IsoDate): UpcomingItem[] {
  const items: UpcomingItem[] = [];
  const horizon = addDays(today, UPCOMING_DAYS);
  type Source = Pick<UpcomingItem, 'kind' | 'entity' | 'field'> & {
    record: { id?: string | null; updated?: string | null };
  };
  const add = (date: IsoDate | null, label: string, keepOverdue: boolean, source: Source) => {
    if (!date || daysBetween(date, horizon) < 0) return;
    const overdue = daysBetween(today, date) < 0;
    if (overdue && !keepOverdue) return;
    const { record, ...what } = source;
    items.push({
      date,
      label,
      overdue,
      ...what,
      recordId: record.id ?? '',
      updated: record.updated ?? null,
    });
  };
  const customer = card.customer;
  add(dateOf(customer.followUp), 'Follow up', true, {
    kind: 'followUp',
    entity: 'customers',
    field: 'followUp',
    record: customer,
  });
  const birthdays: Array<[string | null | undefined, string, Source]> = [
    [
      customer.birthday,
      'Birthday',
      { kind: 'birthday', entity: 'customers', field: null, record: customer },
    ],
    ...card.contacts.map((c): [string | null | undefined, string, Source] => [
      c.birthday,
      `Birthday of ${c.name ?? 'a contact'}`,
      { kind: 'birthday', entity: 'contacts', field: null, record: c },
    ]),
  ];
  for (const [date, label, source] of birthdays) {
    const birthday = dateOf(date);
    if (!birthday) continue;
    const next = nextBirthday(birthday, today);
    add(next.date, `${label} (turns ${next.age})`, false, source);
  }
  for (const deal of card.deals) {
    if (CLOSED_DEAL_STAGES.includes(deal.stage ?? '')) continue;
    const title = deal.title ?? 'deal';
    add(
      dateOf(deal.nextStepDate),
      `Next step for ${title}${deal.nextStep ? `: ${deal.nextStep}` : ''}`,
      true,
      { kind: 'dealNextStep', entity: 'deals', field: 'nextStepDate', record: deal },
    );
    add(dateOf(deal.expectedClose), `Expected close: ${title}`, true, {
      kind: 'dealClose',
      entity: 'deals',
      field: 'expectedClose',
      record: deal,
    });
  }
  for (const activity of card.activities) {
    add(
      dateOf(activity.nextFollowUp),
      `Follow up: ${activity.summary ?? activity.type ?? ''}`,
      true,
      { kind: 'activityFollowUp', entity: 'activities', field: 'nextFollowUp', record: activity },
    );
  }
  return items.sort((a, b) => a.date.localeCompare(b.date));
}

// ---------------------------------------------------------------------------------------
// The daily job's reminders

type Customer = RecordOf<'customers'>;
type Contact = RecordOf<'contacts'>;
type Deal = RecordOf<'deals'>;
type Activity = RecordOf<'activities'>;

export type ReminderRule =
  | 'follow-up'
  | 'deal-next-step'
  | 'deal-close'
  | 'birthday'
  | 'slipping'
  | 'one-time-nudge'
  | 'total-crossed'
  | 'cadence'
  | 'seasonal';

/** The rules in the order a digest lists them within a day: tasks first, then notices. */
export const REMINDER_RULES: readonly ReminderRule[] = [
  'follow-up',
  'deal-next-step',
  'deal-close',
  'birthday',
  'slipping',
  'cadence',
  'one-time-nudge',
  'total-crossed',
  'seasonal',
];

export interface Reminder {
  /** `${rule}:${recordId}:${due}`: the same reminder on the next day has the same key. */
  key: string;
  rule: ReminderRule;
  /** The deal's owner (deal rules), else the customer's owner, else settings.defaultRecipient. */
  recipient: string;
  customerId: string;
  customerName: string;
  entity: 'customers' | 'contacts' | 'deals';
  recordId: string;
  due: IsoDate;
  /** due < today. */
  overdue: boolean;
  /** Cadence: yellow past the ideal gap, red past the maximum; other rules: due or overdue. */
  severity: 'due' | 'overdue' | 'yellow' | 'red';
  /** 'Follow up with Anna Nowak'. */
  title: string;
  /** How to reach them: 'call between 10:00 and 14:00, prefers WhatsApp' (may be empty). */
  detail: string;
  /** Birthdays: settings.birthdaySuggestion. */
  suggestion?: string;
  /** Why, in words: the activity that asked for the follow-up, the stage reason, the total. */
  note?: string;
  /** A follow-up asked for by an activity: that activity's id. */
  activityId?: string;
}

export interface ReminderInput {
  today: IsoDate;
  /** The last day the job completed (for "since the last run" rules); null = first run. */
  lastRun: IsoDate | null;
  settings: ReminderSettings;
  customers: readonly RecordOf<'customers'>[];
  contacts: readonly RecordOf<'contacts'>[];
  deals: readonly RecordOf<'deals'>[];
  activities: readonly RecordOf<'activities'>[];
  services: readonly RecordOf<'services'>[];
  baseCurrency: string;
  rates: ReadonlyMap<string, number>;
}

/**
 * Per-customer cadence, proposed as two optional number columns on Customers ("Contact every
 * (days)", "Contact at least every (days)"). The schema does not have them yet; when a record
 * carries them they overrule the stage's default.
 */
export interface CadenceOverride {
  cadenceIdealDays?: number | null;
  cadenceMaxDays?: number | null;
}

/** Activity types the system writes itself: they are not contacts with the customer. */
const SYSTEM_ACTIVITY_TYPES: readonly string[] = ['reminder sent', 'stage change'];

interface Person {
  callWindow?: string | null;
  preferredChannel?: string | null;
}

/** A reminder before its recipient, key and severity are settled. */
interface Draft {
  rule: ReminderRule;
  entity: Reminder['entity'];
  recordId: string;
  customerId: string;
  customer: Customer | undefined;
  /** The deal's owner for deal rules; the customer's owner otherwise. */
  owner: string | null | undefined;
  due: IsoDate;
  title: string;
  detail: string;
  note?: string;
  suggestion?: string;
  activityId?: string;
  cadence?: 'yellow' | 'red';
}

interface RuleContext {
  input: ReminderInput;
  today: IsoDate;
  /** The last day already covered: lastRun, or yesterday on the first run. */
  since: IsoDate;
  settings: ReminderSettings;
  /** Active customers by id. */
  customers: ReadonlyMap<string, Customer>;
  /** Active contacts of active customers. */
  contacts: readonly Contact[];
  contactById: ReadonlyMap<string, Contact>;
  /** Active deals whose customer is active (or missing: an orphan deal still needs work). */
  deals: readonly Deal[];
  /** Each customer's logged contacts dated up to today, oldest first. */
  contactsLogged: ReadonlyMap<string, readonly Activity[]>;
  /** Every active activity with a date up to today, oldest first. */
  activities: readonly Activity[];
  /** Purchase figures as of today. */
  figures: ReadonlyMap<string, PurchaseFigures>;
}

const active = <T extends { archived?: boolean }>(record: T) => record.archived !== true;

function nameOf(customer: Customer | undefined, fallback: string): string {
  return customer?.name || customer?.company || fallback;
}

/** 'call between 10:00 and 14:00, prefers WhatsApp', from the first person who says either. */
function detailOf(...people: Array<Person | undefined>): string {
  const person = people.find((p) => p && (p.callWindow || p.preferredChannel));
  if (!person) return '';
  const parts: string[] = [];
  const hours = /^\s*(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\s*$/.exec(person.callWindow ?? '');
  if (hours) parts.push(`call between ${hours[1]} and ${hours[2]}`);
  else if (person.callWindow) parts.push(`call ${person.callWindow}`);
  if (person.preferredChannel) parts.push(`prefers ${person.preferredChannel}`);
  return parts.join(', ');
}

/** Oldest first; same day by creation time, then by row order (the sort is stable). */
function chronological(activities: Activity[]): Activity[] {
  return activities.sort(
    (a, b) =>
      (a.date ?? '').localeCompare(b.date ?? '') ||
      (a.created ?? '').localeCompare(b.created ?? ''),
  );
}

function ruleContext(input: ReminderInput): RuleContext {
  const today = input.today;
  const customers = new Map<string, Customer>();
  for (const c of input.customers) if (c.id && active(c)) customers.set(c.id, c);
  const customerIsActive = (id: string | null | undefined) => !!id && customers.has(id);
  const contacts = input.contacts.filter(
    (c) => c.id && active(c) && customerIsActive(c.customerId),
  );
  const archivedCustomers = new Set(
    input.customers.filter((c) => c.id && !active(c)).map((c) => c.id),
  );
  const deals = input.deals.filter(
    (d) => d.id && active(d) && !archivedCustomers.has(d.customerId ?? ''),
  );
  const activities = chronological(
    input.activities.filter((a) => active(a) && isDated(a.date) && daysBetween(a.date, today) >= 0),
  );
  const contactsLogged = new Map<string, Activity[]>();
  for (const a of activities) {
    if (!a.customerId || SYSTEM_ACTIVITY_TYPES.includes(a.type ?? '')) continue;
    const list = contactsLogged.get(a.customerId);
    if (list) list.push(a);
    else contactsLogged.set(a.customerId, [a]);
  }
  const currency = { base: input.baseCurrency, rates: input.rates };
  return {
    input,
    today,
    since: input.lastRun ?? addDays(today, -1),
    settings: input.settings,
    customers,
    contacts,
    contactById: new Map(contacts.map((c) => [c.id ?? '', c])),
    deals,
    contactsLogged,
    activities,
    figures: purchaseFigures(input.deals, input.services, today, currency).figures,
  };
}

function isDated(value: unknown): value is IsoDate {
  return typeof value === 'string' && isIsoDate(value);
}

/** A date that has come: on or before today. */
function reached(date: unknown, today: IsoDate): date is IsoDate {
  return isDated(date) && daysBetween(date, today) >= 0;
}

/** After the last covered day and not after today: an event this run must report. */
function sinceLastRun(date: unknown, ctx: RuleContext): date is IsoDate {
  return reached(date, ctx.today) && daysBetween(ctx.since, date) > 0;
}

/** Whether a contact was logged on or after `date` (for a deal: of that deal or of no deal). */
function contactedSince(
  ctx: RuleContext,
  customerId: string,
  date: IsoDate,
  options: { dealId?: string; except?: string } = {},
): boolean {
  return (ctx.contactsLogged.get(customerId) ?? []).some(
    (a) =>
      a.id !== options.except &&
      daysBetween(date, a.date ?? date) >= 0 &&
      (options.dealId === undefined || !a.dealId || a.dealId === options.dealId),
  );
}

function customerDraft(
  ctx: RuleContext,
  customer: Customer,
  fields: Pick<Draft, 'rule' | 'due' | 'title'> & Partial<Draft>,
): Draft {
  const id = customer.id ?? '';
  return {
    entity: 'customers',
    recordId: id,
    customerId: id,
    customer,
    owner: customer.owner,
    detail: detailOf(customer),
    ...fields,
  };
}

function followUps(ctx: RuleContext): Draft[] {
  const drafts: Draft[] = [];
  for (const [id, customer] of ctx.customers) {
    const name = nameOf(customer, id);
    if (reached(customer.followUp, ctx.today) && !contactedSince(ctx, id, customer.followUp)) {
      drafts.push(
        customerDraft(ctx, customer, {
          rule: 'follow-up',
          due: customer.followUp,
          title: `Follow up with ${name}`,
        }),
      );
    }
    const asking = (ctx.contactsLogged.get(id) ?? []).filter((a) => isDated(a.nextFollowUp));
    const latest = asking[asking.length - 1];
    const due = latest?.nextFollowUp;
    if (!latest || !reached(due, ctx.today)) continue;
    if (contactedSince(ctx, id, due, { except: latest.id ?? undefined })) continue;
    drafts.push(
      customerDraft(ctx, customer, {
        rule: 'follow-up',
        due,
        title: `Follow up with ${name}`,
        note: `Asked for after the ${latest.type ?? 'activity'} on ${latest.date}: ${latest.summary ?? ''}`.trim(),
        activityId: latest.id ?? undefined,
      }),
    );
  }
  return drafts;
}

function dealDrafts(ctx: RuleContext): Draft[] {
  const drafts: Draft[] = [];
  for (const deal of ctx.deals) {
    if (CLOSED_DEAL_STAGES.includes(deal.stage ?? '')) continue;
    const customerId = deal.customerId ?? '';
    const customer = ctx.customers.get(customerId);
    const base = {
      entity: 'deals' as const,
      recordId: deal.id ?? '',
      customerId,
      customer,
      owner: deal.owner || customer?.owner,
      detail: detailOf(ctx.contactById.get(deal.contactId ?? ''), customer),
    };
    const title = deal.title || 'deal';
    const name = nameOf(customer, customerId);
    const next = deal.nextStepDate;
    if (
      reached(next, ctx.today) &&
      !contactedSince(ctx, customerId, next, { dealId: base.recordId })
    ) {
      drafts.push({
        ...base,
        rule: 'deal-next-step',
        due: next,
        title: `Next step for ${title} (${name})${deal.nextStep ? `: ${deal.nextStep}` : ''}`,
      });
    }
    const close = deal.expectedClose;
    if (isDated(close) && daysBetween(ctx.today, close) <= ctx.settings.closeLeadDays) {
      const amount = deal.amount
        ? `, ${formatAmount(deal.amount)} ${deal.currency || ctx.input.baseCurrency}`
        : '';
      drafts.push({
        ...base,
        rule: 'deal-close',
        due: close,
        title: `Expected close: ${title} (${name})`,
        note: `Still open at stage ${deal.stage ?? 'unknown'}${amount}`,
      });
    }
  }
  return drafts;
}

function birthdays(ctx: RuleContext): Draft[] {
  const { birthdayLeadDays, birthdayMaxLateDays, birthdaySuggestion } = ctx.settings;
  const people: Array<{ person: Contact | Customer; customer: Customer; contact: boolean }> = [
    ...[...ctx.customers.values()].map((c) => ({ person: c, customer: c, contact: false })),
    ...ctx.contacts.map((c) => ({
      person: c,
      customer: ctx.customers.get(c.customerId ?? '') as Customer, // contacts are filtered to active customers
      contact: true,
    })),
  ];
  const drafts: Draft[] = [];
  for (const { person, customer, contact } of people) {
    if (!isDated(person.birthday)) continue;
    const coming = nextBirthday(person.birthday, ctx.today);
    // The occurrence on or after the start of the late window; before today = already past.
    const past = nextBirthday(person.birthday, addDays(ctx.today, -birthdayMaxLateDays));
    const occurrence =
      daysBetween(ctx.today, coming.date) <= birthdayLeadDays
        ? coming
        : daysBetween(past.date, ctx.today) > 0 && sinceLastRun(past.date, ctx)
          ? past
          : null;
    if (!occurrence || occurrence.age < 1) continue;
    const customerName = nameOf(customer, customer.id ?? '');
    const who = contact ? `${person.name || 'a contact'} (${customerName})` : customerName;
    const late = daysBetween(occurrence.date, ctx.today) > 0;
    drafts.push({
      rule: 'birthday',
      entity: contact ? 'contacts' : 'customers',
      recordId: person.id ?? '',
      customerId: customer.id ?? '',
      customer,
      owner: customer.owner,
      due: occurrence.date,
      title: `Birthday: ${who} ${late ? 'turned' : 'turns'} ${occurrence.age}`,
      detail: detailOf(person, customer),
      suggestion: birthdaySuggestion || undefined,
    });
  }
  return drafts;
}

/** "Stage: returning → slipping" (what the lifecycle job logs), in any case, with -> too. */
const TO_SLIPPING = /(?:→|->)\s*slipping\s*$/i;

function slipping(ctx: RuleContext): Draft[] {
  const since = new Map<string, IsoDate>();
  const later = (id: string, date: IsoDate) => {
    const known = since.get(id);
    if (!known || daysBetween(known, date) > 0) since.set(id, date);
  };
  for (const a of ctx.activities) {
    if (a.type === 'stage change' && a.customerId && TO_SLIPPING.test(a.summary ?? '')) {
      if (sinceLastRun(a.date, ctx)) later(a.customerId, a.date);
    }
  }
  for (const [id, c] of ctx.customers) {
    if (c.lifecycle === 'slipping' && sinceLastRun(c.stageSince, ctx)) later(id, c.stageSince);
  }
  const drafts: Draft[] = [];
  for (const [id, date] of since) {
    const customer = ctx.customers.get(id);
    // A known stage other than slipping: they recovered (or were set by hand) since.
    if (!customer || (customer.lifecycle && customer.lifecycle !== 'slipping')) continue;
    drafts.push(
      customerDraft(ctx, customer, {
        rule: 'slipping',
        due: date,
        title: `${nameOf(customer, id)} started slipping`,
        note: customer.stageReason || undefined,
      }),
    );
  }
  return drafts;
}

function oneTimeNudges(ctx: RuleContext): Draft[] {
  const days = ctx.settings.oneTimeNudgeDays;
  const drafts: Draft[] = [];
  for (const [id, customer] of ctx.customers) {
    const figures = ctx.figures.get(id);
    if (!figures || figures.purchases !== 1) continue;
    const mark = addDays(figures.lastPurchase, days);
    if (!sinceLastRun(mark, ctx)) continue;
    drafts.push(
      customerDraft(ctx, customer, {
        rule: 'one-time-nudge',
        due: mark,
        title: `${nameOf(customer, id)}: ${days} days since their only purchase`,
        note: `One purchase, on ${figures.lastPurchase} (${formatAmount(figures.totalSpent)} ${ctx.input.baseCurrency}); no second one yet`,
      }),
    );
  }
  return drafts;
}

/** The purchase day on which the running total first reached `threshold`. */
function crossingDay(figures: PurchaseFigures, threshold: number): IsoDate {
  let total = 0;
  for (let i = 0; i < figures.days.length; i++) {
    total += figures.amounts[i];
    if (total >= threshold) return figures.days[i];
  }
  return figures.lastPurchase;
}

/**
 * Compares the figures as of the last covered day with today's, both from today's deals: a
 * deal entered late but dated before the last run moved the total "before", so it is not
 * reported (nothing recorded what the last run saw).
 */
function totalsCrossed(ctx: RuleContext): Draft[] {
  const threshold = ctx.settings.totalThreshold;
  if (threshold === null || daysBetween(ctx.since, ctx.today) <= 0) return [];
  const currency = { base: ctx.input.baseCurrency, rates: ctx.input.rates };
  const before = purchaseFigures(ctx.input.deals, ctx.input.services, ctx.since, currency).figures;
  const drafts: Draft[] = [];
  for (const [id, customer] of ctx.customers) {
    const now = ctx.figures.get(id);
    const then = before.get(id)?.totalSpent ?? 0;
    if (!now || then >= threshold || now.totalSpent < threshold) continue;
    const code = ctx.input.baseCurrency;
    drafts.push(
      customerDraft(ctx, customer, {
        rule: 'total-crossed',
        due: crossingDay(now, threshold),
        title: `${nameOf(customer, id)} has spent over ${formatAmount(threshold)} ${code}`,
        note: `Total spent ${formatAmount(now.totalSpent)} ${code} (${formatAmount(then)} ${code} on ${ctx.since})`,
      }),
    );
  }
  return drafts;
}

/** The stage's default gap, overruled by the customer's own columns when present. */
function cadenceGap(customer: Customer & CadenceOverride, fallback: CadenceGap | null) {
  const own = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null);
  const ideal = own(customer.cadenceIdealDays);
  const max = own(customer.cadenceMaxDays);
  const idealDays = ideal ?? fallback?.idealDays ?? max;
  const maxDays = max ?? fallback?.maxDays ?? ideal;
  if (idealDays === null || idealDays === undefined || maxDays === null || maxDays === undefined) {
    return null;
  }
  return { idealDays, maxDays: Math.max(idealDays, maxDays), own: ideal !== null || max !== null };
}

function cadence(ctx: RuleContext): Draft[] {
  const drafts: Draft[] = [];
  for (const [id, customer] of ctx.customers) {
    const stage = (customer.lifecycle || customer.stageOverride) as
      LifecycleStage | null | undefined;
    // No stage yet (the lifecycle job has not run): the stage's default is unknown.
    const gap = cadenceGap(customer, stage ? (ctx.settings.cadence[stage] ?? null) : null);
    if (!gap) continue;
    const logged = ctx.contactsLogged.get(id) ?? [];
    const lastContact = logged[logged.length - 1]?.date;
    const added = customer.created?.slice(0, 10);
    const last = isDated(lastContact) ? lastContact : isDated(added) ? added : null;
    if (!last) continue;
    const days = daysBetween(last, ctx.today);
    if (days <= gap.idealDays) continue;
    const rhythm = `${gap.own ? 'their own cadence' : `${stage} default`}: every ${gap.idealDays} days, at most ${gap.maxDays}`;
    drafts.push(
      customerDraft(ctx, customer, {
        rule: 'cadence',
        due: addDays(last, gap.idealDays + 1),
        title: `No contact with ${nameOf(customer, id)} for ${days} days`,
        note: `${isDated(lastContact) ? `Last contact ${last}` : `Added ${last}, no contact logged`} (${rhythm})`,
        cadence: days > gap.maxDays ? 'red' : 'yellow',
      }),
    );
  }
  return drafts;
}

/** A month-day in a year; 29 February falls on 28 February in common years. */
function inYear(monthDay: string, year: string): IsoDate {
  const date = `${year}-${monthDay}`;
  return isIsoDate(date) ? date : addDays(`${year}-03-01`, -1);
}

function seasonal(ctx: RuleContext): Draft[] {
  const labels = ctx.settings.seasonalGreetings
    .filter((g) => inYear(g.monthDay, ctx.today.slice(0, 4)) === ctx.today)
    .map((g) => g.label);
  if (!labels.length) return [];
  const label = [...new Set(labels)].join(' / ');
  return [...ctx.customers.values()]
    .filter((c) => c.consent === true)
    .map((customer) =>
      customerDraft(ctx, customer, {
        rule: 'seasonal',
        due: ctx.today,
        title: `${label}: greet ${nameOf(customer, customer.id ?? '')}`,
      }),
    );
}

/** 12345.5 → '12,345.50'; whole amounts without decimals. Independent of the host's locale. */
export function formatAmount(amount: number): string {
  const cents = Math.round(amount * 100);
  const whole = Math.trunc(Math.abs(cents) / 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = Math.abs(cents) % 100;
  return `${cents < 0 ? '-' : ''}${grouped}${fraction ? `.${String(fraction).padStart(2, '0')}` : ''}`;
}

const RULES: ReadonlyArray<(ctx: RuleContext) => Draft[]> = [
  followUps,
  dealDrafts,
  birthdays,
  slipping,
  oneTimeNudges,
  totalsCrossed,
  cadence,
  seasonal,
];

function settle(draft: Draft, ctx: RuleContext): Reminder {
  const key = `${draft.rule}:${draft.recordId}:${draft.due}`;
  const overdue = daysBetween(draft.due, ctx.today) > 0;
  const recipient = (draft.owner || ctx.settings.defaultRecipient || '').trim().toLowerCase();
  const reminder: Reminder = {
    key,
    rule: draft.rule,
    recipient,
    customerId: draft.customerId,
    customerName: nameOf(draft.customer, draft.customerId),
    entity: draft.entity,
    recordId: draft.recordId,
    due: draft.due,
    overdue,
    severity: draft.cadence ?? (overdue ? 'overdue' : 'due'),
    title: draft.title,
    detail: draft.detail,
  };
  if (draft.suggestion) reminder.suggestion = draft.suggestion;
  if (draft.note) reminder.note = draft.note;
  if (draft.activityId) reminder.activityId = draft.activityId;
  return reminder;
}

const ruleRank = (rule: ReminderRule) => REMINDER_RULES.indexOf(rule);

/** Recipient, then date, then rule, then customer: the same input gives the same order. */
function byRecipientAndDate(a: Reminder, b: Reminder): number {
  return (
    a.recipient.localeCompare(b.recipient) ||
    a.due.localeCompare(b.due) ||
    ruleRank(a.rule) - ruleRank(b.rule) ||
    a.customerName.localeCompare(b.customerName) ||
    a.key.localeCompare(b.key)
  );
}

/**
 * Everything due on `input.today`: overdue items, today's, and those announced ahead
 * (birthdays, expected close dates). Archived customers, contacts, deals and activities, and
 * everything of an archived customer, give none. Reminders with nobody to send them to
 * (no owner, no default recipient) are returned apart, for the job to report.
 */
export function dueReminders(input: ReminderInput): {
  reminders: Reminder[];
  unassigned: Reminder[];
} {
  const ctx = ruleContext(input);
  const byKey = new Map<string, Reminder>();
  for (const rule of RULES) {
    for (const draft of rule(ctx)) {
      const reminder = settle(draft, ctx);
      // The same follow-up date from the customer's row and an activity is one reminder.
      if (!byKey.has(reminder.key)) byKey.set(reminder.key, reminder);
    }
  }
  const all = [...byKey.values()].sort(byRecipientAndDate);
  return {
    reminders: all.filter((r) => r.recipient !== ''),
    unassigned: all.filter((r) => r.recipient === ''),
  };
}
