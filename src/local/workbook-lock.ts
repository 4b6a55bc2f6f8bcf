/**
 * The workbook file's writer lock: a file created with O_EXCL beside the workbook, holding
 * who took it (pid, the process's start time, host, a unique token). Whoever reads, changes
 * and saves the workbook (`npm run gas`, the dev server) holds it for the whole
 * read-modify-write, so two writers can never both start from the same old file.
 *
 * A lock whose process is gone — killed, crashed — is stale and is taken over. "Gone" means
 * no process has that pid, or one has it but started at another time (the pid was reused).
 * Taking over must not let two waiters both break the same stale lock and each create a new
 * one, so breaking is itself exclusive: the breaker first creates `<lock>.<token>.break`
 * (O_EXCL again), re-reads the lock, and removes it only if it still holds the stale token.
 * A breaker killed while holding that file leaves a stale lock of its own, broken the same way.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { linkSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { WorkbookFileError } from './workbook-schema';

interface LockRecord {
  pid: number;
  /** The holder's start time as the OS reports it; '' where it cannot be read. */
  start: string;
  host: string;
  token: string;
  since: string;
}

export interface HeldLock {
  readonly path: string;
  readonly token: string;
  release(): void;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up. */
  timeoutMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 120_000;
const POLL_MS = 25;
/** A lock or draft this old without a record is not being written any more. */
const UNREADABLE_DEBRIS_AGE_MS = 60_000;
/** The pid of a lock file without a readable record. */
const UNREADABLE = -1;
/** Nested stale break files: each level needs a holder killed within microseconds. */
const MAX_BREAK_DEPTH = 4;

/** When a process started, from the OS: Linux /proc, elsewhere ps. '' when unknown. */
export function processStartTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot); the name in field 2 may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && isLinuxProc()) return '';
  }
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? ps.stdout.trim() : '';
}

let procAvailable: boolean | undefined;
function isLinuxProc(): boolean {
  if (procAvailable === undefined) {
    try {
      readFileSync('/proc/self/stat');
      procAvailable = true;
    } catch {
      procAvailable = false;
    }
  }
  return procAvailable;
}

let ownStart: string | undefined;
function ownRecord(): LockRecord {
  ownStart ??= processStartTime(process.pid);
  return {
    pid: process.pid,
    start: ownStart,
    host: hostname(),
    token: randomUUID(),
    since: new Date().toISOString(),
  };
}

function readRecord(path: string): LockRecord | null {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const record = JSON.parse(text) as LockRecord;
    if (typeof record.pid === 'number' && typeof record.token === 'string') return record;
  } catch {
    // Empty: being written (no hard links), or its writer was killed before writing.
  }
  // Judged by age alone (isStale); the token names this very file and content.
  return {
    pid: UNREADABLE,
    start: '',
    host: hostname(),
    token: `unreadable-${Math.round(mtimeMs)}-${text.length}`,
    since: new Date(mtimeMs).toISOString(),
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock is stale when its holder is certainly gone; one from another host never is. */
function isStale(record: LockRecord): boolean {
  if (record.host !== hostname()) return false;
  if (record.pid === UNREADABLE) {
    return Date.now() - Date.parse(record.since) > UNREADABLE_DEBRIS_AGE_MS;
  }
  if (!processAlive(record.pid)) return true;
  if (!record.start) return false;
  const start = processStartTime(record.pid);
  return start !== '' && start !== record.start;
}

/** The folder takes no new files (read-only mount, no write permission): no writer can lock. */
export class LockUnavailableError extends WorkbookFileError {
  override name = 'LockUnavailableError';
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Creates the lock file, complete with its record, if nobody holds it; true when it is ours.
 * The record is written to a file of our own first and hard-linked to the lock's name (link
 * fails when the name exists), so a lock is never seen half-written. Where the file system
 * has no hard links, the lock is created with O_EXCL and written after (readers then treat
 * a briefly empty lock as held).
 */
function tryCreate(path: string, record: LockRecord): boolean {
  const draft = `${path}.${record.token}.new`;
  const text = JSON.stringify(record);
  try {
    writeFileSync(draft, text, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const Failure = ['EACCES', 'EPERM', 'EROFS'].includes(code)
      ? LockUnavailableError
      : WorkbookFileError;
    throw new Failure(`Cannot create the workbook lock ${path}: ${(error as Error).message}`);
  }
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (NO_HARD_LINKS.has(code)) return createExclusive(path, text);
    throw new WorkbookFileError(
      `Cannot create the workbook lock ${path}: ${(error as Error).message}`,
    );
  } finally {
    unlinkSync(draft);
  }
}

function createExclusive(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function removeIfOurs(path: string, token: string): void {
  const record = readRecord(path);
  if (record?.token === token) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/**
 * Removes the lock at `path` if its holder is gone, exclusively (see the file comment).
 * True when the path is free now (removed, or already gone).
 */
function breakIfStale(path: string, depth: number): boolean {
  const record = readRecord(path);
  if (!record) return true;
  if (!isStale(record)) return false;
  if (depth >= MAX_BREAK_DEPTH) return false;
  const breaker = `${path}.${record.token.replace(/[^\w-]/g, '')}.break`;
  const mine = ownRecord();
  if (!tryCreate(breaker, mine)) {
    // Someone else is breaking it, or died doing so: break their break file first.
    breakIfStale(breaker, depth + 1);
    return false;
  }
  try {
    // Only a breaker holding this file removes a lock with this token, so the re-read
    // and the unlink below cannot be separated by another breaker's unlink.
    if (readRecord(path)?.token === record.token) unlinkSync(path);
  } finally {
    removeIfOurs(breaker, mine.token);
  }
  return true;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Removes what killed processes left beside a lock: drafts never linked into place and
 * break files of finished take-overs. Only files whose writer is gone are removed.
 */
export function cleanLockDebris(lockPath: string): void {
  const directory = dirname(lockPath);
  const prefix = `${basename(lockPath)}.`;
  for (const name of readdirSync(directory)) {
    if (!name.startsWith(prefix) || !/\.(new|break)$/.test(name)) continue;
    const path = join(directory, name);
    const record = readRecord(path);
    if (record && isStale(record)) removeIfOurs(path, record.token);
  }
}

/** Takes the lock at `lockPath`, waiting for another holder; throws after the timeout. */
export function acquireLock(lockPath: string, options: LockOptions = {}): HeldLock {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const record = ownRecord();
  for (;;) {
    if (tryCreate(lockPath, record)) break;
    if (breakIfStale(lockPath, 0)) continue;
    if (Date.now() >= deadline) {
      const holder = readRecord(lockPath);
      throw new WorkbookFileError(
        `The workbook is being changed by another process (pid ${holder?.pid ?? '?'} on ` +
          `${holder?.host ?? '?'}, since ${holder?.since || '?'}); gave up after ` +
          `${Math.round(timeoutMs / 1000)} s. If that process is gone, remove ${lockPath}.`,
      );
    }
    sleepSync(POLL_MS);
  }
  let held = true;
  return {
    path: lockPath,
    token: record.token,
    release() {
      if (!held) return;
      held = false;
      removeIfOurs(lockPath, record.token);
    },
  };
}
