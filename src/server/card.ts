/**
 * The customer card: the customer, their contacts, deals and activity history, purchase
 * figures from won deals and the lifecycle stage with its reason — in one call.
 *
 * Two reads, whatever the workbook's size: first the customer's row (where its row hint
 * says, else the Customers ID column) with the Customer ID column of Contacts, Deals and
 * Activity; then the rows those columns point to. Purchase figures come from the customer's
 * own deals, as of now. The stage is the one the lifecycle run stored on the customer's row
 * (so the card and the Customers tab agree); only in a workbook where it never ran is it
 * worked out here, from every customer's purchases, with the same rules.
 */
import { classifyCustomers, lifecycleSettings } from '../domain/lifecycle';
import { parseRates, purchaseFigures, purchaseMetrics } from '../domain/purchases';
import type { CustomerCard, LifecycleJson } from '../domain/api-types';
import type { AnyRecord, EntityName, RecordOf } from '../domain/schema';
import { withRequest, type RequestContext } from './request';
import { compareValues, readAll } from './records';
import { storedActivityModel } from './jobs/lifecycle';
import type { Settings } from './settings';
import {
  columnTexts,
  readRecordWith,
  recordsOfRows,
  rowRuns,
  rowsHolding,
  rowsOfRuns,
} from './rows';

const newestFirst =
  <K extends string>(key: K) =>
  <T extends Partial<Record<K, unknown>>>(a: T, b: T) =>
    compareValues(b[key], a[key]);

const RELATED = ['contacts', 'deals', 'activities'] as const;
type Related = (typeof RELATED)[number];

function currencyOf(settings: Settings) {
  return { base: settings.defaultCurrency, rates: parseRates(settings.exchangeRates ?? '').rates };
}

/** The stage the lifecycle run stored, or — before it first ran — the stage worked out now. */
function lifecycleOf(
  request: RequestContext,
  customer: RecordOf<'customers'>,
): LifecycleJson | undefined {
  const stored = customer as AnyRecord;
  if (typeof stored.lifecycle === 'string' && stored.lifecycle) {
    const reason = typeof stored.stageReason === 'string' ? stored.stageReason : undefined;
    return { stage: stored.lifecycle, label: stored.lifecycle, ...(reason ? { reason } : {}) };
  }
  // The top-20% line needs every buying customer's total: classify all, keep this one.
  const all = <E extends EntityName>(entity: E) =>
    readAll(request, entity).map((r) => r.values as RecordOf<E>);
  const { settings, today } = request;
  const customers = all('customers').filter((c) => c.archived !== true);
  const deals = all('deals').filter((d) => d.archived !== true);
  const { figures } = purchaseFigures(deals, all('services'), today, currencyOf(settings));
  const lifecycle = classifyCustomers(
    customers,
    figures,
    today,
    lifecycleSettings(settings),
    storedActivityModel(),
  ).get(String(customer.id));
  return lifecycle && { stage: lifecycle.stage, label: lifecycle.stage, reason: lifecycle.reason };
}

export function getCustomerCard(id: string): CustomerCard | null {
  return withRequest((request) => {
    const doc = request.document;
    const customerId = String(id ?? '');
    const customers = doc.tab('customers');
    const related = RELATED.map((entity) => doc.tab(entity));
    // Read 1: the customer (or where it is), and who refers to it.
    const first = readRecordWith(doc, 'customers', customerId, RELATED, () =>
      related.map((tab) => tab.columnA1('customerId') ?? tab.headerA1()),
    );
    const columns = first.others;
    let customerRow = first.read;
    const row = first.row;
    if (!customerRow && row === undefined) return null;
    // Read 2: the rows those columns point to (and the customer's, if it was looked up).
    const runs = related.map((tab, i) =>
      rowRuns(
        tab.layout().columnOf.has('customerId')
          ? rowsHolding(columnTexts(columns[i]), customerId)
          : [],
      ),
    );
    const values = doc.read(['customers', ...RELATED], () => [
      ...(customerRow ? [] : [customers.rowsA1(row as number)]),
      ...related.flatMap((tab, i) =>
        runs[i].map((run) => tab.rowsA1(run[0], run[run.length - 1] - run[0] + 1)),
      ),
    ]);
    if (!customerRow) {
      const cells = customers.spanCells(values.shift()?.[0]);
      customerRow = { row: row as number, cells };
    }
    const read = customers.record(customerRow, request.timeZone, true);
    const customer = read.values as RecordOf<'customers'> | undefined;
    if (!customer || customer.id !== customerId || customer.archived === true) return null;
    doc.cache.rememberRows('customers', [[customerId, customerRow.row]]);
    const records = <E extends Related>(entity: E): Array<RecordOf<E>> => {
      const index = RELATED.indexOf(entity);
      const before = runs.slice(0, index).reduce((sum, r) => sum + r.length, 0);
      const reads = rowsOfRuns(
        related[index],
        runs[index],
        values.slice(before, before + runs[index].length),
      );
      return recordsOfRows(doc, related[index], reads, request.timeZone)
        .map((r) => r.values)
        .filter((r) => r.customerId === customerId && r.archived !== true)
        .map((r) => r as RecordOf<E>);
    };
    const deals = records('deals').sort(newestFirst('updated'));
    const settings = request.settings;
    // Categories are not on the card: the Services tab is not needed.
    const { figures } = purchaseFigures(deals, [], request.today, currencyOf(settings));
    return {
      customer,
      metrics: purchaseMetrics(figures.get(customerId), settings.defaultCurrency),
      lifecycle: lifecycleOf(request, customer),
      contacts: records('contacts'),
      deals,
      activities: records('activities').sort(newestFirst('date')),
      ...(read.problems.length ? { problems: read.problems } : {}),
    };
  });
}
