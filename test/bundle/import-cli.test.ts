/** `npm run import` and `npm run gas` on files that do not exist yet: the same engine as the sidebar. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/build.ts';
import { loadWorkbook } from '../../src/local/workbook-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function npm(script: string, ...args: string[]) {
  // node --import tsx: what npm run does, without an npm and an npx start-up per call.
  const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KARTOTEKA_WORKBOOK: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function customerNames(path: string): string[] {
  const sheet = loadWorkbook(path).sheets.find((s) => s.name === 'Customers');
  return (sheet?.rows ?? [])
    .slice(1)
    .map((cells) => String(cells?.[0]?.v ?? '')) // Name, the first column Setup makes
    .filter(Boolean);
}

describe('npm run import', () => {
  const csv = join(dir, 'klienci.csv');
  writeFileSync(
    csv,
    '\uFEFFImię;Nazwisko;E-mail\r\nAnna;Nowak;anna@example.com\r\nJan;Lis;jan@\r\n',
  );

  it('creates a blank workbook for a missing file, and says so', () => {
    const workbook = join(dir, 'blank.json');
    const result = npm('import', '--workbook', workbook, '--into', 'customers', csv);
    expect(result.stderr).toContain(`No workbook at ${workbook}: created a blank spreadsheet.`);
    expect(result.stderr).toContain('The Customers tab is missing');
    expect(result.code).toBe(1);
    expect(loadWorkbook(workbook).sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('prints the preview without writing, and commits with --commit', () => {
    const workbook = join(dir, 'import.json');
    const preview = npm('import', '--workbook', workbook, '--setup', '--into', 'customers', csv);
    expect(preview.code).toBe(0);
    const output = JSON.parse(preview.stdout) as {
      preview: { added: number; invalid: number; invalidRows: unknown[] };
    };
    expect(output.preview).toMatchObject({ added: 1, invalid: 1 });
    expect(output.preview.invalidRows).toEqual([
      { row: 3, errors: { email: "Email: 'jan@' is missing the domain" } },
    ]);
    expect(customerNames(workbook)).toEqual([]);

    const commit = npm('import', '--workbook', workbook, '--into', 'customers', '--commit', csv);
    expect(commit.code).toBe(0);
    expect(JSON.parse(commit.stdout).committed).toMatchObject({ finished: true, added: 1 });
    expect(customerNames(workbook)).toEqual(['Anna Nowak']);
  });
});

describe('npm run gas', () => {
  it('creates a blank spreadsheet for a missing file and says so on stderr', () => {
    const workbook = join(dir, 'gas.json');
    const result = npm('gas', 'onOpen', '--workbook', workbook);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`No workbook at ${workbook}: created a blank spreadsheet.`);
    const again = npm('gas', 'onOpen', '--workbook', workbook);
    expect(again.stderr).not.toContain('created a blank spreadsheet');
  });
});

describe('npm start -- --blank', () => {
  it('opens an empty spreadsheet instead of the demo', async () => {
    const workbook = join(dir, 'blank-start.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--blank'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', KARTOTEKA_WORKBOOK: workbook },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 25_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Kartoteka local runtime: (http:\/\/localhost:\d+\/)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const state = (await (await fetch(`${url}api/state`)).json()) as { sheets: string[] };
      expect(state.sheets).toEqual(['Sheet1']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
