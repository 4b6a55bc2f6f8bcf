/**
 * The whole-sheet lifecycle recompute (menu "Recalculate lifecycle", and the daily job):
 * every customer's purchase figures, stage, reason and chance of still being active, written
 * to the Customers tab's computed columns in one setValues per block of adjacent computed
 * columns, stage changes appended to the Log tab in one batch, and the Dashboard tab
 * rebuilt in one batch. Reads each tab it needs once. User columns are never touched: only
 * the computed fields' columns are written, and rows that cannot be read (a hand-typed bad
 * cell) keep what they had.
 */
import { calendarDateIn, type IsoDate } from '../../domain/calendar';
import { ENTITIES, type FieldSpec, type RecordOf } from '../../domain/schema';
import {
  classifyCustomers,
  lifecycleSettings,
  type ActivityModel,
  type Lifecycle,
} from '../../domain/lifecycle';
import { parseRates, purchaseFigures, type PurchaseFigures } from '../../domain/purchases';
import { fitActivityModel, modelFrom, type ModelFit } from '../../domain/activity';
import { buildDashboard } from '../../domain/dashboard';
import type { Problem } from '../../domain/api-types';
import { readSettings } from '../settings';
import { currentUser } from '../request';
import { withJobLock } from '../spreadsheet';
import {
  appendRecords,
  columnBlocks,
  HEADER_ROW,
  readRecords,
  readTable,
  recordsOf,
  type RecordValues,
  type TableSnapshot,
} from '../sheet/table';
import { toCell } from '../sheet/cell-kinds';
import { writeDashboard } from './dashboard-tab';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Customer = RecordOf<'customers'>;

export const MODEL_PROPERTY = 'kartoteka.lifecycleModel';

export interface LifecycleReport {
  today: IsoDate;
  customers: number;
  /** Customers whose stage changed in this run (written to the Log tab). */
  changed: number;
  stages: Record<string, number>;
  model: ModelFit;
  /** Deals left out of the figures (no exchange rate) and bad settings. */
  problems: Problem[];
}

const round = (n: number | null, digits: number) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/** The computed columns' values for one customer. */
function computedValues(
  lifecycle: Lifecycle,
  figures: PurchaseFigures | undefined,
  since: IsoDate,
): RecordValues {
  return {
    lifecycle: lifecycle.stage,
    stageReason: lifecycle.reason,
    stageSince: since,
    isTop: lifecycle.isTop,
    isAmbassador: lifecycle.isAmbassador,
    chanceActive: round(lifecycle.chanceActive, 4),
    expectedPurchases90: round(lifecycle.expectedPurchases90, 2),
    purchases: figures?.purchases ?? 0,
    firstPurchase: figures?.firstPurchase ?? null,
    lastPurchase: figures?.lastPurchase ?? null,
    totalSpent: figures?.totalSpent ?? 0,
    averagePurchase: figures?.averagePurchase ?? null,
    daysSinceLastPurchase: figures?.daysSinceLastPurchase ?? null,
    usualGap: figures?.usualGap ?? null,
    categoriesBought: figures?.categories ?? [],
  };
}

export function recalculateLifecycleIn(spreadsheet: Spreadsheet, now: Date): LifecycleReport {
  return withJobLock(() => {
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    const today = calendarDateIn(now, timeZone);
    const settings = readSettings(spreadsheet);
    const rates = parseRates(settings.exchangeRates ?? '');
    const snapshot = readTable(spreadsheet, ENTITIES.customers, timeZone);
    const { rows } = recordsOf(snapshot);
    // recordsOf converted each cell by its field's kind: the shape RecordOf derives.
    const customers = rows.map((r) => r.values as Customer);
    const { figures, problems: dealProblems } = purchaseFigures(
      readRecords(spreadsheet, 'deals', timeZone),
      readRecords(spreadsheet, 'services', timeZone),
      today,
      { base: settings.defaultCurrency, rates: rates.rates },
    );
    const { model, fit } = fitActivityModel(figures, today);
    const lifecycles = classifyCustomers(
      customers,
      figures,
      today,
      lifecycleSettings(settings),
      model,
    );

    const byId = new Map<string, RecordValues>();
    const stageSince = new Map<string, IsoDate>();
    const changes: RecordValues[] = [];
    const stamp = now.toISOString();
    const user = currentUser();
    rows.forEach(({ values }) => {
      const customer = values as Customer;
      const lifecycle = customer.id ? lifecycles.get(customer.id) : undefined;
      if (!customer.id || !lifecycle) return;
      const previous = customer.lifecycle;
      const since =
        previous === lifecycle.stage && customer.stageSince ? customer.stageSince : today;
      stageSince.set(customer.id, since);
      byId.set(customer.id, computedValues(lifecycle, figures.get(customer.id), since));
      if (previous && previous !== lifecycle.stage) {
        changes.push({
          id: Utilities.getUuid(),
          date: today,
          kind: 'stage change',
          customerId: customer.id,
          summary: `Stage: ${previous} → ${lifecycle.stage}. ${lifecycle.reason}`,
          created: stamp,
          createdBy: user,
        });
      }
    });
    writeComputedColumns(spreadsheet, snapshot, byId);
    appendRecords(spreadsheet, ENTITIES.log, changes);

    const names = new Map(customers.map((c) => [c.id ?? '', c.name ?? c.company ?? '']));
    writeDashboard(
      spreadsheet,
      buildDashboard({
        today,
        currency: settings.defaultCurrency,
        names,
        figures,
        lifecycles,
        stageSince,
        fit,
      }),
    );
    PropertiesService.getDocumentProperties()?.setProperty(MODEL_PROPERTY, JSON.stringify(fit));

    const stages: Record<string, number> = {};
    for (const l of lifecycles.values()) stages[l.stage] = (stages[l.stage] ?? 0) + 1;
    const problems: Problem[] = [
      ...dealProblems.map((p) => ({
        tab: ENTITIES.deals.tab,
        row: 0,
        column: 'Currency',
        message: `Deal ${p.dealId}: ${p.message}`,
      })),
      ...rates.problems.map((message) => ({
        tab: ENTITIES.settings.tab,
        row: 0,
        column: 'exchangeRates',
        message,
      })),
    ];
    return {
      today,
      customers: lifecycles.size,
      changed: changes.length,
      stages,
      model: fit,
      problems,
    };
  });
}

/**
 * Writes the computed fields of every data row, one setValues per block of adjacent computed
 * columns, matched to rows by id. Rows without new values (blank, unreadable, archived or
 * added since the read) keep their cells. The id column is read again just before writing:
 * a row inserted or deleted by hand since the first read (which no lock prevents) would
 * otherwise shift every value below it, so then the tab is read afresh and rows re-matched.
 */
function writeComputedColumns(
  spreadsheet: Spreadsheet,
  first: TableSnapshot,
  byId: ReadonlyMap<string, RecordValues>,
): void {
  if (!first.rows.length) return;
  const idColumn = first.columnOf.get('id') ?? 0;
  const idsNow = first.sheet
    .getRange(HEADER_ROW + 1, idColumn + 1, first.rows.length, 1)
    .getValues()
    .map((row) => row[0]);
  const moved = first.rows.some((cells, i) => cells[idColumn] !== idsNow[i]);
  const snapshot = moved ? readTable(spreadsheet, first.spec, first.timeZone) : first;
  const placed = ENTITIES.customers.fields
    .filter((field): field is FieldSpec => field.computed === true)
    .flatMap((field) => {
      const column = snapshot.columnOf.get(field.key);
      return column === undefined ? [] : [{ column, field }];
    });
  for (const block of columnBlocks(placed)) {
    const matrix = snapshot.rows.map((cells) => {
      const values = byId.get(String(cells[idColumn]));
      return block.fields.map((field, i): unknown =>
        values ? toCell(field, values[field.key]) : cells[block.start + i],
      );
    });
    snapshot.sheet
      .getRange(HEADER_ROW + 1, block.start + 1, matrix.length, block.fields.length)
      .setValues(matrix);
  }
}

/** The run in words, for the menu's alert. */
export function describeLifecycleRun(report: LifecycleReport): string {
  const stages = Object.entries(report.stages)
    .map(([stage, count]) => `${stage}: ${count}`)
    .join(', ');
  const model = report.model.used
    ? `Chance active from the BG/NBD model fitted on ${report.model.repeatCustomers} repeat buyers.`
    : report.model.reason;
  const lines = [
    `${report.customers} customers as of ${report.today}${stages ? ` (${stages})` : ''}.`,
    `${report.changed} changed stage (see the Log tab).`,
    model,
    ...report.problems.map((p) => `${p.tab}: ${p.message}`),
  ];
  return lines.join('\n');
}

/** The model fitted by the last run (document properties), for a card or a single save. */
export function storedActivityModel(): ActivityModel | null {
  const text = PropertiesService.getDocumentProperties()?.getProperty(MODEL_PROPERTY);
  if (!text) return null;
  try {
    const fit = JSON.parse(text) as ModelFit; // written by recalculateLifecycleIn above
    return fit.used ? modelFrom(fit.params) : null;
  } catch {
    return null; // an unreadable value: the next run rewrites it
  }
}
