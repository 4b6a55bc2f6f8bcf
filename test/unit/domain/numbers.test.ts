import { describe, expect, it } from 'vitest';
import { decimalSeparatorOf, parseLocaleNumber } from '../../../src/domain/numbers.ts';
import { validateInput } from '../../../src/domain/validate.ts';

const pl = decimalSeparatorOf('pl_PL');
const en = decimalSeparatorOf('en_US');

describe('numbers as people type them', () => {
  it('reads the locale’s own ways of writing 18,500.50', () => {
    for (const text of ['18 500,50', '18\u00a0500,50', '18.500,50', '18500,5', '18500.50']) {
      expect(parseLocaleNumber(text, pl), text).toEqual({ value: 18500.5 });
    }
    for (const text of ['18,500.50', '18 500.50', '18500.5', '18.500,50']) {
      expect(parseLocaleNumber(text, en), text).toEqual({ value: 18500.5 });
    }
    expect(parseLocaleNumber('1.234.567', pl)).toEqual({ value: 1234567 });
    expect(parseLocaleNumber('1,234,567', en)).toEqual({ value: 1234567 });
  });

  it('refuses what could mean two numbers, and what is no number, saying how to write it', () => {
    expect(parseLocaleNumber('1,234,567', pl)).toEqual({
      problem: "'1,234,567' could mean two different numbers here (write it like 1 234,50)",
    });
    expect(parseLocaleNumber('1,5', en)).toEqual({ value: 1.5 });
    expect(parseLocaleNumber('1.234', pl)).toEqual({ value: 1234 });
    expect(parseLocaleNumber('0x1F', pl)).toEqual({
      problem: "'0x1F' is not a number (write it like 1 234,50)",
    });
    expect(parseLocaleNumber('1.2,3', pl)).toMatchObject({
      problem: expect.stringMatching(/mixes/),
    });
  });

  it('takes the separator from the locale, else from the default country', () => {
    expect([
      decimalSeparatorOf('pl_PL'),
      decimalSeparatorOf('en_GB'),
      decimalSeparatorOf('de_DE'),
    ]).toEqual([',', '.', ',']);
    expect([decimalSeparatorOf(undefined, 'PL'), decimalSeparatorOf(undefined, 'US')]).toEqual([
      ',',
      '.',
    ]);
  });

  it('an amount field refuses Infinity-sized numbers, lists and hex, and reads Polish input', () => {
    const context = {
      today: '2026-03-04',
      defaultCountry: 'PL',
      defaultCurrency: 'PLN',
      locale: 'pl_PL',
    };
    const deal = (amount: string | number | string[]) =>
      validateInput('deals', { customerId: 'c1', title: 'T', stage: 'won', amount }, context);
    expect(deal('18 500,50')).toMatchObject({ ok: true, value: { amount: 18500.5 } });
    expect(deal(1e308)).toMatchObject({
      ok: false,
      fieldErrors: { amount: 'Amount: must be at most 1,000,000,000,000' },
    });
    // A list of numbers, as a loose API client might send: typed as text to get past tsc.
    expect(deal(['5'])).toMatchObject({
      ok: false,
      fieldErrors: { amount: 'Amount: give a number' },
    });
    expect(deal('0x1F')).toMatchObject({ ok: false });
  });
});
