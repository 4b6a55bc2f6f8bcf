/**
 * Issue 9 §12 through the built bundle: text that starts with an apostrophe ("'s-Hertogenbosch",
 * a note quoting someone) is a value like any other — stored with its apostrophe and read back
 * the same, whichever way Kartoteka writes it. Sheets takes a leading apostrophe in typed or
 * parsed input (Range.setValue/setValues, USER_ENTERED) as the "keep as text" prefix, not as
 * part of the value, while RAW writes store the string as given (src/server/sheet/typed-text.ts
 * cites Google's pages); the local runtime emulates both.
 */
import { describe, expect, it } from 'vitest';
import type { CommitChunk } from '../../src/domain/import/types.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import { call, saved, setUp, tab } from './workbook.ts';

/** A Customers cell as stored, by the row's name and the column's header. */
function stored(runtime: LocalRuntime, name: string, header: string): unknown {
  const rows = tab(runtime, 'Customers');
  const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
  const row = rows.findIndex((cells) => cells[rows[0].indexOf('Name')] === name);
  return sheet.rows[row]?.[rows[0].indexOf(header)]?.v;
}

function importCustomers(runtime: LocalRuntime, rows: string[][]): { importId: string } {
  const chunk: CommitChunk = {
    entity: 'customers',
    match: 'email',
    createMissingCustomers: false,
    mapping: [
      { to: 'field', key: 'name' },
      { to: 'field', key: 'email' },
      { to: 'field', key: 'notes' },
    ],
    header: ['Name', 'Email', 'Notes'],
    rows,
    rowNumbers: rows.map((_, i) => i + 2),
    offset: 0,
    total: rows.length,
  };
  return call(runtime, 'importCommit', chunk);
}

describe('a leading apostrophe is part of the value', () => {
  it('round-trips through a save, an edit and a read', () => {
    const runtime = setUp();
    const record = saved(
      call(runtime, 'saveRecord', 'customers', {
        name: "'t Hooft",
        email: 'hooft@example.com',
        notes: "'Call after 5' she said",
      }),
    );
    expect(record).toMatchObject({ name: "'t Hooft", notes: "'Call after 5' she said" });
    expect(stored(runtime, "'t Hooft", 'Notes')).toBe("'Call after 5' she said");
    const again = call<AnyRecord>(runtime, 'getRecord', 'customers', record.id);
    expect(again).toMatchObject({ name: "'t Hooft", notes: "'Call after 5' she said" });
    saved(call(runtime, 'saveRecord', 'customers', { id: record.id, city: "'s-Hertogenbosch" }));
    expect(call<AnyRecord>(runtime, 'getRecord', 'customers', record.id)).toMatchObject({
      name: "'t Hooft",
      city: "'s-Hertogenbosch",
    });
  });

  it('is kept by an import, and by the rows an import rewrites around the ones it changes', () => {
    const runtime = setUp();
    saved(call(runtime, 'saveRecord', 'customers', { name: 'Anna', email: 'anna@example.com' }));
    saved(
      call(runtime, 'saveRecord', 'customers', {
        name: "'t Hooft",
        email: 'hooft@example.com',
        notes: "'quoted'",
      }),
    );
    saved(call(runtime, 'saveRecord', 'customers', { name: 'Cezary', email: 'c@example.com' }));
    const done = importCustomers(runtime, [
      ['Anna', 'anna@example.com', "'first' note"],
      ['Cezary', 'c@example.com', 'second note'],
      ["'Dorota", 'dorota@example.com', "'new'"],
    ]);
    // The middle row was rewritten with what it held: its apostrophes are still there.
    expect(stored(runtime, "'t Hooft", 'Notes')).toBe("'quoted'");
    expect(stored(runtime, 'Anna', 'Notes')).toBe("'first' note");
    expect(stored(runtime, "'Dorota", 'Notes')).toBe("'new'");
    const list = call<{ items: AnyRecord[] }>(runtime, 'listRecords', 'customers', {});
    expect(list.items.map((c) => c.name).sort()).toEqual(["'Dorota", "'t Hooft", 'Anna', 'Cezary']);

    // Undo puts back what the rows held, apostrophes included.
    expect(call(runtime, 'undoImport', done.importId)).toMatchObject({ ok: true });
    expect(stored(runtime, 'Anna', 'Notes') ?? '').toBe('');
    expect(stored(runtime, "'t Hooft", 'Notes')).toBe("'quoted'");
  });
});

describe('a leading apostrophe in a setting', () => {
  it('is kept by the Settings form, on the row it saves and on the rows it rewrites between', () => {
    const runtime = setUp();
    const valueOf = (key: string) => {
      const sheet = runtime.state.sheets.find((s) => s.name === 'Settings')!;
      const row = sheet.rows.findIndex((cells) => cells?.[0]?.v === key);
      return sheet.rows[row]?.[1]?.v;
    };
    const first = call<{ ok: boolean }>(runtime, 'saveSettings', {
      birthdaySuggestion: "'Sto lat!' and a call",
    });
    expect(first.ok).toBe(true);
    expect(valueOf('birthdaySuggestion')).toBe("'Sto lat!' and a call");
    // A later save of the settings on both sides rewrites the row between with what it holds.
    const second = call<{ ok: boolean }>(runtime, 'saveSettings', {
      birthdayLeadDays: '5',
      birthdayMaxLateDays: '4',
    });
    expect(second.ok).toBe(true);
    expect([valueOf('birthdayLeadDays'), valueOf('birthdayMaxLateDays')]).toEqual(['5', '4']);
    expect(valueOf('birthdaySuggestion')).toBe("'Sto lat!' and a call");
  });
});
