/**
 * The dev server skips serialising the workbook after a call judged unable to change it.
 * That judgement must never be wrong: checked here against the bytes a save would write,
 * for Kartoteka's own entry points.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DIST } from '../../scripts/build.ts';
import { createRuntime } from '../../src/local/runtime.ts';
import {
  callMayChangeWorkbook,
  executionMayChangeWorkbook,
} from '../../src/local/workbook-changes.ts';
import { encodeWorkbook } from '../../src/local/workbook-format.ts';

describe('which calls may change the workbook', () => {
  it('getters, finders and services kept outside the workbook cannot', () => {
    for (const key of [
      'Range.getValues',
      'Sheet.getLastRow',
      'Spreadsheet.getSheetByName',
      'TextFinder.findAll',
      'Lock.waitLock',
      'Cache.put',
      'Logger.log',
      'SpreadsheetApp.flush',
      'Sheets.Spreadsheets.Values.batchGet',
      'Sheets.Spreadsheets.get',
    ]) {
      expect(callMayChangeWorkbook(key), key).toBe(false);
    }
  });

  it('setters, inserts, property and trigger writes, mail and unknown calls may', () => {
    for (const key of [
      'Range.setValues',
      'Range.activate',
      'Sheet.appendRow',
      'Spreadsheet.insertSheet',
      'Properties.setProperty',
      'ClockTriggerBuilder.create',
      'MailApp.sendEmail',
      'TextFinder.replaceAllWith',
      'Sheets.Spreadsheets.Values.batchUpdate',
      'Sheets.Spreadsheets.Values.append',
      'Something.new',
    ]) {
      expect(callMayChangeWorkbook(key), key).toBe(true);
    }
  });

  it('never calls an execution harmless when it changed what the file holds', () => {
    const runtime = createRuntime({
      codePath: join(DIST, 'Code.js'),
      now: new Date('2026-03-02T09:00:00Z'),
      strictLocks: false,
    });
    const runs: Array<[string, unknown[]]> = [
      ['setupTabs', []],
      ['getSidebarBootstrap', []],
      ['saveRecord', ['customers', { name: 'Anna Nowak', email: 'anna@example.com' }]],
      ['listRecords', ['customers', { text: 'anna' }]],
      ['getProblems', []],
      ['saveRecord', ['customers', { name: '' }]],
    ];
    const judged: Record<string, boolean> = {};
    for (const [name, args] of runs) {
      const before = encodeWorkbook(runtime.state).join('\n');
      const result = runtime.run(name, args, { source: 'script-run' });
      const changed = encodeWorkbook(runtime.state).join('\n') !== before;
      const mayChange = executionMayChangeWorkbook(result);
      if (changed) expect(mayChange, `${name} changed the workbook`).toBe(true);
      judged[name] = mayChange;
    }
    // The read-only calls are recognised as such, or the shortcut would be useless.
    expect(judged).toMatchObject({ getSidebarBootstrap: false, listRecords: false });
  });
});
