import { describe, expect, it } from 'vitest';
import {
  classifyCustomer,
  classifyCustomers,
  DEFAULT_LIFECYCLE_SETTINGS,
  lifecycleSettings,
  topThreshold,
  type ActivityModel,
} from '../../../src/domain/lifecycle.ts';
import { addDays } from '../../../src/domain/calendar.ts';
import type { PurchaseFigures } from '../../../src/domain/purchases.ts';

const today = '2026-04-05';
const settings = DEFAULT_LIFECYCLE_SETTINGS; // new 30 days, top 20%, factor 2, one-time 90 days

/** Figures for purchases `daysAgo` (one per day), each of `amount`. */
function bought(daysAgo: number[], amount = 100): PurchaseFigures {
  const days = daysAgo.map((d) => addDays(today, -d)).sort();
  const gaps = days.slice(1).map((_, i) => daysAgo.sort((a, b) => b - a)[i] - daysAgo[i + 1]);
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    purchases: days.length,
    firstPurchase: days[0],
    lastPurchase: days[days.length - 1],
    totalSpent: amount * days.length,
    averagePurchase: amount,
    daysSinceLastPurchase: Math.min(...daysAgo),
    usualGap: gaps.length ? sorted[Math.floor(sorted.length / 2)] : null,
    categories: [],
    days,
    amounts: days.map(() => amount),
  };
}

const history = (
  figures?: PurchaseFigures,
  more: Partial<Parameters<typeof classifyCustomer>[0]> = {},
) => ({
  figures,
  referralsWhoBought: 0,
  marked: false,
  override: null,
  ...more,
});

const stageOf = (...args: Parameters<typeof classifyCustomer>) => classifyCustomer(...args).stage;

describe('lifecycle stage', () => {
  it('calls a customer who never bought a lead', () => {
    expect(classifyCustomer(history(), today, null, settings)).toMatchObject({
      stage: 'lead',
      reason: 'Lead: no purchase yet',
      isTop: false,
      chanceActive: null,
    });
  });

  it('is new up to exactly the new-customer window, one-time the day after', () => {
    expect(classifyCustomer(history(bought([30])), today, 1e9, settings).reason).toBe(
      'New: first purchase 30 days ago',
    );
    expect(classifyCustomer(history(bought([31])), today, 1e9, settings).reason).toBe(
      'One-time: one purchase, 31 days ago',
    );
  });

  it('one-time buyers slip after exactly the configured days have passed', () => {
    expect(stageOf(history(bought([90])), today, 1e9, settings)).toBe('one-time');
    expect(classifyCustomer(history(bought([91])), today, 1e9, settings)).toMatchObject({
      stage: 'slipping',
      reason: 'Slipping: one purchase, 91 days ago; one-time buyers slip after 90 days',
    });
    expect(stageOf(history(bought([643])), today, 1e9, settings)).toBe('slipping');
  });

  it('calls two or more purchases returning, and slipping past twice the usual gap', () => {
    expect(classifyCustomer(history(bought([35, 5])), today, 1e9, settings).reason).toBe(
      'Returning: 2 purchases, the last 5 days ago',
    );
    // usual gap 30: slipping only after more than 60 days
    expect(stageOf(history(bought([90, 60])), today, 1e9, settings)).toBe('returning');
    expect(classifyCustomer(history(bought([91, 61])), today, 1e9, settings).reason).toBe(
      'Slipping: no purchase for 61 days, usual gap 30 (rhythm rule)',
    );
  });

  it('a top customer silent for long is slipping, and still flagged top', () => {
    const result = classifyCustomer(history(bought([680, 650, 620], 5000)), today, 100, settings);
    expect(result).toMatchObject({ stage: 'slipping', isTop: true });
  });

  it('puts the top share of buying customers by total in top 20%, ties at the cut included', () => {
    expect(topThreshold([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.2)).toBe(90);
    expect(topThreshold([10, 20, 20, 20, 5], 0.2)).toBe(20);
    expect(topThreshold([0, 0], 0.2)).toBeNull();
    expect(stageOf(history(bought([5], 90)), today, 90, settings)).toBe('top 20%');
    expect(stageOf(history(bought([5], 89.99)), today, 90, settings)).toBe('new');
  });

  it('makes an ambassador of a customer marked or who referred buyers; slipping comes first', () => {
    expect(
      classifyCustomer(history(bought([5]), { referralsWhoBought: 1 }), today, 1, settings),
    ).toMatchObject({
      stage: 'ambassador',
      reason: 'Ambassador: referred 1 customer who bought',
      isTop: true,
      isAmbassador: true,
    });
    expect(stageOf(history(undefined, { marked: true }), today, null, settings)).toBe('ambassador');
    expect(stageOf(history(bought([200]), { marked: true }), today, null, settings)).toBe(
      'slipping',
    );
  });

  it('a stage set by hand wins and is said to be', () => {
    expect(
      classifyCustomer(history(bought([200]), { override: 'returning' }), today, null, settings),
    ).toMatchObject({
      stage: 'returning',
      reason: 'Set by hand: returning',
    });
  });

  it('with a model, repeat buyers slip on their chance of being active', () => {
    const model = (chance: number): ActivityModel => ({
      chanceActive: () => chance,
      expectedPurchases: () => 0.4,
    });
    const repeat = history(bought([94, 63, 32]));
    expect(classifyCustomer(repeat, today, 1e9, settings, model(0.23))).toMatchObject({
      stage: 'slipping',
      reason: 'Slipping: chance still active 23%; no purchase for 32 days, usual gap 31',
      chanceActive: 0.23,
      expectedPurchases90: 0.4,
    });
    expect(stageOf(repeat, today, 1e9, settings, model(0.31))).toBe('returning');
    // one-time buyers: the model cannot tell them apart, days decide, no chance shown
    expect(
      classifyCustomer(history(bought([20])), today, 1e9, settings, model(0.01)),
    ).toMatchObject({
      stage: 'new',
      chanceActive: null,
    });
  });

  it('classifies a sheet: archived customers left out, referrals count only buyers', () => {
    const figures = new Map([
      ['a', bought([5], 1000)],
      ['b', bought([6], 10)],
    ]);
    const stages = classifyCustomers(
      [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B', referredBy: 'a' },
        { id: 'c', name: 'C', referredBy: 'b' }, // never bought: does not make b an ambassador
        { id: 'z', name: 'Z', archived: true },
      ],
      figures,
      today,
      settings,
    );
    expect([...stages.keys()]).toEqual(['a', 'b', 'c']);
    expect(stages.get('a')?.stage).toBe('ambassador');
    expect(stages.get('b')?.stage).toBe('new');
    expect(stages.get('c')?.stage).toBe('lead');
  });

  it('reads its settings from the Settings tab text, falling back on nonsense', () => {
    expect(
      lifecycleSettings({ newWindowDays: '14', topShare: '0,1', slippingFactor: 'two' }),
    ).toEqual({ ...settings, newWindowDays: 14, topShare: 0.1 });
  });
});
