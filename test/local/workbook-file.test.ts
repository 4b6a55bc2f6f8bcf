import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadWorkbook,
  lockPathFor,
  openOrCreateWorkbook,
  resolveWorkbookPath,
  saveWorkbook,
  WorkbookFile,
  WorkbookFileError,
} from '../../src/local/workbook-file.ts';
import { processStartTime } from '../../src/local/workbook-lock.ts';
import { newWorkbookState, type WorkbookState } from '../../src/local/emulator/state.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kartoteka-wb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function richState(): WorkbookState {
  const state = newWorkbookState({ id: 'wb-1', timeZone: 'America/New_York' });
  const sheet = state.sheets[0];
  sheet.rows[2] = [
    null,
    { v: 45000, nf: 'yyyy-mm-dd', note: 'when' },
    { f: '=A1', v: '#ERROR!' },
    { v: 'Name', bold: true, nf: '@' },
    { v: true },
    { nf: '@' },
  ];
  sheet.rows[3] = [{ v: -0.5 }, { v: 'Name', bold: true, nf: '@' }, null, null, { v: false }];
  sheet.frozenRows = 1;
  sheet.columnWidths[3] = 180;
  sheet.validations.B3 = {
    criteria: { type: 'VALUE_IN_LIST', values: ['a', 'b'], showDropdown: true },
    allowInvalid: false,
  };
  sheet.protections.push({ range: 'A1:A1000', description: 'ids', warningOnly: true });
  state.properties.document.spreadsheetId = 'wb-1';
  state.properties.user['ana@example.com'] = { digest: 'on' };
  state.outbox.push({
    sentAt: '2026-01-01T08:00:00.000Z',
    from: 'a@x.pl',
    to: 'b@x.pl',
    subject: 's',
    body: 'b',
  });
  return state;
}

const tempFiles = (directory: string) => readdirSync(directory).filter((n) => n.endsWith('.tmp'));

describe('workbook file', () => {
  it('round-trips every part of the state', () => {
    const state = richState();
    const path = join(dir, 'w.json');
    saveWorkbook(path, state);
    // Holes of the sparse row arrays come back as null: both mean a blank row or cell.
    expect(loadWorkbook(path)).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('stores columns of bare values, one JSON line each, and ends with an end line', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, richState());
    const lines = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'kartoteka-workbook', version: 2 });
    expect(lines[0].sheets[0]).toMatchObject({ name: 'Sheet1', rowCount: 4 });
    expect(lines).toContainEqual({
      sheet: 0,
      column: 3,
      v: [null, null, 'Name'],
      nf: [[2, 1, '@']],
      bold: [[2, 1, true]],
    });
    expect(lines.at(-1)).toEqual({ end: 'kartoteka-workbook', columns: lines.length - 2 });
  });

  it('leaves no temp or lock file behind and replaces the previous version whole', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    saveWorkbook(path, newWorkbookState({ id: 'two' }));
    expect(readdirSync(dir)).toEqual(['w.json']);
    expect(loadWorkbook(path).id).toBe('two');
  });

  it('still reads a version 1 file (one JSON document) and rewrites it only on a change', () => {
    const path = join(dir, 'w.json');
    const state = richState();
    writeFileSync(path, JSON.stringify(state, null, 2));
    const file = WorkbookFile.open(path);
    expect(file.state).toEqual(JSON.parse(JSON.stringify(state)));
    const inode = statSync(path).ino;
    file.update(() => undefined);
    expect(statSync(path).ino).toBe(inode);
    file.update((s) => {
      s.name = 'Renamed';
    });
    expect(readFileSync(path, 'utf8')).toMatch(/^\{"format":"kartoteka-workbook","version":2,/);
    expect(loadWorkbook(path).name).toBe('Renamed');
  });

  it('refuses a corrupt file with a clear message and never overwrites it', () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, '{"format": "kartoteka-workbook", "sheets": [');
    expect(() => openOrCreateWorkbook(path)).toThrow(WorkbookFileError);
    expect(() => loadWorkbook(path)).toThrow(/not valid JSON.*left untouched/);
    expect(readFileSync(path, 'utf8')).toBe('{"format": "kartoteka-workbook", "sheets": [');
  });

  it('refuses a file cut short, or with a bad value, naming the line and cell', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, richState());
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, lines.slice(0, -1).join('\n') + '\n');
    expect(() => loadWorkbook(path)).toThrow(/cut short.*left untouched/);
    const column = JSON.parse(lines[1]);
    column.v[2] = { nested: true };
    writeFileSync(path, [lines[0], JSON.stringify(column), ...lines.slice(2)].join('\n'));
    expect(() => loadWorkbook(path)).toThrow(/line 2 \(Sheet1!A3\): a value must be a number/);
  });

  it('refuses JSON that is not a workbook, naming the bad field', () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, JSON.stringify({ ...newWorkbookState({ id: 'x' }), timeZone: 5 }));
    expect(() => loadWorkbook(path)).toThrow(/not a Kartoteka workbook: timeZone/);
  });

  it('refuses an unknown time zone with a message naming the field, not a RangeError', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'x', timeZone: 'Europe/Warsw' }));
    expect(() => loadWorkbook(path)).toThrow(WorkbookFileError);
    expect(() => loadWorkbook(path)).toThrow(/timeZone: "Europe\/Warsw" is not a time zone/);
  });

  it('refuses values JSON cannot hold before writing anything, naming sheet and cell', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'before' }));
    const before = readFileSync(path, 'utf8');
    for (const bad of [Infinity, -Infinity, NaN]) {
      const state = newWorkbookState({ id: 'after' });
      state.sheets[0].name = 'Deals';
      state.sheets[0].rows[11] = [null, null, { v: bad }];
      expect(() => saveWorkbook(path, state)).toThrow(
        new RegExp(`sheet "Deals" cell C12: ${bad} cannot be stored.*Nothing was written`),
      );
    }
    const state = newWorkbookState({ id: 'after' });
    state.sheets[0].columnWidths[2] = Infinity;
    expect(() => saveWorkbook(path, state)).toThrow(/sheets\[0\]\.columnWidths\.2 is not a finite/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('creates a new workbook when the file does not exist', () => {
    const path = join(dir, 'new.json');
    const { state, created } = openOrCreateWorkbook(path);
    expect(created).toBe(true);
    expect(state.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(openOrCreateWorkbook(path)).toEqual({ state, created: false });
  });

  it('resolves the path from --workbook, then the environment, then the default', () => {
    expect(resolveWorkbookPath(['--workbook', 'a.json'], {}, '/w')).toBe('/w/a.json');
    expect(resolveWorkbookPath(['--workbook=/abs/b.json'], {}, '/w')).toBe('/abs/b.json');
    expect(resolveWorkbookPath([], { KARTOTEKA_WORKBOOK: 'c.json' }, '/w')).toBe('/w/c.json');
    expect(resolveWorkbookPath([], {}, '/w')).toBe('/w/kartoteka.workbook.json');
    expect(() => resolveWorkbookPath(['--workbook'], {}, '/w')).toThrow(/needs a path/);
  });
});

describe('saving keeps the file what it was', () => {
  it('keeps a 0600 file 0600', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    chmodSync(path, 0o600);
    saveWorkbook(path, newWorkbookState({ id: 'two' }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadWorkbook(path).id).toBe('two');
  });

  it('refuses to replace a read-only file and leaves it as it was', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    chmodSync(path, 0o444);
    const before = statSync(path);
    expect(() => saveWorkbook(path, newWorkbookState({ id: 'two' }))).toThrow(
      /read-only \(mode 0444\); the changes were not saved/,
    );
    const after = statSync(path);
    expect([after.ino, after.mode & 0o777]).toEqual([before.ino, 0o444]);
    expect(loadWorkbook(path).id).toBe('one');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a read-only file can still be opened and used by calls that change nothing', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    chmodSync(path, 0o444);
    const file = WorkbookFile.open(path);
    expect(file.update((state) => state.id)).toBe('one');
    expect(() =>
      file.update((state) => {
        state.name = 'changed';
      }),
    ).toThrow(/read-only/);
    // The refused change is not kept in memory as if it were saved.
    file.refresh();
    expect(file.state.name).toBe('Kartoteka');
  });

  it('writes through a symlink to its target and keeps the link', () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'book.json');
    saveWorkbook(target, newWorkbookState({ id: 'one' }));
    chmodSync(target, 0o640);
    const link = join(dir, 'link.json');
    symlinkSync('real/book.json', link);
    const file = WorkbookFile.open(link);
    file.update((state) => {
      state.name = 'Through the link';
    });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/book.json');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(loadWorkbook(target).name).toBe('Through the link');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real']);
    expect(readdirSync(join(dir, 'real'))).toEqual(['book.json']);
    expect(lockPathFor(target)).toBe(join(dir, 'real', '.book.json.lock'));
  });

  it('creates the target of a dangling symlink', () => {
    const link = join(dir, 'link.json');
    symlinkSync('made.json', link);
    expect(WorkbookFile.open(link).created).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(loadWorkbook(join(dir, 'made.json')).sheets).toHaveLength(1);
  });

  it('does not rewrite the file when a change leaves the state as it was', () => {
    const path = join(dir, 'w.json');
    const file = WorkbookFile.open(path);
    const before = statSync(path, { bigint: true });
    file.update((state) => {
      state.name = 'temporary';
      state.name = 'Kartoteka';
    });
    const after = statSync(path, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
  });
});

describe('one writer at a time', () => {
  it('starts every change from the file on disk: a change saved elsewhere is kept', () => {
    const path = join(dir, 'w.json');
    const server = WorkbookFile.open(path);
    const cli = WorkbookFile.open(path);
    cli.update((state) => {
      state.properties.document.fromCli = 'yes';
    });
    server.update((state) => {
      state.properties.document.fromServer = 'yes';
    });
    expect(loadWorkbook(path).properties.document).toEqual({ fromCli: 'yes', fromServer: 'yes' });
    expect(server.state.properties.document.fromCli).toBe('yes');
  });

  it('refresh() reloads into the same state object when another process saved', () => {
    const path = join(dir, 'w.json');
    const file = WorkbookFile.open(path);
    const state = file.state;
    expect(file.refresh()).toBe(false);
    saveWorkbook(path, { ...newWorkbookState({ id: 'other' }), name: 'Saved elsewhere' });
    expect(file.refresh()).toBe(true);
    expect(file.state).toBe(state);
    expect(state.name).toBe('Saved elsewhere');
  });

  it('takes over a lock whose process is gone, and one whose pid was reused', async () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    const lock = lockPathFor(path);
    const record = (pid: number, start: string) =>
      JSON.stringify({ pid, start, host: hostname(), token: `t-${pid}-${start}`, since: '' });
    writeFileSync(lock, record(gone.pid!, '1'));
    saveWorkbook(path, newWorkbookState({ id: 'two' }), { timeoutMs: 2000 });
    writeFileSync(lock, record(process.pid, `${processStartTime(process.pid)}-earlier`));
    saveWorkbook(path, newWorkbookState({ id: 'three' }), { timeoutMs: 2000 });
    expect(loadWorkbook(path).id).toBe('three');
    expect(readdirSync(dir)).toEqual(['w.json']);
  });

  it('waits for a live holder and gives up naming it', async () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await new Promise((resolve) => holder.on('spawn', resolve));
      writeFileSync(
        lockPathFor(path),
        JSON.stringify({
          pid: holder.pid,
          start: processStartTime(holder.pid!),
          host: hostname(),
          token: 'live',
          since: '2026-03-01T09:00:00.000Z',
        }),
      );
      expect(() => saveWorkbook(path, newWorkbookState({ id: 'two' }), { timeoutMs: 300 })).toThrow(
        new RegExp(`another process \\(pid ${holder.pid} .*gave up`),
      );
      expect(loadWorkbook(path).id).toBe('one');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('holds an empty lock (its writer killed before writing it) for a minute, then takes it', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    const lock = lockPathFor(path);
    writeFileSync(lock, '');
    expect(() => saveWorkbook(path, newWorkbookState({ id: 'two' }), { timeoutMs: 200 })).toThrow(
      /another process/,
    );
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(lock, twoMinutesAgo, twoMinutesAgo);
    saveWorkbook(path, newWorkbookState({ id: 'two' }), { timeoutMs: 2000 });
    expect(loadWorkbook(path).id).toBe('two');
    expect(readdirSync(dir)).toEqual(['w.json']);
  });

  it('removes temp files of killed writers when the workbook is next opened', () => {
    const path = join(dir, 'w.json');
    saveWorkbook(path, newWorkbookState({ id: 'one' }));
    writeFileSync(join(dir, '.w.json.12345-0b6d2a1c.tmp'), '{"format":"kartoteka-workbook",');
    writeFileSync(join(dir, '.other.json.1-x.tmp'), 'not ours');
    WorkbookFile.open(path);
    expect(readdirSync(dir).sort()).toEqual(['.other.json.1-x.tmp', 'w.json']);
  });
});
