/**
 * The workbook file at issue 10's size, for `npm run bench`: 25,000 customers and 70,000
 * deals written to a file, then loaded in a fresh process (load time and peak memory of a
 * `npm run gas` or `npm start` start-up), and saved again. Figures of this machine: a
 * report, never a timed test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from './build.ts';
import { createRuntime } from '../src/local/runtime.ts';
import type { CellState, SheetState, WorkbookState } from '../src/local/emulator/state.ts';
import { saveWorkbook } from '../src/local/workbook-file.ts';

export interface WorkbookFileFigures {
  customers: number;
  deals: number;
  fileMB: number;
  /** The first save of the process, and one more (the JIT warm, as in a running dev server). */
  saveMs: number;
  warmSaveMs: number;
  loadMs: number;
  /** Peak resident memory of the loading process, Node and tsx included. */
  loadPeakMB: number;
  /** The same process's peak before it read the file: what Node and tsx take alone. */
  baselineMB: number;
}

type Filler = (i: number, cells: Array<CellState | null>, column: (h: string) => number) => void;

function fill(sheet: SheetState, count: number, make: Filler): void {
  const header = sheet.rows[0]!.map((cell) => cell?.v);
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index === -1) throw new Error(`${sheet.name} has no column ${name}`);
    return index;
  };
  sheet.maxRows = Math.max(sheet.maxRows, count + 100);
  for (let i = 1; i <= count; i++) {
    const cells = new Array<CellState | null>(header.length).fill(null);
    make(i, cells, column);
    sheet.rows[i] = cells;
  }
}

const text = (v: string): CellState => ({ v, nf: '@' });
const stamp = (serial: number): CellState => ({ v: serial, nf: 'yyyy-mm-dd hh:mm' });

/** The tabs as setupTabs makes them, filled with rows as if typed over the years. */
export function bigWorkbook(customers: number, deals: number): WorkbookState {
  const runtime = createRuntime({ codePath: join(DIST, 'Code.js'), strictLocks: false });
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(setup.error?.message);
  const sheet = (name: string) => runtime.state.sheets.find((s) => s.name === name)!;
  const audit: Filler = (i, c, col) => {
    c[col('Created')] = stamp(45000 + (i % 700) + 0.375);
    c[col('Created by')] = text('ana@example.com');
    c[col('Updated')] = stamp(45500 + (i % 200) + 0.5);
    c[col('Updated by')] = text('ben@example.com');
    c[col('Archived')] = { v: false };
  };
  fill(sheet('Customers'), customers, (i, c, col) => {
    audit(i, c, col);
    c[col('ID')] = text(`cust-${i}`);
    c[col('Name')] = text(`Customer ${i}`);
    c[col('Type')] = text(i % 3 ? 'person' : 'company');
    c[col('Email')] = text(`customer${i}@example.com`);
    c[col('Phone')] = text(`+4860${String(1_000_000 + i).slice(-7)}`);
    c[col('Address')] = text(`ul. Długa ${i % 300}/${i % 17}`);
    c[col('City')] = text(['Warszawa', 'Kraków', 'Gdańsk', 'Łódź'][i % 4]);
    c[col('Postal code')] = text(`0${i % 10}-${100 + (i % 900)}`);
    c[col('Country')] = text('PL');
    c[col('Tags')] = text(i % 5 === 0 ? 'vip' : 'newsletter');
    c[col('Source')] = text('referral');
    c[col('Owner')] = text('ana@example.com');
    c[col('Lifecycle stage')] = text('active');
    c[col('Notes')] = text(`Met at the fair in ${2020 + (i % 6)}; prefers email.`);
  });
  fill(sheet('Deals'), deals, (i, c, col) => {
    audit(i, c, col);
    const customer = 1 + (i % customers);
    c[col('ID')] = text(`deal-${i}`);
    c[col('Customer ID')] = text(`cust-${customer}`);
    c[col('Title')] = text(`Deal ${i} for customer ${customer}`);
    c[col('Stage')] = text(['lead', 'proposal', 'won', 'lost'][i % 4]);
    c[col('Amount')] = { v: 1000 + (i % 5000) * 1.5, nf: '#,##0.00' };
    c[col('Currency')] = text('PLN');
    c[col('Expected close')] = { v: 46000 + (i % 300), nf: 'yyyy-mm-dd' };
    c[col('Paid')] = { v: i % 4 === 2 };
    c[col('Next step')] = text('Call back');
    c[col('Owner')] = text('ben@example.com');
    c[col('Notes')] = text(`Discussed scope on call ${i % 97}; waiting for budget.`);
  });
  return runtime.state;
}

/** Writes a big workbook, loads it in a fresh process, reports the figures. */
export function measureWorkbookFile(customers = 25_000, deals = 70_000): WorkbookFileFigures {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-bench-'));
  try {
    const path = join(dir, 'big.workbook.json');
    const state = bigWorkbook(customers, deals);
    const timed = () => {
      const started = performance.now();
      saveWorkbook(path, state);
      return performance.now() - started;
    };
    const saveMs = timed();
    const warmSaveMs = timed();
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/bench-load-child.ts'), path],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`loading the big workbook failed: ${child.stderr}`);
    const measured = JSON.parse(child.stdout) as {
      loadMs: number;
      peakMB: number;
      baselineMB: number;
    };
    return {
      customers,
      deals,
      fileMB: statSync(path).size / 1e6,
      saveMs,
      warmSaveMs,
      loadMs: measured.loadMs,
      loadPeakMB: measured.peakMB,
      baselineMB: measured.baselineMB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
