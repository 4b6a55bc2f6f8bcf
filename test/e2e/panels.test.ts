/**
 * Issues 11, 12 and 14 in the sidebar, in real Chromium at 300 px: the Reminders screen
 * (turn on at an hour, preview tomorrow, take over from a teammate, the home banner), the
 * Dashboard (Recalculate lifecycle, stage counts, the revenue chart, a top customer's card)
 * and Done / Snooze / Undo on the card's Upcoming list, with what they wrote checked in the
 * workbook. Screenshots go to test-results/panels-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import type { DevServer } from '../../src/local/dev-server.ts';
import { addDays, calendarDateIn } from '../../src/domain/calendar.ts';
import { columnLetters } from '../../src/local/emulator/spreadsheet/index.ts';
import { launchBrowser, RESULTS_DIR, startTestServer } from './browser.ts';

let browser: Browser;
let server: DevServer;
let page: Page;
let sidebar: FrameLocator;

const ME = 'owner@example.com';
const BEN = 'ben@example.com';
const ANNA = 'Anna Nowak';
const HOTEL = 'Hotel Wawel';
/** Shown as these characters, never as markup. */
const PIOTR = 'Piotr <img src=x onerror=alert(1)>';
const DAY = 86_400_000;
let today = '';

// ------------------------------------------------------------------ the workbook

function run<T>(name: string, args: unknown[] = [], user?: string): T {
  const result = server.runtime().run<T>(name, args, { source: 'script-run', user });
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

function save(entity: string, input: Record<string, unknown>): string {
  const result = run<{ ok: boolean; record?: { id: string } }>('saveRecord', [
    entity,
    input,
    { confirmDuplicate: true },
  ]);
  if (!result.ok || !result.record) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.record.id;
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/** A tab's rows as header → value; dates (serial numbers in date columns) as ISO days. */
function rows(tab: string): Array<Record<string, unknown>> {
  const sheet = server.runtime().state.sheets.find((s) => s.name === tab);
  if (!sheet) return [];
  const header = (sheet.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  return sheet.rows
    .slice(1)
    .filter((cells) => cells?.some((cell) => cell?.v !== undefined && cell?.v !== ''))
    .map((cells) =>
      Object.fromEntries(
        header.map((h, i) => {
          const cell = cells?.[i];
          const isDate = typeof cell?.v === 'number' && /yyyy/.test(String(cell?.nf ?? ''));
          const value = isDate
            ? new Date(Date.UTC(1899, 11, 30) + Number(cell?.v) * DAY).toISOString().slice(0, 10)
            : (cell?.v ?? '');
          return [h, value];
        }),
      ),
    );
}

/** A1 of a record's cell, found by its title (Name, or a deal's Title) and a header. */
function cellOf(tab: string, title: string, header: string): string {
  const sheet = server.runtime().state.sheets.find((s) => s.name === tab)!;
  const headers = (sheet.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  const key = headers.indexOf(tab === 'Deals' ? 'Title' : 'Name');
  const row = sheet.rows.findIndex((cells) => cells?.[key]?.v === title);
  return `${columnLetters(headers.indexOf(header) + 1)}${row + 1}`;
}

const anna = () => rows('Customers').find((r) => r.Name === ANNA)!;
const kitchen = () => rows('Deals').find((r) => r.Title === 'Kitchen')!;

function seed(): void {
  run('setupTabs');
  const annaId = save('customers', {
    name: ANNA,
    email: 'anna@example.com',
    owner: ME,
    followUp: daysAgo(3),
  });
  save('deals', {
    customerId: annaId,
    title: 'Kitchen',
    stage: 'proposal',
    amount: 6800,
    nextStep: 'Send the quote',
    nextStepDate: daysAgo(-2),
    owner: ME,
  });
  save('activities', {
    customerId: annaId,
    type: 'call',
    date: daysAgo(10),
    summary: 'Asked for prices',
  });
  save('deals', {
    customerId: annaId,
    title: 'Chairs',
    stage: 'won',
    amount: 900,
    closedDate: daysAgo(40),
  });
  const hotel = save('customers', { name: HOTEL, email: 'biuro@hotel.example', owner: ME });
  for (const [days, amount] of [
    [300, 12000],
    [200, 8000],
    [95, 15500],
    [20, 28500],
  ]) {
    save('deals', {
      customerId: hotel,
      title: `Order ${days}`,
      stage: 'won',
      amount,
      closedDate: daysAgo(days),
    });
  }
  // Two purchases a month apart, long ago: slipping away.
  const zofia = save('customers', { name: 'Zofia Zielińska', email: 'zofia@example.com' });
  for (const days of [400, 370]) {
    save('deals', {
      customerId: zofia,
      title: `Collection ${days}`,
      stage: 'won',
      amount: 400,
      closedDate: daysAgo(days),
    });
  }
  const piotr = save('customers', { name: PIOTR, email: 'piotr@example.com' });
  save('deals', {
    customerId: piotr,
    title: 'Lamp',
    stage: 'won',
    amount: 100,
    closedDate: daysAgo(5),
  });
  for (let i = 1; i <= 4; i++) {
    save('customers', { name: `Lead ${i}`, email: `lead${i}@example.com` });
  }
}

// ------------------------------------------------------------------ the browser

async function shot(name: string, tall = false): Promise<void> {
  if (tall) await page.setViewportSize({ width: 1280, height: 2000 });
  await page.waitForTimeout(300); // let a transition settle
  await page.locator('aside.sidebar').screenshot({ path: join(RESULTS_DIR, `panels-${name}.png`) });
  if (tall) await page.setViewportSize({ width: 1280, height: 900 });
}

async function openSidebar(): Promise<void> {
  await page.getByText('Extensions ▸ Kartoteka').click();
  await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
  sidebar = page.frameLocator('aside.sidebar iframe');
  await sidebar.locator('#search').waitFor({ timeout: 20_000 });
}

async function home(): Promise<void> {
  for (let step = 0; step < 6 && !(await sidebar.locator('#search').count()); step++) {
    await sidebar.getByRole('button', { name: /^Back/ }).first().click();
  }
  await sidebar.locator('#search').waitFor();
}

/** Opens an entry of home's "More actions" menu with the keyboard alone. */
async function moreActionsByKeyboard(entry: string): Promise<void> {
  await home();
  await sidebar.getByRole('button', { name: 'More actions', exact: true }).focus();
  await page.keyboard.press('Enter');
  const items = sidebar.getByRole('menuitem');
  await expect.poll(() => items.first().evaluate((el) => el === document.activeElement)).toBe(true);
  const names = (await items.allTextContents()).map((t) => t.trim());
  const index = names.findIndex((n) => n.startsWith(entry));
  expect(index, names.join(', ')).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

const statusText = () => sidebar.locator('.reminder-status').textContent();

function upcoming(kind: string): Locator {
  return sidebar.locator(`.timeline li.upcoming[data-kind="${kind}"]`);
}

beforeAll(async () => {
  ({ server } = await startTestServer());
  today = calendarDateIn(new Date(), server.runtime().state.timeZone);
  seed();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await openSidebar();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Dashboard', () => {
  it('offers Recalculate before the first run, then shows stage counts and the chart', async () => {
    await moreActionsByKeyboard('Dashboard');
    const view = sidebar.locator('.dashboard-view');
    await expect
      .poll(() => view.locator('.empty-state').textContent())
      .toContain('No dashboard yet');
    await shot('dashboard-empty');
    await view.getByRole('button', { name: 'Recalculate lifecycle' }).click();
    await expect.poll(() => view.locator('.stage-bars li').count()).toBe(7);
    await expect
      .poll(() => sidebar.locator('.toast-text').textContent())
      .toMatch(/^Recalculated 8 customers: \d+ changed stage\.$/);

    // The counts are what the lifecycle run wrote to the Customers tab.
    const written = new Map<string, number>();
    for (const r of rows('Customers')) {
      const stage = String(r['Lifecycle stage']);
      written.set(stage, (written.get(stage) ?? 0) + 1);
    }
    for (const stage of ['lead', 'slipping', 'top 20%']) {
      const line = view.locator(`.stage-bar[data-stage="${stage}"]`);
      expect(await line.locator('.stage-count').textContent()).toBe(String(written.get(stage)));
      expect(await line.locator('.pill').getAttribute('class')).toMatch(/tone-/);
    }
    expect(written.get('lead')).toBe(4);
    expect(
      await view.locator('.stage-bar[data-stage="slipping"] .pill').getAttribute('class'),
    ).toBe('pill tone-risk');
    expect(await view.locator('section[aria-label^="Customers by stage"] h3').textContent()).toBe(
      'Customers by stage (8)',
    );

    // Twelve bars; the highest is the month of the hotel's 28,500 (with Piotr's 100 if it fell in the same month).
    const chart = view.locator('svg.bar-chart');
    expect(await chart.locator('rect.bar').count()).toBe(12);
    expect(await chart.getAttribute('aria-label')).toMatch(/highest .*28,[56]00\.00/);
    const heights = await chart
      .locator('rect.bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))));
    expect(heights.filter((hgt) => hgt > 0).length).toBeGreaterThanOrEqual(3);

    expect(
      await view.locator('section[aria-label="Top customers"] .result-title').allTextContents(),
    ).toEqual([HOTEL, ANNA, 'Zofia Zielińska', PIOTR]);
    expect(await sidebar.locator('img').count()).toBe(0);
    expect(await view.locator('section[aria-label^="Started slipping"]').textContent()).toContain(
      'Zofia Zielińska',
    );
    expect(await view.locator('.model-line').textContent()).toMatch(/Rhythm rule|BG\/NBD/);
    await shot('dashboard', true);
  });

  it('opens a top customer’s card and comes back to the dashboard', async () => {
    const view = sidebar.locator('.dashboard-view');
    await view
      .locator('section[aria-label="Top customers"] button.result', { hasText: HOTEL })
      .click();
    await expect.poll(() => sidebar.locator('h2.card-title').textContent()).toBe(HOTEL);
    await sidebar.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => view.locator('.stage-bars li').count()).toBe(7);
  });
});

describe('Done and Snooze on the card', () => {
  it('shows chance active, expected purchases and the stage reason', async () => {
    // As a lifecycle run with the model in use would leave them.
    const user = server.runtime();
    user.userEdit('Customers', cellOf('Customers', ANNA, 'Chance active'), '0.83');
    user.userEdit('Customers', cellOf('Customers', ANNA, 'Expected purchases (90 days)'), '1.4');
    await home();
    await sidebar.locator('#search').fill('Anna');
    await sidebar.locator('button.result', { hasText: ANNA }).click();
    const card = sidebar.locator('article.card');
    await expect.poll(() => card.locator('.stats').textContent()).toContain('83%');
    expect(await card.locator('.stats').textContent()).toContain('Chance active');
    expect(await card.locator('.stats').textContent()).toContain('1.4Expected purchases (90 days)');
    expect(await card.locator('.lifecycle .reason').textContent()).not.toBe('');
    await expect.poll(() => upcoming('followUp').count()).toBe(1);
    await shot('card-upcoming', true);
  });

  it('Done clears the follow-up in the sheet and logs it; Undo puts it back', async () => {
    const before = String(anna()['Next follow-up']);
    expect(before).toBe(addDays(today, -3));
    const item = upcoming('followUp');
    expect(await item.locator('.overdue-flag').count()).toBe(1);
    expect(await upcoming('birthday').count()).toBe(0);
    await item.getByRole('button', { name: 'Done: Follow up' }).click();
    await expect.poll(() => sidebar.locator('.toast-text').textContent()).toBe('Done: Follow up');
    await expect.poll(() => upcoming('followUp').count()).toBe(0);
    expect(anna()['Next follow-up']).toBe('');
    const logged = rows('Activity').find((r) => r.Summary === 'Done: Follow up');
    expect(logged).toMatchObject({ Type: 'note', Date: today });
    expect(
      await sidebar
        .locator('.timeline li[data-type="note"]', { hasText: 'Done: Follow up' })
        .count(),
    ).toBe(1);
    await shot('card-done');

    await sidebar.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => upcoming('followUp').count()).toBe(1);
    expect(anna()['Next follow-up']).toBe(before);
    expect(rows('Activity').find((r) => r.Summary === 'Done: Follow up')?.Archived).toBe(true);
    expect(
      await sidebar
        .locator('.timeline li[data-type="note"]', { hasText: 'Done: Follow up' })
        .count(),
    ).toBe(0);
  });

  it('Snooze 1 week moves the next step in the sheet and on the list', async () => {
    const item = upcoming('dealNextStep');
    expect(await item.locator('.event-when').textContent()).toContain('in 2 days');
    await item.getByRole('button', { name: /^Snooze 1 week: Next step for Kitchen/ }).click();
    await expect.poll(() => kitchen()['Next step date']).toBe(addDays(today, 7));
    await expect
      .poll(() => upcoming('dealNextStep').locator('.event-when').textContent())
      .toContain('in 7 days');
    expect(await sidebar.locator('.toast-text').textContent()).toMatch(/^Snoozed to .+: Next step/);
    await upcoming('followUp')
      .getByRole('button', { name: /^Snooze 1 day/ })
      .click();
    await expect.poll(() => anna()['Next follow-up']).toBe(addDays(today, 1));
    expect(await upcoming('followUp').locator('.event-when').textContent()).toContain('tomorrow');
    await shot('card-snoozed');
  });

  it('refuses a date changed in the sheet meanwhile and shows the new one', async () => {
    server
      .runtime()
      .userEdit('Deals', cellOf('Deals', 'Kitchen', 'Next step date'), addDays(today, 20));
    await upcoming('dealNextStep')
      .getByRole('button', { name: /^Done: Next step/ })
      .click();
    await expect
      .poll(() => sidebar.locator('.toast-text').textContent())
      .toMatch(/moved this date/);
    await expect
      .poll(() => upcoming('dealNextStep').locator('.event-when').textContent())
      .toContain('in 20 days');
    expect(kitchen()['Next step date']).toBe(addDays(today, 20));
  });
});

describe('Reminders', () => {
  it('turns on at the hour chosen and shows who sends them and the next run', async () => {
    await moreActionsByKeyboard('Reminders');
    await expect.poll(statusText).toContain('Reminders are off');
    const hour = sidebar.getByRole('combobox', { name: /^Send at/ });
    expect(await hour.inputValue()).toBe('8');
    await hour.selectOption('9');
    await sidebar.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(statusText).toContain('Reminders are on');
    const status = (await statusText()) ?? '';
    expect(status).toContain(`Sent from your account (${ME})`);
    expect(status).toContain('09:00–10:00');
    // Turned on after 09:00, today's digests go out at the trigger's next hourly check.
    const hourNow = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: server.runtime().state.timeZone,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date()),
    );
    expect(status).toMatch(
      hourNow >= 9
        ? /Next runToday, within the hour \(09:00 has passed\)/
        : /Next run.*, between 09:00 and 10:00/,
    );
    expect(server.runtime().state.triggers.map((t) => [t.handlerFunction, t.owner])).toEqual([
      ['runDailyJob', ME],
    ]);
    expect(await sidebar.locator('.toast-text').textContent()).toBe(
      'Reminders are on: every day 09:00–10:00.',
    );
    await shot('reminders-on');
  });

  it('previews tomorrow’s digest per recipient, pre-wrapped at 300 px', async () => {
    await sidebar.getByRole('button', { name: 'Preview tomorrow' }).click();
    const digest = sidebar.locator('details.digest').first();
    await expect.poll(() => digest.locator('.digest-to').textContent()).toBe(ME);
    expect(await digest.locator('.digest-subject').textContent()).toMatch(/^Kartoteka: /);
    const text = digest.locator('pre.digest-text');
    expect(await text.textContent()).toContain(ANNA);
    const fits = await text.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    expect(await text.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    await shot('reminders-preview', true);
  });

  it('takes over from a teammate after a confirmation that says their trigger stops', async () => {
    run('turnOnReminders', [7, true], BEN);
    await home();
    await moreActionsByKeyboard('Reminders');
    await expect.poll(statusText).toContain(`Sent from ${BEN}’s account`);
    await sidebar.getByRole('button', { name: 'Take over' }).click();
    const confirm = sidebar.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(`Take over from ${BEN}? Their trigger stops`);
    await shot('reminders-take-over');
    await confirm.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(statusText).toContain(`Sent from your account (${ME})`);
    expect(await statusText()).toContain('07:00–08:00');
  });

  it('puts a banner on home when the reminders have not completed for over a day', async () => {
    server.runtime().setNow(new Date(Date.now() + 2 * DAY));
    await page.locator('aside.sidebar .close').click();
    await openSidebar();
    const banner = sidebar.locator('.reminder-banner');
    await expect.poll(() => banner.textContent()).toContain('have not completed since');
    // The time in the spreadsheet's time zone, not the stored ISO instant.
    expect(await banner.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await shot('home-banner');
    await banner.getByRole('button', { name: 'Open reminders' }).click();
    await expect.poll(statusText).toContain('have not completed since');
  });
});
