/**
 * The customer card: the customer, their contacts, deals and activity history, purchase
 * figures from won deals and the lifecycle stage with its reason — in one call.
 *
 * It reads the customer's row (found by id, sheet/tab.ts) and, in Contacts, Deals and
 * Activity, the Customer ID column and then only the rows that hold this customer — never
 * a whole tab. The stage is the one the lifecycle run stored on the customer's row; only a
 * workbook where it never ran has it worked out here, from every customer's purchases.
 */
import { classifyCustomers, lifecycleSettings } from '../domain/lifecycle';
import { purchaseMetrics } from '../domain/purchases';
import type { CustomerCard, LifecycleJson } from '../domain/api-types';
import type { AnyRecord, RecordOf } from '../domain/schema';
import { withRequest, type RequestContext } from './request';
import { compareValues } from './records';
import { readRecords } from './sheet/table';

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
  const customers = readRecords(request.spreadsheet, 'customers', request.timeZone).filter(
    (c) => c.archived !== true,
  );
  const deals = readRecords(request.spreadsheet, 'deals', request.timeZone).filter(
    (d) => d.archived !== true,
  );
  const lifecycle = classifyCustomers(
    customers,
    deals,
    request.today,
    lifecycleSettings(request.settings),
  ).get(String(customer.id));
  return lifecycle && { stage: lifecycle.stage, label: lifecycle.stage, reason: lifecycle.reason };
}

export function getCustomerCard(id: string): CustomerCard | null {
  return withRequest((request) => {
    const customers = request.document.tab('customers');
    const read = customers.findRow(String(id ?? ''));
    const customer = read && (customers.record(read).values as RecordOf<'customers'> | undefined);
    if (!customer || customer.archived === true) return null;
    const customerId = String(customer.id);
    const deals = relatedTo(request, 'deals', customerId).sort(newestFirst('updated'));
    return {
      customer,
      metrics: purchaseMetrics(deals, request.settings.defaultCurrency),
      lifecycle: lifecycleOf(request, customer),
      contacts: relatedTo(request, 'contacts', customerId),
      deals,
      activities: relatedTo(request, 'activities', customerId).sort(newestFirst('date')),
    };
  });
}
