/**
 * The whole-sheet lifecycle recompute on real data: the CDNOW master file (23,570 customers,
 * 69,659 purchase lines as won deals; ../shared/data/cdnow) loaded into the emulated
 * workbook, then `recalculateLifecycle` as the menu runs it. Prints Spreadsheet calls, cells
 * read and written, CPU time in Node (fit included), peak memory and modelled Apps Script
 * time; with `--scale N` (default 1; 1 and 2 in `npm run bench`) the customer base is copied
 * N times (same distribution) to show that the work grows linearly and the calls do not.
 * Three copies would pass the 10 million cells a spreadsheet may hold, so the 10× size the
 * issue asks for is measured for the add-on's logic alone (`benchLifecycleLogic`).
 *
 * Run: `npx tsx scripts/bench-lifecycle.ts [--scale N] [--json]`.
 */
import { join } from 'node:path';
import { DIST } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { cdnowPath, readCdnowPurchases, type CdnowPurchase } from './cdnow.ts';
import { createRuntime, type LocalRuntime } from '../src/local/runtime.ts';
import type { CellState, SheetState } from '../src/local/emulator/state.ts';
import type { RecordOf } from '../src/domain/schema.ts';
import { purchaseFigures } from '../src/domain/purchases.ts';
import { fitActivityModel } from '../src/domain/activity.ts';
import { classifyCustomers, DEFAULT_LIFECYCLE_SETTINGS } from '../src/domain/lifecycle.ts';
import { buildDashboard } from '../src/domain/dashboard.ts';

/** The day after the data ends: every purchase is history. */
const NOW = new Date('1998-07-01T10:00:00Z');
const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

const serialOf = (isoDate: string) => (Date.parse(`${isoDate}T00:00:00Z`) - SERIAL_EPOCH) / DAY_MS;

function columnsOf(sheet: SheetState): (header: string) => number {
  const header = sheet.rows[0]!.map((cell) => cell?.v);
  return (name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${sheet.name} has no "${name}" column`);
    return index;
  };
}

/** Rows written straight into the state, as if typed over the years. */
function fill(runtime: LocalRuntime, purchases: readonly CdnowPurchase[], scale: number): void {
  const sheets = runtime.state.sheets;
  const customers = sheets.find((s) => s.name === 'Customers')!;
  const deals = sheets.find((s) => s.name === 'Deals')!;
  const customerIds = [...new Set(purchases.map((p) => p.customer))];
  const c = columnsOf(customers);
  const d = columnsOf(deals);
  const text = (v: string): CellState => ({ v, nf: '@' });
  let row = 1;
  for (let copy = 0; copy < scale; copy++) {
    for (const id of customerIds) {
      const cells: Array<CellState | null> = new Array(customers.rows[0]!.length).fill(null);
      cells[c('ID')] = text(`c${copy}-${id}`);
      cells[c('Name')] = text(`Customer ${copy}-${id}`);
      cells[c('Email')] = text(`customer${copy}-${id}@example.com`);
      cells[c('Archived')] = { v: false };
      customers.rows[row++] = cells;
    }
  }
  customers.maxRows = Math.max(customers.maxRows, row + 100);
  row = 1;
  for (let copy = 0; copy < scale; copy++) {
    for (const p of purchases) {
      const cells: Array<CellState | null> = new Array(deals.rows[0]!.length).fill(null);
      cells[d('ID')] = text(`d${row}`);
      cells[d('Customer ID')] = text(`c${copy}-${p.customer}`);
      cells[d('Title')] = text('CDs');
      cells[d('Stage')] = text('won');
      cells[d('Amount')] = { v: p.dollars, nf: '#,##0.00' };
      cells[d('Closed')] = { v: serialOf(p.date), nf: 'yyyy-mm-dd' };
      cells[d('Archived')] = { v: false };
      deals.rows[row++] = cells;
    }
  }
  deals.maxRows = Math.max(deals.maxRows, row + 100);
}

/**
 * The add-on's own work without the emulator: the same domain functions the job runs
 * (figures, the fit, every stage, the dashboard) on the same purchases, timed in Node.
 */
function domainCpuMs(purchases: readonly CdnowPurchase[], scale: number): number {
  const deals: Array<RecordOf<'deals'>> = [];
  const customers: Array<RecordOf<'customers'>> = [];
  for (let copy = 0; copy < scale; copy++) {
    for (const id of new Set(purchases.map((p) => p.customer))) {
      customers.push({ id: `c${copy}-${id}`, name: `Customer ${copy}-${id}` });
    }
    purchases.forEach((p, i) =>
      deals.push({
        id: `d${copy}-${i}`,
        customerId: `c${copy}-${p.customer}`,
        stage: 'won',
        amount: p.dollars,
        closedDate: p.date,
      }),
    );
  }
  const today = NOW.toISOString().slice(0, 10);
  const before = process.cpuUsage();
  const { figures } = purchaseFigures(deals, [], today, { base: 'USD', rates: new Map() });
  const { model, fit } = fitActivityModel(figures, today);
  const lifecycles = classifyCustomers(
    customers,
    figures,
    today,
    DEFAULT_LIFECYCLE_SETTINGS,
    model,
  );
  buildDashboard({
    today,
    currency: 'USD',
    names: new Map(),
    figures,
    lifecycles,
    stageSince: new Map(),
    fit,
  });
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
}

export interface LifecycleBench {
  scale: number;
  customers: number;
  deals: number;
  spreadsheetCalls: number;
  cellsRead: number;
  cellsWritten: number;
  modelledMs: number;
  /** The whole execution in the emulator (the emulated services' own work included). */
  cpuMs: number;
  /** The add-on's logic alone: figures, fit, stages, dashboard. */
  logicCpuMs: number;
  peakRssMb: number;
  model: string;
}

export async function benchLifecycle(scale: number): Promise<LifecycleBench | null> {
  const path = cdnowPath('CDNOW_master.txt');
  if (!path) return null;
  await ensureBuild();
  const purchases = readCdnowPurchases(path);
  const runtime = createRuntime({ codePath: join(DIST, 'Code.js'), now: NOW });
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(setup.error?.message);
  // The data is in dollars: make USD the workbook's currency so no rate is needed.
  const settings = runtime.state.sheets.find((s) => s.name === 'Settings')!;
  const currencyRow = settings.rows.find((r) => r?.[0]?.v === 'defaultCurrency');
  if (currencyRow?.[1]) currencyRow[1].v = 'USD';
  fill(runtime, purchases, scale);
  // The first run also creates the Dashboard tab and inserts its chart: measure a later run,
  // the one a team gets every day.
  const first = runtime.run('recalculateLifecycle', [], { source: 'menu' });
  if (!first.ok) throw new Error(first.error?.message);
  const cpuBefore = process.cpuUsage();
  const result = runtime.run<{
    model: { used: boolean; reason?: string; repeatCustomers?: number };
  }>('recalculateLifecycle', [], { source: 'menu' });
  const cpu = process.cpuUsage(cpuBefore);
  if (!result.ok) throw new Error(result.error?.message);
  const model = result.value!.model;
  return {
    scale,
    customers: new Set(purchases.map((p) => p.customer)).size * scale,
    deals: purchases.length * scale,
    spreadsheetCalls: result.counts.spreadsheetCalls,
    cellsRead: result.counts.cellsRead,
    cellsWritten: result.counts.cellsWritten,
    modelledMs: Math.round(result.modelledMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    logicCpuMs: domainCpuMs(purchases, scale),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    model: model.used ? `BG/NBD on ${model.repeatCustomers} repeat buyers` : (model.reason ?? ''),
  };
}

export interface LifecycleLogicBench {
  scale: number;
  customers: number;
  deals: number;
  logicCpuMs: number;
}

/** The logic alone at a size no spreadsheet can hold: figures, fit, stages and dashboard. */
export function benchLifecycleLogic(scale: number): LifecycleLogicBench | null {
  const path = cdnowPath('CDNOW_master.txt');
  if (!path) return null;
  const purchases = readCdnowPurchases(path);
  return {
    scale,
    customers: new Set(purchases.map((p) => p.customer)).size * scale,
    deals: purchases.length * scale,
    logicCpuMs: domainCpuMs(purchases, scale),
  };
}

if (process.argv[1]?.endsWith('bench-lifecycle.ts')) {
  const scaleAt = process.argv.indexOf('--scale');
  const scale = scaleAt > 0 ? Number(process.argv[scaleAt + 1]) : 1;
  const result = await benchLifecycle(scale);
  if (!result) console.log('CDNOW master data not found beside the repository: skipped.');
  else if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else console.table([result]);
}
