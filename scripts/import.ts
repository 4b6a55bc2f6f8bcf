/**
 * `npm run import -- --workbook PATH --into customers|contacts|deals|services
 *   [--match id|email|phone|customerNumber] [--create-missing-customers] [--commit]
 *   [--encoding auto|utf-8|windows-1250] [--map "HEADER=TARGET"]… [--setup] FILE.csv`
 *
 * The sidebar's import from the command line: the file is parsed here, exactly as the
 * sidebar parses it, and its rows go in chunks to the built bundle's importPreview and
 * importCommit through the local runtime (like `npm run gas`). Prints the preview (and,
 * with --commit, the result) as JSON on stdout; without --commit nothing is written.
 * TARGET: a field key (email), first / last, customer:email (id, customerNumber, phone,
 * name), service:name (id), keep, skip. --setup runs Set up tabs first (a new workbook is
 * blank, as a new spreadsheet is).
 */
import { readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { DIST } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { createRuntime } from '../src/local/runtime.ts';
import { resolveWorkbookPath, WorkbookFile } from '../src/local/workbook-file.ts';
import { executionMayChangeWorkbook } from '../src/local/workbook-changes.ts';
import { parseCsv, type CsvEncoding } from '../src/domain/import/csv.ts';
import { suggestMapping, targetLabel } from '../src/domain/import/mapping.ts';
import { matchKeysFor } from '../src/domain/import/plan.ts';
import {
  commitFile,
  importContext,
  prepareFile,
  previewFile,
  type ImportApi,
} from '../src/domain/import/driver.ts';
import {
  CUSTOMER_REF_KEYS,
  IMPORT_ENTITIES,
  type ColumnTarget,
  type CustomerRefKey,
  type ImportEntity,
  type ImportOptions,
  type MatchKey,
} from '../src/domain/import/types.ts';

const USAGE =
  'Usage: npm run import -- --workbook PATH --into customers|contacts|deals|services ' +
  '[--match id|email|phone|customerNumber] [--create-missing-customers] [--commit] ' +
  '[--encoding auto|utf-8|windows-1250] [--map "HEADER=TARGET"]… [--setup] FILE.csv';

const VALUED = new Set([
  '--workbook',
  '--into',
  '--match',
  '--encoding',
  '--map',
  '--now',
  '--user',
]);

function values(argv: string[], name: string): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === name) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
      out.push(value);
    } else if (arg.startsWith(`${name}=`)) out.push(arg.slice(name.length + 1));
  });
  return out;
}

function positionals(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUED.has(argv[i])) i++;
    else if (!argv[i].startsWith('--')) out.push(argv[i]);
  }
  return out;
}

function parseTarget(text: string, header: string): ColumnTarget {
  if (text === 'skip') return { to: 'skip' };
  if (text === 'keep') return { to: 'keep', header };
  if (text === 'first') return { to: 'firstName' };
  if (text === 'last') return { to: 'lastName' };
  const [kind, by] = text.split(':');
  if (kind === 'customer' && CUSTOMER_REF_KEYS.includes(by as CustomerRefKey)) {
    return { to: 'customer', by: by as CustomerRefKey };
  }
  if (kind === 'service' && (by === 'id' || by === 'name')) return { to: 'service', by };
  return { to: 'field', key: text.replace(/^field:/, '') };
}

function mappingFor(entity: ImportEntity, header: string[], overrides: string[]): ColumnTarget[] {
  const mapping = suggestMapping(entity, header);
  for (const override of overrides) {
    const at = override.lastIndexOf('=');
    const column = header.indexOf(override.slice(0, at));
    if (at < 1 || column === -1) throw new Error(`--map ${override}: no such column in the file`);
    mapping[column] = parseTarget(override.slice(at + 1), header[column]);
  }
  return mapping;
}

async function main(argv: string[]): Promise<number> {
  const [path] = positionals(argv);
  const entity = values(argv, '--into')[0] as ImportEntity | undefined;
  if (!path || !entity || !IMPORT_ENTITIES.includes(entity)) {
    console.error(USAGE);
    return 2;
  }
  const match = (values(argv, '--match')[0] ??
    (entity === 'customers' ? 'email' : 'id')) as MatchKey;
  if (!matchKeysFor(entity).includes(match)) {
    console.error(`--match: ${entity} can be matched on ${matchKeysFor(entity).join(', ')}`);
    return 2;
  }
  await ensureBuild(console.error);
  const table = parseCsv(new Uint8Array(readFileSync(path)), {
    encoding: (values(argv, '--encoding')[0] ?? 'auto') as CsvEncoding | 'auto',
  });
  for (const warning of table.warnings) console.error(`Warning: ${warning}`);
  const workbookPath = resolveWorkbookPath(argv, process.env);
  const workbook = WorkbookFile.open(workbookPath);
  if (workbook.created)
    console.error(`No workbook at ${workbookPath}: created a blank spreadsheet.`);
  const runtime = createRuntime({
    workbook: workbook.state,
    codePath: join(DIST, 'Code.js'),
    user: values(argv, '--user')[0],
    now: values(argv, '--now')[0] ? new Date(values(argv, '--now')[0]) : undefined,
    strictLocks: false,
  });
  const calls = { executions: 0, serviceCalls: 0, setValues: 0, modelledMs: 0 };
  const run = <T>(name: string, args: unknown[]): T => {
    const result = workbook.update(
      () => runtime.run<T>(name, args, { source: 'cli' }),
      (r) => !executionMayChangeWorkbook(r),
    );
    calls.executions++;
    calls.setValues += result.counts.byMethod['Range.setValues'] ?? 0;
    calls.serviceCalls += Object.values(result.counts.byMethod).reduce((a, b) => a + b, 0);
    calls.modelledMs += result.modelledMs;
    if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
    return result.value as T;
  };
  if (argv.includes('--setup')) run('setupTabs', []);
  const api: ImportApi = {
    importPreview: async (chunk) => run('importPreview', [chunk]),
    importCommit: async (chunk) => run('importCommit', [chunk]),
  };
  const options: ImportOptions = {
    entity,
    match,
    createMissingCustomers: argv.includes('--create-missing-customers'),
    mapping: mappingFor(entity, table.header, values(argv, '--map')),
    fileName: basename(path),
  };
  const context = await importContext(api, options, table.header);
  const file = prepareFile(options, table, context);
  const preview = await previewFile(api, options, file);
  const output: Record<string, unknown> = {
    file: { encoding: table.encoding, delimiter: table.delimiter, rows: table.rows.length },
    mapping: table.header.map((header, i) => ({
      column: header,
      to: targetLabel(entity, options.mapping[i]),
    })),
    preview,
  };
  if (argv.includes('--commit')) {
    output.committed = await commitFile(api, options, file, (progress) =>
      console.error(`Committed ${progress.done} of ${progress.total} rows`),
    );
  } else {
    console.error('Preview only: nothing was written (add --commit to import).');
  }
  console.error(JSON.stringify(calls));
  console.log(JSON.stringify(output, null, 2));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
