/**
 * The customer card: the customer, their contacts, deals and activity history, purchase
 * figures from won deals and the lifecycle stage with its reason — in one call.
 *
 * It reads the customer's row (found by id, sheet/tab.ts) and, in Contacts, Deals and
 * Activity, the Customer ID column and then only the rows that hold this customer — never
 * a whole tab. Purchase figures come from the customer's own deals, as of now. The stage is
 * the one the lifecycle run stored on the customer's row (so the card and the Customers tab
 * agree); only in a workbook where it never ran is it worked out here, from every
 * customer's purchases, with the same rules.
 */
import { classifyCustomers, lifecycleSettings } from '../domain/lifecycle';
import { parseRates, purchaseFigures, purchaseMetrics } from '../domain/purchases';
import type { CustomerCard, LifecycleJson } from '../domain/api-types';
import type { AnyRecord, RecordOf } from '../domain/schema';
import { withRequest, type RequestContext } from './request';
import { compareValues } from './records';
import { readRecords } from './sheet/table';
import { storedActivityModel } from './jobs/lifecycle';

const newestFirst =
  <K extends string>(key: K) =>
  <T extends Partial<Record<K, unknown>>>(a: T, b: T) =>
    compareValues(b[key], a[key]);

type Related = 'contacts' | 'deals' | 'activities';

/** The customer's active records of a tab: a lookup on its Customer ID column, then their rows. */
function relatedTo<E extends Related>(
  request: RequestContext,
  entity: E,
  customerId: string,
): Array<RecordOf<E>> {
  const tab = request.document.tab(entity);
  const reads = tab.readRowsAt(tab.rowsWhere('customerId', customerId));
  const found: Array<RecordOf<E>> = [];
  const seen: Array<readonly [string, number]> = [];
  for (const read of reads) {
    const values = tab.record(read).values;
    // A row that moved between the lookup and the read, or a hand-typed row with a problem.
    if (!values || values.customerId !== customerId) continue;
    seen.push([String(values.id), read.row]);
    // The same conversion by field kind as readRecords (cell-kinds.ts): the record's type.
    if (values.archived !== true) found.push(values as RecordOf<E>);
  }
  request.document.cache.rememberRows(entity, seen);
  return found;
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
  const { spreadsheet, timeZone, settings, today } = request;
  const customers = readRecords(spreadsheet, 'customers', timeZone).filter(
    (c) => c.archived !== true,
  );
  const deals = readRecords(spreadsheet, 'deals', timeZone).filter((d) => d.archived !== true);
  const { figures } = purchaseFigures(
    deals,
    readRecords(spreadsheet, 'services', timeZone),
    today,
    currencyOf(settings),
  );
  const lifecycle = classifyCustomers(
    customers,
    figures,
    today,
    lifecycleSettings(settings),
    storedActivityModel(),
  ).get(String(customer.id));
  return lifecycle && { stage: lifecycle.stage, label: lifecycle.stage, reason: lifecycle.reason };
}

function currencyOf(settings: Record<string, string>) {
  return { base: settings.defaultCurrency, rates: parseRates(settings.exchangeRates ?? '').rates };
}

export function getCustomerCard(id: string): CustomerCard | null {
  return withRequest((request) => {
    const customers = request.document.tab('customers');
    const read = customers.findRow(String(id ?? ''));
    const customer = read && (customers.record(read).values as RecordOf<'customers'> | undefined);
    if (!customer || customer.archived === true) return null;
    const customerId = String(customer.id);
    const deals = relatedTo(request, 'deals', customerId).sort(newestFirst('updated'));
    const settings = request.settings;
    // Categories are not on the card: no need for the Services tab.
    const { figures } = purchaseFigures(deals, [], request.today, currencyOf(settings));
    return {
      customer,
      metrics: purchaseMetrics(figures.get(customerId), settings.defaultCurrency),
      lifecycle: lifecycleOf(request, customer),
      contacts: relatedTo(request, 'contacts', customerId),
      deals,
      activities: relatedTo(request, 'activities', customerId).sort(newestFirst('date')),
    };
  });
}
