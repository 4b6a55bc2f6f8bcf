/**
 * The Sheets advanced service inside the runtime: a global only when appsscript.json
 * enables it (https://developers.google.com/apps-script/guides/services/advanced), counted
 * and priced as Spreadsheet calls, held to strict-lock mode and to the user's grant.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COST_MODEL } from '../../../src/local/emulator/execution';
import { newWorkbookState } from '../../../src/local/emulator/state';
import { createRuntime } from '../../../src/local/runtime';

const SCOPE = 'https://www.googleapis.com/auth/';
const SHEETS_V4 = { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' };
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PROBE = `
function hasSheets() { return typeof Sheets; }
function idOf() { return SpreadsheetApp.getActiveSpreadsheet().getId(); }
function readAll(id) {
  return Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Sheet1!A1:B2'] }).valueRanges[0].values;
}
function writeUnlocked(id) {
  return Sheets.Spreadsheets.Values.update({ values: [['x']] }, id, 'Sheet1!A1', {
    valueInputOption: 'RAW',
  }).updatedCells;
}
function writeLocked(id) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(5000);
  Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Sheet1!A1'] });
  Sheets.Spreadsheets.Values.update({ values: [['locked']] }, id, 'Sheet1!B1', {
    valueInputOption: 'RAW',
  });
  lock.releaseLock();
  return 'done';
}
function badRange(id) {
  try {
    Sheets.Spreadsheets.Values.get(id, 'Nowhere!A1');
  } catch (e) {
    return e.name + ' | ' + e.message;
  }
}
function appendRow(id, value) {
  return Sheets.Spreadsheets.Values.append({ values: [[value]] }, id, 'Sheet1!A1', {
    valueInputOption: 'RAW',
  }).updates.updatedRange;
}
function appendLocked(id, value) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(5000);
  var range = appendRow(id, value);
  lock.releaseLock();
  return range;
}
function customSymbol(id) { return SheetsApi.Spreadsheets.get(id).sheets.length; }
`;

function project(manifest: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-sheets-api-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'Code.js'), PROBE);
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return join(dir, 'Code.js');
}

function runtimeWith(manifest: object) {
  const workbook = newWorkbookState({ id: 'book-1' });
  workbook.sheets[0].rows = [[{ v: 'a' }, { v: 'b' }], [{ v: 'c' }]];
  return createRuntime({
    codePath: project(manifest),
    workbook,
    now: new Date('2026-03-04T10:00:00Z'),
  });
}

const ENABLED = {
  timeZone: 'Europe/Warsaw',
  dependencies: { enabledAdvancedServices: [SHEETS_V4] },
  oauthScopes: [`${SCOPE}spreadsheets`],
};

describe('the Sheets global', () => {
  it('exists only when the manifest enables the advanced service', () => {
    expect(runtimeWith(ENABLED).run('hasSheets').value).toBe('object');
    const off = runtimeWith({ timeZone: 'Europe/Warsaw', dependencies: {} });
    expect(off.run('hasSheets').value).toBe('undefined');
    const result = off.run('readAll', ['book-1']);
    expect(result.error).toMatchObject({
      name: 'ReferenceError',
      message: 'Sheets is not defined',
    });
  });

  it('takes the name the manifest gives it (userSymbol)', () => {
    const runtime = runtimeWith({
      ...ENABLED,
      dependencies: { enabledAdvancedServices: [{ ...SHEETS_V4, userSymbol: 'SheetsApi' }] },
    });
    expect(runtime.run('customSymbol', ['book-1']).value).toBe(1);
  });

  it('is one priced Spreadsheet call per batch, with the cells it carries', () => {
    const result = runtimeWith(ENABLED).run('readAll', ['book-1']);
    expect(result.value).toEqual([['a', 'b'], ['c']]);
    expect(result.counts.toJSON()).toMatchObject({
      byMethod: { 'Sheets.Spreadsheets.Values.batchGet': 1 },
      spreadsheetCalls: 1,
      cellsRead: 3,
    });
    expect(result.counts.modelledMs).toBeCloseTo(COST_MODEL.firstReadMs + 3 * COST_MODEL.perCellMs);
  });

  it('throws GoogleJsonResponseException into the script', () => {
    expect(runtimeWith(ENABLED).run('badRange', ['book-1']).value).toBe(
      'GoogleJsonResponseException | API call to sheets.spreadsheets.values.get failed with ' +
        'error: Unable to parse range: Nowhere!A1',
    );
  });
});

describe('writes through the Sheets API', () => {
  it('are refused in strict-lock mode without the document lock while another run is in flight', () => {
    const runtime = runtimeWith(ENABLED);
    const { outer, inner } = runtime.interleave(
      { functionName: 'writeLocked', args: ['book-1'] },
      'Sheets.Spreadsheets.Values.batchGet',
      { functionName: 'writeUnlocked', args: ['book-1'] },
    );
    expect(outer.ok).toBe(true);
    expect(inner.ok).toBe(false);
    expect(inner.error?.message).toMatch(
      /^Strict-lock mode: Sheets\.Spreadsheets\.Values\.update Sheet1!A1 was written without the document lock/,
    );
    expect(runtime.state.sheets[0].rows[0]?.[0]).toEqual({ v: 'a' });
    expect(runtime.state.sheets[0].rows[0]?.[1]).toEqual({ v: 'locked' });
  });

  it('are carried out when the call arrives: an append made meanwhile is not overwritten', () => {
    const runtime = runtimeWith(ENABLED);
    const { outer, inner } = runtime.interleave(
      { functionName: 'appendRow', args: ['book-1', 'outer'] },
      'Sheets.Spreadsheets.Values.append',
      { functionName: 'appendLocked', args: ['book-1', 'inner'] },
    );
    expect([inner.value, outer.value]).toEqual(['Sheet1!A3', 'Sheet1!A4']);
    expect(runtime.state.sheets[0].rows.map((row) => row?.[0]?.v)).toEqual([
      'a',
      'c',
      'inner',
      'outer',
    ]);
  });

  it("need the user's grant of a spreadsheets scope", () => {
    const runtime = runtimeWith(ENABLED);
    expect(runtime.run('writeUnlocked', ['book-1']).value).toBe(1);
    runtime.revokeAuthorization('owner@example.com');
    expect(
      runtime.run('writeUnlocked', ['book-1'], { source: 'time-trigger' }).error?.message,
    ).toBe('Authorization is required to perform that action.');
    const unscoped = runtimeWith({ ...ENABLED, oauthScopes: [`${SCOPE}userinfo.email`] });
    expect(unscoped.run('readAll', ['book-1']).error?.message).toMatch(
      /^Specified permissions are not sufficient to call Sheets\.Spreadsheets\.Values\.batchGet\./,
    );
  });
});
