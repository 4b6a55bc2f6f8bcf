/**
 * The rule of guard.ts: every emulated object a script can reach names a member the emulator
 * does not implement ("Range.getCell is not implemented in the local runtime") instead of
 * failing with "x is not a function", while JavaScript's own look-ups and the members that
 * exist keep working.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NotImplementedError } from '../../../src/local/emulator/guard';
import { createServices, newCacheStore } from '../../../src/local/emulator/services/index';
import { createSpreadsheetApp } from '../../../src/local/emulator/spreadsheet';
import { Range } from '../../../src/local/emulator/spreadsheet/range';
import { FakeHost, newUiSink, newWorld } from './fake-host';

// The globals are untyped on purpose here: the test reaches for members @types does not have.
type Loose = Record<string, (...args: unknown[]) => Loose>;

function globals() {
  const world = newWorld();
  world.files.sidebar = '<p>sidebar</p>';
  const host = new FakeHost(world);
  const ui = newUiSink();
  const services = createServices(host, { cache: newCacheStore(), logs: [] });
  const SpreadsheetApp = createSpreadsheetApp(host, ui) as unknown as Loose;
  return { host, ui, world, all: { ...services, SpreadsheetApp } as Record<string, Loose> };
}

/** One object of each Apps Script class the emulator hands out, reached as a script would. */
function everyApiObject(): Array<[string, Loose]> {
  const { all } = globals();
  const { SpreadsheetApp, ScriptApp, HtmlService } = all;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0 as never] as unknown as Loose;
  const range = sheet.getRange('A1:B2');
  const builder = SpreadsheetApp.newDataValidation().requireCheckbox();
  const triggerBuilder = ScriptApp.newTrigger('tick');
  const trigger = triggerBuilder.timeBased().everyHours(1).create();
  const output = HtmlService.createHtmlOutputFromFile('sidebar');
  output.addMetaTag('viewport', 'width=device-width');
  return [
    ['SpreadsheetApp', SpreadsheetApp],
    ['Spreadsheet', ss],
    ['Sheet', sheet],
    ['Range', range],
    ['Protection', sheet.protect()],
    ['DataValidationBuilder', builder],
    ['DataValidation', builder.build()],
    ['Ui', SpreadsheetApp.getUi()],
    ['Menu', SpreadsheetApp.getUi().createAddonMenu()],
    ['LockService', all.LockService],
    ['Lock', all.LockService.getScriptLock()],
    ['PropertiesService', all.PropertiesService],
    ['Properties', all.PropertiesService.getScriptProperties()],
    ['CacheService', all.CacheService],
    ['Cache', all.CacheService.getScriptCache()],
    ['ScriptApp', ScriptApp],
    ['TriggerBuilder', triggerBuilder],
    ['ClockTriggerBuilder', ScriptApp.newTrigger('other').timeBased()],
    ['SpreadsheetTriggerBuilder', ScriptApp.newTrigger('other').forSpreadsheet(ss)],
    ['Trigger', trigger],
    ['MailApp', all.MailApp],
    ['HtmlService', HtmlService],
    ['HtmlOutput', output],
    ['HtmlOutputMetaTag', output.getMetaTags()[0 as never] as unknown as Loose],
    ['Session', all.Session],
    ['User', all.Session.getActiveUser()],
    ['Utilities', all.Utilities],
    ['Blob', all.Utilities.newBlob('text')],
    ['Logger', all.Logger],
  ];
}

describe('the guard around emulated objects', () => {
  it.each(everyApiObject())('%s names a member it does not implement', (name, object) => {
    expect(() => object.notInTheEmulator).toThrow(
      new NotImplementedError(name, 'notInTheEmulator'),
    );
    expect(() => object.notInTheEmulator).toThrow(
      `${name}.notInTheEmulator is not implemented in the local runtime`,
    );
  });

  it('guards every service global the runtime gives the script (console is JavaScript’s)', () => {
    const { all } = globals();
    const unguarded = Object.entries(all).filter(([, service]) => {
      try {
        void service.notInTheEmulator;
        return true;
      } catch (error) {
        return !(error instanceof NotImplementedError);
      }
    });
    expect(unguarded.map(([name]) => name)).toEqual(['console']);
  });

  it('replaces the bare TypeError with the class and member', () => {
    const range = globals().all.SpreadsheetApp.getActiveSpreadsheet().getRange('A1');
    let caught: unknown;
    try {
      range.getCell(1, 1);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NotImplementedError);
    expect((caught as Error).message).toBe('Range.getCell is not implemented in the local runtime');
    expect(() => globals().all.Utilities.computeDigest('MD5', 'x')).toThrow(
      'Utilities.computeDigest is not implemented in the local runtime',
    );
  });

  it('lets JavaScript’s own look-ups through: then, toString, symbols, JSON, inspection', async () => {
    const { all } = globals();
    const range = all.SpreadsheetApp.getActiveSpreadsheet().getRange('A1');
    const user = all.Session.getActiveUser();
    expect((range as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(range)).toBe(range); // not mistaken for a thenable
    expect(String(user)).toBe('[object Object]');
    expect(`${user}`).toBe('[object Object]');
    expect((range as unknown as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
    expect(JSON.stringify(user)).toBe('{}');
    expect(() => inspect(range)).not.toThrow();
    expect(Object.keys(user)).toEqual(['getEmail']);
    expect('getCell' in range).toBe(false);
    expect('getValues' in range).toBe(true);
  });

  it('keeps instanceof and identity: one guard per object', () => {
    const { all } = globals();
    const ss = all.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheets()[0 as never] as unknown as Loose;
    const range = sheet.getRange('A1');
    expect(range).toBeInstanceOf(Range);
    expect(range.constructor).toBe(Range);
    expect(range.getSheet()).toBe(sheet);
    expect(all.SpreadsheetApp.getActive()).toBe(ss);
    expect(range.setValue('x')).toBe(range);
    expect(range.getValues).toBe(range.getValues);
  });

  it('hands guarded objects back to the emulator as its own (WeakMaps, identity)', () => {
    const { all, ui, world, host } = globals();
    const output = all.HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Kartoteka');
    const before = host.count('HtmlOutput.getContent');
    all.SpreadsheetApp.getUi().showSidebar(output);
    expect(ui.sidebars).toEqual([{ title: 'Kartoteka', html: '<p>sidebar</p>' }]);
    expect(host.count('HtmlOutput.getContent')).toBe(before); // read uncounted, by WeakMap

    const trigger = all.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    expect(world.state.triggers).toHaveLength(1);
    all.ScriptApp.deleteTrigger(trigger);
    expect(world.state.triggers).toEqual([]);
  });

  it('guards API objects inside returned arrays, also two levels deep, and leaves data alone', () => {
    const { all } = globals();
    const { SpreadsheetApp } = all;
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0 as never] as unknown as Loose;
    const rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
    sheet.getRange('A1:B1').setDataValidations([[rule, null]] as never);
    const rules = sheet.getRange('A1:B1').getDataValidations() as unknown as Loose[][];
    expect(() => rules[0][0].notInTheEmulator).toThrow(NotImplementedError);
    expect(rules[0][1]).toBeNull();
    sheet.getRange('A2').setValue(new Date('2026-03-02T00:00:00Z'));
    const values = sheet.getRange('A2:B2').getValues() as unknown as unknown[][];
    expect(values[0][0]).toBeInstanceOf(Date);
    expect((values[0][0] as Date & { notADateMember?: unknown }).notADateMember).toBeUndefined();
  });
});
