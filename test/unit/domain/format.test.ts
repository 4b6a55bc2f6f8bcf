import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPhone,
  localeTag,
  relativeDay,
  type DisplayContext,
} from '../../../src/domain/format.ts';

/** Intl uses narrow and no-break spaces for grouping; the tests read them as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const polish: DisplayContext = {
  locale: 'pl_PL',
  timeZone: 'Europe/Warsaw',
  today: '2026-11-20',
  defaultCountry: 'PL',
};
const english: DisplayContext = { ...polish, locale: 'en_GB' };

describe('display formats', () => {
  it('turns Apps Script locales into BCP 47 tags, and nonsense into English', () => {
    expect(localeTag('pl_PL')).toBe('pl-PL');
    expect(localeTag('en')).toBe('en');
    expect(localeTag('not a locale!')).toBe('en');
  });

  it('groups phones: national for the team’s country, international for others', () => {
    expect(formatPhone('+48601234567', 'PL')).toBe('601 234 567');
    expect(formatPhone('+48124005060', 'PL')).toBe('12 400 50 60');
    expect(formatPhone('+420601123456', 'PL')).toBe('+420 601 123 456');
    expect(formatPhone('+48601234567', 'CZ')).toBe('+48 601 234 567');
    expect(formatPhone('call reception', 'PL')).toBe('call reception');
  });

  it('writes dates in the locale, without the year in the current one', () => {
    expect(formatDate('2026-11-10', polish)).toBe('10 lis');
    expect(formatDate('2025-03-14', polish)).toBe('14 mar 2025');
    expect(formatDate('2026-11-10', english)).toBe('10 Nov');
    expect(formatDate('2025-03-14', english)).toBe('14 Mar 2025');
    expect(formatDate('next week', english)).toBe('next week');
  });

  it('writes an instant in the spreadsheet’s time zone', () => {
    // 23:30 UTC is already the next day in Warsaw.
    expect(plain(formatDateTime('2026-03-01T23:30:00.000Z', english))).toBe('2 Mar 2026, 00:30');
  });

  it('says how far a date is from today', () => {
    expect(relativeDay('2026-11-20', '2026-11-20')).toBe('today');
    expect(relativeDay('2026-11-21', '2026-11-20')).toBe('tomorrow');
    expect(relativeDay('2026-11-19', '2026-11-20')).toBe('yesterday');
    expect(relativeDay('2026-11-25', '2026-11-20')).toBe('in 5 days');
    expect(relativeDay('2026-11-10', '2026-11-20')).toBe('10 days ago');
  });

  it('groups amounts and names the currency the locale’s way', () => {
    expect(plain(formatMoney(28500, 'PLN', 'pl_PL'))).toBe('28 500,00 zł');
    expect(plain(formatMoney(28500, 'PLN', 'en_GB'))).toBe('PLN 28,500.00');
    expect(plain(formatMoney(900, 'EUR', 'pl_PL'))).toBe('900,00 €');
    expect(plain(formatMoney(1234.5, 'XYZ', 'en'))).toBe('1,234.50 XYZ');
    expect(plain(formatNumber(96000, 'pl_PL'))).toBe('96 000');
  });
});
