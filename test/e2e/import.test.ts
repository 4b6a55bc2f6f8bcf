/**
 * Issue 13 in real Chromium, in the 300 px sidebar of the dev server: import a small
 * Windows-1250 file (columns matched from Polish headers, preview, progress, undo), then
 * merge two duplicates found by "Find duplicates" and undo the merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { DevServer } from '../../src/local/dev-server.ts';
import { openSidebar, screenshot, startTestServer } from './browser.ts';

let browser: Browser;
let server: DevServer;
let page: Page;
let sidebar: FrameLocator;

function run<T>(name: string, ...args: unknown[]): T {
  const result = server.runtime().run<T>(name, args, { source: 'script-run' });
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

/** Data rows of a tab as header → value, like the grid shows them. */
function rows(tab: string): Array<Record<string, unknown>> {
  const sheet = server.runtime().state.sheets.find((s) => s.name === tab);
  const header = (sheet?.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  return (sheet?.rows ?? [])
    .slice(1)
    .filter((cells) => cells?.[0]?.v !== undefined)
    .map((cells) => Object.fromEntries(header.map((h, i) => [h, cells?.[i]?.v ?? ''])));
}

function windows1250(text: string): Buffer {
  const decoder = new TextDecoder('windows-1250');
  const byChar = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byChar.set(decoder.decode(new Uint8Array([byte])), byte);
  return Buffer.from([...text].map((char) => byChar.get(char) ?? 0x3f));
}

/** Back to the list from wherever the last test left the sidebar. */
async function goHome(): Promise<void> {
  const done = sidebar.getByRole('button', { name: 'Done', exact: true });
  if (await done.count()) await done.click();
  const back = sidebar.getByRole('button', { name: 'Back', exact: true });
  for (let i = 0; i < 5 && (await back.count()); i++) await back.first().click();
}

async function openTools(): Promise<void> {
  await goHome();
  // The list may still be redrawn with fresh data (closing an open menu): open it until
  // the item is there.
  const more = sidebar.getByRole('button', { name: 'More actions' });
  const item = sidebar.getByRole('menuitem', { name: 'Import and merge' });
  for (let attempt = 0; attempt < 5 && !(await item.isVisible()); attempt++) {
    await more.click();
    await item.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  await item.click();
  await sidebar.getByRole('heading', { name: 'Import and merge' }).waitFor();
}

beforeAll(async () => {
  ({ server } = await startTestServer());
  run('setupTabs');
  run('saveRecord', 'customers', {
    name: 'Anna Nowak',
    email: 'anna@example.com',
    city: 'Kraków',
  });
  ({ browser, page, sidebar } = await openSidebar(server));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Import in the sidebar', () => {
  it('matches Polish headers, previews without writing, imports, and undoes', async () => {
    expect(await page.locator('aside.sidebar iframe').evaluate((f) => f.clientWidth)).toBe(300);
    const before = structuredClone(
      server.runtime().state.sheets.find((s) => s.name === 'Customers'),
    );
    await openTools();
    await sidebar.getByRole('button', { name: 'Import a CSV file…' }).click();
    await sidebar.locator('#import-entity').selectOption('customers');
    await sidebar.locator('#import-file').setInputFiles({
      name: 'klienci.csv',
      mimeType: 'text/csv',
      buffer: windows1250(
        'Imię;Nazwisko;E-mail;Miasto;Karta\r\n' +
          'Anna;Nowak;ANNA@example.com;Łódź;K1\r\n' +
          'Żaneta;Wąs;zaneta@example.com;"Gdańsk; Oliwa";K2\r\n' +
          '\r\n' +
          'Jan;Zły;jan@;Brno;K3\r\n',
      ),
    });
    await sidebar.getByRole('button', { name: 'Next' }).click();
    await sidebar.getByRole('heading', { name: 'Columns of klienci.csv' }).waitFor();
    expect(await sidebar.locator('.import-view').textContent()).toContain('Windows-1250');
    expect(await sidebar.locator('[data-column="Imię"]').inputValue()).toBe('firstName');
    expect(await sidebar.locator('[data-column="E-mail"]').inputValue()).toBe('field:email');
    await sidebar.locator('[data-column="Karta"]').selectOption('keep');
    await screenshot(page, 'import-1-columns');
    await sidebar.getByRole('button', { name: 'Preview' }).click();

    const counts = sidebar.locator('.import-counts');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toContain('1 new');
    expect(await counts.textContent()).toContain('1 updated (City 1, Karta 1)');
    expect(await sidebar.locator('.problems').textContent()).toBe(
      "Row 5: Email: 'jan@' is missing the domain",
    );
    expect(await sidebar.locator('.updates').textContent()).toContain('City Kraków → Łódź');
    expect(server.runtime().state.sheets.find((s) => s.name === 'Customers')).toEqual(before);
    await screenshot(page, 'import-2-preview');

    await sidebar.getByRole('button', { name: 'Import 2 rows' }).click();
    await sidebar.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 20_000 });
    expect(await sidebar.locator('[role="status"]').first().textContent()).toContain(
      'Customers: 1 added, 1 updated.',
    );
    const imported = rows('Customers');
    expect(imported.map((r) => [r.Name, r.City, r.Karta])).toEqual([
      ['Anna Nowak', 'Łódź', 'K1'],
      ['Żaneta Wąs', 'Gdańsk; Oliwa', 'K2'],
    ]);
    await screenshot(page, 'import-3-done');

    await sidebar.getByRole('button', { name: 'Undo import' }).click();
    await sidebar.getByRole('heading', { name: 'Import and merge' }).waitFor();
    await expect.poll(() => rows('Customers').length).toBe(1);
    expect(server.runtime().state.sheets.find((s) => s.name === 'Customers')).toEqual(before);
    expect(await sidebar.locator('.card-list').first().textContent()).toContain('(undone)');
  });
});

describe('A larger file in the sidebar', () => {
  it('goes to the server in chunks, with the progress bar moving chunk by chunk', async () => {
    await openTools();
    await sidebar.getByRole('button', { name: 'Import a CSV file…' }).click();
    await sidebar.locator('#import-entity').selectOption('customers');
    const lines = ['Name,Email'];
    for (let i = 0; i < 4_500; i++) lines.push(`Klient ${i},klient${i}@example.com`);
    await sidebar.locator('#import-file').setInputFiles({
      name: 'duzy.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await sidebar.getByRole('button', { name: 'Next' }).click();
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    const importButton = sidebar.getByRole('button', { name: 'Import 4500 rows' });
    await importButton.waitFor({ timeout: 30_000 });
    // Every value the progress bar takes, as the page sees it.
    await sidebar.locator('progress').evaluate((bar: HTMLProgressElement) => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const describe = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value');
      Object.defineProperty(bar, 'value', {
        get: () => describe?.get?.call(bar) as number,
        set: (v: number) => {
          describe?.set?.call(bar, v);
          seen.push(v);
        },
      });
    });
    await importButton.click();
    await sidebar.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 30_000 });
    const seen = await sidebar
      .locator('body')
      .evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen).toEqual([2000, 4000, 4500]);
    expect(rows('Customers').length).toBe(4_501);
    await sidebar.getByRole('button', { name: 'Undo import' }).click();
    await expect.poll(() => rows('Customers').length).toBe(1);
  });
});

describe('Merge duplicates in the sidebar', () => {
  it('finds the pair, keeps the chosen values, re-points the deal, and undoes', async () => {
    const anna = rows('Customers')[0].ID as string;
    const other = run<{ record: { id: string } }>(
      'saveRecord',
      'customers',
      { name: 'A. Nowak', email: 'Anna@Example.com', phone: '+48 601 200 300', city: 'Gdynia' },
      { confirmDuplicate: true },
    ).record.id;
    run('saveRecord', 'deals', { customerId: other, title: 'Kitchen', stage: 'lead' });
    const before = structuredClone(
      server.runtime().state.sheets.filter((s) => ['Customers', 'Deals'].includes(s.name)),
    );
    // From Check the tabs, as the duplicates' way in.
    await goHome();
    await sidebar.getByRole('button', { name: 'Check the tabs' }).click();
    await sidebar.getByRole('button', { name: 'Find duplicates…' }).click();
    await sidebar.getByRole('button', { name: 'Merge Anna Nowak and A. Nowak' }).click();
    const city = sidebar.locator('fieldset[data-field="city"]');
    await city.waitFor();
    await city.getByLabel('Gdynia').check();
    await screenshot(page, 'merge-1-choose');
    await sidebar.getByRole('button', { name: 'Merge', exact: true }).click();
    await sidebar.getByRole('heading', { name: 'Merged' }).waitFor({ timeout: 20_000 });
    const customers = rows('Customers');
    expect(customers.find((r) => r.ID === anna)).toMatchObject({
      Name: 'Anna Nowak',
      City: 'Gdynia',
      Phone: '+48601200300',
    });
    expect(customers.find((r) => r.ID === other)).toMatchObject({ Archived: true });
    expect(rows('Deals')[0]['Customer ID']).toBe(anna);
    await screenshot(page, 'merge-2-done');

    await sidebar.getByRole('button', { name: 'Undo merge' }).click();
    await expect.poll(() => rows('Deals')[0]['Customer ID']).toBe(other);
    expect(
      server.runtime().state.sheets.filter((s) => ['Customers', 'Deals'].includes(s.name)),
    ).toEqual(before);
  });
});
