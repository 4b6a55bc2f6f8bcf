/**
 * Lifecycle as a user runs it: Extensions ▸ Kartoteka ▸ Recalculate lifecycle in the local
 * runtime's page, then the Customers tab shows every customer's stage and the Dashboard tab
 * exists with its figures.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, useDemoPage } from './browser.ts';

describe('Recalculate lifecycle from the menu', () => {
  const demo = useDemoPage();

  it('fills the Lifecycle stage column and builds the Dashboard tab', async () => {
    const page = demo.page();
    await page.getByText('Extensions ▸ Kartoteka').click();
    await page.getByRole('menuitem', { name: 'Recalculate lifecycle' }).click();
    await expect
      .poll(() => page.getByText(/Kartoteka: Recalculate lifecycle/).count())
      .toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Customers' }).click();
    const grid = page.locator('table.sheet[data-sheet="Customers"]');
    // Row 1 is the header; each data cell carries its A1 address.
    const stages = await grid.evaluate((table) => {
      const headerCells = [...table.querySelectorAll('tr[data-row="1"] td')];
      const stageCell = headerCells.find((td) => td.textContent?.trim() === 'Lifecycle stage');
      const letters = stageCell?.getAttribute('data-a1')?.replace(/\d+$/, '') ?? '';
      return [...table.querySelectorAll('tr[data-row] td')]
        .filter((td) => td.getAttribute('data-a1')?.replace(/\d+$/, '') === letters)
        .slice(1)
        .map((td) => td.textContent?.trim() ?? '');
    });
    const filled = stages.filter(Boolean);
    expect(filled.length).toBeGreaterThan(0);
    for (const stage of filled) {
      expect([
        'lead',
        'new',
        'one-time',
        'returning',
        'top 20%',
        'ambassador',
        'slipping',
      ]).toContain(stage);
    }
    await screenshot(page, 'lifecycle-customers');

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    const dashboard = page.locator('table.sheet[data-sheet="Dashboard"]');
    await expect.poll(() => dashboard.textContent()).toContain('Kartoteka dashboard');
    expect(await dashboard.textContent()).toContain('Top 10 customers');
    await screenshot(page, 'lifecycle-dashboard');
  });
});
