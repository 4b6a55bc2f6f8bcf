/**
 * The cost model (src/local/emulator/cost-model.ts) against the published figures it is
 * built from, call by call, and through the runtime with a probe script.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COST_KINDS,
  COST_MODEL,
  CostMeter,
  userPerceivedMs,
} from '../../src/local/emulator/cost-model.ts';
import { createRuntime } from '../../src/local/runtime.ts';

const SHEET = 7;

function meter(): CostMeter {
  return new CostMeter();
}

describe('cost model, call by call', () => {
  it('prices accessors at ~0', () => {
    const m = meter();
    for (const [service, method] of [
      ['SpreadsheetApp', 'getActiveSpreadsheet'],
      ['Spreadsheet', 'getSheetByName'],
      ['Spreadsheet', 'getSheets'],
      ['Sheet', 'getRange'],
      ['Sheet', 'getLastRow'],
      ['Sheet', 'getDataRange'],
      ['Range', 'offset'],
      ['DataValidationBuilder', 'requireValueInList'],
    ]) {
      expect(m.charge(service, method, { sheetId: SHEET })).toBe(0);
    }
    expect(m.byKind.accessor).toBe(0);
  });

  it('charges the first read of a sheet more than a later read of the same sheet', () => {
    const m = meter();
    const first = m.charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 1000 });
    const second = m.charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 1000 });
    expect(first).toBeCloseTo(175 + 1000 * COST_MODEL.perCellMs);
    expect(second).toBeLessThan(first / 5);
    // Another sheet is fetched anew.
    expect(m.charge('Range', 'getValues', { sheetId: SHEET + 1, cellsRead: 1000 })).toBe(first);
    expect(m.byKind.read).toBeCloseTo(first * 2 + second);
  });

  it('prices every Sheets advanced-service call as a request of its own, reads and writes', () => {
    const m = meter();
    const read = () => m.charge('Sheets', 'Spreadsheets.Values.batchGet', { cellsRead: 100 });
    expect(read()).toBeCloseTo(COST_MODEL.apiRequestMs + 100 * COST_MODEL.perCellMs);
    // No look-ahead cache: the second read is a request too.
    expect(read()).toBeCloseTo(COST_MODEL.apiRequestMs + 100 * COST_MODEL.perCellMs);
    // A write is committed by its own request, not deferred to a flush.
    const write = m.charge('Sheets', 'Spreadsheets.Values.batchUpdate', { cellsWritten: 35 });
    expect(write).toBeCloseTo(COST_MODEL.apiRequestMs + 35 * COST_MODEL.perCellMs);
    expect(m.charge('SpreadsheetApp', 'flush')).toBe(COST_MODEL.flushMs);
    expect(m.byKind.write).toBeCloseTo(write);
    expect(m.byKind.flush).toBe(COST_MODEL.flushMs);
  });

  it('adds a per-cell term to reads', () => {
    const small = meter().charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 10 });
    const large = meter().charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 100_000 });
    expect(large - small).toBeCloseTo((100_000 - 10) * COST_MODEL.perCellMs);
  });

  it('writes: one setValues of 4,000 cells under 50 ms; row by row ~4×; cell by cell far slower', () => {
    const single = meter().charge('Range', 'setValues', { sheetId: SHEET, cellsWritten: 4000 });
    expect(single).toBeLessThan(50);
    const rows = meter();
    for (let r = 0; r < 400; r++) rows.charge('Range', 'setValues', { cellsWritten: 10 });
    // Stack Overflow measurement: 400 row writes in 164 ms, one setValues 75 % faster.
    expect(rows.byKind.write).toBeGreaterThan(140);
    expect(rows.byKind.write).toBeLessThan(190);
    expect(rows.byKind.write / single).toBeGreaterThan(3);
    const cells = meter();
    for (let c = 0; c < 4000; c++) cells.charge('Range', 'setValue', { cellsWritten: 1 });
    expect(cells.byKind.write / rows.byKind.write).toBeGreaterThan(5);
  });

  it('flush costs by pending writes: ~30 ms for a small one, ~0.56 s for 4,000 cells', () => {
    const small = meter();
    small.charge('Range', 'setValues', { sheetId: SHEET, cellsWritten: 10 });
    expect(small.charge('SpreadsheetApp', 'flush')).toBeGreaterThan(25);
    expect(small.byKind.flush).toBeLessThan(35);
    const many = meter();
    many.charge('Range', 'setValues', { sheetId: SHEET, cellsWritten: 4000 });
    const flush = many.charge('SpreadsheetApp', 'flush');
    expect(flush).toBeGreaterThan(500);
    expect(flush).toBeLessThan(620);
    // Nothing left to commit.
    expect(many.charge('SpreadsheetApp', 'flush')).toBe(COST_MODEL.flushMs);
  });

  it('a read commits pending writes first, and reads the written sheet anew', () => {
    const m = meter();
    m.charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 100 });
    m.charge('Range', 'setValues', { sheetId: SHEET, cellsWritten: 100 });
    const reread = m.charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 100 });
    expect(m.byKind.flush).toBeCloseTo(COST_MODEL.flushMs + 100 * COST_MODEL.flushPerPendingCellMs);
    expect(reread - m.byKind.flush).toBeCloseTo(175 + 100 * COST_MODEL.perCellMs);
  });

  it('Properties ~30 ms a get and ~60 ms a set; Cache ~3 ms a get and ~90 ms a put', () => {
    expect([
      COST_MODEL.propertyReadMs,
      COST_MODEL.propertyWriteMs,
      COST_MODEL.cacheGetMs,
      COST_MODEL.cachePutMs,
    ]).toEqual([30, 60, 3, 90]);
    const m = meter();
    m.charge('Properties', 'getProperty', { costMs: COST_MODEL.propertyReadMs });
    m.charge('Cache', 'put', { costMs: COST_MODEL.cachePutMs });
    expect(m.byKind).toMatchObject({ properties: 30, cache: 90 });
  });

  it('prices a TextFinder search as a small constant plus a small per-cell term', () => {
    const m = meter();
    expect(m.charge('Range', 'createTextFinder', { sheetId: SHEET })).toBe(0);
    expect(m.charge('TextFinder', 'matchCase')).toBe(0);
    const small = m.charge('TextFinder', 'findAll', { sheetId: SHEET, cellsRead: 10 });
    const large = m.charge('TextFinder', 'findAll', { sheetId: SHEET, cellsRead: 100_000 });
    expect(small).toBeCloseTo(COST_MODEL.searchCallMs + 10 * COST_MODEL.searchPerCellMs);
    // Cheaper than fetching the same cells into the script.
    expect(large).toBeLessThan(meter().charge('Range', 'getValues', { cellsRead: 100_000 }));
    expect(m.byKind.search).toBeCloseTo(small + large);
  });

  it('user-perceived time is the google.script.run round trip plus the server time', () => {
    expect(COST_MODEL.scriptRunRoundTripMs).toBeGreaterThanOrEqual(1000);
    expect(COST_MODEL.scriptRunRoundTripMs).toBeLessThanOrEqual(5000);
    expect(userPerceivedMs(400)).toBe(COST_MODEL.scriptRunRoundTripMs + 400);
  });

  it('the kinds add up to the total', () => {
    const m = meter();
    m.charge('Range', 'getValues', { sheetId: SHEET, cellsRead: 50 });
    m.charge('Sheet', 'insertRowsAfter', { sheetId: SHEET });
    m.charge('Properties', 'setProperty', { costMs: 60 });
    m.charge('SpreadsheetApp', 'flush');
    expect(COST_KINDS.reduce((sum, kind) => sum + m.byKind[kind], 0)).toBeCloseTo(m.totalMs);
    expect(m.byKind.write).toBeGreaterThan(0);
  });
});

describe('cost model through the runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-cost-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const code = join(dir, 'probe.js');
  writeFileSync(
    code,
    `
function readTwice() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange('A1:B10').getValues();
  sheet.getRange('A1:B10').getValues();
}
function accessorsOnly() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.getSheetByName('Sheet1').getRange('A1').getA1Notation();
  ss.getSheets()[0].getLastRow();
}
`,
  );

  it('knows which sheet a Range reads: the second read of it is cheap', () => {
    const result = createRuntime({ codePath: code }).run('readTwice');
    expect(result.ok).toBe(true);
    const expected = 175 + 20 * COST_MODEL.perCellMs + COST_MODEL.cachedReadMs + 0.2;
    expect(result.counts.modelledMs).toBeCloseTo(expected);
    expect(result.counts.toJSON().modelledByKind).toMatchObject({ read: 176, accessor: 0 });
  });

  it('an execution of accessors only costs ~0', () => {
    expect(createRuntime({ codePath: code }).run('accessorsOnly').modelledMs).toBe(0);
  });
});
