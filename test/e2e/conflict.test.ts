/**
 * Issue 9 §2 in real Chromium at the sidebar's 300 px: a customer form is open while the
 * City cell changes in the sheet (typed by hand, or saved by a colleague); Save shows the
 * conflict under the field, and both ways on work — the sheet's value taken into the form
 * (the user's other change still saved), or the user's value saved over it. Screenshots go
 * to test-results/conflict-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import type { DevServer } from '../../src/local/dev-server.ts';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import { RESULTS_DIR, openSidebar, startTestServer } from './browser.ts';

let browser: Browser;
let server: DevServer;
let page: Page;
let sidebar: FrameLocator;
let hotelId = '';

const HOTEL = 'Hotel Wawel';

function run<T>(name: string, args: unknown[], user?: string): T {
  const result = server.runtime().run<T>(name, args, { source: 'script-run', user });
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

/** The hotel's row as header → value, as the bundle stored it. */
function hotelRow(): Record<string, unknown> {
  const sheet = server.runtime().state.sheets.find((s) => s.name === 'Customers')!;
  const header = (sheet.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  const cells = sheet.rows[1] ?? [];
  return Object.fromEntries(header.map((h, i) => [h, cells[i]?.v ?? '']));
}

function cityCell(): string {
  const sheet = server.runtime().state.sheets.find((s) => s.name === 'Customers')!;
  const header = (sheet.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  return `${columnLetters(header.indexOf('City') + 1)}2`;
}

function field(name: string): Locator {
  return sidebar.locator(`[data-field="${name}"]`).locator('input, select, textarea').first();
}

async function shot(name: string, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await page.waitForTimeout(250); // let a transition settle
  await page
    .locator('aside.sidebar')
    .screenshot({ path: join(RESULTS_DIR, `conflict-${name}.png`) });
}

async function editHotel(): Promise<void> {
  if (!(await sidebar.locator('h2.card-title').count())) {
    await sidebar.locator('#search').fill('wawel');
    await sidebar.locator('button.result', { hasText: HOTEL }).first().click();
  }
  await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe(HOTEL);
  await sidebar.getByRole('button', { name: 'Edit customer' }).click();
  await expect.poll(() => sidebar.locator('form[data-entity="customers"]').count()).toBe(1);
}

beforeAll(async () => {
  ({ server } = await startTestServer());
  run('setupTabs', []);
  const saved = run<{ ok: boolean; record: { id: string } }>('saveRecord', [
    'customers',
    {
      name: HOTEL,
      type: 'company',
      email: 'biuro@wawel.example',
      phone: '+48 12 400 50 60',
      city: 'Kraków',
    },
  ]);
  hotelId = saved.record.id;
  ({ browser, page, sidebar } = await openSidebar(server));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a field changed in the sheet while the form is open', () => {
  it("shows the sheet's value under the field; taking it keeps the user's other change", async () => {
    await editHotel();
    await field('city').fill('Poznań');
    await field('phone').fill('600 100 200');
    // Someone types Łódź into the sheet while the form is open.
    server.runtime().userEdit('Customers', cityCell(), 'Łódź');
    await sidebar.getByRole('button', { name: 'Save changes' }).click();

    const conflict = sidebar.locator('[data-conflict="city"]');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.locator('.conflict-value').textContent()).toBe('Łódź');
    expect(await conflict.textContent()).toContain(
      'Changed in the sheet since you opened this form',
    );
    expect(await sidebar.locator('.banner').textContent()).toContain(
      'Not saved: City was changed in the sheet since you opened this customer.',
    );
    // Nothing was written: neither City nor the phone.
    expect(hotelRow()).toMatchObject({ City: 'Łódź', Phone: '+48124005060' });
    expect(await field('city').inputValue()).toBe('Poznań');
    await shot('1-banner', sidebar.locator('.banner'));
    await shot('1-hand-edit', conflict);

    await conflict.getByRole('button', { name: "Use the sheet's value" }).click();
    await expect.poll(() => field('city').inputValue()).toBe('Łódź');
    expect(await conflict.count()).toBe(0);
    expect(await sidebar.locator('.banner').textContent()).toContain(
      'Save to keep your other changes',
    );
    expect(await field('phone').inputValue()).toBe('600 100 200');
    await shot('2-took-sheet-value', field('city'));

    await sidebar.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe(HOTEL);
    expect(hotelRow()).toMatchObject({ City: 'Łódź', Phone: '+48600100200' });
  });

  it("names the colleague who saved it; keeping mine saves the user's value over it", async () => {
    await editHotel();
    await field('city').fill('Gdańsk');
    // A colleague saves another City from their own sidebar meanwhile.
    run('saveRecord', ['customers', { id: hotelId, city: 'Sopot' }], 'ana@example.com');
    await sidebar.getByRole('button', { name: 'Save changes' }).click();

    const conflict = sidebar.locator('[data-conflict="city"]');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.locator('.conflict-value').textContent()).toBe('Sopot');
    expect(await conflict.textContent()).toContain('Last saved by ana@example.com');
    expect(hotelRow()).toMatchObject({ City: 'Sopot', 'Updated by': 'ana@example.com' });
    await shot('3-colleague', conflict);

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe(HOTEL);
    expect(hotelRow()).toMatchObject({ City: 'Gdańsk', 'Updated by': 'owner@example.com' });
    await shot('4-kept-mine', sidebar.locator('h2.card-title'));
  });
});
