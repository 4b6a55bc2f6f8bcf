/**
 * The readable companions of reference columns as the schema declares them
 * (src/domain/ref-titles.ts), and which companion cells are out of date.
 */
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../../src/domain/schema';
import {
  companionsOf,
  referrersOf,
  staleTitles,
  titledEntities,
} from '../../../src/domain/ref-titles';
import { inputFields } from '../../../src/domain/schema';

describe('companions in the schema', () => {
  it('sit right after the reference they explain, written by Kartoteka only', () => {
    const deals = ENTITIES.deals;
    const companions = companionsOf(deals);
    expect(companions.map((c) => [c.ref.key, c.field.header, c.target])).toEqual([
      ['customerId', 'Customer name', 'customers'],
      ['contactId', 'Contact name', 'contacts'],
      ['serviceId', 'Service name', 'services'],
    ]);
    for (const spec of Object.values(ENTITIES)) {
      for (const { field, ref } of companionsOf(spec)) {
        const index = spec.fields.indexOf(field);
        expect(spec.fields[index - 1], `${spec.name}.${field.key}`).toBe(ref);
        expect(field.system).toBe(true);
        expect(inputFields(spec)).not.toContain(field);
      }
    }
  });

  it('of customers are in every tab that refers to one', () => {
    expect(referrersOf('customers').map((r) => `${r.entity}.${r.ref.key}`)).toEqual([
      'customers.referredBy',
      'contacts.customerId',
      'deals.customerId',
      'activities.customerId',
      'log.customerId',
    ]);
    expect(titledEntities().sort()).toEqual(['contacts', 'customers', 'deals', 'services']);
  });
});

describe('staleTitles', () => {
  const titles = new Map([
    ['c1', 'Anna Nowak'],
    ['c2', 'Bob Lis'],
  ]);
  it('names the cells whose title differs, leaving empty and unknown references alone', () => {
    expect(
      staleTitles(
        ['c1', 'c2', '', 'gone', ' c1 ', 'c2'],
        ['Anna Nowak', 'Bob', 'x', 'Old name', '', 'Bob Lis'],
        (id) => titles.get(id),
      ),
    ).toEqual([
      { index: 1, title: 'Bob Lis' },
      { index: 4, title: 'Anna Nowak' },
    ]);
  });
  it('counts a companion column shorter than the references as empty cells', () => {
    expect(staleTitles(['c1', 'c2'], ['Anna Nowak'], (id) => titles.get(id))).toEqual([
      { index: 1, title: 'Bob Lis' },
    ]);
  });
});
