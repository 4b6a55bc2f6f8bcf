/**
 * Columns of a file → fields of a tab. Suggested from the headers (the field's own header,
 * label and key, and the synonyms of synonyms.ts), shown for the user to change, then
 * applied to every row. Headers are compared squashed: "E-mail", "e_mail" and "EMAIL" are
 * one word, and "Příjmení" is "prijmeni".
 */
import { ENTITIES, inputFields, type AnyRecord, type FieldSpec } from '../schema';
import { SYNONYMS } from './synonyms';
import type { ColumnTarget, CustomerRefKey, ImportEntity } from './types';

/** Letters without diacritics and digits, lower case: "Imię i nazwisko" → "imieinazwisko". */
export function squashHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}#]/gu, '');
}

/** The fields a file may fill: input fields, without the references a pseudo-target covers. */
export function mappableFields(entity: ImportEntity): FieldSpec[] {
  return inputFields(ENTITIES[entity]).filter(
    (f) => !(f.key === 'customerId' || (entity === 'deals' && f.key === 'serviceId')),
  );
}

export function hasCustomerRef(entity: ImportEntity): boolean {
  return ENTITIES[entity].fields.some((f) => f.key === 'customerId');
}

/** Every target the user can choose for a column of a file for `entity`, with its label. */
export function targetChoices(
  entity: ImportEntity,
): Array<{ target: ColumnTarget; label: string }> {
  const choices: Array<{ target: ColumnTarget; label: string }> = mappableFields(entity).map(
    (f) => ({ target: { to: 'field', key: f.key }, label: f.label }),
  );
  choices.push({ target: { to: 'field', key: 'id' }, label: 'ID (Kartoteka’s, to match on)' });
  if (mappableFields(entity).some((f) => f.key === 'name')) {
    choices.push({ target: { to: 'firstName' }, label: 'First name (joined into Name)' });
    choices.push({ target: { to: 'lastName' }, label: 'Last name (joined into Name)' });
  }
  if (hasCustomerRef(entity)) {
    const by: Array<[CustomerRefKey, string]> = [
      ['id', 'Customer (by ID)'],
      ['customerNumber', 'Customer (by customer number)'],
      ['email', 'Customer (by email)'],
      ['phone', 'Customer (by phone)'],
      ['name', 'Customer name (for new customers)'],
    ];
    for (const [key, label] of by) choices.push({ target: { to: 'customer', by: key }, label });
  }
  if (entity === 'deals') {
    choices.push({ target: { to: 'service', by: 'id' }, label: 'Service (by ID)' });
    choices.push({ target: { to: 'service', by: 'name' }, label: 'Service (by name)' });
  }
  return choices;
}

export function targetKey(target: ColumnTarget): string {
  switch (target.to) {
    case 'field':
      return `field:${target.key}`;
    case 'customer':
      return `customer:${target.by}`;
    case 'service':
      return `service:${target.by}`;
    case 'keep':
      return 'keep';
    default:
      return target.to;
  }
}

export function targetLabel(entity: ImportEntity, target: ColumnTarget): string {
  if (target.to === 'skip') return 'Leave out';
  if (target.to === 'keep') return `Keep as own column "${target.header}"`;
  const key = targetKey(target);
  return targetChoices(entity).find((c) => targetKey(c.target) === key)?.label ?? key;
}

function fromSynonym(name: string): ColumnTarget {
  if (name === 'first name') return { to: 'firstName' };
  if (name === 'last name') return { to: 'lastName' };
  const [kind, by] = name.split(':');
  if (kind === 'customer') return { to: 'customer', by: by as CustomerRefKey };
  if (kind === 'service') return { to: 'service', by: by === 'id' ? 'id' : 'name' };
  return { to: 'field', key: name };
}

/** Squashed header → target, for one entity: its synonyms, then each field's own words. */
function vocabulary(entity: ImportEntity): Map<string, ColumnTarget> {
  const words = new Map<string, ColumnTarget>();
  const add = (word: string, target: ColumnTarget) => {
    const key = squashHeader(word);
    if (key && !words.has(key)) words.set(key, target);
  };
  for (const field of mappableFields(entity)) {
    add(field.header, { to: 'field', key: field.key });
    add(field.label, { to: 'field', key: field.key });
    add(field.key, { to: 'field', key: field.key });
  }
  for (const [name, list] of Object.entries(SYNONYMS[entity])) {
    const target = fromSynonym(name);
    if (target.to === 'field' && !mappableFields(entity).some((f) => f.key === target.key))
      continue;
    for (const word of list) add(word, target);
  }
  if (hasCustomerRef(entity)) add('Customer ID', { to: 'customer', by: 'id' });
  if (entity === 'deals') add('Service ID', { to: 'service', by: 'id' });
  // Kartoteka's own id column: an export of this workbook comes back matched by id.
  add('ID', { to: 'field', key: 'id' });
  return words;
}

/**
 * The suggested target of each column. A target is given to its first column only; a
 * column no word matches is left out (the user may keep it as their own column).
 */
export function suggestMapping(entity: ImportEntity, header: readonly string[]): ColumnTarget[] {
  const words = vocabulary(entity);
  const used = new Set<string>();
  return header.map((text) => {
    const target = words.get(squashHeader(text));
    if (!target || used.has(targetKey(target))) return { to: 'skip' };
    used.add(targetKey(target));
    return target;
  });
}

/** One row through the mapping: raw texts by field, the customer and service it names. */
export interface MappedRow {
  /** Field key → the cell's text ('id' when a column is Kartoteka's id). */
  input: Record<string, string>;
  customer: Partial<Record<CustomerRefKey, string>>;
  service: { id?: string; name?: string };
  /** Header of a kept column → the cell's text. */
  kept: Record<string, string>;
}

export function applyMapping(
  mapping: readonly ColumnTarget[],
  cells: readonly string[],
): MappedRow {
  const row: MappedRow = { input: {}, customer: {}, service: {}, kept: {} };
  const nameParts: { first?: string; last?: string } = {};
  mapping.forEach((target, index) => {
    const text = String(cells[index] ?? '').trim();
    switch (target.to) {
      case 'field':
        row.input[target.key] = text;
        break;
      case 'firstName':
        nameParts.first = text;
        break;
      case 'lastName':
        nameParts.last = text;
        break;
      case 'customer':
        row.customer[target.by] = text;
        break;
      case 'service':
        row.service[target.by] = text;
        break;
      case 'keep':
        row.kept[target.header] = text;
        break;
      case 'skip':
        break;
    }
  });
  if (nameParts.first !== undefined || nameParts.last !== undefined) {
    const joined = [nameParts.first, nameParts.last].filter(Boolean).join(' ');
    if (!row.input.name) row.input.name = joined;
  }
  return row;
}

/** Only the fields the file gives a value for: an empty cell never clears a field. */
export function nonEmptyInput(input: Record<string, string>): AnyRecord {
  return Object.fromEntries(Object.entries(input).filter(([, text]) => text !== ''));
}
