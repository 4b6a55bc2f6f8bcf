/**
 * The runtime's own rules, checked with small probe scripts (not Kartoteka's code): a
 * fresh script context per execution, the simulated clock inside the script, AuthMode,
 * "Script function not found", strict-lock mode and interleaved executions.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../src/local/runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function probe(name: string, source: string): string {
  const path = join(dir, `${name}.js`);
  writeFileSync(path, source);
  return path;
}

const PROBE = probe(
  'probe',
  `
var counter = 0;
function bump() { counter++; return counter; }
function nowIso() { return new Date().toISOString() + '|' + Date.now(); }
function today() { return Utilities.formatDate(new Date(), 'Europe/Warsaw', 'yyyy-MM-dd HH:mm'); }
function activeName() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  return ss ? ss.getName() : null;
}
function writeUnlocked() {
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue('unlocked');
  return 'wrote';
}
function writeLocked() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(5000);
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1:B1').setValues([['locked', 1]]);
  lock.releaseLock();
  return 'wrote';
}
function menuOnly() {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'bump').addToUi();
}
function readsSheet() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }
function throws() { throw new Error('boom'); }
function usesMissing() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getCell(1, 1); }
`,
);

describe('local runtime', () => {
  it('starts every execution with a fresh script context, as Apps Script does', () => {
    const runtime = createRuntime({ codePath: PROBE });
    expect(runtime.run('bump').value).toBe(1);
    expect(runtime.run('bump').value).toBe(1);
  });

  it('gives the script the simulated clock: new Date(), Date.now() and formatDate', () => {
    const now = new Date('2026-03-04T23:30:00Z');
    const runtime = createRuntime({ codePath: PROBE, now });
    expect(runtime.run('nowIso').value).toBe(`2026-03-04T23:30:00.000Z|${now.getTime()}`);
    expect(runtime.run('today').value).toBe('2026-03-05 00:30');
    runtime.setNow(new Date('2026-03-10T08:00:00Z'));
    expect(runtime.run('today').value).toBe('2026-03-10 09:00');
  });

  it("reports an unknown function with Google's message", () => {
    const result = createRuntime({ codePath: PROBE }).run('nope');
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe('Script function not found: nope');
  });

  it('returns a thrown error as the result, with the counts so far', () => {
    const result = createRuntime({ codePath: PROBE }).run('throws');
    expect(result).toMatchObject({ ok: false, error: { message: 'boom' } });
  });

  it('names a service member the emulator lacks instead of "is not a function"', () => {
    const result = createRuntime({ codePath: PROBE }).run('usesMissing');
    expect(result.error).toMatchObject({
      name: 'NotImplementedError',
      message: 'Range.getCell is not implemented in the local runtime',
    });
  });

  it('allows only menu building in AuthMode.NONE', () => {
    const runtime = createRuntime({ codePath: PROBE });
    const menu = runtime.run('menuOnly', [], { source: 'simple-trigger' });
    expect(menu.ok).toBe(true);
    expect(runtime.ui.addonMenu).toEqual([{ label: 'Go', functionName: 'bump' }]);
    const read = runtime.run('readsSheet', [], { source: 'simple-trigger' });
    expect(read.ok).toBe(false);
    expect(read.error?.message).toMatch(/permission/);
  });

  it('has no active spreadsheet in a time-driven trigger', () => {
    const runtime = createRuntime({ codePath: PROBE });
    expect(runtime.run('activeName', [], { source: 'time-trigger' }).value).toBeNull();
    expect(runtime.run('activeName', [], { source: 'menu' }).value).toBe('Kartoteka');
  });

  it('strict-lock mode: an unlocked write while another execution runs is an error', () => {
    const runtime = createRuntime({ codePath: PROBE });
    const { outer, inner } = runtime.interleave(
      { functionName: 'writeLocked' },
      'Range.setValues',
      { functionName: 'writeUnlocked' },
    );
    expect(inner.ok).toBe(false);
    expect(inner.error?.message).toMatch(/Strict-lock mode: .* without the document lock/);
    expect(outer.ok).toBe(true);
    expect(runtime.state.sheets[0].rows[0]?.[0]?.v).toBe('locked');
  });

  it("a second execution waiting for the document lock times out with Google's message", () => {
    const runtime = createRuntime({ codePath: PROBE, now: new Date('2026-01-01T10:00:00Z') });
    const { inner } = runtime.interleave({ functionName: 'writeLocked' }, 'Range.setValues', {
      functionName: 'writeLocked',
    });
    expect(inner.error?.message).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(inner.modelledMs).toBeGreaterThanOrEqual(5000);
  });

  it("strictLocks 'always' refuses any unlocked write, even with nothing else running", () => {
    const runtime = createRuntime({ codePath: PROBE, strictLocks: 'always' });
    expect(runtime.run('writeUnlocked').error?.message).toMatch(/without the document lock/);
    expect(runtime.run('writeLocked').ok).toBe(true);
  });

  it('counts every service call of an execution', () => {
    const result = createRuntime({ codePath: PROBE }).run('writeLocked');
    expect(result.counts.byMethod).toMatchObject({
      'LockService.getDocumentLock': 1,
      'Lock.waitLock': 1,
      'Range.setValues': 1,
      'Lock.releaseLock': 1,
    });
    expect(result.counts.cellsWritten).toBe(2);
  });

  it("lists the script's top-level functions as entry points", () => {
    expect(createRuntime({ codePath: PROBE }).entryPoints()).toEqual(
      expect.arrayContaining(['bump', 'nowIso', 'writeLocked', 'menuOnly']),
    );
  });
});
