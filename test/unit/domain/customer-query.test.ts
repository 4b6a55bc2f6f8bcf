import { describe, expect, it } from 'vitest';
import { listCustomers, type ListSources } from '../../../src/domain/customer-query.ts';
import type { AnyRecord } from '../../../src/domain/schema.ts';

const today = '2026-11-20';

function customer(id: string, values: AnyRecord): AnyRecord {
  return {
    id,
    archived: false,
    tags: [],
    updated: `2026-11-01T10:00:${id.padStart(2, '0')}Z`,
    ...values,
  };
}

const customers: AnyRecord[] = [
  customer('1', {
    name: 'Zofia Łukaszewska',
    owner: 'ana@firm.pl',
    lifecycle: 'slipping',
    followUp: '2026-11-02',
    tags: ['vip'],
  }),
  customer('2', {
    name: 'Anna Nowak',
    owner: 'ben@firm.pl',
    lifecycle: 'top 20%',
    followUp: '2026-12-01',
    phone: '+48601234567',
  }),
  customer('3', {
    name: 'Hotel Wawel Sp. z o.o.',
    company: 'Hotel Wawel Sp. z o.o.',
    owner: 'ana@firm.pl',
    tags: ['b2b', 'hotel'],
  }),
  customer('4', { name: 'Сергей Иванов', owner: 'ANA@firm.pl', followUp: '2026-11-19' }),
  customer('5', { name: 'Archived Person', archived: true, followUp: '2026-01-01', tags: ['old'] }),
];

const sources: ListSources = {
  customers,
  today,
  contacts: [
    { id: 'k1', customerId: '3', name: 'Małgorzata Kania', role: 'manager' },
    { id: 'k2', customerId: '5', name: 'Małgorzata Old' },
    { id: 'k3', customerId: '2', name: 'Piotr Nowak', archived: true },
  ],
  deals: [
    { customerId: '2', stage: 'won', closedDate: '2025-06-01', amount: 10 },
    { customerId: '3', stage: 'won', closedDate: '2026-03-14', amount: 10 },
    { customerId: '3', stage: 'lost', closedDate: '2026-10-01', amount: 10 },
    { customerId: '1', stage: 'proposal', expectedClose: '2026-12-01', amount: 10 },
  ],
};

const names = (list: { items: AnyRecord[] }) => list.items.map((c) => c.name);

describe('the customer list', () => {
  it('finds customers by folded text and contacts with their customer', () => {
    expect(names(listCustomers(sources, { text: 'lukasz' }))).toEqual(['Zofia Łukaszewska']);
    expect(names(listCustomers(sources, { text: 'sergei' }))).toEqual(['Сергей Иванов']);
    expect(names(listCustomers(sources, { text: '601 234' }))).toEqual(['Anna Nowak']);
    // Words only: a date is not a match for "2026" or "12".
    expect(names(listCustomers(sources, { text: '2026' }))).toEqual([]);
    const found = listCustomers(sources, { text: 'Malgorzata' });
    expect(found.total).toBe(0);
    expect(found.contacts).toEqual([
      expect.objectContaining({ customerId: '3', customerTitle: 'Hotel Wawel Sp. z o.o.' }),
    ]);
  });

  it('filters by owner (any case), stage, tag and overdue follow-up; leaves archived out', () => {
    expect(names(listCustomers(sources, { owner: 'ana@firm.pl', sort: 'name' }))).toEqual([
      'Hotel Wawel Sp. z o.o.',
      'Zofia Łukaszewska',
      'Сергей Иванов',
    ]);
    expect(names(listCustomers(sources, { stage: 'top 20%' }))).toEqual(['Anna Nowak']);
    expect(names(listCustomers(sources, { tag: 'HOTEL' }))).toEqual(['Hotel Wawel Sp. z o.o.']);
    expect(names(listCustomers(sources, { overdue: true, sort: 'followUp' }))).toEqual([
      'Zofia Łukaszewska',
      'Сергей Иванов',
    ]);
    expect(listCustomers(sources, {}).tags).toEqual(['b2b', 'hotel', 'vip']);
  });

  it('lists the archive on its own', () => {
    expect(names(listCustomers(sources, { archived: true }))).toEqual(['Archived Person']);
  });

  it('sorts with empty values last, by last purchase from won deals', () => {
    const byPurchase = listCustomers(sources, { sort: 'lastPurchase' });
    expect(names(byPurchase).slice(0, 2)).toEqual(['Hotel Wawel Sp. z o.o.', 'Anna Nowak']);
    expect(byPurchase.lastPurchase).toEqual({ '3': '2026-03-14', '2': '2025-06-01' });
    expect(names(listCustomers(sources, { sort: 'followUp' }))).toEqual([
      'Zofia Łukaszewska',
      'Сергей Иванов',
      'Anna Nowak',
      'Hotel Wawel Sp. z o.o.',
    ]);
    expect(names(listCustomers(sources, {}))[0]).toBe('Сергей Иванов'); // most recently changed
  });

  it('pages: total counts all matches, a page shows its slice', () => {
    const many: AnyRecord[] = Array.from({ length: 37 }, (_, i) =>
      customer(String(i + 1), { name: `Customer ${String(i + 1).padStart(2, '0')}` }),
    );
    const first = listCustomers({ customers: many, today }, { sort: 'name' });
    expect(first.total).toBe(37);
    expect(first.items).toHaveLength(25);
    const second = listCustomers({ customers: many, today }, { sort: 'name', page: 2 });
    expect(names(second)).toEqual(many.slice(25).map((c) => c.name));
  });
});
