/**
 * Issue 4 through the built bundle in the emulator: setup and repair, validation at the
 * server, text safety, locking, batch writes, duplicates and problems.
 */
import { describe, expect, it } from 'vitest';
import { call, run, setUp, newRuntime, tab } from './workbook.ts';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import type { SaveResult, Problem, SetupReport } from '../../src/domain/api-types.ts';
import type { AnyRecord as RecordJson } from '../../src/domain/schema.ts';

const anna = {
  name: 'Anna Nowak',
  email: 'anna@example.com',
  phone: '600 100 200',
  tags: 'VIP, wholesale',
};

function saved(result: SaveResult): RecordJson {
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.record;
}

describe('Set up tabs', () => {
  it('creates every tab with a frozen bold header, notes, formats, dropdowns and protections', () => {
    const runtime = newRuntime();
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.createdTabs).toEqual([
      'Customers',
      'Contacts',
      'Deals',
      'Services',
      'Activity',
      'Settings',
      'Log',
      'History',
    ]);
    const customers = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    expect(customers.frozenRows).toBe(1);
    const header = customers.rows[0]!;
    // The id is Kartoteka's, not for reading: the last of its columns, and narrow.
    const idColumn = header.length - 1;
    expect(header[idColumn]).toMatchObject({
      v: 'ID',
      bold: true,
      note: expect.stringContaining('do not edit'),
    });
    expect(customers.columnWidths[idColumn + 1]).toBeLessThanOrEqual(60);
    const phoneColumn = header.findIndex((c) => c?.v === 'Phone');
    expect(customers.rows[1]?.[phoneColumn]?.nf).toBe('@');
    expect(Object.values(customers.validations).map((v) => v.criteria.type)).toEqual(
      expect.arrayContaining(['VALUE_IN_LIST', 'VALUE_IN_RANGE', 'DATE_IS_VALID_DATE', 'CHECKBOX']),
    );
    expect(customers.protections.every((p) => p.warningOnly)).toBe(true);
    expect(customers.protections.length).toBeGreaterThan(0);
    expect(tab(runtime, 'Settings').map((row) => row[0])).toContain('defaultCountry');
  });

  it('is idempotent: a second run changes nothing', () => {
    const runtime = setUp();
    call(runtime, 'saveRecord', 'customers', anna);
    const before = structuredClone(runtime.state);
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report).toEqual({
      createdTabs: [],
      addedColumns: [],
      idsAssigned: [],
      settingsAdded: [],
    });
    expect(runtime.state).toEqual(before);
  });

  it('repairs a hand-edited tab without moving or deleting anything', () => {
    const runtime = setUp();
    const id = saved(call(runtime, 'saveRecord', 'customers', anna)).id;
    // A user swaps the Name and Company columns, adds their own column, and renames Email.
    runtime.userEdit('Customers', 'A1', 'Company');
    runtime.userEdit('Customers', 'C1', 'Name');
    runtime.userEdit('Customers', 'A2', 'Nowak Consulting');
    runtime.userEdit('Customers', 'C2', 'Anna Nowak');
    const email = tab(runtime, 'Customers')[0].indexOf('Email');
    const emailLetter = columnLetters(email + 1);
    runtime.userEdit('Customers', `${emailLetter}1`, 'E-mail address');
    const width = tab(runtime, 'Customers')[0].length;
    runtime.state.sheets.find((s) => s.name === 'Customers')!.maxColumns += 1; // the user adds a column
    const own = columnLetters(width + 1);
    runtime.userEdit('Customers', `${own}1`, 'Our notes');
    runtime.userEdit('Customers', `${own}2`, 'met at the fair');
    const before = tab(runtime, 'Customers');

    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.addedColumns).toEqual([
      expect.objectContaining({
        tab: 'Customers',
        header: 'Email',
        suggestion: expect.stringContaining('"E-mail address"'),
      }),
    ]);
    const after = tab(runtime, 'Customers');
    // Everything that was there is still there, in place; Email is added at the end.
    before.forEach((row, r) => row.forEach((value, c) => expect(after[r][c]).toBe(value)));
    expect(after[0][width + 1]).toBe('Email');
    expect(after[1][width]).toBe('met at the fair');
    // The reordered columns are still read by header.
    expect(call<RecordJson>(runtime, 'getRecord', 'customers', id)).toMatchObject({
      name: 'Anna Nowak',
      company: 'Nowak Consulting',
    });
  });

  it('gives hand-typed rows an id, and says so', () => {
    const runtime = setUp();
    runtime.userEdit('Customers', 'A2', 'Typed By Hand');
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.idsAssigned).toEqual([{ tab: 'Customers', rows: [2] }]);
    const rows = tab(runtime, 'Customers');
    expect(rows[1][rows[0].indexOf('ID')]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('saving records', () => {
  it('returns field errors in plain words and writes nothing', () => {
    const runtime = setUp();
    const before = structuredClone(runtime.state.sheets);
    const result = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      name: '',
      email: 'jan@',
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { name: 'Name is required', email: "Email: 'jan@' is missing the domain" },
    });
    expect(runtime.state.sheets).toEqual(before);
  });

  it('stores and reads back text exactly as typed, never as a formula, number or date', () => {
    const runtime = setUp();
    const tricky = [
      '=HYPERLINK("http://evil","x")',
      '+48 600 100 200',
      '0042',
      'TRUE',
      '2024-01-02',
      '-5',
      '@me',
    ];
    for (const text of tricky) {
      const record = saved(
        call(runtime, 'saveRecord', 'customers', {
          name: text,
          email: `${Math.random()}@x.pl`,
          notes: text,
        }),
      );
      const back = call<RecordJson>(runtime, 'getRecord', 'customers', String(record.id));
      expect(back.name).toBe(text);
      expect(back.notes).toBe(text);
    }
    const customers = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    expect(customers.rows.flat().filter((cell) => cell?.f)).toEqual([]);
  });

  it('normalises phone to E.164 text and tags to a list', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', anna));
    expect(record).toMatchObject({
      phone: '+48600100200',
      tags: ['vip', 'wholesale'],
      createdBy: 'owner@example.com',
    });
    const row = tab(runtime, 'Customers')[1];
    expect(row).toContain('+48600100200');
    expect(row).toContain('vip, wholesale');
  });

  it('updates the same row, and refuses a stale or deleted record', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', anna));
    runtime.setNow(new Date('2026-03-02T10:00:00Z'));
    const updated = saved(
      call(
        runtime,
        'saveRecord',
        'customers',
        { ...anna, id: record.id, phone: '+48 600 999 888' },
        { expectedUpdated: record.updated },
      ),
    );
    expect(updated.phone).toBe('+48600999888');
    const rows = tab(runtime, 'Customers');
    expect(rows.filter((row) => row[rows[0].indexOf('ID')] === record.id)).toHaveLength(1);
    const stale = call<SaveResult>(
      runtime,
      'saveRecord',
      'customers',
      { ...anna, id: record.id },
      { expectedUpdated: record.updated },
    );
    expect(stale).toEqual({
      ok: false,
      error: expect.stringMatching(/Someone else changed this customer/),
    });
    const gone = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      ...anna,
      id: 'no-such-id',
    });
    expect(gone).toEqual({ ok: false, error: expect.stringMatching(/no longer exists/) });
  });

  it('treats an update as a patch: fields left out keep their values', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', { ...anna, city: 'Kraków' }));
    const updated = saved(
      call(runtime, 'saveRecord', 'customers', { id: record.id, phone: '+48 600 999 888' }),
    );
    expect(updated).toMatchObject({
      name: 'Anna Nowak',
      email: 'anna@example.com',
      city: 'Kraków',
      phone: '+48600999888',
    });
    const cleared = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      id: record.id,
      name: '',
    });
    expect(cleared).toEqual({ ok: false, fieldErrors: { name: 'Name is required' } });
  });

  it('checks references: a deal needs an existing customer', () => {
    const runtime = setUp();
    const result = call<SaveResult>(runtime, 'saveRecord', 'deals', {
      customerId: 'ghost',
      title: 'X',
      stage: 'lead',
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { customerId: "Customer: no customer with id 'ghost'" },
    });
  });

  it('refuses a duplicate email or phone, naming the existing customer, unless confirmed', () => {
    const runtime = setUp();
    const first = saved(call(runtime, 'saveRecord', 'customers', anna));
    const again = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      name: 'A. Nowak',
      phone: '+48600100200',
    });
    expect(again).toEqual({
      ok: false,
      duplicate: { entity: 'customers', id: first.id, title: 'Anna Nowak', matchedOn: 'phone' },
    });
    const confirmed = call<SaveResult>(
      runtime,
      'saveRecord',
      'customers',
      { name: 'A. Nowak', phone: '+48600100200' },
      { confirmDuplicate: true },
    );
    expect(confirmed.ok).toBe(true);
  });

  it('archives softly; hard delete is not a public entry point', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', anna));
    call(runtime, 'archiveRecord', 'customers', record.id);
    expect(call<{ total: number }>(runtime, 'listRecords', 'customers', {}).total).toBe(0);
    expect(
      call<{ total: number }>(runtime, 'listRecords', 'customers', { includeArchived: true }).total,
    ).toBe(1);
    expect(runtime.run('deleteRecord', ['customers', record.id]).error?.message).toMatch(
      /Script function not found: deleteRecord/,
    );
    call(runtime, 'restoreRecord', 'customers', record.id);
    expect(call<{ total: number }>(runtime, 'listRecords', 'customers', {}).total).toBe(1);
  });
});

describe('locking', () => {
  it('holds the document lock on every write (strict lock mode refuses any unlocked write)', () => {
    const runtime = setUp(); // strictLocks: 'always'
    const customer = saved(call(runtime, 'saveRecord', 'customers', anna));
    saved(
      call(runtime, 'saveRecord', 'deals', {
        customerId: customer.id,
        title: 'Website',
        stage: 'won',
        amount: 100,
      }),
    );
    saved(
      call(runtime, 'logActivity', {
        customerId: customer.id,
        type: 'call',
        date: '2026-03-02',
        summary: 'Called',
      }),
    );
    call(runtime, 'archiveRecord', 'customers', customer.id);
  });

  it('two people adding the same customer at once: the second is told of the first', () => {
    const runtime = setUp({ strictLocks: true });
    // The duplicate check runs before the lock; the colleague's save lands just then, and the
    // rows added since that check are compared again under the lock.
    const { outer, inner } = runtime.interleave(
      { functionName: 'saveRecord', args: ['customers', anna], options: { source: 'script-run' } },
      'LockService.getDocumentLock',
      {
        functionName: 'saveRecord',
        args: ['customers', { name: 'Anna again', email: anna.email }],
        options: { source: 'script-run' },
      },
    );
    expect(inner.value).toMatchObject({ ok: true });
    expect(outer.value).toMatchObject({
      ok: false,
      duplicate: { entity: 'customers', title: 'Anna again', matchedOn: 'email' },
    });
    expect(tab(runtime, 'Customers').filter((row) => row[0])).toHaveLength(2); // header + one
  });

  it('tells the second writer the sheet is busy while the first holds the lock', () => {
    const runtime = setUp({ strictLocks: true });
    const { outer, inner } = runtime.interleave(
      { functionName: 'saveRecord', args: ['customers', anna], options: { source: 'script-run' } },
      'Sheets.Spreadsheets.Values.append',
      {
        functionName: 'saveRecord',
        args: ['customers', { name: 'Other', email: 'o@x.pl' }],
        options: { source: 'script-run' },
      },
    );
    expect(outer.value).toMatchObject({ ok: true });
    expect(inner.value).toEqual({
      ok: false,
      error: 'The sheet is busy — try again in a few seconds.',
    });
    expect(tab(runtime, 'Customers').filter((row) => row[0])).toHaveLength(2); // header + Anna
  });
});

describe('batch writes', () => {
  function fill(rows: number) {
    const runtime = setUp();
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    const header = sheet.rows[0]!.map((cell) => cell?.v);
    const [idColumn, nameColumn, emailColumn] = ['ID', 'Name', 'Email'].map((h) =>
      header.indexOf(h),
    );
    sheet.maxRows = Math.max(sheet.maxRows, rows + 200);
    for (let r = 1; r <= rows; r++) {
      const cells = new Array(header.length).fill(null);
      cells[idColumn] = { v: `id-${r}`, nf: '@' };
      cells[nameColumn] = { v: `Customer ${r}`, nf: '@' };
      cells[emailColumn] = { v: `c${r}@example.com`, nf: '@' };
      sheet.rows[r] = cells;
    }
    return runtime;
  }

  it('makes the same number of Spreadsheet calls for an insert and an update at 10 and 10,000 rows', () => {
    const counts = [10, 10_000].map((rows) => {
      const runtime = fill(rows);
      const insert = run(runtime, 'saveRecord', 'customers', {
        name: 'New One',
        email: 'new@example.com',
      });
      expect(insert.value).toMatchObject({ ok: true });
      const update = run(runtime, 'saveRecord', 'customers', {
        id: 'id-5',
        name: 'Renamed',
        email: 'c5@example.com',
      });
      expect(update.value).toMatchObject({ ok: true });
      return { insert: insert.counts.spreadsheetCalls, update: update.counts.spreadsheetCalls };
    });
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('problems in hand-typed rows', () => {
  it('reports the row, the column and what is wrong, and skips the row', () => {
    const runtime = setUp();
    saved(call(runtime, 'saveRecord', 'customers', anna));
    call(runtime, 'saveRecord', 'customers', { name: 'Bob', email: 'bob@example.com' });
    const header = tab(runtime, 'Customers')[0];
    const letter = (name: string) => columnLetters(header.indexOf(name) + 1);
    runtime.userEdit('Customers', `${letter('Email')}3`, 'bob@');
    const problems = call<Problem[]>(runtime, 'getProblems');
    expect(problems).toEqual([
      { tab: 'Customers', row: 3, column: 'Email', message: "Email: 'bob@' is missing the domain" },
    ]);
  });
});

describe('reading', () => {
  it('lists with text, tag and stage filters, sorting and pages', () => {
    const runtime = setUp();
    for (let i = 1; i <= 30; i++) {
      call(runtime, 'saveRecord', 'customers', {
        name: `Customer ${String(i).padStart(2, '0')}`,
        email: `c${i}@example.com`,
        tags: i % 3 === 0 ? 'vip' : '',
      });
    }
    type List = { items: RecordJson[]; total: number; page: number; pageSize: number };
    const vip = call<List>(runtime, 'listRecords', 'customers', {
      tag: 'VIP ',
      sort: { field: 'name', direction: 'asc' },
    });
    expect(vip.total).toBe(10);
    expect(vip.items[0].name).toBe('Customer 03');
    const page2 = call<List>(runtime, 'listRecords', 'customers', {
      sort: { field: 'name', direction: 'desc' },
      page: 2,
      pageSize: 25,
    });
    expect(page2.items.map((r) => r.name)).toEqual([
      'Customer 05',
      'Customer 04',
      'Customer 03',
      'Customer 02',
      'Customer 01',
    ]);
    expect(
      call<List>(runtime, 'listRecords', 'customers', { text: 'c17@' }).items.map((r) => r.name),
    ).toEqual(['Customer 17']);
  });

  it('opens the record under the cursor for "Edit the selected row"', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', anna));
    runtime.state.activeSheetIndex = runtime.state.sheets.findIndex((s) => s.name === 'Customers');
    runtime.state.activeCell = 'E2';
    expect(call(runtime, 'getActiveRecord')).toEqual({
      entity: 'customers',
      record: expect.objectContaining({ id: record.id }),
    });
    runtime.state.activeCell = 'E9';
    expect(call(runtime, 'getActiveRecord')).toBeNull();
  });

  it('builds the customer card: contacts, deals, activities newest first, figures and stage', () => {
    const runtime = setUp();
    const customer = saved(call(runtime, 'saveRecord', 'customers', anna));
    call(runtime, 'saveRecord', 'deals', {
      customerId: customer.id,
      title: 'A',
      stage: 'won',
      amount: 100,
      closedDate: '2026-01-01',
    });
    call(runtime, 'saveRecord', 'deals', {
      customerId: customer.id,
      title: 'B',
      stage: 'won',
      amount: 50,
      closedDate: '2026-02-01',
    });
    call(runtime, 'logActivity', {
      customerId: customer.id,
      type: 'call',
      date: '2026-02-10',
      summary: 'First',
    });
    call(runtime, 'logActivity', {
      customerId: customer.id,
      type: 'email',
      date: '2026-02-20',
      summary: 'Second',
    });
    call(runtime, 'saveRecord', 'contacts', {
      customerId: customer.id,
      name: 'Piotr',
      email: 'piotr@example.com',
    });
    const card = call<{
      deals: RecordJson[];
      contacts: RecordJson[];
      activities: RecordJson[];
      metrics: unknown;
      lifecycle: unknown;
    }>(runtime, 'getCustomerCard', customer.id);
    expect(card.activities.map((a) => a.summary)).toEqual(['Second', 'First']);
    expect(card.contacts.map((c) => c.name)).toEqual(['Piotr']);
    expect(card.metrics).toMatchObject({
      purchaseCount: 2,
      totalSpent: 150,
      lastPurchase: '2026-02-01',
    });
    expect(card.lifecycle).toEqual({
      stage: 'top 20%',
      label: 'top 20%',
      reason: expect.stringContaining('Top 20%'),
    });
  });

  it('reaches the spreadsheet by its saved id where there is no active one (a time-driven run)', () => {
    const runtime = setUp();
    call(runtime, 'saveRecord', 'customers', anna);
    const result = runtime.run<{ total: number }>('listRecords', ['customers', {}], {
      source: 'time-trigger',
    });
    expect(result.value?.total).toBe(1);
    expect(result.counts.byMethod['SpreadsheetApp.openById']).toBe(1);
  });
});
