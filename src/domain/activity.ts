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
 * fit's cost grows with the distinct (x, t_x, T) triples — ~5 s for CDNOW's 23,570 customers
 * over 18 months in Apps Script-like V8, against a 6-minute execution. A systematic sample of
 * 5,000 (every k-th customer by id: deterministic, spread over the base) keeps the fit under
 * a second at any size; by scripts/bgnbd-threshold.ts's measurement the P(alive) error shrinks
 * like 1/√(repeat buyers), and a sample this size has over a thousand of them.
 */
export const FIT_SAMPLE_MAX = 5_000;

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
