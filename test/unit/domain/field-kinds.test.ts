/**
 * A field kind's behaviour lives in one complete map per layer. The compiler enforces the
 * maps' completeness (Record<FieldKind, …>); this test checks the maps agree with the
 * schema at run time too, and that a kind behaves the same wherever it is used.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_KINDS } from '../../../src/domain/field-kinds.ts';
import { ENTITIES } from '../../../src/domain/schema.ts';
import { validateInput } from '../../../src/domain/validate.ts';

const context = { today: '2026-03-04', defaultCountry: 'PL', defaultCurrency: 'PLN' };

describe('field kinds', () => {
  it('every field of the schema has a kind with behaviour', () => {
    for (const spec of Object.values(ENTITIES)) {
      for (const field of spec.fields) {
        expect(FIELD_KINDS[field.kind], `${spec.name}.${field.key}`).toBeDefined();
        expect(field.numberFormat).toBeTruthy();
      }
    }
  });

  it('rules named by property, not by field name: every birthday is checked as notInFuture', () => {
    for (const entity of ['customers', 'contacts'] as const) {
      const result = validateInput(
        entity,
        { name: 'Ala', email: 'ala@example.com', birthday: '2030-01-01', customerId: 'c1' },
        context,
      );
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: { birthday: 'Birthday: cannot be in the future' },
      });
    }
  });

  it('an amount without a currency takes the default one (a record rule, not an entity name)', () => {
    const result = validateInput('services', { name: 'Audit', price: '100' }, context);
    expect(result).toMatchObject({ ok: true, value: { price: 100, currency: 'PLN' } });
  });
});

describe('loose input is refused, not coerced', () => {
  it('a list or an object is not a name; a reserved activity type is not the user’s', () => {
    expect(validateInput('customers', { name: ['a', 'b'], email: 'a@b.pl' }, context)).toEqual({
      ok: false,
      fieldErrors: { name: 'Name: give one piece of text, not a list' },
    });
    const activity = (type: string, systemValues?: boolean) =>
      validateInput(
        'activities',
        { customerId: 'c1', type, date: '2026-03-04', summary: 'x' },
        { ...context, systemValues },
      );
    expect(activity('reminder sent')).toMatchObject({
      ok: false,
      fieldErrors: { type: "Type: 'reminder sent' is written by Kartoteka only" },
    });
    expect(activity('reminder sent', true)).toMatchObject({ ok: true });
    expect(activity('call')).toMatchObject({ ok: true });
  });

  it('tags that would not fit in one cell are refused before anything is written', () => {
    const tags = Array.from({ length: 2000 }, (_, i) => `tag-number-${i}-with-some-text`);
    const result = validateInput('customers', { name: 'A', email: 'a@b.pl', tags }, context);
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { tags: expect.stringMatching(/^Tags: at most 50000 characters in all/) },
    });
  });
});
