/**
 * Purchase history of a customer, derived from their won deals — never typed by hand.
 * A won deal's purchase date is its closed date (else expected close, else when it was
 * recorded).
 */
import type { PurchaseMetrics } from './api-types';
import type { RecordOf } from './schema';

type Deal = RecordOf<'deals'>;

export function purchaseDate(deal: Deal): string | null {
  return deal.closedDate || deal.expectedClose || deal.created?.slice(0, 10) || null;
}

export function isPurchase(deal: Deal): boolean {
  return deal.stage === 'won' && deal.archived !== true;
}

export function purchaseMetrics(
  deals: readonly Deal[],
  defaultCurrency: string,
): PurchaseMetrics | undefined {
  const won = deals.filter(isPurchase);
  if (!won.length) return undefined;
  const amounts = won.map((d) => d.amount ?? 0);
  const total = Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100;
  const dates = won
    .map(purchaseDate)
    .filter((d): d is string => d !== null)
    .sort();
  const currency = won.map((d) => d.currency).find((c) => c);
  return {
    purchaseCount: won.length,
    totalSpent: total,
    averageOrder: Math.round((total / won.length) * 100) / 100,
    currency: currency ?? defaultCurrency,
    firstPurchase: dates[0] ?? null,
    lastPurchase: dates[dates.length - 1] ?? null,
  };
}
