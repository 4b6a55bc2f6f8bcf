import { describe, expect, it } from 'vitest';
import {
  createLockService,
  LOCK_TIMEOUT_MESSAGE,
  releaseAllLocks,
} from '../../../../src/local/emulator/services/lock';
import { FakeHost, newWorld } from '../fake-host';

function twoExecutions() {
  const world = newWorld();
  const first = new FakeHost(world);
  const second = new FakeHost(world, { user: 'ola@example.com' });
  return { world, first, second };
}

describe('LockService', () => {
  it('tryLock returns false while another execution holds the lock, spending the timeout', () => {
    const { world, first, second } = twoExecutions();
    expect(createLockService(first).getDocumentLock().tryLock(1000)).toBe(true);
    const before = world.clock.ms;
    expect(createLockService(second).getDocumentLock().tryLock(5000)).toBe(false);
    expect(world.clock.ms - before).toBe(5000);
  });

  it("waitLock throws Google's timeout text when the lock is held elsewhere", () => {
    const { first, second } = twoExecutions();
    createLockService(first).getScriptLock().waitLock(1000);
    expect(() => createLockService(second).getScriptLock().waitLock(30000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(LOCK_TIMEOUT_MESSAGE).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
  });

  it('is re-entrant for the same execution, across lock objects', () => {
    const { first } = twoExecutions();
    const service = createLockService(first);
    expect(service.getDocumentLock().tryLock(0)).toBe(true);
    expect(service.getDocumentLock().tryLock(0)).toBe(true);
    expect(service.getDocumentLock().hasLock()).toBe(true);
  });

  it('releaseLock lets the other execution in; hasLock follows ownership', () => {
    const { first, second } = twoExecutions();
    const mine = createLockService(first).getDocumentLock();
    const theirs = createLockService(second).getDocumentLock();
    mine.waitLock(1000);
    expect(theirs.hasLock()).toBe(false);
    theirs.releaseLock(); // not theirs to release: no effect
    expect(mine.hasLock()).toBe(true);
    mine.releaseLock();
    expect(mine.hasLock()).toBe(false);
    expect(theirs.tryLock(0)).toBe(true);
  });

  it('releaseAllLocks frees what an ended execution held, and only that', () => {
    const { world, first, second } = twoExecutions();
    createLockService(first).getDocumentLock().waitLock(0);
    createLockService(first).getUserLock().waitLock(0);
    createLockService(second).getScriptLock().waitLock(0);
    releaseAllLocks(world.locks, first.executionId);
    expect([...world.locks.keys()]).toEqual(['script']);
  });

  it('document, script and user locks are separate; user locks are per user', () => {
    const { first, second } = twoExecutions();
    createLockService(first).getDocumentLock().waitLock(0);
    createLockService(first).getUserLock().waitLock(0);
    expect(createLockService(second).getScriptLock().tryLock(0)).toBe(true);
    expect(createLockService(second).getUserLock().tryLock(0)).toBe(true);
    expect(createLockService(second).getDocumentLock().tryLock(0)).toBe(false);
  });

  it('getDocumentLock is null in a time-driven run (no document context)', () => {
    const host = new FakeHost(newWorld(), { source: 'time-trigger' });
    expect(createLockService(host).getDocumentLock()).toBeNull();
  });

  it('counts every call and refuses to run in AuthMode.NONE', () => {
    const host = new FakeHost(newWorld());
    const lock = createLockService(host).getDocumentLock();
    lock.tryLock(0);
    lock.releaseLock();
    expect(host.counts.byMethod).toEqual({
      'LockService.getDocumentLock': 1,
      'Lock.tryLock': 1,
      'Lock.releaseLock': 1,
    });
    const none = new FakeHost(newWorld(), { authMode: 'NONE' });
    expect(() => createLockService(none).getScriptLock()).toThrow(/AuthMode.NONE/);
  });
});
