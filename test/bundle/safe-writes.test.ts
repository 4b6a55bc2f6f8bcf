/**
 * Issue 9 §1–§3 through the built bundle: an update is a patch with a per-field
 * compare-and-set (nothing the user did not change is written, a cell changed since the
 * user saw it is a conflict, never overwritten), and an id held by two rows is reported and
 * refused until a person resolves it.
 */
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import type { Problem, SaveResult } from '../../src/domain/api-types.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import { call, run, saved, setUp, tab } from './workbook.ts';

/** The A1 of a header's cell in a sheet row. */
function cellOf(runtime: LocalRuntime, sheet: string, header: string, row: number): string {
  const column = tab(runtime, sheet)[0].indexOf(header);
  if (column < 0) throw new Error(`no column ${header} in ${sheet}`);
  return `${columnLetters(column + 1)}${row}`;
}

/** A data row of a tab as header → displayed value. */
function rowOf(runtime: LocalRuntime, sheet: string, row: number): Record<string, string> {
  const rows = tab(runtime, sheet);
  return Object.fromEntries(rows[0].map((header, i) => [header, rows[row - 1]?.[i] ?? '']));
}

/**
 * A value put into a cell the way a paste (or a row typed before Set up tabs added the
 * column's rule) does: past the cell's data validation.
 */
function pasteInto(
  runtime: LocalRuntime,
  sheet: string,
  header: string,
  row: number,
  text: string,
) {
  const grid = runtime.state.sheets.find((s) => s.name === sheet)!;
  const column = tab(runtime, sheet)[0].indexOf(header);
  const cells = (grid.rows[row - 1] ??= []);
  cells[column] = { ...(cells[column] ?? {}), v: text };
}

function without(row: Record<string, string>, ...headers: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(row).filter(([header]) => !headers.includes(header)));
}

const hotel = {
  name: 'Hotel Wawel',
  email: 'biuro@wawel.example',
  type: 'company',
  city: 'Kraków',
  taxId: 'PL6762461234',
  industry: 'hospitality',
};

describe('an update writes only what it changes (§1)', () => {
  it('keeps every other cell and the archived state of a row with an unreadable cell', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    saved(call(runtime, 'archiveRecord', 'customers', record.id));
    pasteInto(runtime, 'Customers', 'Birthday', 2, 'next week');
    const before = rowOf(runtime, 'Customers', 2);
    expect(before).toMatchObject({ Archived: 'true', Birthday: 'next week', City: 'Kraków' });
    runtime.setNow(new Date('2026-03-02T10:00:00Z'));

    const result = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      id: record.id,
      name: 'Hotel Wawel Sp. z o.o.',
      email: 'recepcja@wawel.example',
    });
    expect(result).toMatchObject({
      ok: true,
      record: { city: 'Kraków', archived: true, name: 'Hotel Wawel Sp. z o.o.' },
      unreadable: [expect.objectContaining({ row: 2, column: 'Birthday' })],
    });
    const after = rowOf(runtime, 'Customers', 2);
    expect(after).toMatchObject({
      Name: 'Hotel Wawel Sp. z o.o.',
      Email: 'recepcja@wawel.example',
      'Updated by': 'owner@example.com',
    });
    expect(after.Updated).not.toBe(before.Updated);
    // Every other cell as it was: City, Type, Tax ID, Industry, Birthday, Created, Archived…
    expect(without(after, 'Name', 'Email', 'Updated', 'Updated by')).toEqual(
      without(before, 'Name', 'Email', 'Updated', 'Updated by'),
    );
  });

  it('writes the changed cells and the stamps only, leaving a user column between them', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    // A user's own column inserted between Kartoteka's, with a note in it.
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    const cityColumn = tab(runtime, 'Customers')[0].indexOf('City');
    // ID is the last column: the grid grows by the column inserted.
    sheet.maxColumns += 1;
    for (const cells of sheet.rows) cells?.splice(cityColumn, 0, null);
    runtime.userEdit('Customers', `${columnLetters(cityColumn + 1)}1`, 'Our notes');
    runtime.userEdit('Customers', `${columnLetters(cityColumn + 1)}2`, 'call before noon');
    const before = rowOf(runtime, 'Customers', 2);

    const result = run(runtime, 'saveRecord', 'customers', { id: record.id, city: 'Gdańsk' });
    expect(result.value).toMatchObject({ ok: true, record: { city: 'Gdańsk' } });
    // City and the two stamps: the only cells written.
    expect(result.counts.cellsWritten).toBe(3);
    const after = rowOf(runtime, 'Customers', 2);
    expect(after).toMatchObject({ City: 'Gdańsk', 'Our notes': 'call before noon' });
    expect(without(after, 'City', 'Updated', 'Updated by')).toEqual(
      without(before, 'City', 'Updated', 'Updated by'),
    );
  });

  it('archives and restores by writing the Archived cell and the stamps alone', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    pasteInto(runtime, 'Customers', 'Birthday', 2, 'next week');
    const before = rowOf(runtime, 'Customers', 2);
    const archived = run(runtime, 'archiveRecord', 'customers', record.id);
    expect(archived.value).toMatchObject({ ok: true, record: { archived: true, city: 'Kraków' } });
    expect(archived.counts.cellsWritten).toBe(3);
    expect(rowOf(runtime, 'Customers', 2)).toMatchObject({ Archived: 'true' });
    expect(without(rowOf(runtime, 'Customers', 2), 'Archived', 'Updated', 'Updated by')).toEqual(
      without(before, 'Archived', 'Updated', 'Updated by'),
    );
    const restored = run(runtime, 'restoreRecord', 'customers', record.id);
    expect(restored.value).toMatchObject({ ok: true, record: { archived: false } });
    expect(rowOf(runtime, 'Customers', 2)).toMatchObject({
      Archived: 'false',
      Birthday: 'next week',
    });
  });

  it('is not blocked by a bad cell it does not touch, but refuses an error it brings', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    // An email typed by hand that the forms would refuse.
    runtime.userEdit('Customers', cellOf(runtime, 'Customers', 'Email', 2), 'biuro(at)wawel');
    const city = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      id: record.id,
      city: 'Zakopane',
    });
    expect(city).toMatchObject({ ok: true, record: { city: 'Zakopane', email: 'biuro(at)wawel' } });
    expect(rowOf(runtime, 'Customers', 2).Email).toBe('biuro(at)wawel');
    // Emptying the record's only contact detail is the patch's own doing.
    const emptied = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      id: record.id,
      email: '',
      phone: '',
    });
    expect(emptied).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
    expect(rowOf(runtime, 'Customers', 2).Email).toBe('biuro(at)wawel');
  });

  it('writes nothing, stamps included, when the patch changes nothing', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    const before = rowOf(runtime, 'Customers', 2);
    runtime.setNow(new Date('2026-03-02T10:00:00Z'));
    const result = run(runtime, 'saveRecord', 'customers', { id: record.id, city: 'Kraków' });
    expect(result.value).toMatchObject({ ok: true, record: { city: 'Kraków' } });
    expect(result.counts.cellsWritten).toBe(0);
    expect(rowOf(runtime, 'Customers', 2)).toEqual(before);
  });
});

describe('a cell changed since the user saw it is a conflict, never overwritten (§2)', () => {
  it('refuses a form save over a hand edit, naming the field and the sheet value', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    // The form is open; someone types Łódź into the sheet.
    runtime.userEdit('Customers', cellOf(runtime, 'Customers', 'City', 2), 'Łódź');
    const before = rowOf(runtime, 'Customers', 2);
    const form = { id: record.id, city: 'Poznań', industry: 'hotels' };
    const seen = { city: record.city, industry: record.industry, updated: record.updated };
    const refused = call<SaveResult>(runtime, 'saveRecord', 'customers', form, { seen });
    expect(refused).toEqual({
      ok: false,
      conflicts: [{ field: 'city', label: 'City', sheet: 'Łódź', seen: 'Kraków' }],
      error: expect.stringMatching(/City is now "Łódź" \(changed in the sheet\)/),
    });
    // Nothing of the save was written, Industry included.
    expect(rowOf(runtime, 'Customers', 2)).toEqual(before);

    // "Keep mine": the same save with the sheet's value as what the user saw.
    const kept = call<SaveResult>(runtime, 'saveRecord', 'customers', form, {
      seen: { ...seen, city: 'Łódź' },
    });
    expect(kept).toMatchObject({ ok: true, record: { city: 'Poznań', industry: 'hotels' } });
    expect(rowOf(runtime, 'Customers', 2)).toMatchObject({ City: 'Poznań', Industry: 'hotels' });
  });

  it('refuses the second of two saves in the same millisecond, naming who saved first', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    // Both forms were opened on the record as saved; both saves come in the same ms as that.
    const seen = {
      city: record.city,
      phone: record.phone,
      updated: record.updated,
      updatedBy: record.updatedBy,
    };
    const ana = runtime.run(
      'saveRecord',
      ['customers', { id: record.id, city: 'Gdynia' }, { seen }],
      { source: 'script-run', user: 'ana@example.com' },
    );
    expect(ana.value).toMatchObject({ ok: true, record: { updated: record.updated } });
    const bob = runtime.run(
      'saveRecord',
      ['customers', { id: record.id, city: 'Sopot' }, { seen }],
      { source: 'script-run', user: 'bob@example.com' },
    );
    expect(bob.value).toMatchObject({
      ok: false,
      conflicts: [{ field: 'city', sheet: 'Gdynia', seen: 'Kraków', changedBy: 'ana@example.com' }],
    });
    // The whole-record check the sidebar used to rely on lets it through: same stamp.
    expect(rowOf(runtime, 'Customers', 2).Updated).toBe(rowOf(runtime, 'Customers', 2).Created);
    // A field Ana did not touch merges.
    const phone = runtime.run(
      'saveRecord',
      ['customers', { id: record.id, phone: '+48 600 100 200' }, { seen }],
      { source: 'script-run', user: 'bob@example.com' },
    );
    expect(phone.value).toMatchObject({
      ok: true,
      record: { city: 'Gdynia', phone: '+48600100200' },
    });
  });

  it('lets a caller that sends no seen values set its fields without a compare', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    runtime.userEdit('Customers', cellOf(runtime, 'Customers', 'City', 2), 'Łódź');
    runtime.userEdit('Customers', cellOf(runtime, 'Customers', 'Industry', 2), 'spa');
    const result = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      id: record.id,
      city: 'Toruń',
    });
    expect(result).toMatchObject({ ok: true, record: { city: 'Toruń', industry: 'spa' } });
    expect(rowOf(runtime, 'Customers', 2)).toMatchObject({ City: 'Toruń', Industry: 'spa' });
  });
});

describe('an id held by two rows is reported and refused (§3)', () => {
  function twoRowsOneId() {
    const runtime = setUp();
    const first = saved(call(runtime, 'saveRecord', 'customers', hotel));
    saved(call(runtime, 'saveRecord', 'customers', { name: 'Bob', email: 'bob@example.com' }));
    // Row hints are warm: the record was just opened.
    expect(call<AnyRecord>(runtime, 'getRecord', 'customers', first.id)).toMatchObject({
      name: 'Hotel Wawel',
    });
    // A user copies Hotel Wawel's row over Bob's and types another name over it.
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    sheet.rows[2] = structuredClone(sheet.rows[1]);
    runtime.userEdit('Customers', cellOf(runtime, 'Customers', 'Name', 3), 'Hotel Pod Różą');
    return { runtime, id: String(first.id) };
  }

  const bothRows = /Rows 2 and 3 of the Customers tab hold the same id/;

  it('Check the tabs names both rows', () => {
    const { runtime, id } = twoRowsOneId();
    const problems = call<Problem[]>(runtime, 'getProblems');
    expect(problems.filter((p) => p.column === 'ID')).toEqual([
      {
        tab: 'Customers',
        row: 2,
        column: 'ID',
        message: expect.stringContaining(`${id} is also in row 3`),
      },
      {
        tab: 'Customers',
        row: 3,
        column: 'ID',
        message: expect.stringContaining(`${id} is also in row 2`),
      },
    ]);
  });

  it('open (record and card), save, archive and restore by that id are refused once a list has seen both', () => {
    const { runtime, id } = twoRowsOneId();
    const list = call<{ total: number }>(runtime, 'listRecords', 'customers', {});
    expect(list.total).toBe(2);
    const before = tab(runtime, 'Customers');
    for (const opened of [
      run(runtime, 'getRecord', 'customers', id),
      run(runtime, 'getCustomerCard', id),
    ]) {
      expect(opened.ok).toBe(false);
      expect(opened.error?.message).toMatch(bothRows);
    }
    const refusals = [
      call<SaveResult>(runtime, 'saveRecord', 'customers', { id, city: 'Gdańsk' }),
      call<SaveResult>(runtime, 'archiveRecord', 'customers', id),
      call<SaveResult>(runtime, 'restoreRecord', 'customers', id),
    ];
    for (const refused of refusals) {
      expect(refused).toEqual({ ok: false, error: expect.stringMatching(bothRows) });
    }
    expect(tab(runtime, 'Customers')).toEqual(before);
  });

  it('is refused with a cold cache, and from the row under the cursor', () => {
    const { runtime, id } = twoRowsOneId();
    // Seven hours on, the document cache has forgotten every row hint.
    runtime.setNow(new Date('2026-03-02T16:00:00Z'));
    const saving = call<SaveResult>(runtime, 'saveRecord', 'customers', { id, city: 'Gdańsk' });
    expect(saving).toEqual({ ok: false, error: expect.stringMatching(bothRows) });
    runtime.state.activeSheetIndex = runtime.state.sheets.findIndex((s) => s.name === 'Customers');
    runtime.state.activeCell = 'B3';
    const active = run(runtime, 'getActiveRecord');
    expect(active.ok).toBe(false);
    expect(active.error?.message).toMatch(bothRows);
  });

  it('works again once the copy has its own id', () => {
    const { runtime, id } = twoRowsOneId();
    call(runtime, 'getProblems');
    runtime.userEdit('Customers', cellOf(runtime, 'Customers', 'ID', 3), '');
    const setup = run(runtime, 'setupTabs');
    expect(setup.ok).toBe(true);
    expect(
      call<SaveResult>(runtime, 'saveRecord', 'customers', { id, city: 'Gdańsk' }),
    ).toMatchObject({
      ok: true,
      record: { name: 'Hotel Wawel', city: 'Gdańsk' },
    });
    expect(rowOf(runtime, 'Customers', 3)).toMatchObject({
      Name: 'Hotel Pod Różą',
      City: 'Kraków',
    });
  });
});

describe('a record with a hand-typed bad cell stays findable', () => {
  it('is listed, searched, opened and carded with that field left out and the cell named', () => {
    const runtime = setUp();
    const record = saved(call(runtime, 'saveRecord', 'customers', hotel));
    pasteInto(runtime, 'Customers', 'Birthday', 2, 'next week');

    const boot = call<{ firstPage: { items: AnyRecord[] } }>(runtime, 'getSidebarBootstrap');
    expect(boot.firstPage.items.map((r) => r.name)).toEqual(['Hotel Wawel']);
    const index = call<{ customers: { rows: unknown[][] } }>(runtime, 'getCustomerIndex');
    expect(index.customers.rows).toHaveLength(1);
    const found = call<{ items: AnyRecord[] }>(runtime, 'listRecords', 'customers', {
      text: 'wawel',
    });
    expect(found.items.map((r) => r.id)).toEqual([record.id]);

    const opened = call<AnyRecord>(runtime, 'getRecord', 'customers', record.id);
    expect(opened).toMatchObject({ name: 'Hotel Wawel', city: 'Kraków' });
    expect(opened).not.toHaveProperty('birthday');

    const card = call<{ customer: AnyRecord; problems?: Problem[] }>(
      runtime,
      'getCustomerCard',
      record.id,
    );
    expect(card.customer.name).toBe('Hotel Wawel');
    expect(card.problems).toEqual([
      expect.objectContaining({ tab: 'Customers', row: 2, column: 'Birthday' }),
    ]);
    // The cell is the user's to fix: nothing Kartoteka read or showed changed it.
    expect(rowOf(runtime, 'Customers', 2)).toMatchObject({ Birthday: 'next week' });
  });
});
