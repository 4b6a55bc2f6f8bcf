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

export function fitActivityModel(
  figures: ReadonlyMap<string, PurchaseFigures>,
  today: IsoDate,
  minRepeatBuyers: number = MIN_REPEAT_BUYERS,
): { model: ActivityModel | null; fit: ModelFit } {
  const summaries = [...figures.values()].map((f) => repeatSummary(f, today));
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
