/**
 * `npm run bench`: what Kartoteka's interactive actions cost at 10, 1,000, 10,000 and 25,000
 * customers (2.8 deals a customer, like the CDNOW data; scripts/bench-data.ts), beside the
 * same actions written the way typical Sheets scripts are (scripts/bench-naive.js: getValue
 * per cell, appendRow, setValue per changed cell) on the same workbook in the same emulator.
 *
 * Figures per action: Spreadsheet calls (exact: the figures to compare between versions),
 * cells read and written, modelled Apps Script time (src/local/emulator/cost-model.ts) and,
 * of it, the time the document lock was held (a colleague's save waits that long); userMs
 * adds a google.script.run round trip; cpuMs is this machine's CPU for the run (bundle and
 * emulator together), only indicative. A naive run past Apps Script's 6-minute limit is
 * reported as such, with what it had done by then.
 *
 *   npm run bench                      the tables
 *   npm run bench -- --json            { "<size>": { "<operation>": { calls, cellsRead,
 *                                        cellsWritten, modelledMs, lockMs, cpuMs, naive } } }
 *   npm run bench -- --sizes=10,1000   other sizes
 *
 * Then the whole-sheet lifecycle recompute on the CDNOW master data and twice its size
 * (scripts/bench-lifecycle.ts; skipped when ../shared/data/cdnow is not there), under
 * "lifecycle" in the JSON.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { DIST, ROOT } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { fillWorkbook, recordSetUp, type BenchWorkbook } from './bench-data.ts';
import { measureWorkbookFile } from './bench-workbook.ts';
import { checkLifecycleTargets, checkTargets, printTargets } from './bench-targets.ts';
import { benchLifecycle, benchLifecycleLogic, type LifecycleBench } from './bench-lifecycle.ts';
import { createRuntime, type LocalRuntime } from '../src/local/runtime.ts';
import type { ExecutionResult } from '../src/local/runtime-api.ts';
import { COST_MODEL, userPerceivedMs } from '../src/local/emulator/execution.ts';
import { ENTITIES } from '../src/domain/schema.ts';
import { emptyIndex, listFromIndex, type CustomerIndex } from '../src/domain/customer-index.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
/** The document cache's settings are ten minutes old by then: the session starts cold. */
const SESSION_START = new Date(NOW.getTime() + 11 * 60_000);
const DEFAULT_SIZES = [10, 1_000, 10_000, 25_000];
const SEARCH_TEXT = 'customer1';
/** Searches a user makes in a session, for the end-to-end comparison of the two indexes. */
const SEARCHES_PER_SESSION = 10;

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

type Runner = (runtime: LocalRuntime, data: BenchWorkbook) => ExecutionResult;

interface Operation {
  name: string;
  kartoteka: Runner;
  naive: Runner;
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

function measure(runtime: LocalRuntime, data: BenchWorkbook, run: Runner, name: string): Figures {
  const cpu = process.cpuUsage();
  const result = run(runtime, data);
  const used = process.cpuUsage(cpu);
  const value = result.value as { ok?: boolean } | null;
  if (result.ok && value && value.ok === false) {
    throw new Error(`${name}: ${JSON.stringify(value)}`);
  }
  return figures(result, (used.user + used.system) / 1000);
}

const call =
  (name: string, args: (data: BenchWorkbook) => unknown[] = () => []): Runner =>
  (runtime, data) =>
    runtime.run(name, args(data), { source: 'script-run' });

/** The naive setup's formats: every Kartoteka column, as Set up tabs would format it. */
const NAIVE_FORMATS = Object.fromEntries(
  Object.values(ENTITIES).map((spec) => [
    spec.tab,
    Object.fromEntries(spec.fields.map((f) => [f.header, f.numberFormat])),
  ]),
);

/**
 * The actions, in the order a user meets them: the sidebar opens (the first load of a
 * session finds the document cache cold), they search, add and edit a customer, open a
 * card, pick a service and add a deal, edit the deal, open it; then someone runs Setup.
 */
const OPERATIONS: Operation[] = [
  {
    name: 'first load',
    kartoteka: call('getSidebarBootstrap'),
    naive: call('naiveFirstLoad'),
  },
  {
    name: 'first load (warm cache)',
    kartoteka: call('getSidebarBootstrap'),
    naive: call('naiveFirstLoad'),
  },
  {
    // Fetched by the sidebar right after the first load, while the first page is shown. A
    // sidebar without an index (the naive one) searches the sheet instead, every time.
    name: 'customer index',
    kartoteka: call('getCustomerIndex'),
    naive: call('naiveSearch', () => [SEARCH_TEXT]),
  },
  {
    name: 'search (server)',
    kartoteka: call('listRecords', () => ['customers', { text: SEARCH_TEXT, pageSize: 25 }]),
    naive: call('naiveSearch', () => [SEARCH_TEXT]),
  },
  {
    name: 'customer save (new)',
    kartoteka: call('saveRecord', () => [
      'customers',
      { name: 'New Customer', email: 'new.customer@example.com', phone: '+48 601 222 333' },
    ]),
    naive: call('naiveSaveCustomer', () => [
      { Name: 'New Customer', Email: 'new.customer@example.com', Phone: '+48601222333' },
    ]),
  },
  {
    name: 'customer save (edit)',
    kartoteka: call('saveRecord', (d) => ['customers', { id: d.sample.id, city: 'Gdynia' }]),
    naive: call('naiveSaveCustomer', (d) => [{ id: d.sample.id, City: 'Gdynia' }]),
  },
  {
    name: 'card',
    kartoteka: call('getCustomerCard', (d) => [d.sample.id]),
    naive: call('naiveCard', (d) => [d.sample.id]),
  },
  {
    name: 'service picker',
    kartoteka: call('listRecords', () => ['services', { text: 'Service', pageSize: 10 }]),
    naive: call('naiveSearch', () => ['Service']),
  },
  {
    name: 'deal save (new)',
    kartoteka: call('saveRecord', (d) => [
      'deals',
      {
        customerId: d.sample.id,
        serviceId: d.serviceId,
        title: 'Workshop',
        stage: 'proposal',
        amount: 1200,
      },
    ]),
    naive: call('naiveSaveDeal', (d) => [
      {
        'Customer ID': d.sample.id,
        'Service ID': d.serviceId,
        Title: 'Workshop',
        Stage: 'proposal',
        Amount: 1200,
      },
    ]),
  },
  {
    name: 'deal save (edit)',
    // The sample deal is won already: an edit that changes it (an unchanged save writes nothing).
    kartoteka: call('saveRecord', (d) => ['deals', { id: d.sampleDealId, stage: 'lost' }]),
    naive: call('naiveSaveDeal', (d) => [{ id: d.sampleDealId, Stage: 'lost' }]),
  },
  {
    name: 'open record',
    kartoteka: call('getRecord', (d) => ['deals', d.sampleDealId]),
    naive: call('naiveOpenRecord', (d) => ['Deals', d.sampleDealId]),
  },
  {
    name: 'setup (unchanged)',
    kartoteka: (runtime) => runtime.run('setupTabs', [], { source: 'menu' }),
    naive: (runtime) => runtime.run('naiveSetup', [NAIVE_FORMATS], { source: 'menu' }),
  },
];

type Result = Figures & { naive: Figures };
type Report = Record<string, Record<string, Result>>;

interface SizeRun {
  data: BenchWorkbook;
  report: Record<string, Result>;
  index: CustomerIndex;
}

function benchmarkSize(customers: number): SizeRun {
  const runtime = createRuntime({
    codePath: join(DIST, 'Code.js'),
    now: NOW,
    strictLocks: 'always',
  });
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(setup.error?.message);
  const data = fillWorkbook(runtime, customers);
  // The daily job has run: stages, reasons and purchase figures are on the customers' rows.
  const lifecycle = runtime.run('recalculateLifecycle', [], { source: 'menu' });
  if (!lifecycle.ok) throw new Error(lifecycle.error?.message);
  recordSetUp(runtime);
  // The same workbook for the naive script, in a runtime of its own.
  const naive = createRuntime({
    codePath: join(ROOT, 'scripts', 'bench-naive.js'),
    workbook: structuredClone(runtime.state),
    now: SESSION_START,
    strictLocks: false,
  });
  runtime.setNow(SESSION_START);
  const report: Record<string, Result> = {};
  let index: CustomerIndex = emptyIndex();
  for (const operation of OPERATIONS) {
    const ours = measure(runtime, data, operation.kartoteka, operation.name);
    if (operation.name === 'customer index') {
      index = runtime.run('getCustomerIndex', [], { source: 'script-run' }).value as CustomerIndex;
    }
    report[operation.name] = {
      ...ours,
      naive: measure(naive, data, operation.naive, operation.name),
    };
    if (operation.name === 'search (server)') {
      // What the sidebar does while typing: the index it got with the first load, no call.
      report['search (browser)'] = {
        calls: 0,
        cellsRead: 0,
        cellsWritten: 0,
        modelledMs: 0,
        lockMs: 0,
        cpuMs: Math.round(browserSearchMicros(index) / 1000),
        naive: report[operation.name].naive,
      };
    }
  }
  return { data, report, index };
}

/** Searching in the browser: no call; this machine's time to list a search from the index, in µs. */
function browserSearchMicros(index: CustomerIndex): number {
  const rounds = 10;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    listFromIndex(index, { text: `${SEARCH_TEXT}${i}`, pageSize: 25 }, '2026-03-02');
  }
  return Math.round(((performance.now() - started) * 1000) / rounds);
}

function ratio(naive: number, ours: number): string {
  if (!ours) return naive ? '∞' : '–';
  const r = naive / ours;
  return r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(1)}×`;
}

function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (values: Array<string | number>) =>
    values.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i])));
  console.log(line(headers).join('  '));
  for (const row of rows) console.log(line(row).join('  '));
}

const naiveMs = (f: Figures) => (f.error ? `>${Math.round(f.modelledMs / 1000)}s!` : f.modelledMs);

function printSize(size: string, run: SizeRun): void {
  const { data, report } = run;
  console.log(
    `\n${Number(size).toLocaleString('en')} customers, ${data.deals.toLocaleString('en')} deals, ` +
      `${data.contacts.toLocaleString('en')} contacts, ${data.activities.toLocaleString('en')} ` +
      `activities (the card's customer: ${data.sample.deals} deals, ${data.sample.contacts} ` +
      `contact(s), ${data.sample.activities} activities)`,
  );
  printTable(
    [
      'operation',
      'calls',
      'naive',
      'ratio',
      'cellsRead',
      'cellsWritten',
      'ms',
      'naive ms',
      'ratio',
      'userMs',
      'lockMs',
      'naive lock',
      'cpuMs',
    ],
    Object.entries(report).map(([name, f]) => [
      name,
      f.calls,
      f.naive.calls,
      ratio(f.naive.calls, f.calls),
      f.cellsRead,
      f.cellsWritten,
      f.modelledMs,
      naiveMs(f.naive),
      ratio(f.naive.modelledMs, f.modelledMs),
      f.calls ? Math.round(userPerceivedMs(f.modelledMs)) : 0, // no call, no round trip
      f.lockMs,
      f.naive.lockMs,
      f.cpuMs,
    ]),
  );
  const micros = browserSearchMicros(run.index);
  const payload = Buffer.byteLength(JSON.stringify(run.index));
  const server = report['search (server)'];
  const roundTrip = COST_MODEL.scriptRunRoundTripMs;
  // A per-document CacheService index: each search is a round trip, a cache read (chunks
  // of ≤100 KB, one getAll) and the same filtering on the server.
  const cachedSearchMs = roundTrip + COST_MODEL.cacheGetMs + micros / 1000;
  console.log(
    `search: in the browser 0 calls, ${micros} µs on this machine for ${run.index.customers.rows.length.toLocaleString('en')} ` +
      `customers (index sent once, right after the first load: ${(payload / 1024).toFixed(0)} KB, ` +
      `${(gzipSync(JSON.stringify(run.index)).length / 1024).toFixed(0)} KB gzipped); ` +
      `a CacheService index ~${Math.round(cachedSearchMs)} ms a search (round trip ${roundTrip} ms); ` +
      `the server search ${Math.round(userPerceivedMs(server.modelledMs))} ms. ` +
      `${SEARCHES_PER_SESSION} searches: browser ~0 s waiting, cache index ~${Math.round((SEARCHES_PER_SESSION * cachedSearchMs) / 1000)} s.`,
  );
}

function sizesFromArgs(): number[] {
  const flag = process.argv.find((arg) => arg.startsWith('--sizes='));
  return flag ? flag.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
}

await ensureBuild(console.error);
const runs = new Map<string, SizeRun>();
for (const size of sizesFromArgs()) runs.set(String(size), benchmarkSize(size));

const lifecycle: LifecycleBench[] = [];
for (const scale of [1, 2]) {
  const result = await benchLifecycle(scale);
  if (result) lifecycle.push(result);
}
const lifecycleLogic = [1, 10].flatMap((scale) => benchLifecycleLogic(scale) ?? []);
const targets = [
  ...checkTargets(new Map([...runs].map(([size, run]) => [size, run.report]))),
  ...checkLifecycleTargets(lifecycle),
];

if (process.argv.includes('--json')) {
  const report: Report = Object.fromEntries([...runs].map(([size, run]) => [size, run.report]));
  console.log(JSON.stringify({ ...report, lifecycle, lifecycleLogic, targets }, null, 2));
} else {
  console.log(
    `Modelled times in ms (cost-model.ts); userMs = a ${COST_MODEL.scriptRunRoundTripMs} ms ` +
      'google.script.run round trip + ms; ratio = naive / Kartoteka.',
  );
  for (const [size, run] of runs) printSize(size, run);
  const file = measureWorkbookFile();
  console.log(
    `\nWorkbook file at ${file.customers.toLocaleString('en')} customers / ` +
      `${file.deals.toLocaleString('en')} deals: ${file.fileMB.toFixed(1)} MB; ` +
      `load ${Math.round(file.loadMs)} ms, peak ${Math.round(file.loadPeakMB)} MB ` +
      `(Node + tsx alone ${Math.round(file.baselineMB)} MB; targets 1,000 ms, 400 MB); ` +
      `save ${Math.round(file.saveMs)} ms (${Math.round(file.warmSaveMs)} ms warm)`,
  );
  const sidebar = readFileSync(join(DIST, 'sidebar.html'));
  const code = readFileSync(join(DIST, 'Code.js'));
  console.log(
    `dist/sidebar.html ${sidebar.length} bytes, ${gzipSync(sidebar).length} gzipped (budget 150 KB gzipped)`,
  );
  console.log(`dist/Code.js ${code.length} bytes, ${gzipSync(code).length} gzipped`);
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  console.log('\nLifecycle recompute on CDNOW (a later run; the first also makes the Dashboard):');
  console.table(lifecycle);
  console.log(
    'The logic alone (figures, fit, stages, dashboard) at 1× and 10× CDNOW; 10× would not fit in a spreadsheet (10 M cells):',
  );
  console.table(lifecycleLogic);
  printTargets(targets);
}
