/**
 * The workbook file: the emulated spreadsheet on disk (layout in workbook-format.ts and
 * src/local/README.md) and the one way to change it.
 *
 * Every change is a read-modify-write under the writer lock (workbook-lock.ts): take the
 * lock, reload the file if another process saved it since we read it, change the state,
 * save it if it changed, release. So six `npm run gas` writers at once all land, and a CLI
 * write made while `npm start` runs is never erased by the server's next call.
 *
 * A save is atomic (temp file beside the real file, fsync, rename, directory fsync): a
 * writer killed mid-write leaves the old file whole, and its temp file is removed by the
 * next writer. The file's mode and owner are kept, a symlink stays a symlink (the temp file
 * goes beside its target), and a read-only file is refused, not replaced. A file that does
 * not read as a workbook is refused and never overwritten: it may be the only copy.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type BigIntStats,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { newWorkbookState, replaceWorkbookState, type WorkbookState } from './emulator/state';
import { decodeWorkbook, encodeWorkbook, FILE_VERSION } from './workbook-format';
import {
  acquireLock,
  cleanLockDebris,
  LockUnavailableError,
  type HeldLock,
  type LockOptions,
} from './workbook-lock';
import { WorkbookFileError } from './workbook-schema';

export { WorkbookFileError } from './workbook-schema';

export const DEFAULT_WORKBOOK_FILE = 'kartoteka.workbook.json';
export const WORKBOOK_ENV = 'KARTOTEKA_WORKBOOK';

/** What identifies one version of the file on disk: every save is a new inode. */
type DiskStamp = string;

function stampOf(stats: BigIntStats): DiskStamp {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

const digestOf = (lines: readonly string[]): string => {
  const hash = createHash('sha1');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
};

/**
 * Where the bytes live: the path itself, or the final target of a symlink (also of a
 * dangling one, which a first save then creates).
 */
export function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats;
    try {
      stats = lstatSync(current);
    } catch {
      try {
        return join(realpathSync(dirname(current)), basename(current));
      } catch {
        throw new WorkbookFileError(
          `Cannot create the workbook file ${path}: the folder ${dirname(current)} does not exist.`,
        );
      }
    }
    if (!stats.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new WorkbookFileError(`The workbook path ${path} is a loop of symbolic links.`);
}

/** The writer lock beside the file it guards (beside a symlink's target, so all links share it). */
export function lockPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

const TEMP_PATTERN = (base: string) =>
  new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[\\w-]+\\.tmp$`);

/** Temp files of writers killed mid-save. Only called under the lock: no writer is live. */
function removeStaleTempFiles(target: string): void {
  const directory = dirname(target);
  const pattern = TEMP_PATTERN(basename(target));
  for (const name of readdirSync(directory)) {
    if (!pattern.test(name)) continue;
    try {
      unlinkSync(join(directory, name));
    } catch {
      // Gone already.
    }
  }
  cleanLockDebris(lockPathFor(target));
}

/** Refuses to replace a file we may not write: replacing it would be writing it. */
function assertWritable(target: string, stats: Stats): void {
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
  let why: string | undefined;
  if ((stats.mode & 0o222) === 0) why = `is read-only (mode ${mode})`;
  else {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      why = `is not writable by you (mode ${mode}, owner uid ${stats.uid})`;
    }
  }
  if (why) {
    throw new WorkbookFileError(
      `The workbook file ${target} ${why}; the changes were not saved. ` +
        'Make it writable (chmod u+w) or pass --workbook with another path.',
    );
  }
}

/**
 * Writes the lines atomically over `target`, keeping an existing file's mode and owner.
 * Returns the new file's stamp.
 */
function writeAtomically(target: string, lines: readonly string[]): DiskStamp {
  const existing = existsSync(target) ? statSync(target) : undefined;
  if (existing) assertWritable(target, existing);
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}-${randomUUID()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', existing ? existing.mode & 0o7777 : 0o644);
  } catch (error) {
    throw new WorkbookFileError(
      `Cannot save the workbook in ${directory}: ${(error as Error).message}`,
    );
  }
  try {
    if (existing) keepModeAndOwner(fd, target, existing);
    for (const line of lines) writeSync(fd, `${line}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, target);
    syncDirectory(directory);
    // After the rename: it changes ctime on some file systems.
    return stampOf(statSync(target, { bigint: true }));
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // Closed before the failure.
    }
    if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
}

function keepModeAndOwner(fd: number, target: string, existing: Stats): void {
  // The umask may have cleared bits openSync was given.
  fchmodSync(fd, existing.mode & 0o7777);
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || (existing.uid === uid && existing.gid === gid)) return;
  try {
    fchownSync(fd, existing.uid, existing.gid);
  } catch {
    throw new WorkbookFileError(
      `The workbook file ${target} belongs to user ${existing.uid}, group ${existing.gid}; ` +
        'saving would replace it with a file of yours. The changes were not saved.',
    );
  }
}

function syncDirectory(directory: string): void {
  try {
    const dirFd = openSync(directory, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  }
}

interface ReadResult {
  state: WorkbookState;
  stamp: DiskStamp;
  /** Digest of what a save of this state would write; null = unknown, the next save writes. */
  digest: string | null;
}

/** Reads the file at `target` (the stamp is of the very bytes read). */
function readTarget(target: string, shownPath: string): ReadResult {
  let bytes: Buffer;
  let stats: BigIntStats;
  try {
    const fd = openSync(target, 'r');
    try {
      stats = fstatSync(fd, { bigint: true });
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new WorkbookFileError(
      `Cannot read the workbook file ${shownPath}: ${(error as Error).message}`,
    );
  }
  const state = decodeWorkbook(bytes, shownPath);
  // A file in this layout that we wrote reads back to the same bytes: hash what is there.
  // An older layout would differ on every save; hash what a save would write instead.
  const digest = isCurrentLayout(bytes)
    ? createHash('sha1').update(bytes).digest('hex')
    : digestOf(encodeWorkbook(state));
  return { state, stamp: stampOf(stats), digest };
}

function isCurrentLayout(bytes: Buffer): boolean {
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 64));
  return head.startsWith(`{"format":"kartoteka-workbook","version":${FILE_VERSION},`);
}

export interface OpenOptions extends LockOptions {
  /** The state of a new workbook when there is no file (default: one empty Sheet1). */
  create?: () => WorkbookState;
}

/**
 * One workbook file and the state read from it. `state` is one object for the whole
 * session: a reload replaces its contents, so a runtime built on it sees the new data.
 */
export class WorkbookFile {
  readonly state: WorkbookState;
  /** True when open() found no file and created it. */
  readonly created: boolean;
  private stamp: DiskStamp | null = null;
  private digest: string | null = null;

  private constructor(
    readonly path: string,
    private readonly options: OpenOptions,
  ) {
    let created = false;
    this.state = this.withLock((target, locked) => {
      if (locked) removeStaleTempFiles(target);
      if (existsSync(target)) return this.adopt(readTarget(target, path));
      const state = (options.create ?? (() => newWorkbookState({ id: randomUUID() })))();
      this.save(target, state);
      created = true;
      return state;
    });
    this.created = created;
  }

  /** Opens the workbook at `path`, creating it when there is no file. */
  static open(path: string, options: OpenOptions = {}): WorkbookFile {
    return new WorkbookFile(path, options);
  }

  /** Where the bytes are: the path, or its symlink's target. */
  get target(): string {
    return resolveTarget(this.path);
  }

  /**
   * Reloads the state when the file on disk is not the one last read or written (another
   * process saved it). No lock is needed to read: saves are atomic renames.
   */
  refresh(): boolean {
    const target = this.target;
    let stats: BigIntStats;
    try {
      stats = statSync(target, { bigint: true });
    } catch {
      // Deleted under us: the next save writes the whole state again.
      this.digest = null;
      return false;
    }
    if (stampOf(stats) === this.stamp) return false;
    replaceWorkbookState(this.state, this.adopt(readTarget(target, this.path)));
    return true;
  }

  /**
   * One read-modify-write: under the lock, starts from the file as it is on disk, runs
   * `change`, and saves if the state differs from the file. `unchanged(result)` may say
   * for certain that nothing changed, which skips serialising the state to compare.
   */
  update<T>(change: (state: WorkbookState) => T, unchanged?: (result: T) => boolean): T {
    return this.withLock((target) => {
      this.refresh();
      const before = topLevelScalars(this.state);
      let result: T;
      try {
        result = change(this.state);
        if (!(unchanged?.(result) && topLevelScalars(this.state) === before)) {
          this.save(target, this.state);
        }
      } catch (error) {
        // The memory may now hold changes the file does not: read the file again next time.
        this.stamp = null;
        throw error;
      }
      return result;
    });
  }

  /** Saves the state as it is in memory (under the lock), if it differs from the file. */
  saveNow(): boolean {
    return this.withLock((target) => this.save(target, this.state));
  }

  private adopt(read: ReadResult): WorkbookState {
    this.stamp = read.stamp;
    this.digest = read.digest;
    return read.state;
  }

  private save(target: string, state: WorkbookState): boolean {
    const lines = encodeWorkbook(state);
    const digest = digestOf(lines);
    if (digest === this.digest && existsSync(target)) return false;
    this.stamp = writeAtomically(target, lines);
    this.digest = digest;
    return true;
  }

  /** Runs under the writer lock; `locked` is false in a folder where no lock can be made. */
  private withLock<T>(run: (target: string, locked: boolean) => T): T {
    const target = this.target;
    let lock: HeldLock | undefined;
    try {
      lock = acquireLock(lockPathFor(target), this.options);
    } catch (error) {
      // A folder that takes no new files: no writer can lock it or replace the file in it,
      // so reading needs no lock, and a save fails on its own, naming the folder.
      if (!(error instanceof LockUnavailableError)) throw error;
    }
    try {
      return run(target, lock !== undefined);
    } finally {
      lock?.release();
    }
  }
}

/** The state's top-level plain values (addonEnabled, active cell, …), to notice a change cheaply. */
function topLevelScalars(state: WorkbookState): string {
  return JSON.stringify(
    Object.entries(state).filter(([, value]) => value === null || typeof value !== 'object'),
  );
}

/** Reads and checks a workbook file; throws WorkbookFileError saying what is wrong. */
export function loadWorkbook(path: string): WorkbookState {
  return readTarget(resolveTarget(path), path).state;
}

/** Saves `state` over the file at `path` under the writer lock (atomic; mode, owner, links kept). */
export function saveWorkbook(path: string, state: WorkbookState, options: LockOptions = {}): void {
  const target = resolveTarget(path);
  const lock = acquireLock(lockPathFor(target), options);
  try {
    removeStaleTempFiles(target);
    writeAtomically(target, encodeWorkbook(state));
  } finally {
    lock.release();
  }
}

/** Opens the workbook at `path`, or creates (and saves) a new one when there is no file. */
export function openOrCreateWorkbook(
  path: string,
  create?: () => WorkbookState,
): { state: WorkbookState; created: boolean } {
  const file = WorkbookFile.open(path, { create });
  return { state: file.state, created: file.created };
}

/** `--workbook PATH`, `--workbook=PATH`, then $KARTOTEKA_WORKBOOK, then ./kartoteka.workbook.json. */
export function resolveWorkbookPath(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workbook') {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) throw new WorkbookFileError('--workbook needs a path');
      return resolve(cwd, value);
    }
    if (argv[i].startsWith('--workbook=')) return resolve(cwd, argv[i].slice('--workbook='.length));
  }
  return resolve(cwd, env[WORKBOOK_ENV] || DEFAULT_WORKBOOK_FILE);
}
