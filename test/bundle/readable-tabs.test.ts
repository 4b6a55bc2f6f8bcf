/**
 * Issue 14 item 3, through the built bundle: tabs a person can read by hand. A reference
 * column has the referenced record's title beside it, kept current on renames (by a save at
 * once, by the lifecycle recompute for names edited in the tab); ids are last and narrow in
 * new tabs; Created/Updated are date-times in the spreadsheet's zone that read back as the
 * instant written; and Setup on a workbook from before all this moves and loses nothing.
 */
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import type { CellState } from '../../src/local/emulator/state.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import { ENTITIES, type AnyRecord, type EntityName } from '../../src/domain/schema.ts';
import type { SaveResult, SetupReport } from '../../src/domain/api-types.ts';
import { NOW, call, saved, setUp, sheetOf } from './workbook.ts';

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

function headerOf(runtime: LocalRuntime, name: string): string[] {
  return (sheetOf(runtime, name).rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
}

/** The stored cell of a record's column, found by the record's id and the header. */
function cellOf(runtime: LocalRuntime, name: string, id: string, header: string): CellState {
  const sheet = sheetOf(runtime, name);
  const headers = headerOf(runtime, name);
  const row = sheet.rows.find((cells) => cells?.[headers.indexOf('ID')]?.v === id);
  return row?.[headers.indexOf(header)] ?? {};
}

const textOf = (runtime: LocalRuntime, tab: string, id: string, header: string) =>
  String(cellOf(runtime, tab, id, header).v ?? '');

function customer(runtime: LocalRuntime, name: string, email: string): AnyRecord {
  return saved(call(runtime, 'saveRecord', 'customers', { name, email }));
}

describe('reference columns have a readable companion', () => {
  it('a new deal, contact and activity show the customer name beside Customer ID', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna Nowak', 'anna@example.com');
    const deal = saved(
      call(runtime, 'saveRecord', 'deals', {
        customerId: anna.id,
        title: 'Kitchen',
        stage: 'lead',
      }),
    );
    const contact = saved(
      call(runtime, 'saveRecord', 'contacts', {
        customerId: anna.id,
        name: 'Piotr',
        email: 'piotr@example.com',
      }),
    );
    const activity = saved(
      call(runtime, 'logActivity', {
        customerId: anna.id,
        dealId: deal.id,
        type: 'call',
        date: '2026-03-02',
        summary: 'Called about the kitchen',
      }),
    );
    for (const tab of ['Deals', 'Contacts', 'Activity']) {
      const header = headerOf(runtime, tab);
      expect(header.indexOf('Customer name'), tab).toBe(header.indexOf('Customer ID') + 1);
    }
    expect(textOf(runtime, 'Deals', String(deal.id), 'Customer name')).toBe('Anna Nowak');
    expect(textOf(runtime, 'Contacts', String(contact.id), 'Customer name')).toBe('Anna Nowak');
    expect(textOf(runtime, 'Activity', String(activity.id), 'Customer name')).toBe('Anna Nowak');
    expect(textOf(runtime, 'Activity', String(activity.id), 'Deal title')).toBe('Kitchen');
    // The record the save returns says what the row says.
    expect(deal.customerIdTitle).toBe('Anna Nowak');
  });

  it('renaming the customer updates every row that shows its name, and only those', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna Nowak', 'anna@example.com');
    const bob = customer(runtime, 'Bob Lis', 'bob@example.com');
    const deals = ['Kitchen', 'Bathroom'].map((title) =>
      saved(call(runtime, 'saveRecord', 'deals', { customerId: anna.id, title, stage: 'lead' })),
    );
    const bobs = saved(
      call(runtime, 'saveRecord', 'deals', { customerId: bob.id, title: 'Garden', stage: 'lead' }),
    );
    const referred = saved(
      call(runtime, 'saveRecord', 'customers', {
        name: 'Cleo',
        email: 'cleo@example.com',
        referredBy: anna.id,
      }),
    );
    expect(textOf(runtime, 'Customers', String(referred.id), 'Referred by name')).toBe(
      'Anna Nowak',
    );
    const rename = runtime.run(
      'saveRecord',
      ['customers', { id: anna.id, name: 'Anna Kowalska' }],
      {
        source: 'script-run',
      },
    );
    expect(rename.value).toMatchObject({ ok: true });
    for (const deal of deals) {
      expect(textOf(runtime, 'Deals', String(deal.id), 'Customer name')).toBe('Anna Kowalska');
    }
    expect(textOf(runtime, 'Deals', String(bobs.id), 'Customer name')).toBe('Bob Lis');
    expect(textOf(runtime, 'Customers', String(referred.id), 'Referred by name')).toBe(
      'Anna Kowalska',
    );
    // The rename's own write carries the companions: one batchUpdate in all.
    expect(rename.counts.byMethod['Sheets.Spreadsheets.Values.batchUpdate']).toBe(1);
    // A save that does not rename reads no referring column.
    const edit = runtime.run('saveRecord', ['customers', { id: anna.id, city: 'Kraków' }], {
      source: 'script-run',
    });
    expect(edit.counts.spreadsheetCalls).toBeLessThan(rename.counts.spreadsheetCalls);
  });

  it('the lifecycle recompute heals names edited in the tab and companions typed over', () => {
    const runtime = setUp();
    const anna = customer(runtime, 'Anna Nowak', 'anna@example.com');
    const deal = saved(
      call(runtime, 'saveRecord', 'deals', {
        customerId: anna.id,
        title: 'Kitchen',
        stage: 'lead',
      }),
    );
    const other = saved(
      call(runtime, 'saveRecord', 'deals', { customerId: anna.id, title: 'Hall', stage: 'lead' }),
    );
    // A user renames Anna in the Customers tab and types over one deal's companion.
    const customers = headerOf(runtime, 'Customers');
    runtime.userEdit('Customers', `${columnLetters(customers.indexOf('Name') + 1)}2`, 'Anna Lis');
    const deals = headerOf(runtime, 'Deals');
    const companion = columnLetters(deals.indexOf('Customer name') + 1);
    runtime.userEdit('Deals', `${companion}3`, 'someone');
    const run = runtime.run('recalculateLifecycle', [], { source: 'menu' });
    expect(run.ok, run.error?.message).toBe(true);
    expect(textOf(runtime, 'Deals', String(deal.id), 'Customer name')).toBe('Anna Lis');
    expect(textOf(runtime, 'Deals', String(other.id), 'Customer name')).toBe('Anna Lis');
    // Nothing left to heal: the next run writes no companion.
    const before = structuredClone(sheetOf(runtime, 'Deals').rows);
    const again = runtime.run('recalculateLifecycle', [], { source: 'menu' });
    expect(again.ok).toBe(true);
    expect(sheetOf(runtime, 'Deals').rows).toEqual(before);
  });
});

describe('a fresh Set up tabs', () => {
  it('puts ID last and narrow in every tab, companions beside their references', () => {
    const runtime = setUp();
    for (const spec of Object.values(ENTITIES)) {
      if (!spec.fields.some((f) => f.key === 'id')) continue;
      const header = headerOf(runtime, spec.tab);
      const id = header.indexOf('ID');
      expect(id, spec.tab).toBe(header.length - 1);
      expect(sheetOf(runtime, spec.tab).columnWidths[id + 1], spec.tab).toBeLessThanOrEqual(60);
      for (const field of spec.fields.filter((f) => f.kind === 'refTitle')) {
        const ref = spec.fields.find((f) => f.key === field.titleOf)!;
        expect(header.indexOf(field.header), `${spec.tab} ${field.header}`).toBe(
          header.indexOf(ref.header) + 1,
        );
      }
    }
  });
});

describe('Created and Updated are date-times in the spreadsheet time zone', () => {
  it('are numbers with a date-time format that read back as the instant saved', () => {
    const runtime = setUp();
    expect(runtime.state.timeZone).toBe('Europe/Warsaw');
    const anna = customer(runtime, 'Anna Nowak', 'anna@example.com');
    expect(anna.created).toBe(NOW.toISOString());
    for (const header of ['Created', 'Updated']) {
      const cell = cellOf(runtime, 'Customers', String(anna.id), header);
      expect(typeof cell.v).toBe('number');
      expect(cell.nf).toBe('yyyy-mm-dd hh:mm');
      // Warsaw is UTC+1 in March: 09:00Z is 10:00 on the sheet's wall clock.
      expect(new Date(SERIAL_EPOCH + Number(cell.v) * DAY).toISOString()).toBe(
        '2026-03-02T10:00:00.000Z',
      );
    }
    // With milliseconds, and in summer time (UTC+2).
    runtime.setNow(new Date('2026-07-15T21:59:58.123Z'));
    const edited = saved(
      call(
        runtime,
        'saveRecord',
        'customers',
        { id: anna.id, city: 'Gdańsk' },
        {
          expectedUpdated: anna.updated,
        },
      ),
    );
    expect(edited.updated).toBe('2026-07-15T21:59:58.123Z');
    const shown = cellOf(runtime, 'Customers', String(anna.id), 'Updated').v;
    expect(new Date(SERIAL_EPOCH + Number(shown) * DAY).toISOString()).toBe(
      '2026-07-15T23:59:58.123Z',
    );
    const read = call<AnyRecord>(runtime, 'getRecord', 'customers', anna.id);
    expect(read).toMatchObject({ created: anna.created, updated: edited.updated });
    // The stale check compares what was read with what is there: the same text.
    const again = call<SaveResult>(
      runtime,
      'saveRecord',
      'customers',
      { id: anna.id, city: 'Sopot' },
      { expectedUpdated: read.updated },
    );
    expect(again.ok).toBe(true);
    // The whole-sheet reads (the card's list, the jobs) give the same instants.
    const list = call<{ items: AnyRecord[] }>(runtime, 'listRecords', 'customers', {});
    expect(list.items[0]?.created).toBe(anna.created);
  });
});

describe('Set up tabs on a workbook from before readable tabs', () => {
  /** Customers and Deals as an older Kartoteka made them: ID first, no companions, ISO text. */
  function oldWorkbook(): { runtime: LocalRuntime; anna: string; deal: string } {
    const runtime = setUp();
    const anna = 'a0000000-0000-4000-a000-000000000001';
    const deal = 'd0000000-0000-4000-a000-000000000001';
    const stamp = '2025-11-26T12:12:44.020Z';
    const old = (entity: EntityName, values: Record<string, string>) => {
      const spec = ENTITIES[entity];
      const fields = spec.fields.filter((f) => f.kind !== 'refTitle');
      const ordered = [
        fields.find((f) => f.key === 'id')!,
        ...fields.filter((f) => f.key !== 'id'),
      ];
      const sheet = sheetOf(runtime, spec.tab);
      sheet.rows = [
        ordered.map((f) => ({ v: f.header, bold: true })),
        ordered.map((f) => (values[f.key] ? { v: values[f.key], nf: '@' } : null)),
      ];
      sheet.columnWidths = { 1: 110 };
    };
    const stamps = { created: stamp, updated: stamp, createdBy: 'ana@example.com' };
    old('customers', { id: anna, name: 'Anna Nowak', email: 'anna@example.com', ...stamps });
    old('deals', { id: deal, customerId: anna, title: 'Kitchen', stage: 'won', ...stamps });
    delete runtime.state.properties.document['kartoteka.setup.v1'];
    return { runtime, anna, deal };
  }

  it('moves and loses nothing, adds the companions at the end and makes stamps date-times', () => {
    const { runtime, anna, deal } = oldWorkbook();
    const before = {
      Customers: structuredClone(sheetOf(runtime, 'Customers').rows),
      Deals: structuredClone(sheetOf(runtime, 'Deals').rows),
    };
    const report = call<SetupReport>(runtime, 'setupTabs');
    expect(report.addedColumns.map((c) => `${c.tab}: ${c.header}`)).toEqual(
      expect.arrayContaining([
        'Customers: Referred by name',
        'Deals: Customer name',
        'Deals: Contact name',
        'Deals: Service name',
      ]),
    );
    for (const [tab, rows] of Object.entries(before)) {
      const now = sheetOf(runtime, tab).rows;
      const header = rows[0]!.map((c) => String(c?.v));
      expect(sheetOf(runtime, tab).columnWidths[1]).toBe(110); // the old ID column kept its width
      rows.forEach((cells, r) =>
        (cells ?? []).forEach((cell, c) => {
          if (r > 0 && /^(Created|Updated)$/.test(header[c])) {
            // The same instant, now a date-time on the Warsaw wall clock (UTC+1 in November).
            expect(now[r]?.[c]?.nf).toBe('yyyy-mm-dd hh:mm');
            expect(new Date(SERIAL_EPOCH + Number(now[r]?.[c]?.v) * DAY).toISOString()).toBe(
              '2025-11-26T13:12:44.020Z',
            );
          } else {
            expect(now[r]?.[c]?.v, `${tab} ${header[c]} row ${r + 1}`).toEqual(cell?.v);
          }
        }),
      );
    }
    expect(call<AnyRecord>(runtime, 'getRecord', 'deals', deal)).toMatchObject({
      customerId: anna,
      title: 'Kitchen',
      created: '2025-11-26T12:12:44.020Z',
      updated: '2025-11-26T12:12:44.020Z',
    });
    // The companions of old rows are filled by the next recompute.
    expect(call(runtime, 'recalculateLifecycle')).toBeTruthy();
    expect(textOf(runtime, 'Deals', deal, 'Customer name')).toBe('Anna Nowak');
    // A second Setup changes nothing.
    const state = structuredClone(runtime.state.sheets);
    call(runtime, 'setupTabs');
    expect(runtime.state.sheets).toEqual(state);
  });
});
