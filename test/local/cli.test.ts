/** `npm run gas`: the CLI runs entry points of dist/Code.js against a workbook file. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/build.ts';
import { loadWorkbook } from '../../src/local/workbook-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gas(...args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', 'gas', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KARTOTEKA_WORKBOOK: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run gas', () => {
  it('runs onOpen on a new workbook and exits 0, printing the counts to stderr', () => {
    const workbook = join(dir, 'open.json');
    const result = gas('onOpen', '--workbook', workbook);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toBeNull();
    expect(result.stderr).toContain('"SpreadsheetApp.getUi":1');
    expect(loadWorkbook(workbook).format).toBe('kartoteka-workbook');
  });

  it('runs showSidebar against a workbook file', () => {
    const result = gas('showSidebar', '--workbook', join(dir, 'sidebar.json'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('"HtmlService.createHtmlOutputFromFile":1');
  });

  it('passes JSON arguments, honours --now and --script, and prints the value', () => {
    const script = join(dir, 'probe.js');
    writeFileSync(
      script,
      'function echo(a, b) { return { a: a, b: b, now: new Date().toISOString() }; }',
    );
    const args = join(dir, 'args.json');
    writeFileSync(args, JSON.stringify([{ x: 1 }, 'two']));
    const result = gas(
      'echo',
      `@${args}`,
      '--script',
      script,
      '--now',
      '2026-05-01T09:00:00Z',
      '--workbook',
      join(dir, 'echo.json'),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      a: { x: 1 },
      b: 'two',
      now: '2026-05-01T09:00:00.000Z',
    });
  });

  it('exits 1 with the error message when the function throws or does not exist', () => {
    const result = gas('noSuchFunction', '--workbook', join(dir, 'missing.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Script function not found: noSuchFunction');
  });

  it('refuses a corrupt workbook and leaves it untouched', () => {
    const workbook = join(dir, 'corrupt.json');
    writeFileSync(workbook, 'not json');
    const result = gas('onOpen', '--workbook', workbook);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON/);
    expect(readFileSync(workbook, 'utf8')).toBe('not json');
  });
});
