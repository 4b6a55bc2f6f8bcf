/**
 * The sidebar reads back exactly what the lifecycle run wrote: a dashboard is built with
 * buildDashboard, laid out as the tab holds it, and read with parseDashboard.
 */
import { describe, expect, it } from 'vitest';
import { buildDashboard, REVENUE_AT, type DashboardInput } from '../../../src/domain/dashboard.ts';
import { parseDashboard, withIds } from '../../../src/domain/dashboard-view.ts';
import type { Lifecycle } from '../../../src/domain/lifecycle.ts';
import type { PurchaseFigures } from '../../../src/domain/purchases.ts';

const TODAY = '2026-03-02';

function figures(days: string[], amounts: number[]): PurchaseFigures {
  const totalSpent = amounts.reduce((a, b) => a + b, 0);
  return {
    purchases: days.length,
    firstPurchase: days[0],
    lastPurchase: days[days.length - 1],
    totalSpent,
    averagePurchase: totalSpent / days.length,
    daysSinceLastPurchase: 0,
    usualGap: null,
    categories: [],
    days,
    amounts,
  };
}

function lifecycle(stage: Lifecycle['stage'], expected: number | null = null): Lifecycle {
  return {
    stage,
    reason: `${stage}: because`,
    isTop: false,
    isAmbassador: false,
    chanceActive: null,
    expectedPurchases90: expected,
  };
}

function input(fit: DashboardInput['fit']): DashboardInput {
  return {
    today: TODAY,
    currency: 'PLN',
    names: new Map([
      ['a', 'Anna'],
      ['b', 'Bolek'],
      ['c', 'Cezary'],
      ['d', 'Anna'],
    ]),
    figures: new Map([
      ['a', figures(['2026-01-10', '2026-02-20'], [1000, 500])],
      ['b', figures(['2025-12-01'], [300])],
      ['c', figures(['2025-06-01', '2025-07-01'], [200, 100])],
      ['d', figures(['2026-02-01'], [50])],
    ]),
    lifecycles: new Map([
      ['a', lifecycle('returning', 1.25)],
      ['b', lifecycle('one-time', 0.1)],
      ['c', lifecycle('slipping', 0.05)],
      ['d', lifecycle('new', 0.5)],
      ['e', lifecycle('lead')],
    ]),
    stageSince: new Map([['c', '2026-02-25']]),
    fit,
  };
}

/** The tab as the job lays it out: the main block in A–D, the revenue table at F3. */
function asTab(dashboard: ReturnType<typeof buildDashboard>): unknown[][] {
  const height = Math.max(dashboard.rows.length, REVENUE_AT.row + dashboard.revenue.length);
  return Array.from({ length: height }, (_, r) => {
    const row: unknown[] = [...(dashboard.rows[r] ?? ['', '', '', '']), ''];
    const revenue = dashboard.revenue[r - (REVENUE_AT.row - 1)];
    if (revenue) row.push(...revenue);
    return row;
  });
}

function read(dashboard: ReturnType<typeof buildDashboard>) {
  const tab = asTab(dashboard);
  return parseDashboard(
    tab.map((row) => row.slice(0, 4)),
    tab.slice(REVENUE_AT.row - 1).map((row) => row.slice(5, 7)),
  );
}

describe('reading the Dashboard tab back', () => {
  it('reads stages, figures, the top ten, slipping customers and revenue by month', () => {
    const view = read(
      buildDashboard(
        input({
          used: false,
          reason: 'Rhythm rule: too few repeat buyers (1 of 20)',
          fittedOn: TODAY,
        }),
      ),
    );
    expect(view.asOf).toBe(TODAY);
    expect(view.currency).toBe('PLN');
    expect(view.customers).toBe(5);
    expect(view.stages.map((s) => [s.stage, s.count])).toEqual([
      ['lead', 1],
      ['new', 1],
      ['one-time', 1],
      ['returning', 1],
      ['top 20%', 0],
      ['ambassador', 0],
      ['slipping', 1],
    ]);
    expect(view.stages[0].share).toBe(0.2);
    expect(view.averageRevenue).toBe(537.5);
    expect(view.purchasesPerCustomer).toBe(1.5);
    expect(view.newReturning).toEqual([
      { days: 30, fresh: 1, returning: 1 },
      { days: 90, fresh: 2, returning: 0 },
    ]);
    expect(view.expectedPurchases90).toBeNull();
    expect(view.top.map((t) => [t.name, t.totalSpent, t.expected90])).toEqual([
      ['Anna', 1500, 1.25],
      ['Bolek', 300, 0.1],
      ['Cezary', 300, 0.05],
      ['Anna', 50, 0.5],
    ]);
    expect(view.model).toEqual({
      used: false,
      reason: 'Rhythm rule: too few repeat buyers (1 of 20)',
    });
    expect(view.slipping).toEqual([
      { name: 'Cezary', id: null, since: '2026-02-25', reason: 'slipping: because' },
    ]);
    expect(view.revenue).toHaveLength(12);
    expect(view.revenue.at(-1)).toEqual({ month: '2026-03', amount: 0 });
    expect(view.revenue.find((m) => m.month === '2026-01')?.amount).toBe(1000);
  });

  it('reads the fitted model', () => {
    const view = read(
      buildDashboard(
        input({
          used: true,
          params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.43 },
          logLikelihood: -9582.4,
          customers: 2357,
          repeatCustomers: 1100,
          fittedOn: TODAY,
        }),
      ),
    );
    expect(view.model).toEqual({
      used: true,
      customers: 2357,
      repeatBuyers: 1100,
      fittedOn: TODAY,
    });
    expect(view.expectedPurchases90).toBe(1.9);
  });

  it('gives same-named customers their own ids by the figures beside their names', () => {
    const view = read(
      buildDashboard(input({ used: false, reason: 'No purchases yet', fittedOn: TODAY })),
    );
    const named = withIds(view, [
      { id: 'd', title: 'Anna', totalSpent: 50, lifecycle: 'new', stageSince: TODAY },
      { id: 'a', title: 'Anna', totalSpent: 1500, lifecycle: 'returning', stageSince: TODAY },
      {
        id: 'c',
        title: 'Cezary',
        totalSpent: 300,
        lifecycle: 'slipping',
        stageSince: '2026-02-25',
      },
    ]);
    expect(named.top.map((t) => t.id)).toEqual(['a', null, 'c', 'd']);
    expect(named.slipping.map((s) => s.id)).toEqual(['c']);
  });

  it('reads an empty or foreign tab as empty, not as an error', () => {
    const view = parseDashboard([['Something else']], []);
    expect(view).toMatchObject({ asOf: null, stages: [], top: [], slipping: [], revenue: [] });
    expect(view.model).toEqual({ used: false, reason: 'The model has not been fitted yet.' });
  });
});
