/**
 * Set up tabs' pure rules: when row 1 is not a header to repair from (setup-guard.ts), and
 * which number formats are Kartoteka's to set (setup-formats.ts).
 */
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../../src/domain/schema.ts';
import { headerRefusal, refusalMessage } from '../../../src/server/sheet/setup-guard.ts';
import {
  appliedFormats,
  formatsEntry,
  isKartotekaFormat,
  plannedFormats,
} from '../../../src/server/sheet/setup-formats.ts';

const customers = ENTITIES.customers;
const headers = customers.fields.map((f) => f.header);
const field = (key: string) => customers.fields.find((f) => f.key === key)!;

describe('headerRefusal', () => {
  it("accepts Kartoteka's header, an older one with columns missing, and one with the user's own columns", () => {
    expect(headerRefusal(customers, headers, true)).toBeNull();
    expect(headerRefusal(customers, ['ID', 'Name', 'Email'], true)).toBeNull();
    expect(headerRefusal(customers, ['Our notes', 'Name', '', 'E-mail address'], true)).toBeNull();
    // A user's own header may be a number (a year): not a record by itself.
    expect(headerRefusal(customers, ['Name', 2025], true)).toBeNull();
  });

  it('fills an empty tab, refuses an empty row 1 over data', () => {
    expect(headerRefusal(customers, [], false)).toBeNull();
    expect(headerRefusal(customers, ['', ''], false)).toBeNull();
    expect(headerRefusal(customers, [], true)).toMatch(
      /it is empty, and the rows below it hold data/,
    );
  });

  it('refuses a row 1 that holds a record: an id, an email address or TRUE/FALSE', () => {
    const id = '0f8c1a52-6f0e-4d61-9a8e-3f1c2b4d5e6f';
    // "Company" is also a header: a customer of type company still looks like a customer.
    expect(headerRefusal(customers, ['Anna Nowak', 'Company', 'Acme', id], true)).toMatch(
      /it holds what looks like a customer/,
    );
    expect(headerRefusal(customers, ['Anna Nowak', 'anna@example.com'], true)).toMatch(
      /looks like a customer/,
    );
    expect(headerRefusal(customers, ['Name', false], true)).toMatch(/looks like a customer/);
    expect(headerRefusal(ENTITIES.activities, [id], true)).toMatch(/looks like an activity/);
  });

  it("refuses a row 1 with none of Kartoteka's headers, naming the tab and what it expects", () => {
    const message = headerRefusal(customers, ['Client', 'Mail'], false)!;
    expect(message).toBe(
      "The Customers tab's first row should hold the column headers (Name, Type, Company, …, ID); " +
        "none of its cells is one of Kartoteka's headers for this tab. Restore the header row " +
        '(Edit ▸ Undo, or insert a row above and type the headers) and run Set up tabs again.',
    );
    expect(headerRefusal(ENTITIES.settings, ['defaultCountry', 'PL'], true)).toMatch(
      /\(Setting, Value, Meaning\)/,
    );
    expect(refusalMessage(['a', 'b'])).toBe('a\nb\nNothing was changed.');
  });
});

describe('number formats', () => {
  it('sets a format only on cells with none or with the one Kartoteka applied before', () => {
    const birthday = field('birthday');
    expect(isKartotekaFormat(birthday, '0.###############')).toBe(true);
    expect(isKartotekaFormat(birthday, 'General')).toBe(true);
    expect(isKartotekaFormat(birthday, 'yyyy-mm-dd')).toBe(true);
    expect(isKartotekaFormat(birthday, 'dd.mm.yyyy')).toBe(false);
    // What the last run applied, if the schema has changed since.
    expect(isKartotekaFormat(birthday, 'd mmm yyyy', 'd mmm yyyy')).toBe(true);
    expect(isKartotekaFormat(birthday, 'dd.mm.yyyy', 'd mmm yyyy')).toBe(false);
  });

  it('takes the plain text stamps of earlier versions as Kartoteka’s, unless the record says otherwise', () => {
    const created = field('created');
    expect(isKartotekaFormat(created, '@')).toBe(true);
    expect(isKartotekaFormat(created, '@', created.numberFormat)).toBe(false);
  });

  it('plans a block: keeps the user’s formats and counts what it changes', () => {
    const fields = [field('birthday'), field('archived'), field('name')];
    const planned = plannedFormats(
      [
        ['dd.mm.yyyy', '0.###############', '@'],
        ['0.###############', '0.###############', '0.00'],
      ],
      fields,
      undefined,
    );
    expect(planned.formats).toEqual([
      ['dd.mm.yyyy', 'General', '@'],
      ['yyyy-mm-dd', 'General', '0.00'],
    ]);
    expect(planned.changed).toBe(1); // automatic → General is no change
  });

  it('keeps what it applied in the setup record compactly, and reads it back', () => {
    const entry = formatsEntry(customers.fields);
    expect(entry['yyyy-mm-dd']).toContain('birthday');
    expect(JSON.stringify(entry).length).toBeLessThan(1400);
    const applied = appliedFormats(entry)!;
    for (const f of customers.fields) expect(applied[f.key]).toBe(f.numberFormat);
    expect(appliedFormats(undefined)).toBeUndefined();
  });
});
