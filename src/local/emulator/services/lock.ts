/**
 * LockService. Executions here run synchronously, so a lock held by another in-flight
 * execution cannot be released while this one waits: tryLock gives up after its timeout
 * and waitLock throws Google's message, and the simulated clock moves by the wait.
 * https://developers.google.com/apps-script/reference/lock/lock
 */
import type { LockTable, ServiceHost } from '../execution';

export const LOCK_TIMEOUT_MESSAGE =
  'Lock timeout: another process was holding the lock for too long.';

class EmuLock {
  constructor(
    private readonly host: ServiceHost,
    private readonly key: string,
  ) {}
  private holder(): number | undefined {
    return this.host.locks.get(this.key);
  }
  tryLock(timeoutInMillis: number): boolean {
    this.host.call('Lock', 'tryLock');
    const holder = this.holder();
    if (holder === undefined || holder === this.host.executionId) {
      this.host.locks.set(this.key, this.host.executionId);
      return true;
    }
    this.host.sleep(Math.max(0, timeoutInMillis));
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    this.host.call('Lock', 'waitLock');
    const holder = this.holder();
    if (holder === undefined || holder === this.host.executionId) {
      this.host.locks.set(this.key, this.host.executionId);
      return;
    }
    this.host.sleep(Math.max(0, timeoutInMillis));
    throw new Error(LOCK_TIMEOUT_MESSAGE);
  }
  releaseLock(): void {
    this.host.call('Lock', 'releaseLock');
    if (this.holder() === this.host.executionId) this.host.locks.delete(this.key);
  }
  hasLock(): boolean {
    this.host.call('Lock', 'hasLock');
    return this.holder() === this.host.executionId;
  }
}

export function createLockService(host: ServiceHost) {
  return {
    /**
     * The document lock needs a document: null where the script has none (a time-driven
     * trigger has no active document), so code must fail closed rather than write unlocked.
     */
    getDocumentLock(): EmuLock | null {
      host.call('LockService', 'getDocumentLock');
      if (host.source === 'time-trigger') return null;
      return new EmuLock(host, `document:${host.state.id}`);
    },
    getScriptLock(): EmuLock {
      host.call('LockService', 'getScriptLock');
      return new EmuLock(host, 'script');
    },
    getUserLock(): EmuLock {
      host.call('LockService', 'getUserLock');
      return new EmuLock(host, `user:${host.user}`);
    },
  };
}

/** Apps Script releases an execution's locks when it ends. */
export function releaseAllLocks(locks: LockTable, executionId: number): void {
  for (const [key, holder] of locks) if (holder === executionId) locks.delete(key);
}
