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
import {
  ENTITIES,
  recordTitle,
  type EntityName,
  type FieldSpec,
  type RecordOf,
} from '../../domain/schema';
import {
  classifyCustomers,
  lifecycleSettings,
  topThreshold,
  type ActivityModel,
  type Lifecycle,
} from '../../domain/lifecycle';
import { parseRates, type PurchaseFigures, purchaseFigures } from '../../domain/purchases';
import { fitActivityModel, modelFrom, type ModelFit } from '../../domain/activity';
import { buildDashboard } from '../../domain/dashboard';
import type { Problem } from '../../domain/api-types';
import { settingsFrom } from '../settings';
import { resolveSettings } from '../../domain/settings-rules';
import { currentUser } from '../request';
import { withJobLock } from '../spreadsheet';
import { columnBlocks, HEADER_ROW, type RecordValues } from '../sheet/table';
import {
  appendRows,
  columnLetters,
  quoteTab,
  readIds,
  readTables,
  toRawValue,
  writeRanges,
  type BatchTable,
  type RangeWrite,
  type SheetsTarget,
} from '../sheet/batch';
import { dashboardWrites, ensureDashboardTab } from './dashboard-tab';
import { refreshRefTitles } from './ref-titles';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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

/**
 * What a customer's new lifecycle means for the row: the Stage since to keep (the old one
 * while the stage stays), and the Log entry of a change, if the stage changed.
 */
export function stageOutcome(
  customer: RecordOf<'customers'>,
  lifecycle: Lifecycle,
  at: { today: IsoDate; stamp: string; user: string },
): { since: IsoDate; change: RecordValues | null } {
  const previous = customer.lifecycle;
  const kept = previous === lifecycle.stage && customer.stageSince;
  const since = kept ? (customer.stageSince as IsoDate) : at.today;
  if (!previous || previous === lifecycle.stage) return { since, change: null };
  return {
    since,
    change: {
      id: Utilities.getUuid(),
      date: at.today,
      kind: 'stage change',
      customerId: customer.id ?? '',
      customerIdTitle: recordTitle(ENTITIES.customers, customer),
      summary: `Stage: ${previous} → ${lifecycle.stage}. ${lifecycle.reason}`,
      created: at.stamp,
      createdBy: at.user,
    },
  };
}

/** The computed columns' values for one customer. */
export function computedValues(
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

/** The columns a recompute reads: what the rules use, not whole tabs. */
const READS = [
  { entity: 'settings', keys: ['key', 'value'] },
  {
    entity: 'customers',
    keys: [
      'name',
      'company',
      'archived',
      'referredBy',
      'tags',
      'stageOverride',
      'lifecycle',
      'stageSince',
    ],
  },
  {
    entity: 'deals',
    keys: [
      'customerId',
      'stage',
      'amount',
      'currency',
      'closedDate',
      'expectedClose',
      'created',
      'serviceId',
      'archived',
    ],
  },
  { entity: 'services', keys: ['category'] },
  { entity: 'log', keys: [] },
] as const;

export function recalculateLifecycleIn(spreadsheet: Spreadsheet, now: Date): LifecycleReport {
  return withJobLock((locked) => {
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    const today = calendarDateIn(now, timeZone);
    const target = { id: spreadsheet.getId() };
    const tables = readTables(target, READS, timeZone);
    const table = <E extends EntityName>(entity: E) => tables.get(entity) as BatchTable;
    // Checked like every call's settings: a mistyped currency falls back to the default.
    const settings = resolveSettings(
      settingsFrom(table('settings').columnOf, table('settings').cells),
    ).values;
    const rates = parseRates(settings.exchangeRates ?? '');
    // readTables converted each cell by its field's kind: the shape RecordOf derives.
    const records = <E extends EntityName>(entity: E) =>
      table(entity).rows.map((r) => r.values as RecordOf<E>);
    const customers = records('customers');
    const { figures, problems: dealProblems } = purchaseFigures(
      records('deals'),
      records('services'),
      today,
      { base: settings.defaultCurrency, rates: rates.rates },
    );
    const { model, fit } = fitActivityModel(figures, today);
    const rules = lifecycleSettings(settings);
    const lifecycles = classifyCustomers(customers, figures, today, rules, model);

    const byId = new Map<string, RecordValues>();
    const stageSince = new Map<string, IsoDate>();
    const changes: RecordValues[] = [];
    const stamp = now.toISOString();
    const user = currentUser();
    for (const customer of customers) {
      const lifecycle = customer.id ? lifecycles.get(customer.id) : undefined;
      if (!customer.id || !lifecycle) continue;
      const { since, change } = stageOutcome(customer, lifecycle, { today, stamp, user });
      stageSince.set(customer.id, since);
      byId.set(customer.id, computedValues(lifecycle, figures.get(customer.id), since));
      if (change) changes.push(change);
    }
    const dashboard = buildDashboard({
      today,
      currency: settings.defaultCurrency,
      names: new Map(customers.map((c) => [c.id ?? '', c.name ?? c.company ?? ''])),
      figures,
      lifecycles,
      stageSince,
      fit,
    });
    ensureDashboardTab(spreadsheet, dashboard.revenue.length);
    const customersNow = locked
      ? table('customers')
      : currentRows(target, table('customers'), timeZone);
    writeRanges(target, [
      ...computedWrites(customersNow, byId, timeZone),
      ...dashboardWrites(dashboard),
    ]);
    appendRows(target, table('log'), changes, timeZone);
    refreshRefTitles(target, timeZone, locked);
    const stored: StoredLifecycle = {
      fit,
      topThreshold: topThreshold(
        [...figures.values()].map((f) => f.totalSpent),
        rules.topShare,
      ),
      today,
    };
    PropertiesService.getDocumentProperties()?.setProperty(MODEL_PROPERTY, JSON.stringify(stored));

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
 * Without the document lock (a time-driven run), a row inserted or deleted by hand since the
 * read would shift every value below it: the id column is read again just before writing
 * (one call) and, if rows moved, the Customers tab is read afresh to match rows by id.
 */
function currentRows(target: SheetsTarget, read: BatchTable, timeZone: string): BatchTable {
  const ids = readIds(target, read);
  const moved = ids.length !== read.ids.length || ids.some((id, i) => id !== read.ids[i]);
  if (!moved) return read;
  return readTables(target, [{ entity: 'customers', keys: ['id'] }], timeZone).get(
    'customers',
  ) as BatchTable;
}

/**
 * The computed fields of every data row, one range per block of adjacent computed columns,
 * matched to rows by id. Rows without new values (blank, unreadable, archived) get null,
 * which a RAW write leaves as it is; the user's own columns are not in any range.
 */
function computedWrites(
  table: BatchTable,
  byId: ReadonlyMap<string, RecordValues>,
  timeZone: string,
): RangeWrite[] {
  if (!table.ids.length) return [];
  const last = HEADER_ROW + table.ids.length;
  return computedBlocks(table.columnOf).map((block) => ({
    range: `${quoteTab(table.spec.tab)}!${columnLetters(block.start + 1)}${HEADER_ROW + 1}:${columnLetters(block.start + block.fields.length)}${last}`,
    values: table.ids.map((id) => {
      const values = byId.get(id);
      return block.fields.map((field) =>
        values ? toRawValue(field, values[field.key], timeZone) : null,
      );
    }),
  }));
}

/**
 * The Customers tab's computed columns as they are placed, one block per run of adjacent
 * columns: what the whole-sheet run and a single customer's recompute write, nothing else.
 */
export function computedBlocks(columnOf: ReadonlyMap<string, number>) {
  const placed = ENTITIES.customers.fields
    .filter((field): field is FieldSpec => field.computed === true)
    .flatMap((field) => {
      const column = columnOf.get(field.key);
      return column === undefined ? [] : [{ column, field }];
    });
  return columnBlocks(placed);
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

/**
 * What the last whole-sheet run decided for everyone, kept for a single customer's recompute
 * after a save (customer-lifecycle.ts): the fitted model and the total that put a customer
 * in the top share. Document properties: one small value, read in one call.
 */
export interface StoredLifecycle {
  fit: ModelFit;
  topThreshold: number | null;
  /** The day the run computed for. */
  today: IsoDate;
}

/** The last run's model and top threshold; null before the first run (or an unreadable value). */
export function storedLifecycle(): StoredLifecycle | null {
  const text = PropertiesService.getDocumentProperties()?.getProperty(MODEL_PROPERTY);
  if (!text) return null;
  try {
    // Written by recalculateLifecycleIn above; a value from before the threshold was kept
    // (the bare fit) has no `fit` member and counts as no run: the next run rewrites it.
    const stored = JSON.parse(text) as Partial<StoredLifecycle>;
    return stored.fit && stored.today ? (stored as StoredLifecycle) : null;
  } catch {
    return null; // an unreadable value: the next run rewrites it
  }
}

/** The model fitted by the last run, for a card or a single save. */
export function storedActivityModel(stored = storedLifecycle()): ActivityModel | null {
  return stored?.fit.used ? modelFrom(stored.fit.params) : null;
}
