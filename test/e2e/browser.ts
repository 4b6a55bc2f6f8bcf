/**
 * Shared set-up for browser tests: Debian's Chromium driven by playwright-core, and the
 * dev server on a temporary workbook. `.ci/run` installs chromium; locally:
 * `apt-get update && apt-get install -y chromium`.
 */
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from '../../scripts/build.ts';
import { startDevServer, type DevServer } from '../../src/local/dev-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = join(ROOT, 'test-results');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function startTestServer(
  workbookPath?: string,
  options: { demo?: boolean } = {},
): Promise<{ server: DevServer; workbookPath: string }> {
  const path =
    workbookPath ?? join(mkdtempSync(join(tmpdir(), 'kartoteka-e2e-')), 'test.workbook.json');
  const server = await startDevServer({
    workbookPath: path,
    codePath: join(DIST, 'Code.js'),
    port: 0,
    demo: options.demo,
  });
  return { server, workbookPath: path };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * The dev server on a new demo workbook and a 1400 × 900 page on it, for tests that use the
 * page as a person would (menu, grid, clock, outbox). Registers its own set-up and tear-down.
 */
export function useDemoPage(): { page(): Page; server(): DevServer } {
  let browser: Browser | undefined;
  let server: DevServer | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    ({ server } = await startTestServer(undefined, { demo: true }));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    page: () => page as Page,
    server: () => server as DevServer,
  };
}

export interface OpenSidebar {
  browser: Browser;
  page: Page;
  /** The sidebar's iframe, as the user sees it (300 px wide). */
  sidebar: FrameLocator;
}

/**
 * A 1280 × 900 page on the dev server with the sidebar opened from the menu, as a user
 * opens it, once its search box is up.
 */
export async function openSidebar(server: DevServer): Promise<OpenSidebar> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.getByText('Extensions ▸ Kartoteka').click();
  await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
  const sidebar = page.frameLocator('aside.sidebar iframe');
  await sidebar.locator('#search').waitFor({ timeout: 20_000 });
  return { browser, page, sidebar };
}
