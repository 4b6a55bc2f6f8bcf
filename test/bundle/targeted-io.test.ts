/**
 * Issue 10, "Fast at 25,000 customers", through the built bundle: every interactive action
 * makes the same number of Spreadsheet calls at 10 and at 10,000 customers (call counts are
 * exact, never timings), within the budgets; and what makes that possible — the
 * document cache's headers and row hints — never writes into the wrong cells when the
 * tabs change under it.
 */
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import { fillWorkbook, recordSetUp, type BenchWorkbook } from '../../scripts/bench-data.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import type { ExecutionResult } from '../../src/local/runtime-api.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import { listFromIndex, type CustomerIndex } from '../../src/domain/customer-index.ts';
import type { CustomerList, CustomerQuery } from '../../src/domain/customer-query.ts';
import { call, run, saved, setUp, tab } from './workbook.ts';

function filled(customers: number): { runtime: LocalRuntime; data: BenchWorkbook } {
  const runtime = setUp();
  const data = fillWorkbook(runtime, customers);
  // The daily lifecycle run has stored its model and top threshold: a won deal's save then
  // recomputes its customer (customer-lifecycle.ts), and its calls are counted below.
  const lifecycle = run(runtime, 'recalculateLifecycle');
  if (!lifecycle.ok) throw new Error(lifecycle.error?.message);
  recordSetUp(runtime); // as if Set up tabs had run while the rows were added
  return { runtime, data };
}

/** A user's path through the sidebar; the Spreadsheet calls each step made. */
function path(runtime: LocalRuntime, data: BenchWorkbook): Record<string, number> {
  const steps: Record<string, ExecutionResult> = {
    'first load': run(runtime, 'getSidebarBootstrap'),
    'first load again': run(runtime, 'getSidebarBootstrap'),
    'customer index': run(runtime, 'getCustomerIndex'),
    'search (server)': run(runtime, 'listRecords', 'customers', { text: 'customer1' }),
    'customer save (new)': run(runtime, 'saveRecord', 'customers', {
      name: 'Ola Nowa',
      email: 'ola.nowa@example.com',
    }),
    'customer save (edit)': run(runtime, 'saveRecord', 'customers', {
      id: data.sample.id,
      city: 'Gdynia',
    }),
    card: run(runtime, 'getCustomerCard', data.sample.id),
    'service picker': run(runtime, 'listRecords', 'services', { text: 'Service' }),
    'deal save (new)': run(runtime, 'saveRecord', 'deals', {
      customerId: data.sample.id,
      serviceId: data.serviceId,
      title: 'Workshop',
      stage: 'proposal',
    }),
    // The sample deal is won already: an edit that changes it (an unchanged save writes nothing).
    'deal save (edit)': run(runtime, 'saveRecord', 'deals', {
      id: data.sampleDealId,
      stage: 'lost',
    }),
    'open record': run(runtime, 'getRecord', 'deals', data.sampleDealId),
  };
  return Object.fromEntries(
    Object.entries(steps).map(([name, result]) => {
      if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
      const value = result.value as { ok?: boolean } | null;
      if (value && value.ok === false) throw new Error(`${name}: ${JSON.stringify(value)}`);
      return [name, result.counts.spreadsheetCalls];
    }),
  );
}

describe('Spreadsheet calls do not grow with the workbook', () => {
  it('are the same at 10 and 10,000 customers for saves, the card and search', () => {
    const small = filled(10);
    const large = filled(10_000);
    // The same kind of customer on the card at both sizes: the count depends on its rows.
    expect(large.data.sample).toMatchObject({
      deals: small.data.sample.deals,
      contacts: small.data.sample.contacts,
    });
    const atTen = path(small.runtime, small.data);
    const atTenThousand = path(large.runtime, large.data);
    expect(atTenThousand).toEqual(atTen);
    // The budgets.
    expect(atTen['customer save (new)']).toBeLessThanOrEqual(6);
    expect(atTen['customer save (edit)']).toBeLessThanOrEqual(6);
    expect(atTen['deal save (new)']).toBeLessThanOrEqual(8);
    expect(atTen['deal save (edit)']).toBeLessThanOrEqual(8);
    expect(atTen.card).toBeLessThanOrEqual(8);
    expect(atTen['search (server)']).toBeLessThanOrEqual(4);
    expect(atTen['first load']).toBeLessThanOrEqual(6);
    expect(atTen['customer index']).toBeLessThanOrEqual(2);
  }, 120_000);

  it('on a cold document cache too (the first call of a session)', () => {
    const { runtime } = filled(10);
    runtime.setNow(new Date('2026-03-02T10:00:00Z')); // the cached settings are stale now
    const first = run(runtime, 'getSidebarBootstrap');
    expect(first.ok).toBe(true);
    expect(first.counts.spreadsheetCalls).toBeLessThanOrEqual(6);
  });

  it('Set up tabs on an unchanged workbook reads, writes nothing and takes no lock', () => {
    const { runtime } = filled(1_000);
    const before = structuredClone(runtime.state.sheets);
    const again = runtime.run('setupTabs', [], { source: 'menu' });
    expect(again.ok).toBe(true);
    expect(again.counts.spreadsheetCalls).toBeLessThanOrEqual(20);
    expect(again.counts.cellsWritten).toBe(0);
    expect(again.counts.byMethod['Lock.tryLock']).toBeUndefined();
    expect(runtime.state.sheets).toEqual(before);
  });
});

describe('what the document cache remembers is checked by the call that uses it', () => {
  const anna = { name: 'Anna Nowak', email: 'anna@example.com', city: 'Kraków' };

  it('a save after a column was moved writes by the header as it is now', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', anna));
    call(runtime, 'getCustomerCard', record.id); // the header is in the cache now
    // A user swaps the Name and Company columns (headers and values), no Setup.
    const header = tab(runtime, 'Customers')[0];
    const name = columnLetters(header.indexOf('Name') + 1);
    const company = columnLetters(header.indexOf('Company') + 1);
    runtime.userEdit('Customers', `${name}1`, 'Company');
    runtime.userEdit('Customers', `${company}1`, 'Name');
    runtime.userEdit('Customers', `${name}2`, '');
    runtime.userEdit('Customers', `${company}2`, 'Anna Nowak');
    const updated = saved(
      call(runtime, 'saveRecord', 'customers', { id: record.id, company: 'Nowak Consulting' }),
    );
    expect(updated).toMatchObject({ name: 'Anna Nowak', company: 'Nowak Consulting' });
    const row = tab(runtime, 'Customers')[1];
    expect(row[header.indexOf('Company')]).toBe('Anna Nowak'); // now the Name column
    expect(row[header.indexOf('Name')]).toBe('Nowak Consulting'); // now the Company column
  });

  it('a save after the rows were sorted finds the record where it is now', () => {
    const runtime = setUp();
    const first = saved(call(runtime, 'saveRecord', 'customers', anna));
    saved(call(runtime, 'saveRecord', 'customers', { name: 'Bob', email: 'bob@example.com' }));
    // A user sorts the tab: the two rows change places (their hints now name the other row).
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    [sheet.rows[1], sheet.rows[2]] = [sheet.rows[2], sheet.rows[1]];
    const updated = saved(call(runtime, 'saveRecord', 'customers', { id: first.id, city: 'Łódź' }));
    expect(updated).toMatchObject({ name: 'Anna Nowak', city: 'Łódź' });
    const rows = tab(runtime, 'Customers');
    const cityColumn = rows[0].indexOf('City');
    expect(rows[2][cityColumn]).toBe('Łódź');
    expect(rows[1][rows[0].indexOf('Name')]).toBe('Bob');
  });

  it('a save never writes the computed columns (the lifecycle job owns them)', () => {
    // The job runs from a time-driven trigger, where Apps Script gives it no document lock.
    const runtime = setUp({ strictLocks: false });
    const record = saved(call(runtime, 'saveRecord', 'customers', anna));
    const header = tab(runtime, 'Customers')[0];
    const stage = header.indexOf('Lifecycle stage');
    runtime.userEdit('Customers', `${columnLetters(stage + 1)}2`, 'returning');
    // The job writes Anna's stage while her save is between its read and its write.
    const { outer, inner } = runtime.interleave(
      {
        functionName: 'saveRecord',
        args: ['customers', { id: record.id, city: 'Sopot' }],
        options: { source: 'script-run' },
      },
      'Sheets.Spreadsheets.Values.batchUpdate',
      { functionName: 'recalculateLifecycle', options: { source: 'time-trigger' } },
    );
    expect(inner.ok).toBe(true);
    expect(outer.value).toMatchObject({ ok: true, record: { city: 'Sopot' } });
    const row = tab(runtime, 'Customers')[1];
    expect(row[stage]).toBe('lead'); // the job's, not the 'returning' the save had read
    expect(row[header.indexOf('City')]).toBe('Sopot');
  });

  it('a record past the end of the grid gets the formats of the rows above it', () => {
    const runtime = setUp();
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    const header = tab(runtime, 'Customers')[0];
    // Every row of the grid holds a customer already.
    for (let r = 1; r < sheet.maxRows; r++) {
      const cells = new Array(header.length).fill(null);
      cells[header.indexOf('ID')] = { v: `id-${r}`, nf: '@' };
      cells[header.indexOf('Name')] = { v: `Customer ${r}`, nf: '@' };
      sheet.rows[r] = cells;
    }
    const rows = sheet.maxRows;
    const record = saved(
      call(runtime, 'saveRecord', 'customers', { ...anna, birthday: '1990-05-17' }),
    );
    expect(sheet.maxRows).toBeGreaterThan(rows);
    const written = sheet.rows[rows]!;
    expect(written[header.indexOf('ID')]?.v).toBe(record.id);
    expect(written[header.indexOf('Birthday')]?.nf).toBe('yyyy-mm-dd');
    expect(sheet.rows[rows + 1]?.[header.indexOf('Phone')]?.nf).toBe('@');
    expect(call<AnyRecord>(runtime, 'getRecord', 'customers', record.id)).toMatchObject({
      birthday: '1990-05-17',
    });
    // The next Setup gives the added rows their dropdowns, and formats no other row again.
    const setup = runtime.run('setupTabs', [], { source: 'menu' });
    expect(setup.ok).toBe(true);
    const added = sheet.maxRows - rows;
    const fields = header.filter(Boolean).length;
    expect(setup.counts.cellsWritten).toBeLessThan(3 * added * fields);
    const archived = columnLetters(header.indexOf('Archived') + 1);
    const newRows = `${archived}${rows + 1}:${archived}${sheet.maxRows}`;
    expect(sheet.validations[newRows]?.criteria.type).toBe('CHECKBOX');
    expect(runtime.run('setupTabs', [], { source: 'menu' }).counts.cellsWritten).toBe(0);
  });
});

describe('the customer index the sidebar lists from in the browser', () => {
  it('gives the list the server gives, for searches, filters and sorts', () => {
    const { runtime } = filled(300);
    const boot = call<{ today: string }>(runtime, 'getSidebarBootstrap');
    const customerIndex = call<CustomerIndex>(runtime, 'getCustomerIndex');
    const queries: CustomerQuery[] = [
      {},
      { text: 'customer1' },
      { text: 'Kraków firma' },
      { text: 'contact12' },
      { tag: 'vip' },
      { stage: 'returning', sort: 'name' },
      { owner: 'ana@example.com', sort: 'followUp', pageSize: 50 },
      { sort: 'name', page: 2 },
    ];
    for (const query of queries) {
      const server = call<CustomerList>(runtime, 'searchCustomers', query);
      const local = listFromIndex(customerIndex, query, boot.today);
      const ids = (list: CustomerList) => list.items.map((item) => item.id);
      expect(ids(local), JSON.stringify(query)).toEqual(ids(server));
      expect(local.total).toBe(server.total);
      expect(local.tags).toEqual(server.tags);
      expect(local.contacts.map((c) => c.contact.id)).toEqual(
        server.contacts.map((c) => c.contact.id),
      );
    }
  });

  it("the first page of the first load is the index's first page", () => {
    const { runtime } = filled(300);
    const boot = call<{ firstPage: CustomerList; today: string }>(runtime, 'getSidebarBootstrap');
    const fromIndex = listFromIndex(
      call<CustomerIndex>(runtime, 'getCustomerIndex'),
      {},
      boot.today,
    );
    expect(boot.firstPage.items.map((item) => item.id)).toEqual(
      fromIndex.items.map((item) => item.id),
    );
    expect(boot.firstPage.total).toBe(fromIndex.total);
  });

  it('is read in one call with the first load, and a settings change is not cached over', () => {
    const runtime = setUp();
    const boot = run(runtime, 'getSidebarBootstrap');
    expect(boot.counts.byMethod['Sheets.Spreadsheets.Values.batchGet']).toBeLessThanOrEqual(2);
    call(runtime, 'saveSettings', { defaultCurrency: 'EUR' });
    const customer = saved(
      call(runtime, 'saveRecord', 'customers', { name: 'Ola', email: 'ola@example.com' }),
    );
    const deal = saved(
      call(runtime, 'saveRecord', 'deals', {
        customerId: customer.id,
        title: 'Kitchen',
        stage: 'lead',
        amount: 100,
      }),
    );
    expect(deal.currency).toBe('EUR');
  });
});
