/**
 * The workbook's activity model: BG/NBD (bgnbd.ts) fitted on every buying customer of the
 * workbook, used only when enough customers bought more than once for the fit to be stable.
 * Below that, lifecycle falls back to the rhythm rule and says so.
 */
import type { IsoDate } from './calendar';
import {
  expectedPurchases,
  fitBgNbd,
  MIN_REPEAT_BUYERS,
  probabilityAlive,
  type BgNbdParams,
} from './bgnbd';
import { repeatSummary, type ActivityModel } from './lifecycle';
import type { PurchaseFigures } from './purchases';

/** What the Dashboard and document properties keep about a fit (plain JSON). */
export type ModelFit =
  | {
      used: true;
      params: BgNbdParams;
      logLikelihood: number;
      customers: number;
      repeatCustomers: number;
      fittedOn: IsoDate;
    }
  | { used: false; reason: string; fittedOn: IsoDate };

export function modelFrom(params: BgNbdParams): ActivityModel {
  return {
    chanceActive: (summary) => probabilityAlive(params, summary),
    expectedPurchases: (summary, days) => expectedPurchases(params, summary, days),
  };
}

/**
 * The most customers a fit looks at. The parameters describe the whole customer base, and a
 * fit's cost grows with the distinct (x, t_x, T) triples — 5.4 s for CDNOW's 23,570 customers
 * over 18 months, 1 s for 5,000 (measured in scripts/bench-lifecycle.ts). A systematic sample
 * of 2,500 (every k-th customer by id: deterministic, spread over the base) keeps the fit
 * near half a second at any size. scripts/bgnbd-threshold.ts measured the P(alive) error
 * shrinking like 1/√(repeat buyers) — 0.037 (median) at 200 — and CDNOW's sample of 2,500
 * holds about 1,100 repeat buyers, so about 0.016.
 */
export const FIT_SAMPLE_MAX = 2_500;

function systematicSample<T>(entries: ReadonlyMap<string, T>, max: number): T[] {
  const ids = [...entries.keys()].sort();
  const step = Math.max(1, Math.ceil(ids.length / max));
  return ids.filter((_, i) => i % step === 0).map((id) => entries.get(id) as T);
}

export function fitActivityModel(
  figures: ReadonlyMap<string, PurchaseFigures>,
  today: IsoDate,
  minRepeatBuyers: number = MIN_REPEAT_BUYERS,
): { model: ActivityModel | null; fit: ModelFit } {
  const summaries = systematicSample(figures, FIT_SAMPLE_MAX).map((f) => repeatSummary(f, today));
  const result = fitBgNbd(summaries, { minRepeatBuyers });
  if (!result.ok) {
    return {
      model: null,
      fit: { used: false, reason: `Rhythm rule used: ${result.reason}.`, fittedOn: today },
    };
  }
  return {
    model: modelFrom(result.params),
    fit: {
      used: true,
      params: result.params,
      logLikelihood: result.logLikelihood,
      customers: result.customers,
      repeatCustomers: result.repeatCustomers,
      fittedOn: today,
    },
  };
}
