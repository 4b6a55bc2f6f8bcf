import { describe, expect, it } from 'vitest';
import { parseRates, purchaseFigures, purchaseMetrics } from '../../../src/domain/purchases.ts';
import type { RecordOf } from '../../../src/domain/schema.ts';

const today = '2026-04-05';
const base = { base: 'PLN', rates: new Map([['EUR', 4.3]]) };
const deal = (over: Partial<RecordOf<'deals'>>): RecordOf<'deals'> => ({
  id: `d-${Math.random()}`,
  customerId: 'c1',
  stage: 'won',
  amount: 100,
  currency: 'PLN',
  closedDate: '2026-03-01',
  archived: false,
  ...over,
});

describe('purchase figures', () => {
  it('counts won deals only, merging purchases on one day, with total, average and gap', () => {
    const { figures, problems } = purchaseFigures(
      [
        deal({ closedDate: '2026-01-10', amount: 100 }),
        deal({ closedDate: '2026-01-10', amount: 50 }), // same day: one purchase of 150
        deal({ closedDate: undefined, expectedClose: '2026-02-09', amount: 30 }),
        deal({ closedDate: '2026-03-11', amount: 20 }),
        deal({ stage: 'lost', amount: 999 }),
        deal({ stage: 'proposal', amount: 999 }),
        deal({ archived: true, amount: 999 }),
        deal({ amount: 0 }), // zero amount: not a purchase
        deal({ amount: null }),
        deal({ closedDate: '2026-04-06', amount: 999 }), // tomorrow: not yet
      ],
      [],
      today,
      base,
    );
    expect(problems).toEqual([]);
    expect(figures.get('c1')).toEqual({
      purchases: 3,
      firstPurchase: '2026-01-10',
      lastPurchase: '2026-03-11',
      totalSpent: 200,
      averagePurchase: 66.67,
      daysSinceLastPurchase: 25,
      usualGap: 30,
      categories: [],
      days: ['2026-01-10', '2026-02-09', '2026-03-11'],
      amounts: [150, 30, 20],
    });
  });

  it('converts other currencies with the Settings rate and reports a deal without one', () => {
    const { figures, problems } = purchaseFigures(
      [
        deal({ amount: 10, currency: 'EUR' }),
        deal({ id: 'usd-deal', amount: 10, currency: 'USD', closedDate: '2026-03-02' }),
        deal({ amount: 7, currency: null, closedDate: '2026-03-03' }), // base currency
      ],
      [],
      today,
      base,
    );
    expect(figures.get('c1')?.totalSpent).toBe(50);
    expect(problems).toEqual([
      {
        dealId: 'usd-deal',
        message:
          'USD has no exchange rate to PLN in Settings (exchangeRates), so this deal is left out of the purchase figures',
      },
    ]);
  });

  it('names the categories bought from the deals’ services', () => {
    const { figures } = purchaseFigures(
      [deal({ serviceId: 's1' }), deal({ serviceId: 's2', closedDate: '2026-03-05' })],
      [
        { id: 's1', name: 'Stay', category: 'Hotel' },
        { id: 's2', name: 'Dinner', category: 'Restaurant' },
      ],
      today,
      base,
    );
    expect(figures.get('c1')?.categories).toEqual(['Hotel', 'Restaurant']);
  });

  it('reads exchange rates as the team types them and reports nonsense', () => {
    const { rates, problems } = parseRates('EUR=4,30; usd 3.95; GBP=abc');
    expect([...rates]).toEqual([
      ['EUR', 4.3],
      ['USD', 3.95],
    ]);
    expect(problems).toEqual(["'GBP=abc' is not CODE=rate (e.g. EUR=4.30)"]);
  });

  it('has no figures for a customer who never bought', () => {
    const { figures } = purchaseFigures([deal({ stage: 'lead' })], [], today, base);
    expect(purchaseMetrics(figures.get('c1'), 'PLN')).toBeUndefined();
  });
});
