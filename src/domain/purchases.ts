/**
 * Purchase history of a customer, derived from their won deals — never typed by hand.
 * A won deal's purchase date is its closed date (else expected close, else when it was
 * recorded).
 */
import type { PurchaseMetrics } from './api-types';

type DealLike = Record<string, unknown>;

export function purchaseDate(deal: DealLike): string | null {
  for (const key of ['closedDate', 'expectedClose']) {
    const value = deal[key];
    if (typeof value === 'string' && value) return value;
  }
  return typeof deal.created === 'string' && deal.created ? deal.created.slice(0, 10) : null;
}

export function isPurchase(deal: DealLike): boolean {
  return deal.stage === 'won' && deal.archived !== true;
}

export function purchaseMetrics(
  deals: readonly DealLike[],
  defaultCurrency: string,
): PurchaseMetrics | undefined {
  const won = deals.filter(isPurchase);
  if (!won.length) return undefined;
  const amounts = won.map((d) => (typeof d.amount === 'number' ? d.amount : 0));
  const total = Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100;
  const dates = won
    .map(purchaseDate)
    .filter((d): d is string => d !== null)
    .sort();
  const currency = won
    .map((d) => d.currency)
    .find((c): c is string => typeof c === 'string' && c !== '');
  return {
    purchaseCount: won.length,
    totalSpent: total,
    averageOrder: Math.round((total / won.length) * 100) / 100,
    currency: currency ?? defaultCurrency,
    firstPurchase: dates[0] ?? null,
    lastPurchase: dates[dates.length - 1] ?? null,
  };
}
