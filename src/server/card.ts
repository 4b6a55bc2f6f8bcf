/**
 * The customer card: the customer, their contacts, deals and activity history, purchase
 * figures from won deals and the lifecycle stage with its reason — in one call.
 */
import { classifyCustomers, lifecycleSettings } from '../domain/lifecycle';
import { purchaseMetrics } from '../domain/purchases';
import type { CustomerCard } from '../domain/api-types';
import { requestContext } from './request';
import { compareValues } from './records';
import { readRecords } from './sheet/table';

const newestFirst =
  <K extends string>(key: K) =>
  <T extends Partial<Record<K, unknown>>>(a: T, b: T) =>
    compareValues(b[key], a[key]);

export function getCustomerCard(id: string): CustomerCard | null {
  const { spreadsheet, settings, today } = requestContext();
  const customers = readRecords(spreadsheet, 'customers').filter((c) => c.archived !== true);
  const customer = customers.find((c) => c.id === id);
  if (!customer) return null;
  const allDeals = readRecords(spreadsheet, 'deals').filter((d) => d.archived !== true);
  const deals = allDeals.filter((d) => d.customerId === id).sort(newestFirst('updated'));
  // The top-20% line needs every buying customer's total: classify all, keep this one.
  const lifecycle = classifyCustomers(customers, allDeals, today, lifecycleSettings(settings)).get(
    id,
  );
  const mine = <T extends { customerId?: string | null; archived?: boolean }>(rows: T[]) =>
    rows.filter((r) => r.customerId === id && r.archived !== true);
  return {
    customer,
    metrics: purchaseMetrics(deals, settings.defaultCurrency),
    lifecycle: lifecycle && {
      stage: lifecycle.stage,
      label: lifecycle.stage,
      reason: lifecycle.reason,
    },
    contacts: mine(readRecords(spreadsheet, 'contacts')),
    deals,
    activities: mine(readRecords(spreadsheet, 'activities')).sort(newestFirst('date')),
  };
}
