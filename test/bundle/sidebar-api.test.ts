/**
 * The server functions the sidebar's list, pickers, settings, navigation and undo use,
 * through the built bundle in the emulator (strict locks: every write must hold the lock).
 */
import { describe, expect, it } from 'vitest';
import { call, saved, setUp, tab } from './workbook.ts';
import type { SaveResult, SidebarBootstrap } from '../../src/domain/api-types.ts';
import type { CustomerList } from '../../src/domain/customer-query.ts';
import type { SettingRow, SettingsSaveResult } from '../../src/domain/settings-rules.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';

type Action = { result: SaveResult; card?: { customer: AnyRecord } | null; list?: CustomerList };

describe('searchCustomers', () => {
  it('pages past 25, filters mine and overdue, and finds contacts with their customer', () => {
    const runtime = setUp();
    for (let i = 1; i <= 37; i++) {
      call(runtime, 'saveRecord', 'customers', {
        name: `Customer ${String(i).padStart(2, '0')}`,
        email: `c${i}@example.com`,
        owner: i % 2 ? 'owner@example.com' : 'other@example.com',
        followUp: i <= 3 ? '2026-02-01' : '2026-04-01',
      });
    }
    const hotel = saved(
      call(runtime, 'saveRecord', 'customers', { name: 'Zofia Łukaszewska', phone: '601 234 567' }),
    );
    call(runtime, 'saveRecord', 'contacts', {
      customerId: hotel.id,
      name: 'Małgorzata Kania',
      email: 'mk@example.com',
    });
    const first = call<CustomerList>(runtime, 'searchCustomers', { sort: 'name' });
    expect(first.total).toBe(38);
    expect(first.items).toHaveLength(25);
    const second = call<CustomerList>(runtime, 'searchCustomers', { sort: 'name', page: 2 });
    expect(second.items).toHaveLength(13);
    const mine = call<CustomerList>(runtime, 'searchCustomers', { owner: 'owner@example.com' });
    expect(mine.total).toBe(19);
    // The emulator's clock is 2026-03-02: follow-ups on 2026-02-01 are overdue.
    const overdue = call<CustomerList>(runtime, 'searchCustomers', { overdue: true });
    expect(overdue.items.map((c) => c.name).sort()).toEqual([
      'Customer 01',
      'Customer 02',
      'Customer 03',
    ]);
    expect(
      call<CustomerList>(runtime, 'searchCustomers', { text: 'lukasz' }).items.map((c) => c.name),
    ).toEqual(['Zofia Łukaszewska']);
    const contact = call<CustomerList>(runtime, 'searchCustomers', { text: 'Małgorzata' });
    expect(contact.total).toBe(0);
    expect(contact.contacts).toEqual([
      expect.objectContaining({ customerId: hotel.id, customerTitle: 'Zofia Łukaszewska' }),
    ]);
    // listRecords folds too (records.ts matchesText).
    const listed = call<{ items: AnyRecord[] }>(runtime, 'listRecords', 'customers', {
      text: 'ŁUKASZEWSKA',
    });
    expect(listed.items.map((c) => c.name)).toEqual(['Zofia Łukaszewska']);
  });

  it('offers only the customer’s own deals to a picker', () => {
    const runtime = setUp();
    const a = saved(call(runtime, 'saveRecord', 'customers', { name: 'A', email: 'a@x.pl' }));
    const b = saved(call(runtime, 'saveRecord', 'customers', { name: 'B', email: 'b@x.pl' }));
    call(runtime, 'saveRecord', 'deals', { customerId: a.id, title: 'Kitchen', stage: 'lead' });
    call(runtime, 'saveRecord', 'deals', { customerId: b.id, title: 'Kitchen too', stage: 'lead' });
    const deals = call<AnyRecord[]>(runtime, 'findForCustomer', 'deals', a.id, '');
    expect(deals.map((d) => d.title)).toEqual(['Kitchen']);
    expect(call<AnyRecord[]>(runtime, 'findForCustomer', 'deals', a.id, 'kit')).toHaveLength(1);
    expect(call<AnyRecord[]>(runtime, 'findForCustomer', 'deals', a.id, 'garden')).toEqual([]);
  });
});

describe('one round trip per action', () => {
  it('returns the fresh card with a save, the list with an archive, and undoes both', () => {
    const runtime = setUp();
    const first = call<Action>(
      runtime,
      'saveThen',
      'customers',
      { name: 'Anna', email: 'anna@example.com', city: 'Kraków' },
      {},
      { card: true },
    );
    const anna = saved(first.result);
    expect(first.card?.customer).toMatchObject({ id: anna.id, city: 'Kraków' });
    const edit = call<Action>(
      runtime,
      'saveThen',
      'customers',
      { id: anna.id, city: 'Gdańsk' },
      { expectedUpdated: anna.updated },
      { card: true },
    );
    expect(edit.card?.customer.city).toBe('Gdańsk');
    // Undo the edit: the previous values saved back, guarded by the edit's own timestamp.
    const undo = call<Action>(
      runtime,
      'saveThen',
      'customers',
      { id: anna.id, city: 'Kraków' },
      { expectedUpdated: saved(edit.result).updated },
      { card: true },
    );
    expect(undo.card?.customer.city).toBe('Kraków');

    const archived = call<Action>(runtime, 'archiveThen', 'customers', anna.id, { list: {} });
    expect(archived.list?.total).toBe(0);
    const archive = call<CustomerList>(runtime, 'searchCustomers', { archived: true });
    expect(archive.items.map((c) => c.id)).toEqual([anna.id]);
    const restored = call<Action>(runtime, 'restoreThen', 'customers', anna.id, { card: true });
    expect(restored.card?.customer.id).toBe(anna.id);
  });
});

describe('goToCell and getSelectedRecord', () => {
  it('selects the cell of a problem in the grid', () => {
    const runtime = setUp();
    call(runtime, 'saveRecord', 'customers', { name: 'A', email: 'a@x.pl' });
    const result = call<{ a1: string }>(runtime, 'goToCell', 'Customers', 2, 'Email');
    const sheet = runtime.state.sheets[runtime.state.activeSheetIndex];
    expect(sheet.name).toBe('Customers');
    expect(runtime.state.activeCell).toBe(result.a1);
    const header = tab(runtime, 'Customers')[0];
    expect(header[result.a1.charCodeAt(0) - 65]).toBe('Email');
    expect(result.a1.slice(1)).toBe('2');
  });

  it('says why there is nothing to edit on the header row, an empty row or another tab', () => {
    const runtime = setUp();
    const anna = saved(call(runtime, 'saveRecord', 'customers', { name: 'A', email: 'a@x.pl' }));
    runtime.state.activeSheetIndex = runtime.state.sheets.findIndex((s) => s.name === 'Customers');
    runtime.state.activeCell = 'B1';
    expect(call(runtime, 'getSelectedRecord')).toEqual({
      kind: 'header',
      tab: 'Customers',
      singular: 'customer',
    });
    runtime.state.activeCell = 'B2';
    expect(call(runtime, 'getSelectedRecord')).toMatchObject({
      kind: 'record',
      entity: 'customers',
      record: { id: anna.id },
    });
    runtime.state.activeCell = 'B7';
    expect(call(runtime, 'getSelectedRecord')).toMatchObject({ kind: 'blank', row: 7 });
    runtime.state.activeSheetIndex = runtime.state.sheets.findIndex((s) => s.name === 'Settings');
    expect(call(runtime, 'getSelectedRecord')).toMatchObject({
      kind: 'elsewhere',
      tab: 'Settings',
    });
  });
});

describe('settings', () => {
  it('reads every setting, refuses bad values naming each, and saves good ones to the tab', () => {
    const runtime = setUp();
    const form = call<SettingRow[]>(runtime, 'getSettingsForm');
    expect(form.map((s) => s.key)).toEqual(
      expect.arrayContaining(['defaultCountry', 'defaultCurrency', 'topShare']),
    );
    expect(form.find((s) => s.key === 'defaultCountry')?.value).toBe('PL');
    const bad = call<SettingsSaveResult>(runtime, 'saveSettings', {
      defaultCountry: 'Narnia', // a country's name is read as its code: "Poland" is PL
      defaultCurrency: 'EUR',
      slippingDays: '0',
    });
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        defaultCountry: expect.stringContaining('ISO 3166'),
        slippingDays: expect.stringContaining('between 1 and 3650'),
      },
    });
    expect(tab(runtime, 'Settings').find((r) => r[0] === 'defaultCurrency')?.[1]).toBe('PLN');
    const good = call<SettingsSaveResult>(runtime, 'saveSettings', {
      defaultCountry: 'cz',
      defaultCurrency: 'czk',
      topShare: '25%',
    });
    expect(good.ok).toBe(true);
    const rows = tab(runtime, 'Settings');
    expect(rows.find((r) => r[0] === 'defaultCountry')?.[1]).toBe('CZ');
    expect(rows.find((r) => r[0] === 'defaultCurrency')?.[1]).toBe('CZK');
    expect(rows.find((r) => r[0] === 'topShare')?.[1]).toBe('0.25');
    // The rest of the workbook sees the new defaults.
    const boot = call<SidebarBootstrap>(runtime, 'getSidebarBootstrap');
    expect(boot.settings).toEqual({ defaultCountry: 'CZ', defaultCurrency: 'CZK' });
    expect(boot.locale).toBeTruthy();
  });

  it('adds a setting row the tab has lost', () => {
    const runtime = setUp();
    const sheet = runtime.state.sheets.find((s) => s.name === 'Settings')!;
    const row = sheet.rows.findIndex((r) => r?.[0]?.v === 'slippingDays');
    sheet.rows.splice(row, 1);
    expect(call<SettingsSaveResult>(runtime, 'saveSettings', { slippingDays: '120' }).ok).toBe(
      true,
    );
    expect(tab(runtime, 'Settings').find((r) => r[0] === 'slippingDays')?.[1]).toBe('120');
  });
});
