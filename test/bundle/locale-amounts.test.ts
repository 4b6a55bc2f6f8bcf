/**
 * Issue 9 §7 through the built bundle: the server reads a typed amount in the
 * spreadsheet's locale (File ▸ Settings ▸ Locale), not by the default country, and refuses
 * one that could mean two numbers — found with the time zone, at no extra call.
 */
import { describe, expect, it } from 'vitest';
import type { SaveResult } from '../../src/domain/api-types.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import { call, newRuntime } from './workbook.ts';

function workbookIn(locale: string): { runtime: LocalRuntime; customerId: string } {
  const runtime = newRuntime();
  runtime.state.locale = locale;
  call(runtime, 'setupTabs');
  const saved = call<SaveResult>(runtime, 'saveRecord', 'customers', {
    name: 'Hotel Wawel',
    email: 'biuro@wawel.example',
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return { runtime, customerId: String(saved.record.id) };
}

function dealWith(locale: string, amount: string): SaveResult {
  const { runtime, customerId } = workbookIn(locale);
  return call<SaveResult>(runtime, 'saveRecord', 'deals', {
    customerId,
    title: 'Wesele',
    stage: 'proposal',
    amount,
  });
}

const amountOf = (result: SaveResult) => (result.ok ? result.record.amount : result);

describe('typed amounts in the spreadsheet locale', () => {
  it('reads the Polish, German and English ways of writing 18,500.50', () => {
    expect(amountOf(dealWith('pl_PL', '18 500,50'))).toBe(18500.5);
    expect(amountOf(dealWith('pl_PL', '18\u00a0500,50'))).toBe(18500.5);
    expect(amountOf(dealWith('de_DE', '18.500,50'))).toBe(18500.5);
    expect(amountOf(dealWith('en_US', '18,500.50'))).toBe(18500.5);
  });

  it('a lone comma is the locale’s: a decimal in Polish, thousands in English', () => {
    // The Settings' default country is PL in both: the locale decides, not the country.
    expect(amountOf(dealWith('pl_PL', '1,500'))).toBe(1.5);
    expect(amountOf(dealWith('en_US', '1,500'))).toBe(1500);
  });

  it('refuses what could mean two numbers, with the form the locale expects', () => {
    expect(dealWith('pl_PL', '1,234,567')).toEqual({
      ok: false,
      fieldErrors: {
        amount:
          "Amount: '1,234,567' could mean two different numbers here (write it like 1 234,50)",
      },
    });
  });
});
