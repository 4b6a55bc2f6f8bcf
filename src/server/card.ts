/**
 * The customer card: the customer, their contacts, deals and activity history, purchase
 * figures from won deals and the lifecycle stage with its reason — in one call. The stage
 * is computed with the same rules and the model stored by the last lifecycle run, so the card
 * and the Customers tab agree.
 */
import { classifyCustomers, lifecycleSettings } from '../domain/lifecycle';
import { parseRates, purchaseFigures, purchaseMetrics } from '../domain/purchases';
import type { CustomerCard } from '../domain/api-types';
import { requestContext } from './request';
import { compareValues } from './records';
import { readRecords } from './sheet/table';
import { storedActivityModel } from './jobs/lifecycle';

const newestFirst =
  <K extends string>(key: K) =>
  <T extends Partial<Record<K, unknown>>>(a: T, b: T) =>
    compareValues(b[key], a[key]);

export function getCustomerCard(id: string): CustomerCard | null {
  const { spreadsheet, settings, today, timeZone } = requestContext();
  const customers = readRecords(spreadsheet, 'customers', timeZone).filter(
    (c) => c.archived !== true,
  );
  const customer = customers.find((c) => c.id === id);
  if (!customer) return null;
  const allDeals = readRecords(spreadsheet, 'deals', timeZone).filter((d) => d.archived !== true);
  const { figures } = purchaseFigures(
    allDeals,
    readRecords(spreadsheet, 'services', timeZone),
    today,
    { base: settings.defaultCurrency, rates: parseRates(settings.exchangeRates ?? '').rates },
  );
  // The top-20% line needs every buying customer's total: classify all, keep this one.
  const lifecycle = classifyCustomers(
    customers,
    figures,
    today,
    lifecycleSettings(settings),
    storedActivityModel(),
  ).get(id);
  const mine = <T extends { customerId?: string | null; archived?: boolean }>(rows: T[]) =>
    rows.filter((r) => r.customerId === id && r.archived !== true);
  return {
    customer,
    metrics: purchaseMetrics(figures.get(id), settings.defaultCurrency),
    lifecycle: lifecycle && {
      stage: lifecycle.stage,
      label: lifecycle.stage,
      reason: lifecycle.reason,
    },
    contacts: mine(readRecords(spreadsheet, 'contacts', timeZone)),
    deals: mine(allDeals).sort(newestFirst('updated')),
    activities: mine(readRecords(spreadsheet, 'activities', timeZone)).sort(newestFirst('date')),
  };
}
