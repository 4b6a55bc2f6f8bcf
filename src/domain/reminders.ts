/**
 * Reminder rules: what is due for whom, and when. Today this is what is coming up for a
 * customer, for the card: follow-ups, birthdays (theirs and their
 * contacts'), deals' next steps and expected close dates. Overdue items stay listed,
 * flagged, until someone acts on them: a missed follow-up is exactly what must not vanish.
 */
import { addDays, daysBetween, isIsoDate, type IsoDate } from './calendar';
import type { CustomerCard } from './api-types';
import { CLOSED_DEAL_STAGES } from './schema';

export interface UpcomingItem {
  date: IsoDate;
  label: string;
  overdue: boolean;
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
  const add = (date: IsoDate | null, label: string, keepOverdue: boolean) => {
    if (!date || daysBetween(date, horizon) < 0) return;
    const overdue = daysBetween(today, date) < 0;
    if (overdue && !keepOverdue) return;
    items.push({ date, label, overdue });
  };
  const customer = card.customer;
  add(dateOf(customer.followUp), 'Follow up', true);
  const birthdays: Array<[string | null | undefined, string]> = [
    [customer.birthday, 'Birthday'],
    ...card.contacts.map((c): [string | null | undefined, string] => [
      c.birthday,
      `Birthday of ${c.name ?? 'a contact'}`,
    ]),
  ];
  for (const [date, label] of birthdays) {
    const birthday = dateOf(date);
    if (!birthday) continue;
    const next = nextBirthday(birthday, today);
    add(next.date, `${label} (turns ${next.age})`, false);
  }
  for (const deal of card.deals) {
    if (CLOSED_DEAL_STAGES.includes(deal.stage ?? '')) continue;
    const title = deal.title ?? 'deal';
    add(
      dateOf(deal.nextStepDate),
      `Next step for ${title}${deal.nextStep ? `: ${deal.nextStep}` : ''}`,
      true,
    );
    add(dateOf(deal.expectedClose), `Expected close: ${title}`, true);
  }
  for (const activity of card.activities) {
    add(
      dateOf(activity.nextFollowUp),
      `Follow up: ${activity.summary ?? activity.type ?? ''}`,
      true,
    );
  }
  return items.sort((a, b) => a.date.localeCompare(b.date));
}
