/**
 * Several processes writing one workbook file, with real child processes: `npm run gas`
 * runs at once, a CLI write while the dev server runs, a writer killed with SIGKILL in the
 * middle of a save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from '../../scripts/build.ts';
import { startDevServer, TOKEN_HEADER, type DevServer } from '../../src/local/dev-server.ts';
import { createRuntime } from '../../src/local/runtime.ts';
import { newWorkbookState } from '../../src/local/emulator/state.ts';
import {
  loadWorkbook,
  lockPathFor,
  saveWorkbook,
  WorkbookFile,
} from '../../src/local/workbook-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run gas` as npm runs it (tsx), without npm's and npx's own start-up. */
function gas(...args: string[]): Promise<Outcome> {
  return run(process.execPath, ['--import', 'tsx', 'scripts/gas.ts', ...args]);
}

function run(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, KARTOTEKA_WORKBOOK: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A workbook with Kartoteka's tabs, made in this process (faster than another CLI run). */
function setUpWorkbook(name: string): string {
  const path = join(dir, name);
  const runtime = createRuntime({ codePath: join(DIST, 'Code.js'), strictLocks: false });
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  expect(setup.error).toBeUndefined();
  saveWorkbook(path, runtime.state);
  return path;
}

function customerNames(path: string): string[] {
  const sheet = loadWorkbook(path).sheets.find((s) => s.name === 'Customers')!;
  const column = sheet.rows[0]!.findIndex((cell) => cell?.v === 'Name');
  return sheet.rows
    .slice(1)
    .map((cells) => String(cells?.[column]?.v ?? ''))
    .filter(Boolean);
}

const customer = (name: string) =>
  JSON.stringify(['customers', { name, email: `${name.replace(/\W/g, '')}@example.com` }]);

describe('several writers, one workbook file', () => {
  it('six `npm run gas` writers at once: every record is saved', async () => {
    const path = setUpWorkbook('six.workbook.json');
    const names = Array.from({ length: 6 }, (_, i) => `Parallel ${i + 1}`);
    const outcomes = await Promise.all(
      names.map((name) => gas('saveRecord', customer(name), '--workbook', path)),
    );
    for (const outcome of outcomes) {
      expect(outcome.stderr).not.toMatch(/Error/);
      expect(JSON.parse(outcome.stdout)).toMatchObject({ ok: true });
    }
    expect(customerNames(path).sort()).toEqual(names);
    expect(readdirSync(dir).filter((n) => n.startsWith('.six'))).toEqual([]);
  }, 120_000);

  it('refuses to save into a read-only workbook, leaving it as it was', async () => {
    const path = setUpWorkbook('readonly.workbook.json');
    chmodSync(path, 0o444);
    const before = statSync(path);
    const outcome = await gas('saveRecord', customer('Refused'), '--workbook', path);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/read-only \(mode 0444\); the changes were not saved/);
    const after = statSync(path);
    expect([after.ino, after.mode & 0o777, after.size]).toEqual([before.ino, 0o444, before.size]);
    const list = await gas('listRecords', '["customers", {}]', '--workbook', path);
    expect(list.code).toBe(0);
  }, 60_000);

  // Root may write anywhere: the folder's permissions bite only another user.
  const setpriv = spawnSync('setpriv', ['--version']).status === 0 && process.getuid?.() === 0;
  it.skipIf(!setpriv)(
    'in a folder the user may not write to: reads work, a change is refused',
    async () => {
      const folder = mkdtempSync(join(dir, 'locked-'));
      const path = join(folder, 'w.workbook.json');
      // Already used: a first run would mark the add-on as used in it, a change.
      saveWorkbook(path, { ...newWorkbookState({ id: 'locked' }), addonEnabled: true });
      // A probe script (--script): no build step that would want to write dist/ as nobody.
      const probe = join(folder, 'probe.js');
      writeFileSync(
        probe,
        'function readName() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }\n' +
          "function rename() { SpreadsheetApp.getActiveSpreadsheet().rename('Changed'); }\n",
      );
      chmodSync(dir, 0o755);
      chmodSync(folder, 0o555);
      try {
        const asNobody = (functionName: string) =>
          run('setpriv', [
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            process.execPath,
            '--import',
            'tsx',
            'scripts/gas.ts',
            functionName,
            '--script',
            probe,
            '--workbook',
            path,
          ]);
        const read = await asNobody('readName');
        expect(read.stderr).not.toMatch(/Error|Cannot/);
        expect(JSON.parse(read.stdout)).toBe('Kartoteka');
        const before = statSync(path);
        const change = await asNobody('rename');
        expect(change.code).toBe(1);
        expect(change.stderr).toMatch(/is not writable by you .*the changes were not saved/);
        expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
        expect(readdirSync(folder).sort()).toEqual(['probe.js', 'w.workbook.json']);
      } finally {
        chmodSync(folder, 0o755);
      }
    },
    60_000,
  );

  it('a writer killed mid-save leaves a readable file; the next open cleans up after it', async () => {
    const path = join(dir, 'killed.workbook.json');
    const state = newWorkbookState({ id: 'big' });
    // Big enough that a save takes a while, so the kill lands inside one.
    state.sheets[0].maxRows = 40_000;
    for (let r = 1; r < 40_000; r++) {
      state.sheets[0].rows[r] = Array.from({ length: 8 }, (_, c) => ({ v: `row ${r} col ${c}` }));
    }
    saveWorkbook(path, state);
    const tempFiles = () => readdirSync(dir).filter((n) => /^\.killed.*\.tmp$/.test(n));
    /** Starts a writer, kills it once its temp file is there; true if it died mid-save. */
    const killMidSave = async (): Promise<boolean> => {
      const child = spawn(process.execPath, [
        '--import',
        'tsx',
        join(ROOT, 'test/local/fixtures/busy-writer.ts'),
        path,
      ]);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const deadline = Date.now() + 60_000;
      while (tempFiles().length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      child.kill('SIGKILL');
      await exited;
      return tempFiles().length > 0;
    };
    // The kill can land just after the save it was aimed at; then the next writer (taking
    // over the dead one's lock) is killed in turn.
    let caughtMidSave = false;
    for (let attempt = 0; attempt < 5 && !caughtMidSave; attempt++) {
      caughtMidSave = await killMidSave();
    }
    expect(caughtMidSave).toBe(true);
    expect(existsSync(lockPathFor(path))).toBe(true);

    const survivor = loadWorkbook(path);
    expect(survivor.sheets[0].rows[1]?.[7]?.v).toBe('row 1 col 7');
    const reopened = WorkbookFile.open(path, { timeoutMs: 5_000 });
    expect(reopened.state.sheets[0].rows.length).toBe(40_000);
    expect(tempFiles()).toEqual([]);
    expect(existsSync(lockPathFor(path))).toBe(false);
  }, 120_000);
});

describe('`npm run gas` while the dev server runs', () => {
  let server: DevServer;
  let path: string;
  beforeAll(async () => {
    path = setUpWorkbook('served.workbook.json');
    server = await startDevServer({ workbookPath: path, codePath: join(DIST, 'Code.js'), port: 0 });
  });
  afterAll(() => server?.close());

  /** The per-start token only the served page receives (dev/request-check.ts). */
  const token = async () => {
    const page = await (await fetch(server.url)).text();
    return /<meta name="kartoteka-request-token" content="([^"]+)">/.exec(page)?.[1] ?? '';
  };

  const run = async (functionName: string, args: unknown[]) => {
    const response = await fetch(`${server.url}api/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: await token() },
      body: JSON.stringify({ functionName, args }),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  };

  it("a CLI write is kept by the server's next call, and shown by it", async () => {
    expect((await run('saveRecord', JSON.parse(customer('From sidebar')))).ok).toBe(true);
    const cli = await gas('saveRecord', customer('From CLI'), '--workbook', path);
    expect(cli.code).toBe(0);
    const list = await run('listRecords', ['customers', { text: 'from' }]);
    expect(list.value).toMatchObject({ total: 2 });
    expect((await run('saveRecord', JSON.parse(customer('Sidebar again')))).ok).toBe(true);
    expect(customerNames(path).sort()).toEqual(['From CLI', 'From sidebar', 'Sidebar again']);
  }, 60_000);

  it('a call that changes nothing does not rewrite the file', async () => {
    const before = statSync(path, { bigint: true });
    const list = await run('listRecords', ['customers', {}]);
    expect(list.ok).toBe(true);
    await fetch(`${server.url}api/state`);
    const after = statSync(path, { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
    expect(readFileSync(path, 'utf8')).toContain('Sidebar again');
  });
});
