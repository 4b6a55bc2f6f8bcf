/**
 * Issue 9 §8 through the built bundle: a Settings value typed by hand that the rules refuse
 * never breaks a save. The save uses the default and says so, Check the tabs lists the
 * value on its row with what to type, and a country typed by name is read as its code.
 */
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import type { Problem, SaveResult } from '../../src/domain/api-types.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import { call, run, setUp, tab } from './workbook.ts';

function saved(result: SaveResult): Extract<SaveResult, { ok: true }> {
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result;
}

/** Types a value into a setting's Value cell, as a person would; its sheet row. */
function typeSetting(runtime: LocalRuntime, key: string, value: string): number {
  const rows = tab(runtime, 'Settings');
  const row = rows.findIndex((cells) => cells[rows[0].indexOf('Setting')] === key) + 1;
  if (row < 2) throw new Error(`no setting ${key}`);
  runtime.userEdit('Settings', `${columnLetters(rows[0].indexOf('Value') + 1)}${row}`, value);
  return row;
}

function customer(runtime: LocalRuntime, values: AnyRecord = {}): AnyRecord {
  return saved(
    call(runtime, 'saveRecord', 'customers', {
      name: 'Anna Nowak',
      email: 'anna@example.com',
      ...values,
    }),
  ).record;
}

describe('Settings values the rules refuse fall back to the default, and say so', () => {
  it('defaultCurrency = złoty: a deal saves in PLN and the result says why', () => {
    const runtime = setUp();
    typeSetting(runtime, 'defaultCurrency', 'złoty');
    const anna = customer(runtime);
    const deal = saved(
      call(runtime, 'saveRecord', 'deals', {
        customerId: anna.id,
        title: 'Kitchen',
        stage: 'won',
        amount: 1200,
      }),
    );
    expect(deal.record.currency).toBe('PLN');
    expect(deal.settingsNotes).toEqual([
      "Settings: defaultCurrency 'złoty' is not a currency code: use an ISO 4217 code (PLN, EUR, USD, …); PLN was used.",
    ]);
    // A customer's save does not use the currency: nothing to say.
    expect(
      saved(call(runtime, 'saveRecord', 'customers', { name: 'Bob', email: 'bob@example.com' }))
        .settingsNotes,
    ).toBe(undefined);
    // The lifecycle still runs, in PLN.
    expect(run(runtime, 'recalculateLifecycle').ok).toBe(true);
    expect(call<AnyRecord>(runtime, 'getRecord', 'customers', anna.id).totalSpent).toBe(1200);
  });

  it('defaultCountry typed as a name is read as its code; an unknown one falls back to PL', () => {
    const poland = setUp();
    typeSetting(poland, 'defaultCountry', 'Poland');
    const anna = saved(
      call(poland, 'saveRecord', 'customers', { name: 'Anna', phone: '600 100 200' }),
    );
    expect(anna.record.phone).toBe('+48600100200');
    expect(anna.settingsNotes).toBeUndefined();

    for (const name of ['Czechia', 'Czech Republic']) {
      const czech = setUp();
      typeSetting(czech, 'defaultCountry', name);
      const jan = saved(
        call(czech, 'saveRecord', 'customers', { name: 'Jan', phone: '601 123 456' }),
      );
      expect(jan.record.phone, name).toBe('+420601123456');
    }

    const narnia = setUp();
    typeSetting(narnia, 'defaultCountry', 'Narnia');
    const lucy = saved(
      call(narnia, 'saveRecord', 'customers', { name: 'Lucy', phone: '600 100 200' }),
    );
    expect(lucy.record.phone).toBe('+48600100200');
    expect(lucy.settingsNotes).toEqual([
      "Settings: defaultCountry 'Narnia' is not a country: use a two-letter ISO 3166 country code (PL, CZ, DE, …); PL was used.",
    ]);
  });

  it('Check the tabs lists each refused setting on its row, with what to type', () => {
    const runtime = setUp();
    const currency = typeSetting(runtime, 'defaultCurrency', 'złoty');
    const days = typeSetting(runtime, 'slippingDays', 'three months');
    const share = typeSetting(runtime, 'topShare', '20'); // 20 % is 0.2 or 20%
    typeSetting(runtime, 'defaultCountry', 'cz'); // fine: read as CZ
    customer(runtime);
    const problems = call<Problem[]>(runtime, 'getProblems');
    expect(problems).toEqual([
      {
        tab: 'Settings',
        row: currency,
        column: 'Value',
        message: expect.stringMatching(/^Settings: defaultCurrency 'złoty' .*; PLN was used\.$/),
      },
      {
        tab: 'Settings',
        row: share,
        column: 'Value',
        message:
          "Settings: topShare '20': use a number between 1% and 100% (or 0.01 to 1); 0.2 was used.",
      },
      {
        tab: 'Settings',
        row: days,
        column: 'Value',
        message: "Settings: slippingDays 'three months' is not a number; 90 was used.",
      },
    ]);
    // The Settings form shows the values as typed, for the user to correct.
    const form = call<Array<{ key: string; value: string }>>(runtime, 'getSettingsForm');
    expect(form.find((row) => row.key === 'defaultCurrency')?.value).toBe('złoty');
  });
});
