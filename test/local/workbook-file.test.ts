import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadWorkbook,
  openOrCreateWorkbook,
  resolveWorkbookPath,
  saveWorkbook,
  WorkbookFileError,
} from '../../src/local/workbook-file.ts';
import { newWorkbookState } from '../../src/local/emulator/state.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kartoteka-wb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('workbook file', () => {
  it('round-trips every part of the state', () => {
    const state = newWorkbookState({ id: 'wb-1', timeZone: 'America/New_York' });
    const sheet = state.sheets[0];
    sheet.rows[2] = [
      null,
      { v: 45000, nf: 'yyyy-mm-dd', note: 'when' },
      { f: '=A1', v: '#ERROR!' },
    ];
    sheet.frozenRows = 1;
    sheet.columnWidths[3] = 180;
    sheet.validations.B3 = {
      criteria: { type: 'VALUE_IN_LIST', values: ['a', 'b'], showDropdown: true },
      allowInvalid: false,
    };
    sheet.protections.push({ range: 'A1:A1000', description: 'ids', warningOnly: true });
    state.properties.document.spreadsheetId = 'wb-1';
    state.properties.user['ana@example.com'] = { digest: 'on' };
    state.outbox.push({
      sentAt: '2026-01-01T08:00:00.000Z',
      from: 'a@x.pl',
      to: 'b@x.pl',
      subject: 's',
      body: 'b',
    });
    const path = join(dir, 'w.json');
    saveWorkbook(path, state);
    // Holes of the sparse row arrays come back as null: both mean a blank row or cell.
    expect(loadWorkbook(path)).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('leaves no temp file behind and replaces the previous version whole', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    saveWorkbook(path, newWorkbookState({ id: 'two' }));
    expect(readdirSync(dir)).toEqual(['w.json']);
    expect(loadWorkbook(path).id).toBe('two');
  });

  it('refuses a corrupt file with a clear message and never overwrites it', () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, '{"format": "kartoteka-workbook", "sheets": [');
    expect(() => openOrCreateWorkbook(path)).toThrow(WorkbookFileError);
    expect(() => loadWorkbook(path)).toThrow(/not valid JSON.*left untouched/);
    expect(readFileSync(path, 'utf8')).toBe('{"format": "kartoteka-workbook", "sheets": [');
  });

  it('refuses JSON that is not a workbook, naming the bad field', () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, JSON.stringify({ ...newWorkbookState({ id: 'x' }), timeZone: 5 }));
    expect(() => loadWorkbook(path)).toThrow(/not a Kartoteka workbook: timeZone/);
  });

  it('creates a new workbook when the file does not exist', () => {
    const path = join(dir, 'new.json');
    const { state, created } = openOrCreateWorkbook(path);
    expect(created).toBe(true);
    expect(state.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(openOrCreateWorkbook(path)).toEqual({ state, created: false });
  });

  it('resolves the path from --workbook, then the environment, then the default', () => {
    expect(resolveWorkbookPath(['--workbook', 'a.json'], {}, '/w')).toBe('/w/a.json');
    expect(resolveWorkbookPath(['--workbook=/abs/b.json'], {}, '/w')).toBe('/abs/b.json');
    expect(resolveWorkbookPath([], { KARTOTEKA_WORKBOOK: 'c.json' }, '/w')).toBe('/w/c.json');
    expect(resolveWorkbookPath([], {}, '/w')).toBe('/w/kartoteka.workbook.json');
    expect(() => resolveWorkbookPath(['--workbook'], {}, '/w')).toThrow(/needs a path/);
  });
});
