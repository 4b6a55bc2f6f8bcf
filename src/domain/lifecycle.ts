/**
 * A customer's lifecycle stage from their purchase history, with the reason in words
 * (docs/customer-card.md, "Stage in the sales cycle"). Pure: `today` and the settings are
 * parameters. When several stages apply, the one the team should act on first wins:
 * a hand-set stage, then slipping (call before they leave), ambassador, top 20%, then
 * returning / new / one-time, and lead for those who never bought.
 */
import { daysBetween, type IsoDate } from './calendar';
import { LIFECYCLE_STAGES, SETTINGS_DEFAULTS, type RecordOf } from './schema';
import { isPurchase, purchaseDate } from './purchases';

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface LifecycleSettings {
  /** A first purchase within this many days makes a customer "new". */
  newWindowDays: number;
  /** Share of buying customers, by total value, who are "top 20%". */
  topShare: number;
  /** Slipping when days since the last purchase exceed this many times the usual gap. */
  slippingFactor: number;
  /** The gap used when a customer's own gap cannot be measured (all purchases one day). */
  slippingDays: number;
}

const LIFECYCLE_KEYS = ['newWindowDays', 'topShare', 'slippingFactor', 'slippingDays'] as const;

/** The defaults are the Settings tab's defaults (schema.ts), read as numbers: one source. */
export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = Object.fromEntries(
  LIFECYCLE_KEYS.map((key) => {
    const row = SETTINGS_DEFAULTS.find((s) => s.key === key);
    if (!row) throw new Error(`SETTINGS_DEFAULTS lacks ${key}`);
    return [key, Number(row.value)];
  }),
) as Record<(typeof LIFECYCLE_KEYS)[number], number>;

export interface PurchaseHistory {
  /** Purchase dates, any order. */
  purchaseDates: readonly IsoDate[];
  totalSpent: number;
  /** How many customers name this one as "referred by". */
  referrals: number;
  /** A stage set by hand (the Stage override column), if any. */
  override?: string | null;
}

export interface Lifecycle {
  stage: LifecycleStage;
  reason: string;
}

const STAGES: readonly string[] = LIFECYCLE_STAGES;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The smallest total that is in the top share of buying customers, or null when nobody
 * bought. Ties at the threshold are all in.
 */
export function topThreshold(totals: readonly number[], share: number): number | null {
  const buying = totals.filter((t) => t > 0).sort((a, b) => b - a);
  if (!buying.length) return null;
  const count = Math.max(1, Math.ceil(buying.length * share));
  return buying[count - 1];
}

export function classifyCustomer(
  history: PurchaseHistory,
  today: IsoDate,
  threshold: number | null,
  settings: LifecycleSettings = DEFAULT_LIFECYCLE_SETTINGS,
): Lifecycle {
  if (history.override && STAGES.includes(history.override)) {
    return {
      stage: history.override as LifecycleStage,
      reason: `Set by hand: ${history.override}`,
    };
  }
  const dates = [...history.purchaseDates].sort();
  const count = dates.length;
  if (!count) {
    return history.referrals > 0
      ? {
          stage: 'ambassador',
          reason: `Ambassador: referred ${plural(history.referrals, 'customer')}`,
        }
      : { stage: 'lead', reason: 'Lead: no purchase yet' };
  }
  const sinceLast = daysBetween(dates[count - 1], today);
  if (count >= 2) {
    const gaps = dates.slice(1).map((date, i) => daysBetween(dates[i], date));
    const usualGap = Math.round(median(gaps));
    const limit = usualGap > 0 ? usualGap * settings.slippingFactor : settings.slippingDays;
    if (sinceLast > limit) {
      return {
        stage: 'slipping',
        reason: `Slipping: ${sinceLast} days since last purchase, usual gap ${usualGap > 0 ? usualGap : settings.slippingDays}`,
      };
    }
  }
  if (history.referrals > 0) {
    return {
      stage: 'ambassador',
      reason: `Ambassador: referred ${plural(history.referrals, 'customer')}`,
    };
  }
  if (threshold !== null && history.totalSpent >= threshold && history.totalSpent > 0) {
    const percent = Math.round(settings.topShare * 100);
    return {
      stage: 'top 20%',
      reason: `Top ${percent}%: total spent is among the top ${percent}% of buying customers`,
    };
  }
  if (count >= 2) {
    return {
      stage: 'returning',
      reason: `Returning: ${count} purchases, the last ${plural(sinceLast, 'day')} ago`,
    };
  }
  const sinceFirst = daysBetween(dates[0], today);
  if (sinceFirst <= settings.newWindowDays) {
    return { stage: 'new', reason: `New: first purchase ${plural(sinceFirst, 'day')} ago` };
  }
  return { stage: 'one-time', reason: `One-time: one purchase, ${plural(sinceFirst, 'day')} ago` };
}

/** Settings as typed in the Settings tab (text), with defaults for anything unusable. */
export function lifecycleSettings(values: Record<string, string | undefined>): LifecycleSettings {
  const number = (key: keyof LifecycleSettings, min: number, max: number) => {
    const parsed = Number(String(values[key] ?? '').replace(',', '.'));
    return Number.isFinite(parsed) && parsed >= min && parsed <= max
      ? parsed
      : DEFAULT_LIFECYCLE_SETTINGS[key];
  };
  return {
    newWindowDays: number('newWindowDays', 0, 3650),
    topShare: number('topShare', 0.01, 1),
    slippingFactor: number('slippingFactor', 1, 100),
    slippingDays: number('slippingDays', 1, 3650),
  };
}

/**
 * Every active customer's stage, from the customers and deals as read from their tabs: what
 * the card shows for one customer and what a whole-sheet recompute writes for all.
 */
export function classifyCustomers(
  customers: readonly RecordOf<'customers'>[],
  deals: readonly RecordOf<'deals'>[],
  today: IsoDate,
  settings: LifecycleSettings,
): Map<string, Lifecycle> {
  const purchases = new Map<string, { dates: IsoDate[]; total: number }>();
  for (const deal of deals) {
    if (!isPurchase(deal) || !deal.customerId) continue;
    const entry = purchases.get(deal.customerId) ?? { dates: [], total: 0 };
    const date = purchaseDate(deal);
    if (date) entry.dates.push(date);
    entry.total += deal.amount ?? 0;
    purchases.set(deal.customerId, entry);
  }
  const referrals = new Map<string, number>();
  for (const customer of customers) {
    if (customer.archived || !customer.referredBy) continue;
    referrals.set(customer.referredBy, (referrals.get(customer.referredBy) ?? 0) + 1);
  }
  const threshold = topThreshold(
    [...purchases.values()].map((p) => p.total),
    settings.topShare,
  );
  const stages = new Map<string, Lifecycle>();
  for (const customer of customers) {
    if (customer.archived || !customer.id) continue;
    const bought = purchases.get(customer.id);
    stages.set(
      customer.id,
      classifyCustomer(
        {
          purchaseDates: bought?.dates ?? [],
          totalSpent: bought?.total ?? 0,
          referrals: referrals.get(customer.id) ?? 0,
          override: customer.stageOverride ?? null,
        },
        today,
        threshold,
        settings,
      ),
    );
  }
  return stages;
}
