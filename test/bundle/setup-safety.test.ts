/**
 * Issue 9 §9 through the built bundle: Set up tabs never destroys or reinterprets. A header
 * row it cannot trust is a refusal that changes nothing; a formula in a cell Setup reads is
 * left and reported; a row with content only in the user's own columns is theirs; a number
 * format the user chose is kept, and the report says what Setup did change.
 */
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import {
  deleteRowsAt,
  insertColumnsAt,
  insertRowsAt,
} from '../../src/local/emulator/spreadsheet/grid.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import type { CellState } from '../../src/local/emulator/state.ts';
import type { Problem, SetupReport } from '../../src/domain/api-types.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import { call, run, saved, setUp, sheetOf, tab } from './workbook.ts';

function columnOf(runtime: LocalRuntime, name: string, header: string): number {
  const index = tab(runtime, name)[0].indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${name}`);
  return index;
}

/** The stored cell under a header in a sheet row (1-based). */
function cellAt(runtime: LocalRuntime, name: string, header: string, row: number) {
  return sheetOf(runtime, name).rows[row - 1]?.[columnOf(runtime, name, header)] ?? null;
}

function putCell(
  runtime: LocalRuntime,
  name: string,
  header: string,
  row: number,
  cell: CellState,
) {
  const cells = (sheetOf(runtime, name).rows[row - 1] ??= []);
  cells[columnOf(runtime, name, header)] = cell;
}

/**
 * A person deleting a sheet row (right-click ▸ Delete row): the emulator's own row
 * deletion, which moves the rows, validations and protections below up.
 */
function deleteRow(runtime: LocalRuntime, name: string, row: number) {
  deleteRowsAt(sheetOf(runtime, name), row, 1);
}

/** A column of the user's own after Kartoteka's, with a header. */
function addOwnColumn(runtime: LocalRuntime, name: string, header: string): string {
  const sheet = sheetOf(runtime, name);
  sheet.maxColumns += 1;
  const letters = columnLetters(sheet.maxColumns);
  runtime.userEdit(name, `${letters}1`, header);
  return letters;
}

function customersWithADeal(): { runtime: LocalRuntime; ids: string[]; dealId: string } {
  const runtime = setUp();
  const ids = ['Anna Nowak', 'Bartek Zieliński', 'Celina Wróbel'].map(
    (name, i) =>
      saved(call(runtime, 'saveRecord', 'customers', { name, email: `c${i}@ex.com` })).id as string,
  );
  const dealId = saved(
    call(runtime, 'saveRecord', 'deals', { customerId: ids[1], title: 'Kitchen', stage: 'won' }),
  ).id as string;
  return { runtime, ids, dealId };
}

describe('a header row Setup cannot trust is refused, and nothing changes', () => {
  it('Customers with its header row deleted: the first customer is not taken for the header', () => {
    const { runtime, ids, dealId } = customersWithADeal();
    const headerRow = structuredClone(sheetOf(runtime, 'Customers').rows[0]);
    deleteRow(runtime, 'Customers', 1);
    const before = structuredClone(runtime.state.sheets);
    const properties = structuredClone(runtime.state.properties.document);

    const result = run(runtime, 'setupTabs');
    expect(result.ok).toBe(false);
    const message = result.error?.message ?? '';
    expect(message).toContain("The Customers tab's first row should hold the column headers");
    expect(message).toContain('(Name, Type, Company, …, ID)');
    expect(message).toContain('it holds what looks like a customer');
    expect(message).toContain('Edit ▸ Undo');
    expect(message).toMatch(/Nothing was changed\.$/);
    // No column added, no id given, no cell written: the tabs are exactly as they were.
    expect(runtime.state.sheets).toEqual(before);
    expect(runtime.state.properties.document).toEqual(properties);
    expect(result.counts.cellsWritten).toBe(0);

    // From the menu: the same words in the alert.
    const menu = runtime.run('setupTabsFromMenu', [], { source: 'menu' });
    expect(menu.ok).toBe(true);
    expect(runtime.ui.alerts.at(-1)?.prompt).toBe(message);
    expect(runtime.state.sheets).toEqual(before);

    // Restored (a row inserted above, the headers typed back): Setup finds nothing to
    // repair and the deal still has its customer.
    insertRowsAt(runtime.state, sheetOf(runtime, 'Customers'), 1, 1);
    sheetOf(runtime, 'Customers').rows[0] = headerRow;
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report).toMatchObject({ addedColumns: [], idsAssigned: [] });
    const deal = call<AnyRecord>(runtime, 'getRecord', 'deals', dealId);
    expect(deal.customerId).toBe(ids[1]);
    expect(call<AnyRecord>(runtime, 'getRecord', 'customers', ids[1]).name).toBe(
      'Bartek Zieliński',
    );
  });

  it('refuses the same way for Deals, Settings and a row 1 that was cleared', () => {
    const runtime = setUp();
    const anna = saved(
      call(runtime, 'saveRecord', 'customers', { name: 'Anna', email: 'a@ex.com' }),
    );
    saved(
      call(runtime, 'saveRecord', 'deals', {
        customerId: anna.id,
        title: 'Kitchen',
        stage: 'lead',
      }),
    );
    deleteRow(runtime, 'Deals', 1);
    deleteRow(runtime, 'Settings', 1);
    // Contacts: the header row cleared, with a contact typed below it.
    const contacts = sheetOf(runtime, 'Contacts');
    contacts.rows[0] = [];
    runtime.userEdit('Contacts', 'A2', 'Ola Nowak');
    const before = structuredClone(runtime.state.sheets);

    const result = run(runtime, 'setupTabs');
    expect(result.ok).toBe(false);
    const lines = (result.error?.message ?? '').split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^The Contacts tab's first row .*; it is empty, and the rows below it hold data\./,
      ),
      expect.stringMatching(/^The Deals tab's first row .*; it holds what looks like a deal\./),
      expect.stringMatching(
        /^The Settings tab's first row should hold the column headers \(Setting, Value, Meaning\); none of its cells is one of Kartoteka's headers for this tab\./,
      ),
      'Nothing was changed.',
    ]);
    expect(runtime.state.sheets).toEqual(before);
  });

  it('still fills a tab that exists but is empty, like a new one', () => {
    const runtime = setUp();
    const services = sheetOf(runtime, 'Services');
    services.rows = [];
    services.validations = {};
    services.protections = [];
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.createdTabs).toEqual([]);
    expect(tab(runtime, 'Services')[0]).toEqual(
      tab(setUp(), 'Services')[0], // the header a fresh Setup writes
    );
    expect(saved(call(runtime, 'saveRecord', 'services', { name: 'Consulting' })).name).toBe(
      'Consulting',
    );
  });
});

describe('formulas in cells Setup reads are left alone and reported', () => {
  it('an id cell holding a formula is not written over with an id', () => {
    const { runtime } = customersWithADeal();
    // Row 3's id is a formula Sheets computes to "" (the emulator keeps the value it is
    // given; it does not evaluate formulas); row 4's is one whose value is the emulator's
    // marker for a formula it did not compute.
    putCell(runtime, 'Customers', 'ID', 3, { f: '=IF(A3="","",A3)', v: '', nf: '@' });
    putCell(runtime, 'Customers', 'ID', 4, { f: '=CONCAT("c-",ROW())', nf: '@' });
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(cellAt(runtime, 'Customers', 'ID', 3)).toEqual({
      f: '=IF(A3="","",A3)',
      v: '',
      nf: '@',
    });
    expect(cellAt(runtime, 'Customers', 'ID', 4)).toEqual({ f: '=CONCAT("c-",ROW())', nf: '@' });
    expect(report.idsAssigned).toEqual([]);
    expect(report.problems).toEqual([
      expect.objectContaining<Partial<Problem>>({
        tab: 'Customers',
        row: 3,
        column: 'ID',
        message: expect.stringContaining('holds a formula (=IF(A3="","",A3)) instead of an id'),
      }),
      expect.objectContaining<Partial<Problem>>({ tab: 'Customers', row: 4, column: 'ID' }),
    ]);
    const menu = runtime.run('setupTabsFromMenu', [], { source: 'menu' });
    expect(menu.ok).toBe(true);
    expect(runtime.ui.alerts.at(-1)?.prompt).toContain('Customers row 3, ID: holds a formula');
    expect(runtime.ui.alerts.at(-1)?.prompt).not.toContain('nothing needed changing');
  });

  it('a stamp cell whose formula gives ISO text stays a formula when Setup converts stamps', () => {
    const { runtime } = customersWithADeal();
    const formula = { f: '="2025-11-26T12:12:44.020Z"', v: '2025-11-26T12:12:44.020Z' };
    putCell(runtime, 'Customers', 'Created', 2, formula);
    putCell(runtime, 'Customers', 'Created', 3, { v: '2025-11-26T12:12:44.020Z', nf: '@' });
    delete runtime.state.properties.document['kartoteka.setup.v1']; // formats every tab again
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(cellAt(runtime, 'Customers', 'Created', 2)).toMatchObject(formula);
    expect(typeof cellAt(runtime, 'Customers', 'Created', 3)?.v).toBe('number'); // text → date-time
    expect(report.problems).toEqual([
      expect.objectContaining({ tab: 'Customers', row: 2, column: 'Created' }),
    ]);
  });
});

describe("a row with content only in the user's own columns is theirs", () => {
  it('gets no id and is not reported as a customer without a name', () => {
    const { runtime } = customersWithADeal();
    const own = addOwnColumn(runtime, 'Customers', 'Our notes');
    runtime.userEdit('Customers', `${own}6`, 'call the printer about the flyers');
    runtime.userEdit('Customers', `${own}2`, 'prefers mornings'); // beside a customer: fine
    // And one between Kartoteka's columns (inserted left of Phone), with a note in row 7.
    const phone = columnOf(runtime, 'Customers', 'Phone') + 1;
    insertColumnsAt(runtime.state, sheetOf(runtime, 'Customers'), phone, 1);
    runtime.userEdit('Customers', `${columnLetters(phone)}1`, 'Met at');
    runtime.userEdit('Customers', `${columnLetters(phone)}7`, 'the Poznań fair');
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.idsAssigned).toEqual([]);
    expect(cellAt(runtime, 'Customers', 'ID', 6)?.v).toBeUndefined();
    expect(cellAt(runtime, 'Customers', 'ID', 7)?.v).toBeUndefined();
    expect(tab(runtime, 'Customers')[5][columnOf(runtime, 'Customers', 'Our notes')]).toBe(
      'call the printer about the flyers',
    );
    expect(call<Problem[]>(runtime, 'getProblems')).toEqual([]);
    // A row typed by hand in Kartoteka's columns still gets its id.
    runtime.userEdit('Customers', 'A8', 'Typed By Hand');
    expect(call<SetupReport>(runtime, 'setupTabs').idsAssigned).toEqual([
      { tab: 'Customers', rows: [8] },
    ]);
  });
});

describe('number formats the user chose are kept', () => {
  it('Birthday as dd.mm.yyyy survives Setup, and the report says what did change', () => {
    const { runtime } = customersWithADeal();
    const birthday = columnLetters(columnOf(runtime, 'Customers', 'Birthday') + 1);
    runtime.userEdit('Customers', `${birthday}2`, '1990-05-17');
    for (const row of [2, 3]) {
      const cell = cellAt(runtime, 'Customers', 'Birthday', row);
      putCell(runtime, 'Customers', 'Birthday', row, { ...(cell ?? {}), nf: 'dd.mm.yyyy' });
    }
    // Row 4's format cleared to automatic (Format ▸ Number ▸ Automatic): Kartoteka's to set.
    const automatic = { ...(cellAt(runtime, 'Customers', 'Birthday', 4) ?? {}) };
    delete automatic.nf;
    putCell(runtime, 'Customers', 'Birthday', 4, automatic);
    addOwnColumn(runtime, 'Customers', 'Our notes'); // the header changed: Setup formats the tab

    const menu = runtime.run('setupTabsFromMenu', [], { source: 'menu' });
    expect(menu.ok).toBe(true);
    expect(menu.value).toMatchObject({ formatted: [{ tab: 'Customers', cells: 1 }] });
    expect(cellAt(runtime, 'Customers', 'Birthday', 2)).toMatchObject({ nf: 'dd.mm.yyyy' });
    expect(cellAt(runtime, 'Customers', 'Birthday', 3)).toMatchObject({ nf: 'dd.mm.yyyy' });
    expect(cellAt(runtime, 'Customers', 'Birthday', 4)).toMatchObject({ nf: 'yyyy-mm-dd' });
    const said = runtime.ui.alerts.at(-1)?.prompt ?? '';
    expect(said).not.toContain('nothing needed changing');
    expect(said).toContain("Customers: set Kartoteka's number format on 1 cell(s)");

    // Nothing left to do: a second run says so, and keeps the user's format.
    addOwnColumn(runtime, 'Customers', 'More notes');
    const again = call<SetupReport>(runtime, 'setupTabs');
    expect(again.formatted).toBeUndefined();
    expect(cellAt(runtime, 'Customers', 'Birthday', 2)).toMatchObject({ nf: 'dd.mm.yyyy' });
  });
});

describe('a tab whose ID column is gone while other tabs refer to it', () => {
  /** A person deleting the ID column (the last one): its cells and its header are gone. */
  function deleteIdColumn(runtime: LocalRuntime, name: string) {
    const column = columnOf(runtime, name, 'ID');
    for (const cells of sheetOf(runtime, name).rows) if (cells) cells.length = column;
  }

  it('is refused while deals name its customers by id, and nothing changes', () => {
    const { runtime } = customersWithADeal();
    deleteIdColumn(runtime, 'Customers');
    const before = structuredClone(runtime.state.sheets);
    const result = run(runtime, 'setupTabs');
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain(
      'The Customers tab has no "ID" column, but 1 row of Deals (Customer ID) refer',
    );
    expect(result.error?.message).toMatch(/Nothing was changed\.$/);
    expect(runtime.state.sheets).toEqual(before);
  });

  it('gives new ids when nothing refers to them', () => {
    const runtime = setUp();
    saved(call(runtime, 'saveRecord', 'customers', { name: 'Anna', email: 'a@ex.com' }));
    deleteIdColumn(runtime, 'Customers');
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.idsAssigned).toEqual([{ tab: 'Customers', rows: [2] }]);
  });
});
