/**
 * `npx tsx scripts/bench-import.ts [ROWS]` (default 70,000): a customer file of ROWS rows,
 * written as a Polish Excel export would be (UTF-8 with BOM, semicolons, CRLF), parsed as
 * the sidebar parses it, previewed and committed through the built bundle in the local
 * runtime, chunk by chunk as the sidebar sends it — then imported again (every row now an
 * update of one field) and undone. Prints, per phase, the calls (executions), their
 * Spreadsheet calls and setValues, and the modelled time of the slowest call against Apps
 * Script's 6-minute limit: the counts show the writes are batched (one setValues per block
 * of columns per chunk), never per row.
 */
import { join } from 'node:path';
import { DIST } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { createRuntime } from '../src/local/runtime.ts';
import type { ExecutionResult } from '../src/local/runtime-api.ts';
import { parseCsv } from '../src/domain/import/csv.ts';
import { suggestMapping } from '../src/domain/import/mapping.ts';
import {
  commitFile,
  importContext,
  prepareFile,
  previewFile,
  type ImportApi,
} from '../src/domain/import/driver.ts';
import type { ImportOptions } from '../src/domain/import/types.ts';

const ROWS = Number(process.argv[2] ?? 70_000);
const LIMIT_MS = 6 * 60_000;

function csvFile(rows: number, city: string): Uint8Array {
  const lines = ['Numer klienta;Imię;Nazwisko;E-mail;Telefon;Miasto;Uwagi'];
  for (let i = 0; i < rows; i++) {
    const phone = i < 1000 ? `+44 20 7946 ${String(i).padStart(4, '0')}` : '';
    lines.push(
      `K-${i};Klient;Numer ${i};klient${i}@example.com;${phone};${city};"Uwaga; ""cytat""\r\nlinia 2"`,
    );
  }
  return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(lines.join('\r\n'))]);
}

interface Phase {
  calls: number;
  spreadsheetCalls: number;
  setValues: number;
  maxSetValuesPerCall: number;
  getValues: number;
  maxModelledMs: number;
  modelledMs: number;
  wallMs: number;
}

function newPhase(): Phase {
  return {
    calls: 0,
    spreadsheetCalls: 0,
    setValues: 0,
    maxSetValuesPerCall: 0,
    getValues: 0,
    maxModelledMs: 0,
    modelledMs: 0,
    wallMs: 0,
  };
}

await ensureBuild(console.error);
const runtime = createRuntime({ codePath: join(DIST, 'Code.js'), strictLocks: 'always' });
let phase = newPhase();
function record(result: ExecutionResult): void {
  const setValues = result.counts.byMethod['Range.setValues'] ?? 0;
  phase.calls++;
  phase.spreadsheetCalls += result.counts.spreadsheetCalls;
  phase.setValues += setValues;
  phase.maxSetValuesPerCall = Math.max(phase.maxSetValuesPerCall, setValues);
  phase.getValues += result.counts.byMethod['Range.getValues'] ?? 0;
  phase.maxModelledMs = Math.max(phase.maxModelledMs, result.modelledMs);
  phase.modelledMs += result.modelledMs;
}
function run<T>(name: string, ...args: unknown[]): T {
  const result = runtime.run<T>(name, args, { source: 'script-run' });
  record(result);
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}
const api: ImportApi = {
  importPreview: async (chunk) => run('importPreview', chunk),
  importCommit: async (chunk) => run('importCommit', chunk),
};

async function measure<T>(name: string, work: () => Promise<T>): Promise<T> {
  phase = newPhase();
  const started = performance.now();
  const value = await work();
  phase.wallMs = Math.round(performance.now() - started);
  console.log(name.padEnd(22), JSON.stringify(phase));
  if (phase.maxModelledMs > LIMIT_MS) throw new Error(`${name}: a call would exceed 6 minutes`);
  return value;
}

run('setupTabs');
const results: Record<string, unknown> = {};
for (const [name, city] of [
  ['first import', 'Kraków'],
  ['import again (update)', 'Gdańsk'],
] as const) {
  const started = performance.now();
  const table = parseCsv(csvFile(ROWS, city));
  console.log(
    `${name}: parsed ${table.rows.length} rows in ${Math.round(performance.now() - started)} ms`,
  );
  const options: ImportOptions = {
    entity: 'customers',
    match: 'customerNumber',
    createMissingCustomers: false,
    mapping: suggestMapping('customers', table.header),
    fileName: `bench-${ROWS}.csv`,
  };
  const context = await importContext(api, options, table.header);
  const file = prepareFile(options, table, context);
  const preview = await measure(`${name}: preview`, () => previewFile(api, options, file));
  const done = await measure(`${name}: commit`, () => commitFile(api, options, file));
  results[name] = {
    preview: { added: preview.added, updated: preview.updated, invalid: preview.invalid },
    done,
  };
}
const imports = run<Array<{ importId: string }>>('listImports');
await measure('undo the update', async () => run('undoImport', imports[0].importId));
console.log(JSON.stringify(results, null, 2));
