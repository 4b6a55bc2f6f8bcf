/**
 * `npm run bench`: what Kartoteka's server functions cost, from the emulator's exact call
 * counts and the modelled Apps Script time (src/local/emulator/cost-model.ts: published
 * per-call costs by kind of call), at 10, 1,000 and 10,000 customers. "serverMs" is the
 * modelled server time, "userMs" what a sidebar user waits: a google.script.run round trip
 * plus the server time. Wall time and memory are this machine's and only indicative; the
 * call counts are the figures to compare between versions.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { DIST } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { createRuntime, type LocalRuntime } from '../src/local/runtime.ts';
import {
  COST_KINDS,
  COST_MODEL,
  userPerceivedMs,
  type CostKind,
} from '../src/local/emulator/execution.ts';
import { measureWorkbookFile } from './bench-workbook.ts';

const NOW = new Date('2026-03-02T09:00:00Z');

function runtimeWith(customers: number): LocalRuntime {
  const runtime = createRuntime({
    codePath: join(DIST, 'Code.js'),
    now: NOW,
    strictLocks: 'always',
  });
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(setup.error?.message);
  // Rows written straight into the workbook, as if typed over years: the bench measures
  // the server functions, not how the rows got there.
  const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
  const header = sheet.rows[0]!.map((cell) => cell?.v);
  const column = (name: string) => header.indexOf(name);
  sheet.maxRows = Math.max(sheet.maxRows, customers + 100);
  for (let i = 1; i <= customers; i++) {
    const cells = new Array(header.length).fill(null);
    cells[column('ID')] = { v: `cust-${i}`, nf: '@' };
    cells[column('Name')] = { v: `Customer ${i}`, nf: '@' };
    cells[column('Email')] = { v: `customer${i}@example.com`, nf: '@' };
    cells[column('Phone')] = { v: `+4860${String(1_000_000 + i).slice(-7)}`, nf: '@' };
    cells[column('Tags')] = { v: i % 5 === 0 ? 'vip' : 'newsletter', nf: '@' };
    cells[column('Archived')] = { v: false };
    sheet.rows[i] = cells;
  }
  return runtime;
}

interface Row {
  operation: string;
  customers: number;
  spreadsheetCalls: number;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
  serverMs: number;
  userMs: number;
  wallMs: number;
  byKind: Record<CostKind, number>;
}

function measure(
  runtime: LocalRuntime,
  customers: number,
  operation: string,
  name: string,
  args: unknown[],
): Row {
  const started = performance.now();
  const result = runtime.run(name, args, { source: 'script-run' });
  const wallMs = performance.now() - started;
  if (!result.ok) throw new Error(`${operation}: ${result.error?.message}`);
  const value = result.value as { ok?: boolean } | null;
  if (value && value.ok === false) throw new Error(`${operation}: ${JSON.stringify(value)}`);
  return {
    operation,
    customers,
    spreadsheetCalls: result.counts.spreadsheetCalls,
    totalCalls: result.counts.total,
    cellsRead: result.counts.cellsRead,
    cellsWritten: result.counts.cellsWritten,
    serverMs: result.modelledMs,
    userMs: Math.round(userPerceivedMs(result.modelledMs)),
    wallMs: Math.round(wallMs),
    byKind: result.counts.toJSON().modelledByKind,
  };
}

await ensureBuild(console.error);
const rows: Row[] = [];
for (const customers of [10, 1_000, 10_000]) {
  const runtime = runtimeWith(customers);
  rows.push(measure(runtime, customers, 'getSidebarBootstrap', 'getSidebarBootstrap', []));
  rows.push(
    measure(runtime, customers, 'saveRecord (insert)', 'saveRecord', [
      'customers',
      { name: 'New Customer', email: 'new@example.com' },
    ]),
  );
  rows.push(
    measure(runtime, customers, 'saveRecord (update)', 'saveRecord', [
      'customers',
      { id: 'cust-5', name: 'Renamed', email: 'customer5@example.com' },
    ]),
  );
  rows.push(
    measure(runtime, customers, 'listRecords (search)', 'listRecords', [
      'customers',
      { text: 'customer1' },
    ]),
  );
  rows.push(measure(runtime, customers, 'getCustomerCard', 'getCustomerCard', ['cust-5']));
  rows.push(measure(runtime, customers, 'getProblems', 'getProblems', []));
  rows.push(measure(runtime, customers, 'setupTabs (again)', 'setupTabs', []));
}

function printTable(headers: string[], table: Array<Array<string | number>>): void {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...table.map((r) => String(r[i]).length)),
  );
  const line = (values: Array<string | number>) =>
    values.map((v, i) => String(v).padStart(widths[i])).join('  ');
  console.log(line(headers));
  for (const row of table) console.log(line(row));
}

const columns = [
  'operation',
  'customers',
  'spreadsheetCalls',
  'totalCalls',
  'cellsRead',
  'cellsWritten',
  'serverMs',
  'userMs',
  'wallMs',
] as const;
console.log(
  `Modelled times (ms). userMs = a google.script.run round trip of ` +
    `${COST_MODEL.scriptRunRoundTripMs} ms (1–5 s reported) + serverMs.`,
);
printTable(
  [...columns],
  rows.map((row) => columns.map((c) => row[c])),
);

const kinds = COST_KINDS.filter((kind) => rows.some((row) => row.byKind[kind] > 0));
console.log('\nModelled server time by kind of call (ms):');
printTable(
  ['operation', 'customers', ...kinds],
  rows.map((row) => [row.operation, row.customers, ...kinds.map((kind) => row.byKind[kind])]),
);

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
  `\ndist/sidebar.html ${sidebar.length} bytes, ${gzipSync(sidebar).length} gzipped (budget 150 KB gzipped)`,
);
console.log(`dist/Code.js ${code.length} bytes, ${gzipSync(code).length} gzipped`);
console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
