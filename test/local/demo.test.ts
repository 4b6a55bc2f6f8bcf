/**
 * npm start's default workbook: the CDNOW sample's real purchase histories with made-up
 * people, loaded through the import engine, lifecycle recalculated, passing its own checks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from '../../scripts/build.ts';
import { cdnowPath } from '../../scripts/cdnow.ts';
import { DEMO_PURCHASES, derivePurchases } from '../../scripts/demo-data.ts';
import { startDevServer, type DevServer } from '../../src/local/dev-server.ts';
import { loadWorkbook } from '../../src/local/workbook-file.ts';
import { DEMO_TEAM } from '../../src/local/demo.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-demo-'));
let server: DevServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Customer = Record<string, unknown> & { id: string };

describe('the default workbook', () => {
  it('ships the purchases derived from the CDNOW sample (checked when ../shared is there)', () => {
    const shipped = readFileSync(DEMO_PURCHASES, 'utf8');
    expect(shipped.length).toBeLessThan(300_000);
    expect(shipped.trim().split('\n')).toHaveLength(6_920);
    const sample = cdnowPath('CDNOW_sample.txt');
    if (sample) expect(derivePurchases(readFileSync(sample, 'utf8'))).toBe(shipped);
  });

  it('holds 2,357 customers with their purchases, stages and chances, through the import engine', async () => {
    const path = join(dir, 'kartoteka.workbook.json');
    delete process.env.KARTOTEKA_DEMO_CUSTOMERS; // the whole demo, as npm start makes it
    const started = performance.now();
    server = await startDevServer({
      workbookPath: path,
      codePath: join(DIST, 'Code.js'),
      port: 0,
      demo: true,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`demo workbook made in ${seconds.toFixed(1)} s`);
    const runtime = server.runtime();
    const run = <T>(name: string, ...args: unknown[]) => {
      const result = runtime.run<T>(name, args, { source: 'script-run' });
      expect(result.error).toBeUndefined();
      return result.value as T;
    };
    const list = run<{ total: number; items: Customer[] }>('listRecords', 'customers', {
      pageSize: 200,
      sort: { field: 'customerNumber', direction: 'asc' },
    });
    expect(list.total).toBe(2_357);
    const first = list.items[0];
    expect(first).toMatchObject({ customerNumber: 'CD-0001', lifecycle: expect.any(String) });
    expect(String(first.email)).toMatch(/@example\.com$/);
    // Customer 1 of the sample bought on 4 days (1997-01-01, -01-18, -08-02, -12-12).
    const card = run<{
      deals: Array<{ stage: string; closedDate: string }>;
      metrics: { purchaseCount: number };
    }>('getCustomerCard', first.id);
    expect(card.metrics.purchaseCount).toBe(4);
    const dates = card.deals.map((d) => Date.parse(d.closedDate)).sort((a, b) => a - b);
    expect((dates[1] - dates[0]) / 86_400_000).toBe(17);

    const workbook = loadWorkbook(path);
    const customers = workbook.sheets.find((s) => s.name === 'Customers');
    const header = (customers?.rows[0] ?? []).map((c) => String(c?.v ?? ''));
    const column = (name: string) => header.indexOf(name);
    const rows = (customers?.rows ?? []).slice(1).filter((r) => r?.[0]?.v !== undefined);
    const values = (name: string) => rows.map((r) => r?.[column(name)]?.v);
    expect(new Set(values('Owner'))).toEqual(new Set(DEMO_TEAM));
    expect(values('Chance active').filter((v) => typeof v === 'number').length).toBeGreaterThan(
      1000,
    );
    // Every sample customer first bought in early 1997: none is new; one-time buyers slipped.
    expect([...new Set(values('Lifecycle stage'))]).toEqual(
      expect.arrayContaining(['returning', 'slipping', 'top 20%']),
    );
    expect(values('Lifecycle stage').filter((s) => s === 'top 20%').length).toBeGreaterThan(300);
    expect(values('Email').every((email) => String(email).endsWith('@example.com'))).toBe(true);
    const deals = workbook.sheets.find((s) => s.name === 'Deals');
    const dealHeader = (deals?.rows[0] ?? []).map((c) => String(c?.v ?? ''));
    const stages = (deals?.rows ?? [])
      .slice(1)
      .map((r) => r?.[dealHeader.indexOf('Stage')]?.v)
      .filter(Boolean);
    expect(stages.filter((s) => s === 'won')).toHaveLength(6_919);
    expect(stages.filter((s) => s !== 'won' && s !== 'lost').length).toBeGreaterThan(100);

    const imports = run<Array<{ entity: string; status: string }>>('listImports');
    expect(imports.map((i) => [i.entity, i.status]).sort()).toEqual([
      ['contacts', 'finished'],
      ['customers', 'finished'],
      ['deals', 'finished'],
      ['services', 'finished'],
    ]);
    expect(run('getProblems')).toEqual([]);
    const tomorrow = run<Array<{ recipient: string }>>('previewReminders');
    expect(tomorrow.map((d) => d.recipient)).toContain('owner@example.com');
  });
});
