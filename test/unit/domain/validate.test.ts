import { describe, expect, it } from 'vitest';
import {
  validateField,
  validateInput,
  type ValidationContext,
} from '../../../src/domain/validate.ts';
import { ENTITIES, CELL_CHARACTER_LIMIT } from '../../../src/domain/schema.ts';
import { findDuplicate } from '../../../src/domain/dedupe.ts';

const context: ValidationContext = {
  today: '2026-03-01',
  defaultCountry: 'PL',
  defaultCurrency: 'PLN',
};
const customer = (extra: Record<string, unknown>) =>
  validateInput('customers', { name: 'Anna Nowak', email: 'anna@example.com', ...extra }, context);
const errorsOf = (result: ReturnType<typeof validateInput>) =>
  result.ok ? {} : result.fieldErrors;

describe('validation: each rule with its message', () => {
  it('requires the few required fields, naming them', () => {
    expect(errorsOf(validateInput('customers', { email: 'a@b.pl' }, context))).toEqual({
      name: 'Name is required',
    });
    expect(errorsOf(validateInput('deals', { customerId: 'c1', stage: 'lead' }, context))).toEqual({
      title: 'Title is required',
    });
  });

  it('asks for at least one way to reach a customer', () => {
    expect(errorsOf(validateInput('customers', { name: 'Anna' }, context))).toEqual({
      email: 'Email or phone: give at least one way to reach them',
    });
    expect(validateInput('customers', { name: 'Anna', phone: '600100200' }, context).ok).toBe(true);
  });

  it('says what is wrong with an email address', () => {
    expect(errorsOf(customer({ email: 'jan@' }))).toEqual({
      email: "Email: 'jan@' is missing the domain",
    });
    expect(errorsOf(customer({ email: 'jan.example.com' }))).toEqual({
      email: "Email: 'jan.example.com' is missing the @",
    });
    expect(errorsOf(customer({ email: 'jan@example' }))).toEqual({
      email: "Email: 'jan@example' is missing the domain ending (like .com)",
    });
    expect(errorsOf(customer({ email: 'jan kowalski@example.com' }))).toEqual({
      email: "Email: 'jan kowalski@example.com' contains a space",
    });
  });

  it('normalises email case and phone to E.164, stored as text', () => {
    const result = customer({ email: ' Anna@Example.COM ', phone: '600 100 200' });
    expect(result).toMatchObject({
      ok: true,
      value: { email: 'anna@example.com', phone: '+48600100200' },
    });
    expect(customer({ phone: '+48 600-100-200' })).toMatchObject({
      value: { phone: '+48600100200' },
    });
    expect(customer({ phone: '+44 20 7946 0958' })).toMatchObject({
      value: { phone: '+442079460958' },
    });
    expect(errorsOf(customer({ phone: '12' }))).toEqual({
      phone: "Phone: '12' is not a valid phone number",
    });
  });

  it('accepts only real dates, and no birthdays in the future', () => {
    expect(errorsOf(customer({ birthday: '2026-02-30' }))).toEqual({
      birthday: "Birthday: '2026-02-30' is not a date (use YYYY-MM-DD)",
    });
    expect(errorsOf(customer({ birthday: '2027-01-01' }))).toEqual({
      birthday: 'Birthday: cannot be in the future',
    });
    expect(customer({ birthday: '1990-05-17' })).toMatchObject({
      value: { birthday: '1990-05-17' },
    });
  });

  it('wants amounts of 0 or more with an ISO 4217 currency (default from settings)', () => {
    const deal = (extra: Record<string, unknown>) =>
      validateInput(
        'deals',
        { customerId: 'c1', title: 'Website', stage: 'proposal', ...extra },
        context,
      );
    expect(errorsOf(deal({ amount: -5 }))).toEqual({ amount: 'Amount: must be 0 or more' });
    expect(errorsOf(deal({ amount: 'ten' }))).toEqual({
      amount: "Amount: 'ten' is not a number (write it like 1 234,50)",
    });
    expect(errorsOf(deal({ amount: 10, currency: 'EUX' }))).toEqual({
      currency: "Currency: 'EUX' is not an ISO 4217 code",
    });
    expect(deal({ amount: '1 200,50', currency: 'eur' })).toMatchObject({
      value: { amount: 1200.5, currency: 'EUR' },
    });
    expect(deal({ amount: 99 })).toMatchObject({ value: { amount: 99, currency: 'PLN' } });
  });

  it('reads a call window as HH:MM–HH:MM', () => {
    expect(customer({ callWindow: '9:00-17:00' })).toMatchObject({
      value: { callWindow: '09:00–17:00' },
    });
    expect(errorsOf(customer({ callWindow: 'mornings' }))).toEqual({
      callWindow: 'Call window: use HH:MM–HH:MM, e.g. 09:00–17:00',
    });
    expect(errorsOf(customer({ callWindow: '17:00–09:00' }))).toEqual({
      callWindow: 'Call window: the end must be after the start',
    });
  });

  it('checks that references exist when the server knows the ids', () => {
    const withRefs: ValidationContext = { ...context, refExists: (_entity, id) => id === 'known' };
    const deal = { title: 'X', stage: 'lead' };
    expect(validateInput('deals', { ...deal, customerId: 'known' }, withRefs).ok).toBe(true);
    expect(errorsOf(validateInput('deals', { ...deal, customerId: 'gone' }, withRefs))).toEqual({
      customerId: "Customer: no customer with id 'gone'",
    });
  });

  it('normalises tags to a sorted, deduplicated lower-case list', () => {
    expect(customer({ tags: ' VIP, wholesale ,vip,,  Key   Account' })).toMatchObject({
      value: { tags: ['key account', 'vip', 'wholesale'] },
    });
    expect(customer({ tags: ['B', 'a'] })).toMatchObject({ value: { tags: ['a', 'b'] } });
  });

  it('keeps text below its maximum length and far below the 50,000-character cell limit', () => {
    expect(errorsOf(customer({ name: 'x'.repeat(201) }))).toEqual({
      name: 'Name: at most 200 characters (this has 201)',
    });
    for (const spec of Object.values(ENTITIES)) {
      for (const field of spec.fields)
        expect(field.maxLength ?? 0).toBeLessThanOrEqual(CELL_CHARACTER_LIMIT);
    }
  });

  it('accepts only the listed values of a dropdown field', () => {
    expect(
      errorsOf(validateInput('deals', { customerId: 'c', title: 'X', stage: 'maybe' }, context)),
    ).toEqual({
      stage: 'Deal stage: choose one of lead, qualified, proposal, negotiation, won, lost'.replace(
        'Deal stage',
        'Stage',
      ),
    });
  });

  it('ignores system fields in the input: ids, timestamps and authors are not trusted', () => {
    const result = customer({
      id: 'forged',
      created: '2000-01-01',
      updatedBy: 'mallory@x.pl',
      lifecycle: 'top 20%',
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value).not.toHaveProperty('id');
      expect(result.value).not.toHaveProperty('updatedBy');
      expect(result.value).not.toHaveProperty('lifecycle');
    }
  });

  it('keeps text that looks like a formula, number or date exactly as typed', () => {
    for (const text of [
      '=HYPERLINK("http://evil","x")',
      '+48 600 100 200',
      '0042',
      'TRUE',
      '2024-01-02',
    ]) {
      expect(customer({ notes: text })).toMatchObject({ value: { notes: text } });
    }
  });

  it('checks one field on its own as the user leaves it', () => {
    expect(validateField('customers', 'email', 'jan@', context)).toBe(
      "Email: 'jan@' is missing the domain",
    );
    expect(validateField('customers', 'email', 'jan@example.com', context)).toBeNull();
  });
});

describe('duplicates', () => {
  const existing = [
    { id: 'a', record: { email: 'anna@example.com', phone: '+48600100200' } },
    { id: 'b', record: { email: 'old@example.com', phone: '', archived: true } },
  ];
  it('matches on normalised email or phone of customers and contacts', () => {
    expect(findDuplicate('customers', { email: 'ANNA@example.com ' }, existing)).toEqual({
      id: 'a',
      matchedOn: 'email',
    });
    expect(findDuplicate('contacts', { phone: '+48 600 100 200' }, existing)).toEqual({
      id: 'a',
      matchedOn: 'phone',
    });
    expect(findDuplicate('customers', { email: 'new@example.com' }, existing)).toBeNull();
  });
  it('ignores archived records, the record itself, and other entities', () => {
    expect(findDuplicate('customers', { email: 'old@example.com' }, existing)).toBeNull();
    expect(findDuplicate('customers', { id: 'a', email: 'anna@example.com' }, existing)).toBeNull();
    expect(findDuplicate('deals', { email: 'anna@example.com' }, existing)).toBeNull();
  });
});
