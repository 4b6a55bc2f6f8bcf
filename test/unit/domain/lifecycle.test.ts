import { describe, expect, it } from 'vitest';
import {
  classifyCustomer,
  lifecycleSettings,
  topThreshold,
} from '../../../src/domain/lifecycle.ts';

const today = '2026-04-05';
const history = (
  purchaseDates: string[],
  totalSpent = 100,
  referrals = 0,
  override: string | null = null,
) => ({
  purchaseDates,
  totalSpent,
  referrals,
  override,
});

describe('lifecycle stage', () => {
  it('calls a customer who never bought a lead', () => {
    expect(classifyCustomer(history([], 0), today, null)).toEqual({
      stage: 'lead',
      reason: 'Lead: no purchase yet',
    });
  });

  it('tells new from one-time by the new-customer window', () => {
    expect(classifyCustomer(history(['2026-03-20']), today, 1000)).toEqual({
      stage: 'new',
      reason: 'New: first purchase 16 days ago',
    });
    expect(classifyCustomer(history(['2025-12-01']), today, 1000)).toEqual({
      stage: 'one-time',
      reason: 'One-time: one purchase, 125 days ago',
    });
  });

  it('calls two or more purchases returning', () => {
    expect(classifyCustomer(history(['2026-03-01', '2026-03-31']), today, 1000)).toEqual({
      stage: 'returning',
      reason: 'Returning: 2 purchases, the last 5 days ago',
    });
  });

  it('flags slipping when the time since the last purchase is well past the usual gap', () => {
    const dates = ['2025-11-02', '2025-12-02', '2026-01-01'];
    expect(classifyCustomer(history(dates, 5000), today, 1000)).toEqual({
      stage: 'slipping',
      reason: 'Slipping: 94 days since last purchase, usual gap 30',
    });
  });

  it('puts the top share of buying customers by total in top 20%, ties included', () => {
    expect(topThreshold([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.2)).toBe(90);
    expect(topThreshold([0, 0], 0.2)).toBeNull();
    expect(classifyCustomer(history(['2026-03-30'], 95), today, 90).stage).toBe('top 20%');
  });

  it('makes a customer who referred others an ambassador, and honours a stage set by hand', () => {
    expect(classifyCustomer(history(['2026-03-30'], 10, 2), today, 1000)).toEqual({
      stage: 'ambassador',
      reason: 'Ambassador: referred 2 customers',
    });
    expect(classifyCustomer(history([], 0, 0, 'ambassador'), today, null)).toEqual({
      stage: 'ambassador',
      reason: 'Set by hand: ambassador',
    });
  });

  it('reads its settings from the Settings tab text, falling back on nonsense', () => {
    expect(
      lifecycleSettings({ newWindowDays: '14', topShare: '0,1', slippingFactor: 'two' }),
    ).toEqual({
      newWindowDays: 14,
      topShare: 0.1,
      slippingFactor: 2,
      slippingDays: 90,
    });
  });
});
