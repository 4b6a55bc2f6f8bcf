/**
 * ExecutionResult.lockMs: the modelled time an execution held a lock, from a successful
 * tryLock/waitLock to releaseLock (or to the end of the script, which releases every lock).
 * The benchmarks report it: a colleague's save waits at most this long.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../src/local/runtime';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codePath = join(dir, 'Code.js');
writeFileSync(
  codePath,
  `function work(ss) { ss.getSheets()[0].getRange('A1:B2').getValues(); }
   function lockedMiddle() {
     var ss = SpreadsheetApp.getActiveSpreadsheet();
     work(ss);
     var lock = LockService.getDocumentLock();
     lock.tryLock(1000);
     work(ss);
     lock.releaseLock();
     work(ss);
   }
   function neverReleased() {
     var ss = SpreadsheetApp.getActiveSpreadsheet();
     LockService.getDocumentLock().waitLock(1000);
     work(ss);
   }
   function unlocked() { work(SpreadsheetApp.getActiveSpreadsheet()); }`,
);
writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Europe/Warsaw' }));

describe('time held under a lock', () => {
  const runtime = createRuntime({ codePath, now: new Date('2026-03-02T09:00:00Z') });

  it('is the modelled time between acquiring and releasing, not the whole run', () => {
    const result = runtime.run('lockedMiddle');
    expect(result.ok).toBe(true);
    expect(result.lockMs).toBeGreaterThan(0);
    expect(result.lockMs).toBeLessThan(result.modelledMs);
  });

  it('runs to the end of the script when the lock is never released', () => {
    const result = runtime.run('neverReleased');
    expect(result.ok).toBe(true);
    expect(result.lockMs).toBeGreaterThan(0);
    expect(result.lockMs).toBeLessThanOrEqual(result.modelledMs);
  });

  it('is zero without a lock', () => {
    expect(runtime.run('unlocked').lockMs).toBe(0);
  });
});
