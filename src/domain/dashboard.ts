/**
 * The figures a team wants at a glance (customer-card.md, "Segment figures"), computed from
 * one lifecycle run: counts per stage, revenue and purchases per customer, new vs returning,
 * top customers, who started slipping, revenue by month, what the model expects, and the
 * model's fit. Pure: the server writes `rows` to the Dashboard tab in one batch.
 */
import { addDays, daysBetween, type IsoDate } from './calendar';
import { LIFECYCLE_STAGES } from './schema';
import type { Lifecycle } from './lifecycle';
import type { PurchaseFigures } from './purchases';
import type { ModelFit } from './activity';

export type DashboardCell = string | number;

export interface DashboardInput {
  today: IsoDate;
  currency: string;
  names: ReadonlyMap<string, string>;
  figures: ReadonlyMap<string, PurchaseFigures>;
  lifecycles: ReadonlyMap<string, Lifecycle>;
  /** When each customer's current stage began (after this run). */
  stageSince: ReadonlyMap<string, IsoDate>;
  fit: ModelFit;
}

export interface Dashboard {
  /** Rows of exactly DASHBOARD_WIDTH cells, in the fixed layout DASHBOARD_FORMATS describes. */
  rows: DashboardCell[][];
  /** Revenue by month (header row first, 13 rows × 2), placed at REVENUE_AT. */
  revenue: DashboardCell[][];
}

export const DASHBOARD_WIDTH = 4;
/** The longest list of customers who started slipping; the rest are counted. */
const SLIPPING_SHOWN = 50;
/** Where the monthly revenue table starts (row, column; 1-based): right of the main block. */
export const REVENUE_AT = { row: 3, column: DASHBOARD_WIDTH + 2 };

/**
 * The layout is fixed — stages in rows 4–11, figures 14–18, the top ten 21–30, the model
 * 33–36, and the variable list of slipping customers last — so number formats are set once,
 * when the tab is made, and every later run writes values only.
 */
export const DASHBOARD_FORMATS: ReadonlyArray<{ a1: string; format: string }> = [
  { a1: 'C4:C11', format: '0%' },
  { a1: 'B14', format: '#,##0.00' },
  { a1: 'B21:B30', format: '#,##0.00' },
  { a1: 'C21:C30', format: '0.00' },
  { a1: 'G4:G15', format: '#,##0.00' },
];
const TOP_COUNT = 10;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number) => (whole ? round(part / whole, 4) : 0);

function monthsBack(today: IsoDate, count: number): string[] {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Buyers in the last `days`: new ones (first purchase in it) and returning ones. */
function newVersusReturning(figures: Iterable<PurchaseFigures>, today: IsoDate, days: number) {
  const from = addDays(today, -days);
  let fresh = 0;
  let returning = 0;
  for (const f of figures) {
    if (daysBetween(from, f.lastPurchase) < 0) continue;
    if (daysBetween(from, f.firstPurchase) >= 0) fresh++;
    else returning++;
  }
  return { fresh, returning };
}

function monthlyRevenue(buying: readonly PurchaseFigures[], today: IsoDate, currency: string) {
  const byMonth = new Map<string, number>();
  for (const f of buying) {
    f.days.forEach((day, i) => {
      const month = day.slice(0, 7);
      byMonth.set(month, (byMonth.get(month) ?? 0) + f.amounts[i]);
    });
  }
  return [
    ['Month', `Revenue (${currency})`],
    ...monthsBack(today, 12).map((month) => [month, round(byMonth.get(month) ?? 0)]),
  ];
}

export function buildDashboard(input: DashboardInput): Dashboard {
  const { today, currency, figures, lifecycles, names } = input;
  const rows: DashboardCell[][] = [];
  const add = (...cells: DashboardCell[]) => rows.push(cells);
  const blank = () => add('');
  const title = (id: string) => names.get(id) ?? id;

  add(`Kartoteka dashboard — ${today}`);
  blank();
  add('Stage', 'Customers', 'Share');
  const counts = new Map<string, number>();
  for (const l of lifecycles.values()) counts.set(l.stage, (counts.get(l.stage) ?? 0) + 1);
  for (const stage of LIFECYCLE_STAGES) {
    add(stage, counts.get(stage) ?? 0, share(counts.get(stage) ?? 0, lifecycles.size));
  }
  add('All customers', lifecycles.size, 1);
  blank();

  const buying = [...figures.values()];
  const revenue = buying.reduce((sum, f) => sum + f.totalSpent, 0);
  const purchases = buying.reduce((sum, f) => sum + f.purchases, 0);
  add('Figure', 'Value');
  add(`Average revenue per buying customer (${currency})`, round(revenue / (buying.length || 1)));
  add('Purchases per buying customer', round(purchases / (buying.length || 1)));
  for (const days of [30, 90]) {
    const { fresh, returning } = newVersusReturning(buying, today, days);
    add(`New / returning buyers, last ${days} days`, fresh, returning);
  }
  const expected = [...lifecycles.values()].reduce((s, l) => s + (l.expectedPurchases90 ?? 0), 0);
  add('Expected purchases, next 90 days (model)', input.fit.used ? round(expected, 1) : '—');
  blank();

  add(`Top ${TOP_COUNT} customers`, `Total spent (${currency})`, 'Expected purchases (90 days)');
  const top = [...figures.entries()]
    .sort((a, b) => b[1].totalSpent - a[1].totalSpent || a[0].localeCompare(b[0]))
    .slice(0, TOP_COUNT);
  for (let i = 0; i < TOP_COUNT; i++) {
    const entry = top[i];
    if (!entry) {
      blank();
      continue;
    }
    const expectedHere = lifecycles.get(entry[0])?.expectedPurchases90;
    add(title(entry[0]), entry[1].totalSpent, expectedHere == null ? '—' : round(expectedHere));
  }
  blank();

  add('Activity model (BG/NBD)');
  if (input.fit.used) {
    const { params, logLikelihood, customers, repeatCustomers, fittedOn } = input.fit;
    add('r', round(params.r, 4), 'α (days)', round(params.alpha, 4));
    add('a', round(params.a, 4), 'b', round(params.b, 4));
    add('Log-likelihood', round(logLikelihood, 1), 'Fitted on', fittedOn);
    add('Customers in the fit', customers, 'Repeat buyers', repeatCustomers);
  } else {
    add(input.fit.reason);
    blank();
    blank();
    blank();
  }
  blank();

  add('Started slipping in the last 30 days', 'Since', 'Reason');
  const slipping = [...lifecycles.entries()]
    .filter(([id, l]) => {
      const since = input.stageSince.get(id);
      return l.stage === 'slipping' && since !== undefined && daysBetween(since, today) <= 30;
    })
    .sort((a, b) => title(a[0]).localeCompare(title(b[0])));
  for (const [id, l] of slipping.slice(0, SLIPPING_SHOWN)) {
    add(title(id), input.stageSince.get(id) ?? '', l.reason);
  }
  if (slipping.length > SLIPPING_SHOWN) {
    add(`…and ${slipping.length - SLIPPING_SHOWN} more: filter Customers by Lifecycle stage`);
  }
  if (!slipping.length) add('Nobody');
  return {
    rows: rows.map((r) => [...r, ...Array<string>(DASHBOARD_WIDTH - r.length).fill('')]),
    revenue: monthlyRevenue(buying, today, currency),
  };
}
