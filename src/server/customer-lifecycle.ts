/**
 * One customer's computed columns after a save that changes their purchases (a deal won,
 * edited, moved out of won, archived or restored): purchase figures, stage, reason and chance
 * of still being active, computed with what the last whole-sheet run stored — the fitted
 * model and the top-20% threshold — so the Customers tab, lists and the card agree at once
 * instead of at the next daily run. Refitting the model or moving the top-20% line needs every
 * customer, so that stays the whole-sheet run's job (jobs/lifecycle.ts).
 *
 * Three calls whatever the workbook's size: one read of the customer's row with the columns
 * that point at them (Deals' Customer ID, Customers' Referred by) and the Services'
 * categories; one read of their deal rows and of the Purchases cells of those they referred;
 * one write of their computed columns.
 * A stage change adds one append to the Log tab, as the whole-sheet run does.
 */
import { classifyCustomer, lifecycleSettings } from '../domain/lifecycle';
import { parseRates, purchaseFigures } from '../domain/purchases';
import { ENTITIES, type AnyRecord, type RecordOf } from '../domain/schema';
import type { SaveResult } from '../domain/api-types';
import type { RequestContext } from './request';
import { withDocumentLock } from './spreadsheet';
import {
  computedBlocks,
  computedValues,
  stageOutcome,
  storedActivityModel,
  storedLifecycle,
} from './jobs/lifecycle';
import {
  columnTexts,
  readRecordWith,
  recordsOfRows,
  rowRuns,
  rowsHolding,
  rowsOfRuns,
} from './rows';
import { appendRows, toRawValue } from './sheet/batch';
import { rangeA1 } from './sheet/layout';
import type { RecordValues } from './sheet/table';
import type { Tab } from './sheet/tab';
import type { ValuesWrite } from './sheet/values';

/** Whether a saved deal can change its customer's purchase figures. */
export function changesPurchases(deal: AnyRecord, input: AnyRecord): boolean {
  return deal.stage === 'won' || 'stage' in input;
}

/**
 * Recomputes one customer's computed columns; the stage it now has, or null when nothing was
 * written (no whole-sheet run yet, the customer is gone or archived).
 */
export function refreshCustomerLifecycle(
  request: RequestContext,
  customerId: string,
): string | null {
  const stored = storedLifecycle();
  if (!stored || !customerId) return null;
  const doc = request.document;
  const customers = doc.tab('customers');
  const deals = doc.tab('deals');
  const services = doc.tab('services');
  const first = readRecordWith(doc, 'customers', customerId, ['deals', 'services'], () => [
    deals.columnA1('customerId') ?? deals.headerA1(),
    customers.columnA1('referredBy') ?? customers.headerA1(),
    services.columnA1('id') ?? services.headerA1(),
    services.columnA1('category') ?? services.headerA1(),
  ]);
  const [dealRefs, referredBy, serviceIds, categories] = first.others;
  let customerRead = first.read;
  const row = first.row;
  if (!customerRead && row === undefined) return null;
  const hasRefs = deals.layout().columnOf.has('customerId');
  const runs = rowRuns(hasRefs ? rowsHolding(columnTexts(dealRefs), customerId) : []);
  // The customers they referred: whether each bought is in their Purchases cell.
  const referred = customers.layout().columnOf.has('referredBy')
    ? rowsHolding(columnTexts(referredBy), customerId)
    : [];
  const purchasesA1 = (sheetRow: number) => {
    const column = customers.layout().columnOf.get('purchases');
    return column === undefined ? null : rangeA1(customers.spec.tab, sheetRow, column + 1, 1, 1);
  };
  const referredA1 = referred.flatMap((r) => purchasesA1(r) ?? []);
  const second = doc.read(['customers', 'deals'], () => [
    ...(customerRead ? [] : [customers.rowsA1(row as number)]),
    ...referredA1,
    ...runs.map((run) => deals.rowsA1(run[0], run[run.length - 1] - run[0] + 1)),
  ]);
  const referralsWhoBought = second
    .splice(customerRead ? 0 : 1, referredA1.length)
    .filter((cells) => Number(cells?.[0]?.[0] || 0) > 0).length;
  if (!customerRead)
    customerRead = { row: row as number, cells: customers.spanCells(second.shift()?.[0]) };
  const customer = customers.record(customerRead, request.timeZone).values as
    RecordOf<'customers'> | undefined;
  if (!customer || customer.id !== customerId || customer.archived === true) return null;

  const theirDeals = recordsOfRows(doc, deals, rowsOfRuns(deals, runs, second), request.timeZone)
    .map((r) => r.values as RecordOf<'deals'>)
    .filter((d) => d.customerId === customerId && d.archived !== true);
  const categoryOf = columnTexts(categories);
  const serviceList = columnTexts(serviceIds).map((id, i) => ({ id, category: categoryOf[i] }));
  const { settings, today } = request;
  const { figures } = purchaseFigures(theirDeals, serviceList, today, {
    base: settings.defaultCurrency,
    rates: parseRates(settings.exchangeRates ?? '').rates,
  });
  const lifecycle = classifyCustomer(
    {
      figures: figures.get(customerId),
      referralsWhoBought,
      marked: (customer.tags ?? []).includes('ambassador'),
      override: customer.stageOverride ?? null,
    },
    today,
    stored.topThreshold,
    lifecycleSettings(settings),
    storedActivityModel(stored),
  );
  const { since, change } = stageOutcome(customer, lifecycle, {
    today,
    stamp: request.now.toISOString(),
    user: request.user,
  });
  const values = computedValues(lifecycle, figures.get(customerId), since);
  withDocumentLock(
    () => {
      doc.write(computedWrites(doc.tab('customers'), customerRead.row, values, request.timeZone));
      if (change) logStageChange(request, change);
    },
    undefined,
    { flush: false },
  );
  return lifecycle.stage;
}

/** The computed columns of one row, one range per block of adjacent computed columns. */
function computedWrites(
  tab: Tab,
  row: number,
  values: RecordValues,
  timeZone: string,
): ValuesWrite[] {
  return computedBlocks(tab.layout().columnOf).map((block) => ({
    range: rangeA1(tab.spec.tab, row, block.start + 1, 1, block.fields.length),
    values: [block.fields.map((field) => toRawValue(field, values[field.key], timeZone))],
  }));
}

/** A stage change in the Log tab, as the whole-sheet run writes them. */
function logStageChange(request: RequestContext, change: RecordValues): void {
  const doc = request.document;
  const columnOf = doc.tab('log').layout().columnOf;
  appendRows(
    { id: doc.spreadsheetId() },
    { spec: ENTITIES.log, columnOf },
    [change],
    request.timeZone,
  );
}

/**
 * After a deal's save, archive or restore: its customer's computed columns. The save has
 * happened whatever this does, so a failure here is logged, not reported as a failed save;
 * the next whole-sheet run writes the columns.
 */
export function refreshAfterDealSave(
  request: RequestContext,
  input: AnyRecord,
  result: SaveResult,
): SaveResult {
  if (!result.ok || !changesPurchases(result.record, input)) return result;
  const customerId = result.record.customerId;
  if (typeof customerId !== 'string') return result;
  try {
    refreshCustomerLifecycle(request, customerId);
  } catch (error) {
    console.error(
      `Lifecycle of customer ${customerId} not updated after a deal save: ${String(error)}`,
    );
  }
  return result;
}
