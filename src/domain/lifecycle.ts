/**
 * A customer's lifecycle stage from their purchase history, with the reason in words
 * (docs/customer-card.md, "Stage in the sales cycle"). Pure: `today`, the settings and the
 * activity model are parameters. When several stages apply, the one the team should act on
 * first wins: a hand-set stage, then slipping (call before they leave), ambassador, top 20%,
 * returning, one-time, new, and lead for those who never bought. Top 20% and Ambassador are
 * also returned as flags, so both facts stay visible whatever the stage.
 */
import type { IsoDate } from './calendar';
import { LIFECYCLE_STAGES, SETTINGS_DEFAULTS, type RecordOf } from './schema';
import type { PurchaseFigures } from './purchases';

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface LifecycleSettings {
  /** A first purchase within this many days makes a customer "new". */
  newWindowDays: number;
  /** Share of buying customers, by total value, who are "top 20%". */
  topShare: number;
  /** Rhythm rule: slipping when days since the last purchase exceed this many usual gaps. */
  slippingFactor: number;
  /** One-time buyers slip after this many days without a second purchase. */
  slippingDays: number;
  /** With the activity model: repeat buyers whose chance of being active is below this slip. */
  slippingChance: number;
  /** Referring this many customers who bought makes an ambassador. */
  ambassadorReferrals: number;
}

const LIFECYCLE_LIMITS: Record<keyof LifecycleSettings, [min: number, max: number]> = {
  newWindowDays: [0, 3650],
  topShare: [0.01, 1],
  slippingFactor: [1, 100],
  slippingDays: [1, 3650],
  slippingChance: [0.01, 0.99],
  ambassadorReferrals: [1, 1000],
};
const LIFECYCLE_KEYS = Object.keys(LIFECYCLE_LIMITS) as Array<keyof LifecycleSettings>;

/** The defaults are the Settings tab's defaults (schema.ts), read as numbers: one source. */
export const DEFAULT_LIFECYCLE_SETTINGS = Object.fromEntries(
  LIFECYCLE_KEYS.map((key) => {
    const row = SETTINGS_DEFAULTS.find((s) => s.key === key);
    if (!row) throw new Error(`SETTINGS_DEFAULTS lacks ${key}`);
    return [key, Number(row.value)];
  }),
) as unknown as LifecycleSettings; // fromEntries over exactly LIFECYCLE_KEYS

/** Settings as typed in the Settings tab (text), with defaults for anything unusable. */
export function lifecycleSettings(values: Record<string, string | undefined>): LifecycleSettings {
  const settings = { ...DEFAULT_LIFECYCLE_SETTINGS };
  for (const key of LIFECYCLE_KEYS) {
    const parsed = Number(String(values[key] ?? '').replace(',', '.'));
    const [min, max] = LIFECYCLE_LIMITS[key];
    if (Number.isFinite(parsed) && parsed >= min && parsed <= max) settings[key] = parsed;
  }
  return settings;
}

/** BG/NBD's per-customer summary, in days (see activity.ts). */
export interface RepeatSummary {
  x: number;
  tx: number;
  T: number;
}

/** The chance a customer is still active, from a model fitted on the whole workbook. */
export interface ActivityModel {
  chanceActive(summary: RepeatSummary): number;
  expectedPurchases(summary: RepeatSummary, days: number): number;
}

export interface CustomerHistory {
  figures?: PurchaseFigures;
  /** Customers naming this one as "referred by" who bought. */
  referralsWhoBought: number;
  /** Marked by hand as an ambassador (the tag "ambassador"). */
  marked: boolean;
  /** A stage set by hand (the Stage override column), if any. */
  override?: string | null;
}

export interface Lifecycle {
  stage: LifecycleStage;
  /** Why, in words: "Slipping: chance still active 23%; no purchase for 94 days, usual gap 31". */
  reason: string;
  isTop: boolean;
  isAmbassador: boolean;
  /** P(active), 0–1, when the model is used for this customer; else null. */
  chanceActive: number | null;
  /** Expected purchases in the next 90 days, when the model is used; else null. */
  expectedPurchases90: number | null;
}

const STAGES: readonly string[] = LIFECYCLE_STAGES;
export const EXPECTATION_DAYS = 90;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const percent = (p: number) => `${Math.round(p * 100)}%`;

/**
 * The smallest total that is in the top share of buying customers, or null when nobody
 * bought. Ties at the threshold are all in, so the cut is deterministic.
 */
export function topThreshold(totals: readonly number[], share: number): number | null {
  const buying = totals.filter((t) => t > 0).sort((a, b) => b - a);
  if (!buying.length) return null;
  const count = Math.max(1, Math.ceil(buying.length * share));
  return buying[count - 1];
}

export function repeatSummary(figures: PurchaseFigures, today: IsoDate): RepeatSummary {
  const day = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  return {
    x: figures.purchases - 1,
    tx: day(figures.lastPurchase) - day(figures.firstPurchase),
    T: day(today) - day(figures.firstPurchase),
  };
}

/** Slipping, and why; null when the customer is not slipping. */
function slipping(
  figures: PurchaseFigures,
  chance: number | null,
  settings: LifecycleSettings,
): string | null {
  const since = figures.daysSinceLastPurchase;
  if (figures.purchases === 1) {
    // BG/NBD cannot tell one-time buyers apart (x = 0 gives P(active) = 1): days decide.
    return since > settings.slippingDays
      ? `Slipping: one purchase, ${plural(since, 'day')} ago; one-time buyers slip after ${settings.slippingDays} days`
      : null;
  }
  const gap = figures.usualGap ?? 0;
  if (chance !== null) {
    return chance < settings.slippingChance
      ? `Slipping: chance still active ${percent(chance)}; no purchase for ${plural(since, 'day')}, usual gap ${gap}`
      : null;
  }
  const limit = gap > 0 ? gap * settings.slippingFactor : settings.slippingDays;
  return since > limit
    ? `Slipping: no purchase for ${plural(since, 'day')}, usual gap ${gap > 0 ? gap : settings.slippingDays} (rhythm rule)`
    : null;
}

export function classifyCustomer(
  history: CustomerHistory,
  today: IsoDate,
  threshold: number | null,
  settings: LifecycleSettings,
  model: ActivityModel | null = null,
): Lifecycle {
  const figures = history.figures;
  const isAmbassador =
    history.marked ||
    history.override === 'ambassador' ||
    history.referralsWhoBought >= settings.ambassadorReferrals;
  const isTop = threshold !== null && figures !== undefined && figures.totalSpent >= threshold;
  const useModel = model !== null && figures !== undefined && figures.purchases >= 2;
  const summary = figures && useModel ? repeatSummary(figures, today) : null;
  const chanceActive = summary && model ? model.chanceActive(summary) : null;
  const expectedPurchases90 =
    summary && model ? model.expectedPurchases(summary, EXPECTATION_DAYS) : null;
  const result = (stage: LifecycleStage, reason: string): Lifecycle => ({
    stage,
    reason,
    isTop,
    isAmbassador,
    chanceActive,
    expectedPurchases90,
  });

  if (history.override && STAGES.includes(history.override)) {
    return result(history.override as LifecycleStage, `Set by hand: ${history.override}`);
  }
  const slip = figures ? slipping(figures, chanceActive, settings) : null;
  if (slip) return result('slipping', slip);
  if (isAmbassador) {
    return result(
      'ambassador',
      history.referralsWhoBought > 0
        ? `Ambassador: referred ${plural(history.referralsWhoBought, 'customer')} who bought`
        : 'Ambassador: marked by the team',
    );
  }
  if (!figures) return result('lead', 'Lead: no purchase yet');
  if (isTop) {
    const share = percent(settings.topShare);
    return result(
      'top 20%',
      `Top ${share}: total spent is among the top ${share} of buying customers`,
    );
  }
  const active = chanceActive !== null ? `; chance still active ${percent(chanceActive)}` : '';
  if (figures.purchases >= 2) {
    return result(
      'returning',
      `Returning: ${figures.purchases} purchases, the last ${plural(figures.daysSinceLastPurchase, 'day')} ago${active}`,
    );
  }
  const sinceFirst = figures.daysSinceLastPurchase;
  if (sinceFirst <= settings.newWindowDays) {
    return result('new', `New: first purchase ${plural(sinceFirst, 'day')} ago`);
  }
  return result('one-time', `One-time: one purchase, ${plural(sinceFirst, 'day')} ago`);
}

/**
 * Every active customer's lifecycle from their purchase figures: what a whole-sheet
 * recompute writes and what the card shows for one customer.
 */
export function classifyCustomers(
  customers: readonly RecordOf<'customers'>[],
  figures: ReadonlyMap<string, PurchaseFigures>,
  today: IsoDate,
  settings: LifecycleSettings,
  model: ActivityModel | null = null,
): Map<string, Lifecycle> {
  const referrals = new Map<string, number>();
  for (const customer of customers) {
    if (customer.archived || !customer.referredBy || !figures.has(customer.id ?? '')) continue;
    referrals.set(customer.referredBy, (referrals.get(customer.referredBy) ?? 0) + 1);
  }
  const threshold = topThreshold(
    [...figures.values()].map((f) => f.totalSpent),
    settings.topShare,
  );
  const stages = new Map<string, Lifecycle>();
  for (const customer of customers) {
    if (customer.archived || !customer.id) continue;
    stages.set(
      customer.id,
      classifyCustomer(
        {
          figures: figures.get(customer.id),
          referralsWhoBought: referrals.get(customer.id) ?? 0,
          marked: (customer.tags ?? []).includes('ambassador'),
          override: customer.stageOverride ?? null,
        },
        today,
        threshold,
        settings,
        model,
      ),
    );
  }
  return stages;
}
