import { describe, expect, it } from 'vitest';
import { ENTITIES, recordTitle } from '../../../src/domain/schema.ts';

describe('record titles', () => {
  it('joins the title fields', () => {
    expect(recordTitle(ENTITIES.customers, { name: 'Anna Nowak', company: 'Acme' })).toBe(
      'Anna Nowak · Acme',
    );
  });

  it('leaves out a part equal to an earlier one (a company named as its company)', () => {
    const hotel = { name: 'Hotel Wawel Sp. z o.o.', company: 'Hotel Wawel Sp. z o.o.' };
    expect(recordTitle(ENTITIES.customers, hotel)).toBe('Hotel Wawel Sp. z o.o.');
    expect(recordTitle(ENTITIES.customers, { name: 'ACME', company: ' acme ' })).toBe('ACME');
  });

  it('falls back to the id when no title field has a value', () => {
    expect(recordTitle(ENTITIES.customers, { id: 'c-1', name: '', company: null })).toBe('c-1');
  });
});
