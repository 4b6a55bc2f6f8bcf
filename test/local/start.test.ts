/** `npm start` itself: builds if needed, creates the default workbook, prints the URL, serves. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/build.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-start-'));
let child: ChildProcess | undefined;
afterAll(() => {
  // npm → tsx → node: end the whole process group, not only npm.
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function waitForUrl(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 25_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kartoteka local runtime: (http:\/\/localhost:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    process.stdout?.on('data', read);
    process.stderr?.on('data', read);
    process.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
  });
}

describe('npm start', () => {
  it('serves the grid page and the real sidebar on the default workbook it creates', async () => {
    const workbook = join(dir, 'kartoteka.workbook.json');
    child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', KARTOTEKA_WORKBOOK: workbook },
      detached: true,
    });
    const url = await waitForUrl(child);
    const page = await (await fetch(url)).text();
    expect(page).toContain('<title>Kartoteka — local runtime</title>');
    const sidebar = await (await fetch(`${url}sidebar`)).text();
    expect(sidebar).toContain('google.script.run');
    const state = (await (await fetch(`${url}api/state`)).json()) as { sheets: string[] };
    expect(state.sheets).toEqual(expect.arrayContaining(['Customers', 'Deals', 'Settings']));
    expect(existsSync(workbook)).toBe(true);
  });
});
