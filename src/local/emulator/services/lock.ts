/**
 * LockService over the runtime's shared LockTable. Executions run synchronously, so a lock
 * held by another in-flight execution cannot be released while this one waits: a wait
 * simply spends its whole timeout on the simulated clock and then fails.
 * https://developers.google.com/apps-script/reference/lock/lock
 */
import type { LockTable, ServiceHost } from '../execution';
import { apiObject } from '../guard';

/** Google's text when waitLock gives up (../shared/docs/apps-script-limits.md). */
export const LOCK_TIMEOUT_MESSAGE =
  'Lock timeout: another process was holding the lock for too long.';

/** Apps Script releases every lock an execution holds when the script ends. */
export function releaseAllLocks(locks: LockTable, executionId: number): void {
  for (const [key, holder] of [...locks]) {
    if (holder === executionId) locks.delete(key);
  }
}

function createLock(host: ServiceHost, key: string): GoogleAppsScript.Lock.Lock {
  const heldByMe = (): boolean => host.locks.get(key) === host.executionId;
  const acquire = (timeoutInMillis: number): boolean => {
    const holder = host.locks.get(key);
    if (holder === undefined || holder === host.executionId) {
      host.locks.set(key, host.executionId);
      if (holder === undefined) host.noteLockHeld?.(true);
      return true;
    }
    // The holder cannot progress while we wait (synchronous executions): the full
    // timeout elapses on the simulated clock.
    host.sleep(Math.max(0, Number(timeoutInMillis) || 0));
    return false;
  };
  return apiObject('Lock', {
    tryLock(timeoutInMillis: number): boolean {
      host.call('Lock', 'tryLock');
      return acquire(timeoutInMillis);
    },
    waitLock(timeoutInMillis: number): void {
      host.call('Lock', 'waitLock');
      if (!acquire(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
    },
    releaseLock(): void {
      host.call('Lock', 'releaseLock');
      if (heldByMe()) {
        host.locks.delete(key);
        host.noteLockHeld?.(false);
      }
    },
    hasLock(): boolean {
      host.call('Lock', 'hasLock');
      return heldByMe();
    },
  });
}

export function createLockService(host: ServiceHost): GoogleAppsScript.Lock.LockService {
  return {
    /**
     * Null outside a containing document ("such as from a standalone script or web app"):
     * https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()
     * An add-on's time-driven trigger runs with no active document (DESIGN.md: getActive()
     * is null there), so the emulator returns null for 'time-trigger' runs: the stricter
     * choice, which forces the code to fail closed as apps-script-limits.md asks.
     */
    getDocumentLock(): GoogleAppsScript.Lock.Lock {
      host.call('LockService', 'getDocumentLock');
      // @types declares Lock, the reference says Lock|null.
      if (host.source === 'time-trigger') return null as unknown as GoogleAppsScript.Lock.Lock;
      return createLock(host, `document:${host.state.id}`);
    },
    getScriptLock(): GoogleAppsScript.Lock.Lock {
      host.call('LockService', 'getScriptLock');
      return createLock(host, 'script');
    },
    getUserLock(): GoogleAppsScript.Lock.Lock {
      host.call('LockService', 'getUserLock');
      return createLock(host, `user:${host.user}`);
    },
  };
}
