/**
 * Issue 5 in real Chromium: the real dist/sidebar.html in the dev server, typed into like
 * a user would, with the result checked in the workbook the bundle wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { DevServer } from '../../src/local/dev-server.ts';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import { launchBrowser, screenshot, startTestServer } from './browser.ts';

let browser: Browser;
let server: DevServer;
let page: Page;
let sidebar: FrameLocator;
const dialogs: string[] = [];

/** The letter of a Customers column, found by its header (Setup's order may change). */
function customerColumn(header: string): string {
  const sheet = server.runtime().state.sheets.find((s) => s.name === 'Customers');
  const index = (sheet?.rows[0] ?? []).findIndex((cell) => cell?.v === header);
  return columnLetters(index + 1);
}

/** The Customers tab's data rows as the bundle stored them: header → value. */
function customerRows(): Array<Record<string, unknown>> {
  const sheet = server.runtime().state.sheets.find((s) => s.name === 'Customers');
  if (!sheet) return [];
  const header = (sheet.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  return sheet.rows
    .slice(1)
    .filter((cells) => cells?.some((cell) => cell?.v !== undefined))
    .map((cells) => Object.fromEntries(header.map((h, i) => [h, cells?.[i]?.v ?? ''])));
}

async function openSidebar(): Promise<void> {
  await page.getByText('Extensions ▸ Kartoteka').click();
  await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
  sidebar = page.frameLocator('aside.sidebar iframe');
}

function field(name: string) {
  return sidebar.locator(`[data-field="${name}"]`).locator('input, select, textarea').first();
}

async function startNewCustomer(): Promise<void> {
  // With no customers yet, the first-run message holds the same action.
  await sidebar.getByRole('button', { name: /^(New customer|Add your first customer)$/ }).click();
  await expect.poll(() => sidebar.locator('form[data-entity="customers"]').count()).toBe(1);
}

/** Back until the list shows (a form that was changed is discarded). */
async function goHome(): Promise<void> {
  for (let step = 0; step < 5 && !(await sidebar.locator('#search').count()); step++) {
    await sidebar.getByRole('button', { name: /^Back/ }).first().click();
    const discard = sidebar.getByRole('button', { name: 'Discard' });
    if (await discard.count()) await discard.click();
  }
  await expect.poll(() => sidebar.locator('#search').count()).toBe(1);
}

beforeAll(async () => {
  ({ server } = await startTestServer());
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(server.url);
  await openSidebar();
  // A new spreadsheet: the sidebar offers to set up the tabs.
  await sidebar.getByRole('button', { name: 'Set up tabs' }).click();
  await sidebar.locator('#search').waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the sidebar in Chromium', () => {
  it('shows a field error for a bad email and writes nothing; once fixed, saves the row', async () => {
    await startNewCustomer();
    await field('name').fill('Jan Kowalski');
    await field('email').fill('jan@');
    await field('email').press('Tab');
    const emailMessage = sidebar.locator('[data-field="email"] .field-message');
    await expect.poll(() => emailMessage.textContent()).toBe("Email: 'jan@' is missing the domain");
    await sidebar.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => sidebar.locator('.missing').textContent()).toContain('Email');
    await screenshot(page, 'sidebar-1-bad-email');
    expect(customerRows()).toEqual([]);

    await field('email').fill('jan@example.com');
    await field('email').press('Tab');
    await expect.poll(() => emailMessage.textContent()).toBe('✓ looks good');
    await field('phone').fill('600 100 200');
    await sidebar.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe('Jan Kowalski');
    expect(customerRows()).toEqual([
      expect.objectContaining({
        Name: 'Jan Kowalski',
        Email: 'jan@example.com',
        Phone: '+48600100200',
      }),
    ]);
    // …and the user sees it in the Customers grid.
    await page.getByRole('tab', { name: 'Customers' }).click();
    const grid = page.locator('table.sheet[data-sheet="Customers"]');
    await expect.poll(() => grid.locator('td', { hasText: 'Jan Kowalski' }).count()).toBe(1);
    await expect.poll(() => grid.locator('td', { hasText: '+48600100200' }).count()).toBe(1);
    await screenshot(page, 'sidebar-1-saved');
  });

  it('edits the customer found by search: the same row changes, no row is added', async () => {
    await goHome();
    await sidebar.locator('#search').fill('kowalski');
    const edit = sidebar.getByRole('button', { name: 'Edit Jan Kowalski' });
    await expect.poll(() => edit.count()).toBe(1);
    await edit.click();
    await field('phone').fill('+48 600 999 888');
    await sidebar.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe('Jan Kowalski');
    const rows = customerRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Name: 'Jan Kowalski', Phone: '+48600999888' });
    await screenshot(page, 'sidebar-2-edited');
  });

  it('adds deals from the card, which shows them and the purchase figures', async () => {
    await sidebar.getByRole('button', { name: 'Add deal' }).first().click();
    await expect.poll(() => sidebar.locator('form[data-entity="deals"]').count()).toBe(1);
    expect(await field('customerId').inputValue()).toBe('Jan Kowalski');
    await field('title').fill('Website redesign');
    await field('stage').selectOption('won');
    await field('amount').fill('1200');
    await field('closedDate').fill('2026-03-01');
    await sidebar.getByRole('button', { name: 'Add deal' }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe('Jan Kowalski');

    await sidebar.getByRole('button', { name: 'Add deal' }).first().click();
    await field('title').fill('Support plan');
    await field('stage').selectOption('proposal');
    await field('amount').fill('300');
    await sidebar.getByRole('button', { name: 'Add deal' }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe('Jan Kowalski');

    const card = sidebar.locator('article.card');
    // Amounts and dates as the spreadsheet's locale writes them (the local runtime's is "en").
    const spaced = async () => (await card.locator('.metrics').textContent())?.replace(/\s/g, ' ');
    await expect.poll(spaced).toContain('PLN 1,200.00');
    expect(await card.locator('.metrics').textContent()).toContain('Mar 1');
    expect(await card.locator('section[aria-label="Open deals"]').textContent()).toContain(
      'Support plan',
    );
    await screenshot(page, 'sidebar-3-card');

    await sidebar.getByRole('button', { name: 'Add contact' }).click();
    await field('name').fill('Piotr Kowalski');
    await field('email').fill('piotr@example.com');
    await sidebar.getByRole('button', { name: 'Add contact' }).click();
    await expect
      .poll(() => sidebar.locator('section[aria-label="Contacts"]').textContent())
      .toContain('Piotr Kowalski');
  });

  it('shows script-looking and formula-looking names as text, creating nothing from them', async () => {
    for (const name of ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil","x")']) {
      await goHome();
      await startNewCustomer();
      await field('name').fill(name);
      await field('email').fill(`${name.length}@example.com`);
      await sidebar.getByRole('button', { name: 'Add customer' }).click();
      await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe(name);
    }
    await goHome();
    // The list keeps the last search; clear it to see everyone.
    await sidebar.locator('#search').fill('');
    await expect.poll(() => sidebar.locator('ul[aria-label="Customers"] > li').count()).toBe(3);
    expect(await sidebar.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    const names = customerRows().map((row) => row.Name);
    expect(names).toEqual(
      expect.arrayContaining(['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil","x")']),
    );
    await page.getByRole('tab', { name: 'Customers' }).click();
    const grid = page.locator('table.sheet[data-sheet="Customers"]');
    await expect
      .poll(() => grid.locator('td', { hasText: '=HYPERLINK("http://evil","x")' }).count())
      .toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    await screenshot(page, 'sidebar-4-text-safety');
  });

  it('saves exactly one row when Save is double-clicked', async () => {
    await goHome();
    await startNewCustomer();
    await field('name').fill('Double Click');
    await field('email').fill('double@example.com');
    await sidebar.getByRole('button', { name: 'Add customer' }).dblclick();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe('Double Click');
    await page.waitForTimeout(500);
    expect(customerRows().filter((row) => row.Name === 'Double Click')).toHaveLength(1);
    await screenshot(page, 'sidebar-5-double-click');
  });

  it('warns about a duplicate, naming the customer, and saves only when told to', async () => {
    await goHome();
    await startNewCustomer();
    await field('name').fill('Jan K. (second entry)');
    await field('email').fill('JAN@example.com');
    await field('email').press('Enter'); // Enter submits the form
    const banner = sidebar.locator('.banner');
    await expect
      .poll(() => banner.textContent())
      .toContain('"Jan Kowalski" already has this email');
    expect(customerRows().filter((row) => row.Email === 'jan@example.com')).toHaveLength(1);
    await screenshot(page, 'sidebar-6-duplicate');
    await banner.getByRole('button', { name: 'Save anyway' }).click();
    await expect
      .poll(() => sidebar.locator('h2.card-title').textContent())
      .toBe('Jan K. (second entry)');
    expect(customerRows().filter((row) => row.Email === 'jan@example.com')).toHaveLength(2);
  });

  it('cancels a form with Esc, asking first when something was typed, and keeps the list', async () => {
    await goHome();
    await startNewCustomer();
    await field('name').fill('Never saved');
    await field('name').press('Escape');
    await sidebar.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => sidebar.locator('#search').count()).toBe(1);
    expect(customerRows().some((row) => row.Name === 'Never saved')).toBe(false);
  });

  it('opens the row under the cursor, and reports a bad hand-typed cell with its row and column', async () => {
    await page.getByRole('tab', { name: 'Customers' }).click();
    const grid = page.locator('table.sheet[data-sheet="Customers"]');
    const row = customerRows().findIndex((r) => r.Name === 'Double Click') + 2;
    await grid.locator(`td[data-a1="${customerColumn('Name')}${row}"]`).click();
    await goHome();
    await sidebar.getByRole('button', { name: 'Edit the selected row' }).click();
    await expect.poll(() => field('name').inputValue()).toBe('Double Click');
    await field('name').press('Escape');

    // Someone types a broken email straight into the sheet.
    const a1 = `${customerColumn('Email')}${row}`;
    const email = grid.locator(`td[data-a1="${a1}"]`);
    await email.dblclick();
    await page.getByLabel(`Edit ${a1}`).fill('double@');
    await page.getByLabel(`Edit ${a1}`).press('Enter');
    await sidebar.getByRole('button', { name: 'Check the tabs' }).click();
    await expect
      .poll(() => sidebar.locator('.problems li').allTextContents())
      .toEqual([`Row ${row} · Email'double@' is missing the domain`]);
    await screenshot(page, 'sidebar-7-problems');
  });

  it("archives a customer from the card's menu: the row stays, the list drops it", async () => {
    // Someone pastes words into the Birthday column (a paste is not stopped by the date
    // rule): the customer stays findable, and the card says which cell to fix.
    const sheet = server.runtime().state.sheets.find((t) => t.name === 'Customers')!;
    const header = sheet.rows[0]!.map((cell) => cell?.v);
    const row = customerRows().findIndex((r) => r.Name === 'Double Click') + 2;
    sheet.rows[row - 1]![header.indexOf('Birthday')] = { v: 'next week' };
    await goHome();
    await sidebar.locator('#search').fill('Double Click');
    await sidebar.getByRole('button', { name: /^Double Click/ }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe('Double Click');
    await expect
      .poll(() => sidebar.locator('.cells-to-fix li').allTextContents())
      .toEqual([`Birthday (Customers, row ${row}): 'next week' is not a date (use YYYY-MM-DD)`]);
    await screenshot(page, 'sidebar-8-cell-to-fix');
    await sidebar.getByRole('button', { name: 'More actions for this customer' }).click();
    await sidebar.getByRole('menuitem', { name: 'Archive customer' }).click();
    await expect.poll(() => sidebar.locator('#search').count()).toBe(1);
    await sidebar.locator('#search').fill('');
    // The refreshed list: the other customers are there, the archived one is not.
    await expect
      .poll(async () => (await sidebar.locator('.results li').allTextContents()).join(' | '))
      .toContain('Jan Kowalski');
    const listed = await sidebar.locator('ul[aria-label="Customers"] > li').allTextContents();
    expect(listed.some((text) => text.includes('Double Click'))).toBe(false);
    expect(customerRows().find((row) => row.Name === 'Double Click')).toMatchObject({
      Archived: true,
    });
  });
});
