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
