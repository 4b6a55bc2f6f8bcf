/** What counts as "the cell changed since the user saw it" (issue 9 §2). */
import { describe, expect, it } from 'vitest';
import { sameFieldValue } from '../../../src/domain/field-compare.ts';
import { ENTITIES } from '../../../src/domain/schema.ts';
import { duplicateIdProblems, duplicateIds } from '../../../src/domain/duplicate-ids.ts';

const field = (key: string) => ENTITIES.customers.fields.find((f) => f.key === key)!;

describe('sameFieldValue', () => {
  it('takes an empty cell, null, blank text and an empty list as one value', () => {
    for (const [a, b] of [
      [null, ''],
      ['', undefined],
      ['  ', null],
    ] as const) {
      expect(sameFieldValue(field('city'), a, b)).toBe(true);
    }
    expect(sameFieldValue(field('tags'), [], null)).toBe(true);
    expect(sameFieldValue(field('archived'), false, null)).toBe(true);
  });

  it('tells a real change, case included', () => {
    expect(sameFieldValue(field('city'), 'Kraków', 'Łódź')).toBe(false);
    expect(sameFieldValue(field('city'), 'Kraków', 'kraków')).toBe(false);
    expect(sameFieldValue(field('city'), 'Kraków', null)).toBe(false);
    expect(sameFieldValue(field('archived'), true, false)).toBe(false);
    expect(sameFieldValue(field('tags'), ['vip'], ['vip', 'b2b'])).toBe(false);
  });

  it('compares a value with its cell text: numbers, lists and instants', () => {
    const amount = ENTITIES.deals.fields.find((f) => f.key === 'amount')!;
    expect(sameFieldValue(amount, 28500, '28500')).toBe(true);
    expect(sameFieldValue(amount, 28500, 28500.5)).toBe(false);
    expect(sameFieldValue(field('tags'), ['vip', 'b2b'], 'vip, b2b')).toBe(true);
    expect(
      sameFieldValue(field('updated'), '2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'),
    ).toBe(true);
    expect(sameFieldValue(field('updated'), '2026-03-02T09:00:00Z', '2026-03-02T09:00:01Z')).toBe(
      false,
    );
  });
});

describe('duplicate ids', () => {
  const rows = [
    { id: 'a', row: 2 },
    { id: 'b', row: 3 },
    { id: 'a', row: 5 },
    { id: '', row: 6 },
    { id: '', row: 7 },
    { id: 'a', row: 4 },
  ];

  it('finds each id held by more than one row, rows in order, blank ids aside', () => {
    expect([...duplicateIds(rows)]).toEqual([['a', [2, 4, 5]]]);
  });

  it('names, for each of those rows, the others', () => {
    expect(duplicateIdProblems(ENTITIES.customers, rows)).toEqual([
      {
        tab: 'Customers',
        row: 2,
        column: 'ID',
        message: expect.stringMatching(/^the id a is also in rows 4 and 5: clear/),
      },
      {
        tab: 'Customers',
        row: 4,
        column: 'ID',
        message: expect.stringMatching(/^the id a is also in rows 2 and 5/),
      },
      {
        tab: 'Customers',
        row: 5,
        column: 'ID',
        message: expect.stringMatching(/^the id a is also in rows 2 and 4/),
      },
    ]);
  });
});
