import { describe, expect, it } from 'vitest';
import { purchaseMetrics } from '../../../src/domain/purchases.ts';

describe('purchase figures', () => {
  it('counts won deals only, with total, average and first/last purchase dates', () => {
    const deals = [
      { stage: 'won', amount: 100, currency: 'EUR', closedDate: '2026-01-10' },
      { stage: 'won', amount: 50.5, currency: 'EUR', expectedClose: '2026-02-01' },
      { stage: 'won', amount: 999, archived: true, closedDate: '2026-02-02' },
      { stage: 'proposal', amount: 500, closedDate: '2026-02-03' },
      { stage: 'lost', amount: 70 },
    ];
    expect(purchaseMetrics(deals, 'PLN')).toEqual({
      purchaseCount: 2,
      totalSpent: 150.5,
      averageOrder: 75.25,
      currency: 'EUR',
      firstPurchase: '2026-01-10',
      lastPurchase: '2026-02-01',
    });
  });

  it('has no figures for a customer who never bought', () => {
    expect(purchaseMetrics([{ stage: 'lead', amount: 10 }], 'PLN')).toBeUndefined();
  });
});
