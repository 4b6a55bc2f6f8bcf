/**
 * `npm run bench`: what Kartoteka's interactive actions cost at 10, 1,000, 10,000 and 25,000
 * customers (2.8 deals a customer, like the CDNOW data; scripts/bench-data.ts), from the
 * emulator's exact call counts and its modelled Apps Script time, beside the same actions
 * written the way typical Sheets scripts are (scripts/bench-naive.js: appendRow, getValue
 * per cell). The call counts are the hard figures; modelled times are a model; cpuMs is
 * this machine's CPU for the run (bundle + emulator), only indicative.
 *
 *   npm run bench                      the table
 *   npm run bench -- --json            one JSON object: { size: { operation: figures } }
 *   npm run bench -- --sizes=10,1000   other sizes
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { DIST } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { fillWorkbook, type BenchWorkbook } from './bench-data.ts';
import { createRuntime, type LocalRuntime } from '../src/local/runtime.ts';
import type { ExecutionResult } from '../src/local/runtime-api.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const DEFAULT_SIZES = [10, 1_000, 10_000, 25_000];

export interface Figures {
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  modelledMs: number;
  lockMs: number;
  cpuMs: number;
  /** The run failed (a naive script past Apps Script's 6-minute limit): its message. */
  error?: string;
}

/** One action: the name it is reported under, the entry point and its arguments. */
interface Operation {
  name: string;
  run: (runtime: LocalRuntime, data: BenchWorkbook) => ExecutionResult;
}

function figures(result: ExecutionResult, cpuMs: number): Figures {
  return {
    calls: result.counts.spreadsheetCalls,
    cellsRead: result.counts.cellsRead,
    cellsWritten: result.counts.cellsWritten,
    modelledMs: result.modelledMs,
    lockMs: result.lockMs,
    cpuMs: Math.round(cpuMs),
    ...(result.ok ? {} : { error: result.error?.message ?? 'failed' }),
  };
}

function measure(runtime: LocalRuntime, data: BenchWorkbook, operation: Operation): Figures {
  const cpu = process.cpuUsage();
  const result = operation.run(runtime, data);
  const used = process.cpuUsage(cpu);
  const value = result.value as { ok?: boolean } | null;
  if (result.ok && value && value.ok === false) {
    throw new Error(`${operation.name}: ${JSON.stringify(value)}`);
  }
  return figures(result, (used.user + used.system) / 1000);
}

const run =
  (name: string, args: (data: BenchWorkbook) => unknown[]) =>
  (runtime: LocalRuntime, data: BenchWorkbook) =>
    runtime.run(name, args(data), { source: 'script-run' });

/**
 * Kartoteka's actions, in the order a user meets them: the sidebar opens (the first load of
 * a session finds the document cache empty), they search, add and edit a customer, open a
 * card, pick a service and add a deal from it, edit the deal, then someone runs Set up tabs.
 */
const OPERATIONS: Operation[] = [
  { name: 'first load', run: run('getSidebarBootstrap', () => []) },
  { name: 'first load (again)', run: run('getSidebarBootstrap', () => []) },
  {
    name: 'search (server)',
    run: run('listRecords', () => ['customers', { text: 'customer1', pageSize: 25 }]),
  },
  {
    name: 'customer save (new)',
    run: run('saveRecord', () => [
      'customers',
      { name: 'New Customer', email: 'new.customer@example.com', phone: '+48 601 222 333' },
    ]),
  },
  {
    name: 'customer save (edit)',
    run: run('saveRecord', (data) => [
      'customers',
      { id: data.sample.id, city: 'Gdynia', tags: 'vip' },
    ]),
  },
  { name: 'card', run: run('getCustomerCard', (data) => [data.sample.id]) },
  {
    name: 'service picker',
    run: run('listRecords', () => ['services', { text: 'Service', pageSize: 10 }]),
  },
  {
    name: 'deal save (new)',
    run: run('saveRecord', (data) => [
      'deals',
      {
        customerId: data.sample.id,
        serviceId: data.serviceId,
        title: 'Workshop',
        stage: 'proposal',
        amount: 1200,
      },
    ]),
  },
  {
    name: 'deal save (edit)',
    run: run('saveRecord', (data) => ['deals', { id: data.sampleDealId, stage: 'won' }]),
  },
  { name: 'open record', run: run('getRecord', (data) => ['deals', data.sampleDealId]) },
  {
    name: 'setup (unchanged)',
    run: (runtime) => runtime.run('setupTabs', [], { source: 'menu' }),
  },
];

function workbook(customers: number): { runtime: LocalRuntime; data: BenchWorkbook } {
  const runtime = createRuntime({
    codePath: join(DIST, 'Code.js'),
    now: NOW,
    strictLocks: 'always',
  });
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(setup.error?.message);
  const data = fillWorkbook(runtime, customers);
  // Set up again so the filled rows have their formats and dropdowns, as typed rows would.
  const again = runtime.run('setupTabs', [], { source: 'menu' });
  if (!again.ok) throw new Error(again.error?.message);
  return { runtime, data };
}

function sizesFromArgs(): number[] {
  const flag = process.argv.find((arg) => arg.startsWith('--sizes='));
  return flag ? flag.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
}

type Report = Record<string, Record<string, Figures>>;

function benchmark(sizes: number[]): { report: Report; workbooks: Record<string, BenchWorkbook> } {
  const report: Report = {};
  const workbooks: Record<string, BenchWorkbook> = {};
  for (const size of sizes) {
    const { runtime, data } = workbook(size);
    workbooks[size] = data;
    report[size] = {};
    for (const operation of OPERATIONS) {
      report[size][operation.name] = measure(runtime, data, operation);
    }
  }
  return { report, workbooks };
}

function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (values: Array<string | number>) =>
    values.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i])));
  console.log(line(headers).join('  '));
  for (const row of rows) console.log(line(row).join('  '));
}

await ensureBuild(console.error);
const sizes = sizesFromArgs();
const { report, workbooks } = benchmark(sizes);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const size of sizes) {
    const data = workbooks[size];
    console.log(
      `\n${size.toLocaleString('en')} customers, ${data.deals.toLocaleString('en')} deals, ` +
        `${data.contacts.toLocaleString('en')} contacts, ${data.activities.toLocaleString('en')} ` +
        `activities (card: a customer with ${data.sample.deals} deals, ${data.sample.contacts} ` +
        `contact(s), ${data.sample.activities} activities)`,
    );
    printTable(
      ['operation', 'calls', 'cellsRead', 'cellsWritten', 'modelledMs', 'lockMs', 'cpuMs'],
      Object.entries(report[size]).map(([name, f]) => [
        name,
        f.calls,
        f.cellsRead,
        f.cellsWritten,
        f.modelledMs,
        f.lockMs,
        f.cpuMs,
      ]),
    );
  }
  const sidebar = readFileSync(join(DIST, 'sidebar.html'));
  const code = readFileSync(join(DIST, 'Code.js'));
  console.log(
    `\ndist/sidebar.html ${sidebar.length} bytes, ${gzipSync(sidebar).length} gzipped (budget 150 KB gzipped)`,
  );
  console.log(`dist/Code.js ${code.length} bytes, ${gzipSync(code).length} gzipped`);
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
}
