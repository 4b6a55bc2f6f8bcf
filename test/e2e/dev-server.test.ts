import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DevServer } from '../../src/local/dev-server.ts';
import { loadWorkbook } from '../../src/local/workbook-file.ts';
import { launchBrowser, screenshot, startTestServer } from './browser.ts';

describe('npm start: the local runtime in Chromium', () => {
  let browser: Browser;
  let server: DevServer;
  let workbookPath: string;
  let page: Page;

  beforeAll(async () => {
    ({ server, workbookPath } = await startTestServer());
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the add-on menu built by onOpen and the workbook grid', async () => {
    await page.getByText('Extensions ▸ Kartoteka').click();
    await expect.poll(() => page.getByRole('menuitem').allTextContents()).toContain('Open sidebar');
    await expect.poll(() => page.locator('table.sheet').count()).toBe(1);
  });

  it('"Open sidebar" runs showSidebar through the bundle and shows the real sidebar.html', async () => {
    await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
    const frame = page.frameLocator('aside.sidebar iframe');
    await expect.poll(() => frame.locator('h1').first().textContent()).toContain('Kartoteka');
    await screenshot(page, 'dev-server-sidebar');
    expect(loadWorkbook(workbookPath).format).toBe('kartoteka-workbook');
  });

  it('google.script.run in the sidebar follows Google: handlers, user object, no Date arguments', async () => {
    const sidebar = page.frames().find((f) => f.url().includes('/sidebar'));
    expect(sidebar).toBeDefined();
    const outcome = await sidebar!.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const run = (window as unknown as { google: { script: { run: any } } }).google.script.run; // eslint-disable-line @typescript-eslint/no-explicit-any -- the page's untyped global
          const results: unknown[] = [];
          run
            .withSuccessHandler((value: unknown, user: unknown) => {
              results.push({ value, user });
              run
                .withFailureHandler((error: Error, user: unknown) => {
                  results.push({ error: error.message, user });
                  run
                    .withFailureHandler((error: Error) => {
                      results.push({ missing: error.message });
                      resolve(results);
                    })
                    .noSuchFunction();
                })
                .withUserObject('second')
                .onOpen(new Date());
            })
            .withUserObject({ tag: 'first' })
            .onOpen({ authMode: 'FULL' });
        }),
    );
    expect(outcome).toEqual([
      { value: null, user: { tag: 'first' } },
      { error: expect.stringMatching(/Date/), user: 'second' },
      { missing: 'Script function not found: noSuchFunction' },
    ]);
  });

  it('writes what is typed into the grid as a user edit, parsed as Sheets parses input', async () => {
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    const cell = page.locator('table.sheet[data-sheet="Sheet1"] td[data-a1="B3"]');
    await cell.dblclick();
    await page.getByLabel('Edit B3').fill('0042');
    await page.getByLabel('Edit B3').press('Enter');
    await expect.poll(() => cell.textContent()).toBe('42');
    expect(server.runtime().state.sheets[0].rows[2]?.[1]?.v).toBe(42);
  });
});
