/**
 * Daily reminders as a user meets them in `npm start`: turn them on from the add-on menu,
 * move the simulated clock a day on, run the due triggers, and read the digest in the outbox.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, useDemoPage } from './browser.ts';

describe('daily reminders in the local runtime', () => {
  const demo = useDemoPage();

  it('turns on from the menu and delivers a digest the next day', async () => {
    const page = demo.page();
    await page.getByText('Extensions ▸ Kartoteka').click();
    await page.getByRole('menuitem', { name: 'Turn on daily reminders' }).click();
    await expect
      .poll(() => page.getByText(/Daily reminders are on: owner@example.com sends them/).count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.triggers').textContent()).toContain('runDailyJob');

    await page.getByRole('button', { name: '+1 day' }).click();
    await page.getByRole('button', { name: 'Run due triggers' }).click();
    const outbox = page.locator('details.outbox');
    await expect.poll(() => outbox.textContent()).toMatch(/Kartoteka: /);
    expect(await outbox.textContent()).toContain('owner@example.com');
    await screenshot(page, 'reminders-outbox');
  });
});
