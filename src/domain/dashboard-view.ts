/**
 * The Dashboard tab read back for the sidebar: the rows buildDashboard (dashboard.ts) wrote,
 * found by their labels rather than by row numbers, so a dashboard from an older or newer
 * layout still reads as far as its labels match. test/unit/domain/dashboard-view.test.ts
 * builds a dashboard and reads it back, which keeps the two files in step.
 */
import { isIsoDate } from './calendar';

export interface DashboardStage {
  stage: string;
  count: number;
  /** 0–1 of all customers. */
  share: number;
}

export interface DashboardCustomer {
  name: string;
  /** The customer's id when the name was found on the Customers tab (for opening the card). */
  id: string | null;
}

export interface DashboardView {
  /** The day of the lifecycle run that wrote the tab. */
  asOf: string | null;
  currency: string;
  stages: DashboardStage[];
  customers: number;
  averageRevenue: number | null;
  purchasesPerCustomer: number | null;
  newReturning: Array<{ days: number; fresh: number; returning: number }>;
  /** Null when the model was not used. */
  expectedPurchases90: number | null;
  top: Array<DashboardCustomer & { totalSpent: number; expected90: number | null }>;
  model:
    | { used: true; repeatBuyers: number; customers: number; fittedOn: string }
    | { used: false; reason: string };
  slipping: Array<DashboardCustomer & { since: string; reason: string }>;
  /** "…and 12 more: filter Customers by Lifecycle stage" when the tab lists only some. */
  slippingMore: string | null;
  revenue: Array<{ month: string; amount: number }>;
}

type Cells = readonly unknown[];

const text = (cell: unknown) => (cell === null || cell === undefined ? '' : String(cell).trim());
const numberOr = (cell: unknown, fallback: number | null): number | null =>
  typeof cell === 'number' && Number.isFinite(cell) ? cell : fallback;
const count = (cell: unknown) => numberOr(cell, 0) as number;
const blank = (row: Cells | undefined) => !row || row.every((cell) => text(cell) === '');

/** Rows after the one whose first cell passes `test`, up to the next blank row. */
function sectionAfter(rows: readonly Cells[], test: (first: string) => boolean): Cells[] {
  const start = rows.findIndex((row) => test(text(row[0])));
  if (start < 0) return [];
  const section: Cells[] = [];
  for (let i = start + 1; i < rows.length && !blank(rows[i]); i++) section.push(rows[i]);
  return section;
}

function stagesOf(rows: readonly Cells[]) {
  const stages: DashboardStage[] = [];
  let customers = 0;
  for (const row of sectionAfter(rows, (first) => first === 'Stage')) {
    if (text(row[0]) === 'All customers') customers = count(row[1]);
    else stages.push({ stage: text(row[0]), count: count(row[1]), share: count(row[2]) });
  }
  return { stages, customers };
}

function figuresOf(rows: readonly Cells[]) {
  const figures = {
    currency: '',
    averageRevenue: null as number | null,
    purchasesPerCustomer: null as number | null,
    newReturning: [] as DashboardView['newReturning'],
    expectedPurchases90: null as number | null,
  };
  for (const row of sectionAfter(rows, (first) => first === 'Figure')) {
    const label = text(row[0]);
    const average = /^Average revenue per buying customer \((.+)\)$/.exec(label);
    const buyers = /^New \/ returning buyers, last (\d+) days$/.exec(label);
    if (average) {
      figures.currency = average[1];
      figures.averageRevenue = numberOr(row[1], null);
    } else if (label === 'Purchases per buying customer') {
      figures.purchasesPerCustomer = numberOr(row[1], null);
    } else if (buyers) {
      figures.newReturning.push({
        days: Number(buyers[1]),
        fresh: count(row[1]),
        returning: count(row[2]),
      });
    } else if (label.startsWith('Expected purchases, next 90 days')) {
      figures.expectedPurchases90 = numberOr(row[1], null);
    }
  }
  return figures;
}

/** The top ten: rows under "Top 10 customers" up to the model's heading (blank rows pad it). */
function topOf(rows: readonly Cells[]): DashboardView['top'] {
  const start = rows.findIndex((row) => /^Top \d+ customers$/.test(text(row[0])));
  if (start < 0) return [];
  const top: DashboardView['top'] = [];
  for (let i = start + 1; i < rows.length; i++) {
    const name = text(rows[i][0]);
    if (name.startsWith('Activity model')) break;
    if (!name) continue;
    top.push({
      name,
      id: null,
      totalSpent: count(rows[i][1]),
      expected90: numberOr(rows[i][2], null),
    });
  }
  return top;
}

function modelOf(rows: readonly Cells[]): DashboardView['model'] {
  const section = sectionAfter(rows, (first) => first.startsWith('Activity model'));
  const fit = section.find((row) => text(row[0]) === 'Customers in the fit');
  if (fit) {
    const fitted = section.find((row) => text(row[0]) === 'Log-likelihood');
    return {
      used: true,
      customers: count(fit[1]),
      repeatBuyers: count(fit[3]),
      fittedOn: text(fitted?.[3]),
    };
  }
  return { used: false, reason: text(section[0]?.[0]) || 'The model has not been fitted yet.' };
}

function slippingOf(rows: readonly Cells[]) {
  const slipping: DashboardView['slipping'] = [];
  let more: string | null = null;
  for (const row of sectionAfter(rows, (first) => first.startsWith('Started slipping'))) {
    const name = text(row[0]);
    if (name === 'Nobody') continue;
    if (name.startsWith('…and ')) more = name;
    else slipping.push({ name, id: null, since: text(row[1]), reason: text(row[2]) });
  }
  return { slipping, more };
}

function revenueOf(revenue: readonly Cells[]): DashboardView['revenue'] {
  return revenue
    .filter((row) => /^\d{4}-\d{2}$/.test(text(row[0])))
    .map((row) => ({ month: text(row[0]), amount: count(row[1]) }));
}

/** The main block's rows (columns A–D) and the revenue table's (Month, Revenue). */
export function parseDashboard(rows: readonly Cells[], revenue: readonly Cells[]): DashboardView {
  const title = /(\d{4}-\d{2}-\d{2})\s*$/.exec(text(rows[0]?.[0]));
  const figures = figuresOf(rows);
  const currencyHeader = /\((.+)\)$/.exec(text(revenue[0]?.[1]));
  const { slipping, more } = slippingOf(rows);
  return {
    asOf: title && isIsoDate(title[1]) ? title[1] : null,
    ...stagesOf(rows),
    ...figures,
    currency: figures.currency || currencyHeader?.[1] || '',
    top: topOf(rows),
    model: modelOf(rows),
    slipping,
    slippingMore: more,
    revenue: revenueOf(revenue),
  };
}

export interface CustomerName {
  id: string;
  /** What the dashboard calls them: the name, else the company (as the lifecycle run does). */
  title: string;
  totalSpent: number | null;
  lifecycle: string | null;
  stageSince: string | null;
}

/**
 * Gives each listed customer their id, by name. Two customers may share a name, so the
 * figures the same run wrote beside it pick between them: the total spent for the top ten,
 * the slipping stage and its start for the slipping list. A name not found keeps id null.
 */
export function withIds(view: DashboardView, customers: readonly CustomerName[]): DashboardView {
  const byTitle = new Map<string, CustomerName[]>();
  for (const c of customers) byTitle.set(c.title, [...(byTitle.get(c.title) ?? []), c]);
  const pick = (name: string, fits: (c: CustomerName) => boolean): string | null => {
    const same = byTitle.get(name) ?? customers.filter((c) => c.id === name);
    return (same.find(fits) ?? same[0])?.id ?? null;
  };
  return {
    ...view,
    top: view.top.map((t) => ({
      ...t,
      id: pick(t.name, (c) => Math.abs((c.totalSpent ?? 0) - t.totalSpent) < 0.005),
    })),
    slipping: view.slipping.map((s) => ({
      ...s,
      id: pick(s.name, (c) => c.lifecycle === 'slipping' && c.stageSince === s.since),
    })),
  };
}
