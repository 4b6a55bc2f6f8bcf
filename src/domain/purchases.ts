/**
 * Purchase history per customer, derived from won deals — never typed by hand.
 *
 * - A purchase is a won, not archived deal with a date on or before `today` and an amount
 *   above zero (lost, open, undated, future and zero-amount deals are not purchases).
 * - Its date is the deal's closed date, else its expected close, else the day it was recorded.
 * - All purchases of one customer on one calendar day are one purchase (amounts add up):
 *   the convention of the customer-base literature (Fader, Hardie & Lee 2005 merge same-day
 *   transactions), and what makes "number of purchases" mean visits, not order lines.
 * - Amounts are in the workbook's base currency. A deal in another currency is converted with
 *   the rate in Settings, or reported as a problem and left out — never silently summed.
 */
import { daysBetween, type IsoDate } from './calendar';
import type { PurchaseMetrics } from './api-types';
import type { RecordOf } from './schema';

type Deal = RecordOf<'deals'>;
type Service = RecordOf<'services'>;

export interface CurrencySettings {
  /** The workbook's base currency (Settings: defaultCurrency). */
  base: string;
  /** Units of base currency per one unit of another currency (Settings: exchangeRates). */
  rates: ReadonlyMap<string, number>;
}

export interface PurchaseFigures {
  /** Distinct purchase days. */
  purchases: number;
  firstPurchase: IsoDate;
  lastPurchase: IsoDate;
  totalSpent: number;
  averagePurchase: number;
  daysSinceLastPurchase: number;
  /** Median days between purchase days: the customer's own rhythm; null with one purchase. */
  usualGap: number | null;
  /** Categories of the services bought, sorted. */
  categories: string[];
  /** The purchase days, ascending. */
  days: IsoDate[];
  /** What was spent on each of those days, in the base currency. */
  amounts: number[];
}

export interface DealProblem {
  dealId: string;
  message: string;
}

export function purchaseDate(deal: Deal): IsoDate | null {
  return deal.closedDate || deal.expectedClose || deal.created?.slice(0, 10) || null;
}

/** Won and not archived: the deals that can be purchases (before the date and amount checks). */
export function isPurchase(deal: Deal): boolean {
  return deal.stage === 'won' && deal.archived !== true;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Parses "EUR=4.30; USD 3.95" (units of base currency per unit). Bad entries are reported. */
export function parseRates(text: string): { rates: Map<string, number>; problems: string[] } {
  const rates = new Map<string, number>();
  const problems: string[] = [];
  for (const entry of text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*[=:\s]\s*(\d+(?:[.,]\d+)?)$/.exec(entry);
    const rate = match ? Number(match[2].replace(',', '.')) : NaN;
    if (!match || !(rate > 0)) problems.push(`'${entry}' is not CODE=rate (e.g. EUR=4.30)`);
    else rates.set(match[1].toUpperCase(), rate);
  }
  return { rates, problems };
}

interface Accumulator {
  byDay: Map<IsoDate, number>;
  categories: Set<string>;
}

/** Every customer's purchase figures as of `today`, and the deals that could not count. */
export function purchaseFigures(
  deals: readonly Deal[],
  services: readonly Service[],
  today: IsoDate,
  currency: CurrencySettings,
): { figures: Map<string, PurchaseFigures>; problems: DealProblem[] } {
  const categoryOf = new Map(services.map((s) => [s.id ?? '', s.category ?? '']));
  const perCustomer = new Map<string, Accumulator>();
  const problems: DealProblem[] = [];
  for (const deal of deals) {
    if (!isPurchase(deal) || !deal.customerId) continue;
    const date = purchaseDate(deal);
    const amount = deal.amount ?? 0;
    if (!date || daysBetween(date, today) < 0 || !(amount > 0)) continue;
    const code = (deal.currency || currency.base).toUpperCase();
    const rate = code === currency.base ? 1 : currency.rates.get(code);
    if (rate === undefined) {
      problems.push({
        dealId: deal.id ?? '',
        message: `${code} has no exchange rate to ${currency.base} in Settings (exchangeRates), so this deal is left out of the purchase figures`,
      });
      continue;
    }
    const entry = perCustomer.get(deal.customerId) ?? { byDay: new Map(), categories: new Set() };
    entry.byDay.set(date, (entry.byDay.get(date) ?? 0) + amount * rate);
    const category = deal.serviceId ? categoryOf.get(deal.serviceId) : '';
    if (category) entry.categories.add(category);
    perCustomer.set(deal.customerId, entry);
  }
  const figures = new Map<string, PurchaseFigures>();
  for (const [customerId, { byDay, categories }] of perCustomer) {
    const days = [...byDay.keys()].sort();
    const total = round2([...byDay.values()].reduce((a, b) => a + b, 0));
    const gaps = days.slice(1).map((day, i) => daysBetween(days[i], day));
    figures.set(customerId, {
      purchases: days.length,
      firstPurchase: days[0],
      lastPurchase: days[days.length - 1],
      totalSpent: total,
      averagePurchase: round2(total / days.length),
      daysSinceLastPurchase: daysBetween(days[days.length - 1], today),
      usualGap: gaps.length ? Math.round(median(gaps)) : null,
      categories: [...categories].sort(),
      days,
      amounts: days.map((day) => round2(byDay.get(day) ?? 0)),
    });
  }
  return { figures, problems };
}

/** The card's purchase summary from a customer's figures. */
export function purchaseMetrics(
  figures: PurchaseFigures | undefined,
  baseCurrency: string,
): PurchaseMetrics | undefined {
  if (!figures) return undefined;
  return {
    purchaseCount: figures.purchases,
    totalSpent: figures.totalSpent,
    averageOrder: figures.averagePurchase,
    currency: baseCurrency,
    firstPurchase: figures.firstPurchase,
    lastPurchase: figures.lastPurchase,
  };
}
