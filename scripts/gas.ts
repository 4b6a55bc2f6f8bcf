/**
 * `npm run gas -- FUNCTION [ARGS] [--workbook PATH] [--now ISO] [--user EMAIL] [--script PATH]`
 *
 * Runs one entry point of the built dist/Code.js against a workbook file, like `clasp run`
 * does against Google. ARGS is a JSON array or @file.json. The return value is printed as
 * JSON on stdout, the call counts on stderr; exit 1 with the error message if it throws.
 * The workbook is saved even when the function throws: Apps Script has no rollback, so
 * writes made before an exception stay, and the emulator must show that. The run is one
 * read-modify-write under the workbook's writer lock: concurrent runs take turns, each
 * starting from the file the previous one saved.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DIST } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { createRuntime } from '../src/local/runtime.ts';
import { resolveWorkbookPath, WorkbookFile } from '../src/local/workbook-file.ts';

const USAGE =
  'Usage: npm run gas -- FUNCTION [ARGS-JSON-ARRAY | @args.json] [--workbook PATH] ' +
  '[--now ISO] [--user EMAIL] [--script PATH]';

function optionValue(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index === -1) return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function positionals(argv: string[]): string[] {
  const valued = new Set(['--workbook', '--now', '--user', '--script']);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (valued.has(argv[i])) i++;
    else if (!argv[i].startsWith('--')) out.push(argv[i]);
  }
  return out;
}

function parseArgs(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  const json = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text;
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error(`ARGS must be a JSON array, got: ${text}`);
  return parsed;
}

async function main(argv: string[]): Promise<number> {
  const [functionName, argsText] = positionals(argv);
  if (!functionName) {
    console.error(USAGE);
    return 2;
  }
  const script = optionValue(argv, '--script');
  if (!script) await ensureBuild(console.error);
  const nowText = optionValue(argv, '--now');
  const now = nowText === undefined ? undefined : new Date(nowText);
  if (now && Number.isNaN(+now)) throw new Error(`--now is not a date: ${nowText}`);
  const workbookPath = resolveWorkbookPath(argv, process.env);
  const workbook = WorkbookFile.open(workbookPath);
  if (workbook.created)
    console.error(`No workbook at ${workbookPath}: created a blank spreadsheet.`);
  const runtime = createRuntime({
    workbook: workbook.state,
    now,
    user: optionValue(argv, '--user'),
    codePath: script ? resolve(script) : join(DIST, 'Code.js'),
    strictLocks: false,
  });
  const args = parseArgs(argsText);
  const result = workbook.update(() => runtime.run(functionName, args, { source: 'cli' }));
  console.error(JSON.stringify({ counts: result.counts, modelledMs: result.modelledMs }));
  for (const line of result.logs) console.error(line);
  if (!result.ok) {
    console.error(`${result.error?.name ?? 'Error'}: ${result.error?.message}`);
    return 1;
  }
  console.log(JSON.stringify(result.value ?? null, null, 2));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
