/**
 * Lifecycle in the sheet, through the built bundle: every customer's purchase figures and
 * stage written to the Customers tab's computed columns, stage changes logged to Activity,
 * the Dashboard rebuilt — in a number of Spreadsheet calls that does not grow with the sheet.
 */
import { describe, expect, it } from 'vitest';
import { call, run, saved, setUp, tab } from './workbook.ts';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';

function customer(runtime: LocalRuntime, name: string, more: AnyRecord = {}): string {
  return String(
    saved(
      call(runtime, 'saveRecord', 'customers', {
        name,
        email: `${name.toLowerCase()}@example.com`,
        ...more,
      }),
    ).id,
  );
}

function wonDeal(runtime: LocalRuntime, customerId: string, closedDate: string, amount: number) {
  saved(
    call(runtime, 'saveRecord', 'deals', {
      customerId,
      title: `Order ${closedDate}`,
      stage: 'won',
      amount,
      closedDate,
    }),
  );
}

/** The Customers tab as header → value maps, one per data row. */
function customerRows(runtime: LocalRuntime): Array<Record<string, string>> {
  const [header, ...rows] = tab(runtime, 'Customers');
  return rows
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

describe('Recalculate lifecycle', () => {
  it('writes figures, stage, reason and flags; logs changes; rebuilds the Dashboard', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna');
    const bob = customer(runtime, 'Bob');
    customer(runtime, 'Cleo', { referredBy: anna });
    wonDeal(runtime, anna, '2026-01-01', 100);
    wonDeal(runtime, anna, '2026-01-31', 100);
    wonDeal(runtime, anna, '2026-01-31', 50); // same day: one purchase of 150
    wonDeal(runtime, bob, '2025-06-01', 40);
    // A column of the team's own, right of Kartoteka's: never touched.
    const width = tab(runtime, 'Customers')[0].length;
    runtime.state.sheets.find((s) => s.name === 'Customers')!.maxColumns = width + 1;
    const own = columnLetters(width + 1);
    runtime.userEdit('Customers', `${own}1`, 'Our notes');
    runtime.userEdit('Customers', `${own}2`, 'met at the fair');

    const first = run(runtime, 'recalculateLifecycle');
    expect(first.ok, first.error?.message).toBe(true);
    const rows = customerRows(runtime);
    const byName = (name: string) => rows.find((r) => r.Name === name)!;
    expect(byName('Anna')).toMatchObject({
      'Lifecycle stage': 'top 20%',
      Purchases: '2',
      'Total spent': '250',
      'Average purchase': '125',
      'Usual gap (days)': '30',
      'Top 20%': 'true',
      Ambassador: 'false',
      'Chance active': '', // 2 customers bought: far below the model's minimum
    });
    expect(byName('Anna')['Stage reason']).toMatch(/^Top 20%: total spent/);
    expect(byName('Bob')).toMatchObject({ 'Lifecycle stage': 'slipping', Purchases: '1' });
    expect(byName('Bob')['Stage reason']).toBe(
      'Slipping: one purchase, 274 days ago; one-time buyers slip after 90 days',
    );
    expect(byName('Cleo')).toMatchObject({ 'Lifecycle stage': 'lead', Purchases: '0' });
    expect(byName('Anna')['Our notes']).toBe('met at the fair');

    // The Log tab gets no stage changes on the first run: no stage has changed yet.
    const activity = () => tab(runtime, 'Log').filter((r) => r.includes('stage change'));
    expect(activity()).toHaveLength(0);
    const dashboard = tab(runtime, 'Dashboard');
    expect(dashboard[0][0]).toBe('Kartoteka dashboard — 2026-03-02');
    expect(dashboard.map((r) => r[0])).toEqual(
      expect.arrayContaining(['top 20%', 'slipping', 'lead', 'Top 10 customers']),
    );
    expect(dashboard.flat().join(' ')).toMatch(
      /Rhythm rule used: 1 customers bought more than once/,
    );

    // Sixty days on, Anna's usual gap of 30 is twice past: she is slipping, and that is logged.
    runtime.setNow(new Date('2026-05-02T09:00:00Z'));
    expect(run(runtime, 'recalculateLifecycle').ok).toBe(true);
    expect(customerRows(runtime).find((r) => r.Name === 'Anna')).toMatchObject({
      'Lifecycle stage': 'slipping',
      'Top 20%': 'true',
    });
    const logged = activity();
    expect(logged).toHaveLength(1);
    expect(logged[0].join(' ')).toMatch(
      /Stage: top 20% → slipping\. Slipping: no purchase for 91 days/,
    );
  });

  it('keeps Stage since across runs and honours the Stage override', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna', { stageOverride: 'ambassador' });
    wonDeal(runtime, anna, '2026-02-20', 10);
    call(runtime, 'recalculateLifecycle');
    runtime.setNow(new Date('2026-03-09T09:00:00Z'));
    call(runtime, 'recalculateLifecycle');
    expect(customerRows(runtime)[0]).toMatchObject({
      'Lifecycle stage': 'ambassador',
      'Stage reason': 'Set by hand: ambassador',
      'Stage since': expect.stringMatching(/./),
      'Stage override': 'ambassador',
    });
  });

  it('makes the same number of Spreadsheet calls at 5 and 80 customers', () => {
    const counts = [5, 80].map((n) => {
      const runtime = setUp();
      for (let i = 0; i < n; i++) {
        const id = customer(runtime, `C${i}`);
        if (i % 2) wonDeal(runtime, id, '2026-02-01', 10 + i);
      }
      const result = run(runtime, 'recalculateLifecycle');
      expect(result.ok, result.error?.message).toBe(true);
      return result.counts.spreadsheetCalls;
    });
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('a saved deal recomputes its customer with the stored model and threshold', () => {
  it('updates figures and stage at once, logs the change, in a constant number of calls', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna');
    const bob = customer(runtime, 'Bob');
    const cleo = customer(runtime, 'Cleo', { referredBy: anna });
    wonDeal(runtime, anna, '2026-01-01', 500);
    wonDeal(runtime, bob, '2026-02-20', 40);
    expect(run(runtime, 'recalculateLifecycle').ok).toBe(true);
    const byName = (name: string) => customerRows(runtime).find((r) => r.Name === name)!;
    expect(byName('Cleo')).toMatchObject({ 'Lifecycle stage': 'lead', Purchases: '0' });
    expect(byName('Bob')).toMatchObject({ 'Lifecycle stage': 'new', 'Top 20%': 'false' });

    // Cleo's first purchase: New at once, and the change is in the Log.
    const save = run(runtime, 'saveRecord', 'deals', {
      customerId: cleo,
      title: 'First order',
      stage: 'won',
      amount: 30,
      closedDate: '2026-03-01',
    });
    expect(save.ok, save.error?.message).toBe(true);
    expect(byName('Cleo')).toMatchObject({
      'Lifecycle stage': 'new',
      Purchases: '1',
      'Total spent': '30',
      // Dates are date cells: serial days since 1899-12-30 (46082 is 2026-03-01).
      'Last purchase': '46082',
      'Stage since': '46083',
    });
    expect(byName('Cleo')['Stage reason']).toBe('New: first purchase 1 day ago');
    const log = tab(runtime, 'Log').filter((r) => r.includes('stage change'));
    expect(log.map((r) => r.join(' ')).join('\n')).toMatch(/Stage: lead → new\. New: first/);
    // The save's calls, the recompute's included, stay within the budget of 8.
    expect(save.counts.spreadsheetCalls).toBeLessThanOrEqual(8);

    // Bob's order passes the top threshold the last run stored (Anna's 500): top 20% now,
    // without moving anyone else (the line moves only with a whole-sheet run).
    const dealId = String(
      saved(
        call(runtime, 'saveRecord', 'deals', {
          customerId: bob,
          title: 'Big order',
          stage: 'proposal',
          amount: 600,
          closedDate: '2026-03-01',
        }),
      ).id,
    );
    expect(byName('Bob')).toMatchObject({ 'Lifecycle stage': 'new', Purchases: '1' });
    saved(call(runtime, 'saveRecord', 'deals', { id: dealId, stage: 'won' }));
    expect(byName('Bob')).toMatchObject({
      'Lifecycle stage': 'top 20%',
      'Top 20%': 'true',
      Purchases: '2',
      'Total spent': '640',
    });
    expect(byName('Anna')).toMatchObject({ 'Lifecycle stage': 'top 20%', Purchases: '1' });
    // The card shows what the tab shows.
    const card = call<{ lifecycle?: { stage: string } }>(runtime, 'getCustomerCard', bob);
    expect(card.lifecycle?.stage).toBe('top 20%');

    // Archiving the won deal takes it back out.
    saved(call(runtime, 'archiveRecord', 'deals', dealId));
    expect(byName('Bob')).toMatchObject({ Purchases: '1', 'Total spent': '40' });
    expect(byName('Bob')['Lifecycle stage']).not.toBe('top 20%');

    // Anna referred Cleo, who has bought since: Anna's next purchase makes her an ambassador
    // (Settings: ambassadorReferrals 1), from Cleo's Purchases cell.
    expect(byName('Anna')).toMatchObject({ Ambassador: 'false' });
    wonDeal(runtime, anna, '2026-03-01', 20);
    expect(byName('Anna')).toMatchObject({
      'Lifecycle stage': 'ambassador',
      Ambassador: 'true',
      Purchases: '2',
    });
  });

  it('writes nothing computed before the first whole-sheet run', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna');
    wonDeal(runtime, anna, '2026-03-01', 10);
    expect(customerRows(runtime)[0]).toMatchObject({ 'Lifecycle stage': '', Purchases: '' });
  });

  it('makes the same number of calls at 5 and 80 customers', () => {
    const counts = [5, 80].map((n) => {
      const runtime = setUp();
      const ids = Array.from({ length: n }, (_, i) => customer(runtime, `C${i}`));
      ids.forEach((id, i) => i % 2 && wonDeal(runtime, id, '2026-02-01', 10 + i));
      call(runtime, 'recalculateLifecycle');
      const result = run(runtime, 'saveRecord', 'deals', {
        customerId: ids[1],
        title: 'Again',
        stage: 'won',
        amount: 5,
        closedDate: '2026-03-01',
      });
      expect(result.ok, result.error?.message).toBe(true);
      return result.counts.spreadsheetCalls;
    });
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('the recompute without the document lock (a time-driven run)', () => {
  it('a sidebar save landing mid-run keeps its row, and computed values stay on their customers', () => {
    const runtime = setUp({ strictLocks: true });
    const anna = customer(runtime, 'Anna');
    const bob = customer(runtime, 'Bob');
    wonDeal(runtime, anna, '2026-02-20', 500);
    wonDeal(runtime, bob, '2025-01-10', 40);
    // The job re-reads the id column just before writing; a save lands right then.
    const { outer, inner } = runtime.interleave(
      { functionName: 'recalculateLifecycle', options: { source: 'time-trigger' } },
      'Sheets.Spreadsheets.Values.get',
      {
        functionName: 'saveRecord',
        args: ['customers', { name: 'Cleo', email: 'cleo@example.com', city: 'Kraków' }],
        options: { source: 'script-run' },
      },
    );
    expect(outer.ok, outer.error?.message).toBe(true);
    expect(inner.ok, inner.error?.message).toBe(true);
    const rows = customerRows(runtime);
    expect(rows.map((r) => r.Name)).toEqual(['Anna', 'Bob', 'Cleo']);
    expect(rows[0]).toMatchObject({ 'Lifecycle stage': 'top 20%', 'Total spent': '500' });
    expect(rows[1]).toMatchObject({ 'Lifecycle stage': 'slipping', 'Total spent': '40' });
    // Cleo was saved after the job read the tab: her row is whole, her stage comes next run.
    expect(rows[2]).toMatchObject({ City: 'Kraków', 'Lifecycle stage': '' });
  });
});
