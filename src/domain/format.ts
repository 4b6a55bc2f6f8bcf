/**
 * How values read to a person: phones grouped as people write them, dates and amounts in the
 * spreadsheet's locale, times in its time zone. The stored forms (+48601234567, 2026-11-10,
 * 28500) stay in the sheet; these are for display only and never parsed back.
 *
 * Intl is ECMAScript, not the DOM: the sidebar formats in the browser, and nothing here
 * reads a clock (`today` is a parameter).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { daysBetween, isIsoDate, type IsoDate } from './calendar';
import { ISO_4217 } from './currencies';

export interface DisplayContext {
  /** The spreadsheet's locale as Apps Script gives it ("pl_PL", "en_US", "en"). */
  locale: string;
  /** The spreadsheet's time zone ("Europe/Warsaw"). */
  timeZone: string;
  today: IsoDate;
  /** Numbers of this country are shown in national form ("601 234 567"). */
  defaultCountry: string;
}

/** A BCP 47 tag Intl accepts: "pl_PL" → "pl-PL"; anything Intl refuses → "en". */
export function localeTag(locale: string): string {
  const tag = String(locale || '').replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * A stored phone number as people write it: national form for the team's own country
 * ("601 234 567"), international otherwise ("+420 601 123 456"); unparsable text as is.
 */
export function formatPhone(phone: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(phone, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return phone;
  return parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational();
}

function utcDate(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * A calendar date in the locale: "10 Nov" this year, "10 Nov 2025" in another (the order
 * is the locale's). A calendar date has no time zone, so it is formatted as the UTC day.
 */
export function formatDate(date: string, context: DisplayContext): string {
  if (!isIsoDate(date)) return date;
  const sameYear = date.slice(0, 4) === context.today.slice(0, 4);
  return new Intl.DateTimeFormat(localeTag(context.locale), {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(date));
}

/** An instant (ISO timestamp) as a date and time in the spreadsheet's time zone. */
export function formatDateTime(instant: string, context: DisplayContext): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return instant;
  return new Intl.DateTimeFormat(localeTag(context.locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: context.timeZone,
  }).format(new Date(time));
}

/** "today", "tomorrow", "in 3 days", "yesterday", "5 days ago". */
export function relativeDay(date: string, today: IsoDate): string {
  if (!isIsoDate(date) || !isIsoDate(today)) return '';
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** A number grouped the locale's way ("28 500" in Polish, "28,500" in English). */
export function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(localeTag(locale), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/**
 * An amount with its currency in the locale ("28 500,00 zł", "PLN 28,500.00"); a code Intl
 * does not know is written after the grouped number.
 */
export function formatMoney(amount: number, currency: string | null, locale: string): string {
  const code = String(currency ?? '').toUpperCase();
  if (ISO_4217.has(code)) {
    try {
      return new Intl.NumberFormat(localeTag(locale), { style: 'currency', currency: code }).format(
        amount,
      );
    } catch {
      // An engine without this currency's data: the plain form below.
    }
  }
  return `${formatNumber(amount, locale, 2)} ${code}`.trim();
}
