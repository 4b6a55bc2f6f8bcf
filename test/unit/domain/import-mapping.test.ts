/** Headers in several languages → fields, names joined, repeats in a file. */
import { describe, expect, it } from 'vitest';
import {
  applyMapping,
  squashHeader,
  suggestMapping,
  targetChoices,
} from '../../../src/domain/import/mapping';
import { fileDuplicates, matchKeysFor } from '../../../src/domain/import/plan';
import type { ImportOptions } from '../../../src/domain/import/types';

const CONTEXT = { today: '2026-03-02', defaultCountry: 'PL', defaultCurrency: 'PLN' };

describe('suggested mapping', () => {
  it('squashes case, diacritics and punctuation', () => {
    expect(squashHeader('E-mail')).toBe('email');
    expect(squashHeader(' Příjmení ')).toBe('prijmeni');
    expect(squashHeader('Imię i nazwisko')).toBe('imieinazwisko');
    expect(squashHeader('Łódź')).toBe('lodz');
  });

  it.each([
    ['Polish', ['Imię', 'Nazwisko', 'E-mail', 'Telefon', 'Miasto', 'Data urodzenia']],
    ['Czech', ['Jméno', 'Příjmení', 'E-mail', 'Telefon', 'Město', 'Datum narození']],
    ['Russian', ['Имя', 'Фамилия', 'Email', 'Телефон', 'Город', 'Дата рождения']],
    ['Croatian', ['Ime', 'Prezime', 'E-mail', 'Telefon', 'Grad', 'Datum rođenja']],
    ['English', ['First name', 'Last name', 'Email', 'Phone', 'City', 'Birthday']],
  ])('maps %s headers of a customer list', (_language, header) => {
    expect(suggestMapping('customers', header)).toEqual([
      { to: 'firstName' },
      { to: 'lastName' },
      { to: 'field', key: 'email' },
      { to: 'field', key: 'phone' },
      { to: 'field', key: 'city' },
      { to: 'field', key: 'birthday' },
    ]);
  });

  it("maps Kartoteka's own headers, and a target only once", () => {
    expect(
      suggestMapping('customers', ['ID', 'Name', 'Customer number', 'Email', 'E-mail']),
    ).toEqual([
      { to: 'field', key: 'id' },
      { to: 'field', key: 'name' },
      { to: 'field', key: 'customerNumber' },
      { to: 'field', key: 'email' },
      { to: 'skip' },
    ]);
  });

  it('maps deal and service columns, references included', () => {
    expect(
      suggestMapping('deals', ['Numer klienta', 'Produkt', 'Kwota', 'Waluta', 'Data', 'Status']),
    ).toEqual([
      { to: 'customer', by: 'customerNumber' },
      { to: 'service', by: 'name' },
      { to: 'field', key: 'amount' },
      { to: 'field', key: 'currency' },
      { to: 'field', key: 'closedDate' },
      { to: 'field', key: 'stage' },
    ]);
    expect(suggestMapping('services', ['Nazwa', 'Kategoria', 'Cena', 'Opis'])).toEqual([
      { to: 'field', key: 'name' },
      { to: 'field', key: 'category' },
      { to: 'field', key: 'price' },
      { to: 'field', key: 'description' },
    ]);
  });

  it('leaves unknown columns out, and offers to keep them as own columns', () => {
    expect(suggestMapping('customers', ['Loyalty card'])).toEqual([{ to: 'skip' }]);
    const labels = targetChoices('deals').map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['Customer (by email)', 'Service (by name)']));
    expect(labels).not.toContain('First name (joined into Name)');
  });

  it('joins first and last name, and trims cells', () => {
    const mapping = suggestMapping('customers', ['Jméno', 'Příjmení', 'Karta']);
    mapping[2] = { to: 'keep', header: 'Karta' };
    expect(applyMapping(mapping, [' Eva ', 'Horáková', 'K1'])).toEqual({
      input: { name: 'Eva Horáková' },
      customer: {},
      service: {},
      kept: { Karta: 'K1' },
    });
    expect(applyMapping(mapping, ['', 'Horáková', '']).input.name).toBe('Horáková');
  });
});

describe('match keys and repeats', () => {
  it('offers the keys each tab has', () => {
    expect(matchKeysFor('customers')).toEqual(['id', 'email', 'phone', 'customerNumber']);
    expect(matchKeysFor('contacts')).toEqual(['id', 'email', 'phone']);
    expect(matchKeysFor('deals')).toEqual(['id']);
  });

  it('finds repeats by the normalised key: email case, phone formatting', () => {
    const header = ['Name', 'Email', 'Phone'];
    const byEmail: ImportOptions = {
      entity: 'customers',
      match: 'email',
      createMissingCustomers: false,
      mapping: suggestMapping('customers', header),
    };
    const rows = [
      ['A', 'a@example.com', '600 100 200'],
      ['B', 'A@Example.com ', '+48 600-100-200'],
      ['C', '', '+48600100200'],
      ['D', '', ''],
      ['E', '', ''],
    ];
    expect([...fileDuplicates(byEmail, rows, CONTEXT)]).toEqual([[1, 0]]);
    expect([...fileDuplicates({ ...byEmail, match: 'phone' }, rows, CONTEXT)]).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });
});
