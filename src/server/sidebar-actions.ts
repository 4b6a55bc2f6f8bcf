/**
 * One round trip per sidebar action: a write and the screen that follows it come back
 * together — a save with the customer's fresh card, an archive with the refreshed list — so
 * on a slow connection the user waits once, not twice.
 */
import type { CustomerCard, SaveOptions, SaveResult } from '../domain/api-types';
import type { CustomerList, CustomerQuery } from '../domain/customer-query';
import type { AnyRecord, EntityName } from '../domain/schema';
import { getCustomerCard } from './card';
import { customerList } from './customer-list';
import { archiveRecord, restoreRecord, saveRecord } from './records';
import { withRequest } from './request';

/** What to show after the write: the card of the record's customer, or the customer list. */
export type Then = { card: true } | { list: CustomerQuery };

export interface ActionResult {
  result: SaveResult;
  card?: CustomerCard | null;
  list?: CustomerList;
}

function customerOf(entity: EntityName, record: AnyRecord): string | null {
  const id = entity === 'customers' ? record.id : record.customerId;
  return typeof id === 'string' && id ? id : null;
}

function andThen(entity: EntityName, result: SaveResult, then: Then | undefined): ActionResult {
  if (!result.ok || !then) return { result };
  if ('list' in then) {
    return { result, list: withRequest((request) => customerList(request, then.list ?? {})) };
  }
  const id = customerOf(entity, result.record);
  return { result, card: id ? getCustomerCard(id) : null };
}

export function saveThen(
  entity: EntityName,
  input: AnyRecord,
  options: SaveOptions,
  then?: Then,
): ActionResult {
  return andThen(entity, saveRecord(entity, input, options), then);
}

export function archiveThen(entity: EntityName, id: string, then?: Then): ActionResult {
  return andThen(entity, archiveRecord(entity, id), then);
}

export function restoreThen(entity: EntityName, id: string, then?: Then): ActionResult {
  return andThen(entity, restoreRecord(entity, id), then);
}
