/**
 * The sidebar's Dashboard, Reminders and Upcoming actions through the built bundle: what
 * getDashboard reads back after a lifecycle run, what Done, Snooze and Undo write to the
 * sheet (and what they refuse), and a teammate taking over the reminders.
 */
import { describe, expect, it } from 'vitest';
import { call, NOW, setUp } from './workbook.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import type { CustomerCard, SaveResult } from '../../src/domain/api-types.ts';
import type { DashboardView } from '../../src/domain/dashboard-view.ts';
import type { ReminderActionResult } from '../../src/server/sidebar-reminders.ts';
import type { ReminderStatus } from '../../src/server/jobs/reminder-trigger.ts';
import { upcomingFor, type UpcomingItem } from '../../src/domain/reminders.ts';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';

const TODAY = '2026-03-02'; // NOW in Europe/Warsaw
const ANA = 'ana@example.com';
const BOB = 'bob@example.com';

function save(runtime: LocalRuntime, entity: string, input: AnyRecord): string {
  const result = call<SaveResult>(runtime, 'saveRecord', entity, input, {
    confirmDuplicate: true,
  });
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return String(result.record.id);
}

/** A cell as the sheet holds it: dates (serial numbers) as ISO days. */
function cell(runtime: LocalRuntime, tab: string, id: string, header: string): unknown {
  const sheet = runtime.state.sheets.find((s) => s.name === tab)!;
  const headers = sheet.rows[0]!.map((c) => String(c?.v ?? ''));
  const row = sheet.rows.find((cells) => cells?.[headers.indexOf('ID')]?.v === id);
  const value = row?.[headers.indexOf(header)]?.v;
  if (typeof value === 'number' && /date|follow-up|close/i.test(header)) {
    return new Date(Date.UTC(1899, 11, 30) + value * 86_400_000).toISOString().slice(0, 10);
  }
  return value ?? '';
}

function a1(runtime: LocalRuntime, tab: string, id: string, header: string): string {
  const sheet = runtime.state.sheets.find((s) => s.name === tab)!;
  const headers = sheet.rows[0]!.map((c) => String(c?.v ?? ''));
  const row = sheet.rows.findIndex((cells) => cells?.[headers.indexOf('ID')]?.v === id);
  return `${columnLetters(headers.indexOf(header) + 1)}${row + 1}`;
}

function activities(runtime: LocalRuntime, customerId: string): AnyRecord[] {
  return (call<CustomerCard>(runtime, 'getCustomerCard', customerId)?.activities ?? []).map(
    (a) => a as AnyRecord,
  );
}

function seeded() {
  const runtime = setUp();
  const anna = save(runtime, 'customers', {
    name: 'Anna Nowak',
    email: 'anna@example.com',
    followUp: '2026-02-27',
    birthday: '1980-03-20',
  });
  const other = save(runtime, 'customers', { name: 'Other', email: 'other@example.com' });
  const deal = save(runtime, 'deals', {
    customerId: anna,
    title: 'Kitchen',
    stage: 'proposal',
    nextStep: 'Send the quote',
    nextStepDate: '2026-03-03',
    expectedClose: '2026-03-10',
  });
  const call1 = save(runtime, 'activities', {
    customerId: anna,
    type: 'call',
    date: '2026-02-20',
    summary: 'Asked for prices',
    nextFollowUp: '2026-03-05',
  });
  return { runtime, anna, other, deal, call1 };
}

function upcoming(runtime: LocalRuntime, customerId: string): UpcomingItem[] {
  return upcomingFor(call<CustomerCard>(runtime, 'getCustomerCard', customerId), TODAY);
}

function act(runtime: LocalRuntime, customerId: string, item: unknown, action: string) {
  return call<ReminderActionResult>(runtime, 'actOnReminder', customerId, item, action);
}

const ref = (item: UpcomingItem) => ({ kind: item.kind, recordId: item.recordId, date: item.date });

describe('Done and Snooze on the Upcoming list', () => {
  it('Done clears a follow-up and logs "Done: …" today; Undo puts it back', () => {
    const { runtime, anna } = seeded();
    const followUp = upcoming(runtime, anna).find((i) => i.kind === 'followUp')!;
    expect(followUp).toMatchObject({ date: '2026-02-27', overdue: true, field: 'followUp' });
    const result = act(runtime, anna, ref(followUp), 'done');
    expect(result.ok).toBe(true);
    expect(cell(runtime, 'Customers', anna, 'Next follow-up')).toBe('');
    const logged = activities(runtime, anna).find((a) => a.summary === 'Done: Follow up');
    expect(logged).toMatchObject({ type: 'note', date: TODAY, customerId: anna });
    expect(result.card && upcomingFor(result.card, TODAY).some((i) => i.kind === 'followUp')).toBe(
      false,
    );

    if (!result.ok) throw new Error(result.error);
    const undone = call<ReminderActionResult>(runtime, 'undoReminderAction', anna, result.receipt);
    expect(undone.ok).toBe(true);
    expect(cell(runtime, 'Customers', anna, 'Next follow-up')).toBe('2026-02-27');
    expect(activities(runtime, anna).some((a) => a.summary === 'Done: Follow up')).toBe(false);
  });

  it('Snooze moves an activity follow-up, a next step and an expected close from today', () => {
    const { runtime, anna, deal, call1 } = seeded();
    const items = upcoming(runtime, anna);
    const byKind = (kind: string) => ref(items.find((i) => i.kind === kind)!);
    expect(act(runtime, anna, byKind('activityFollowUp'), 'snooze-1d').ok).toBe(true);
    expect(cell(runtime, 'Activity', call1, 'Next follow-up')).toBe('2026-03-03');
    expect(act(runtime, anna, byKind('dealNextStep'), 'snooze-7d').ok).toBe(true);
    expect(cell(runtime, 'Deals', deal, 'Next step date')).toBe('2026-03-09');
    expect(act(runtime, anna, byKind('dealClose'), 'snooze-7d').ok).toBe(true);
    expect(cell(runtime, 'Deals', deal, 'Expected close')).toBe('2026-03-09');
    // Snoozing logs nothing.
    expect(activities(runtime, anna)).toHaveLength(1);
  });

  it('Done on a deal next step clears its date and logs the activity on that deal', () => {
    const { runtime, anna, deal } = seeded();
    const item = upcoming(runtime, anna).find((i) => i.kind === 'dealNextStep')!;
    expect(act(runtime, anna, ref(item), 'done').ok).toBe(true);
    expect(cell(runtime, 'Deals', deal, 'Next step date')).toBe('');
    expect(cell(runtime, 'Deals', deal, 'Next step')).toBe('Send the quote');
    expect(activities(runtime, anna).find((a) => a.dealId === deal)?.summary).toBe(
      'Done: Next step for Kitchen: Send the quote',
    );
  });

  it('refuses what it cannot do, changing nothing', () => {
    const { runtime, anna, other, deal } = seeded();
    const items = upcoming(runtime, anna);
    const followUp = ref(items.find((i) => i.kind === 'followUp')!);
    const close = ref(items.find((i) => i.kind === 'dealClose')!);
    const birthday = items.find((i) => i.kind === 'birthday')!;
    const error = (result: ReminderActionResult) => (result.ok ? 'ok' : result.error);

    expect(error(act(runtime, anna, close, 'done'))).toMatch(/won or lost/);
    expect(error(act(runtime, anna, { ...ref(items[0]), kind: 'birthday' }, 'done'))).toBe(
      'A birthday cannot be marked done or snoozed.',
    );
    expect(birthday.field).toBeNull();
    expect(error(act(runtime, anna, followUp, 'snooze-2y'))).toBe(
      "actOnReminder: action must be one of done, snooze-1d, snooze-7d, got 'snooze-2y'",
    );
    expect(error(act(runtime, anna, { ...followUp, date: 'soon' }, 'done'))).toMatch(/no date/);
    expect(error(act(runtime, anna, 'follow-up', 'done'))).toMatch(/Upcoming list/);
    expect(error(act(runtime, other, followUp, 'done'))).toMatch(/another customer/);
    const wrongKind = { kind: 'followUp', recordId: deal, date: '2026-03-03' };
    expect(error(act(runtime, anna, wrongKind, 'done'))).toMatch(/no longer exists/);

    // A date typed in the sheet since the card was read: refused, with the fresh card.
    runtime.userEdit('Customers', a1(runtime, 'Customers', anna, 'Next follow-up'), '2026-04-01');
    const moved = act(runtime, anna, followUp, 'done');
    expect(error(moved)).toMatch(/moved this date to 2026-04-01/);
    expect(moved.card?.customer.followUp).toBe('2026-04-01');
    expect(cell(runtime, 'Customers', anna, 'Next follow-up')).toBe('2026-04-01');

    call(runtime, 'archiveRecord', 'deals', deal);
    expect(error(act(runtime, anna, close, 'snooze-1d'))).toMatch(/no longer exists/);
    expect(cell(runtime, 'Deals', deal, 'Expected close')).toBe('2026-03-10');
    expect(activities(runtime, anna)).toHaveLength(1);
  });

  it('Undo refuses when the date changed after the action', () => {
    const { runtime, anna } = seeded();
    const item = upcoming(runtime, anna).find((i) => i.kind === 'followUp')!;
    const result = act(runtime, anna, ref(item), 'snooze-7d');
    if (!result.ok) throw new Error(result.error);
    expect(result.receipt).toMatchObject({ date: '2026-02-27', now: '2026-03-09' });
    runtime.userEdit('Customers', a1(runtime, 'Customers', anna, 'Next follow-up'), '2026-05-05');
    const undone = call<ReminderActionResult>(runtime, 'undoReminderAction', anna, result.receipt);
    expect(undone.ok ? 'ok' : undone.error).toMatch(/changed this date after you/);
    expect(cell(runtime, 'Customers', anna, 'Next follow-up')).toBe('2026-05-05');
  });
});

describe('getDashboard', () => {
  it('is null before the first lifecycle run, then the tab as JSON with ids to open', () => {
    const { runtime, anna } = seeded();
    expect(call(runtime, 'getDashboard')).toBeNull();
    save(runtime, 'deals', {
      customerId: anna,
      title: 'Chairs',
      stage: 'won',
      amount: 1200,
      closedDate: '2026-02-10',
    });
    const report = call<{ stages: Record<string, number> }>(runtime, 'recalculateLifecycle');
    const view = call<DashboardView>(runtime, 'getDashboard');
    expect(view.asOf).toBe(TODAY);
    expect(view.customers).toBe(2);
    expect(
      Object.fromEntries(view.stages.filter((s) => s.count).map((s) => [s.stage, s.count])),
    ).toEqual(report.stages);
    expect(view.top).toEqual([
      { name: 'Anna Nowak', id: anna, totalSpent: 1200, expected90: null },
    ]);
    expect(view.revenue.find((m) => m.month === '2026-02')?.amount).toBe(1200);
    expect(view.model.used).toBe(false);
  });
});

describe('taking over the reminders (what the Reminders screen shows a teammate)', () => {
  it('shows the owner to a teammate, and after a take-over the teammate owns them', () => {
    const runtime = setUp({ now: NOW, user: ANA });
    const asUser = <T>(user: string, name: string, ...args: unknown[]) => {
      const result = runtime.run<T>(name, args, { source: 'script-run', user });
      if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
      return result.value as T;
    };
    asUser(ANA, 'turnOnReminders', 8);
    const seen = asUser<ReminderStatus>(BOB, 'getReminderStatus');
    expect(seen).toMatchObject({ on: true, owner: ANA, hour: 8, you: BOB, youOwn: false });
    // Turning on without take-over changes nothing while Ana owns them.
    expect(asUser<ReminderStatus>(BOB, 'turnOnReminders', 9)).toMatchObject({
      owner: ANA,
      hour: 8,
    });
    const taken = asUser<ReminderStatus>(BOB, 'turnOnReminders', 9, true);
    expect(taken).toMatchObject({ on: true, owner: BOB, hour: 9, youOwn: true });
    expect(asUser<ReminderStatus>(ANA, 'getReminderStatus')).toMatchObject({
      owner: BOB,
      youOwn: false,
    });
  });
});
