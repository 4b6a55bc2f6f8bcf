/**
 * `npm start` (and `npm run dev` = with --watch): builds dist/ if needed, opens or creates
 * the workbook (./kartoteka.workbook.json, or --workbook PATH / KARTOTEKA_WORKBOOK) and
 * serves the local runtime on http://localhost:8080 (PORT overrides). A new workbook holds
 * the demo card index; with --blank it is an empty spreadsheet, as Google makes one (the
 * sidebar then offers Set up tabs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, DIST, printSizes, ROOT } from './build.ts';
import { ensureBuild } from './ensure-build.ts';
import { startDevServer } from '../src/local/dev-server.ts';
import { resolveWorkbookPath } from '../src/local/workbook-file.ts';

const argv = process.argv.slice(2);
const watchSources = argv.includes('--watch');
const blank = argv.includes('--blank');

try {
  await ensureBuild();
  const workbookPath = resolveWorkbookPath(argv, process.env);
  if (blank && existsSync(workbookPath)) {
    console.error(
      `--blank: ${workbookPath} exists and is opened as it is; name a new file with --workbook PATH for a blank spreadsheet.`,
    );
  }
  const server = await startDevServer({
    workbookPath,
    codePath: join(DIST, 'Code.js'),
    port: Number(process.env.PORT ?? 8080),
    demo: !blank,
    rebuild: watchSources ? async () => printSizes(await build()) : undefined,
    watchDir: watchSources ? join(ROOT, 'src') : undefined,
  });
  console.log(`Kartoteka local runtime: ${server.url}`);
  console.log(`Workbook: ${workbookPath}${watchSources ? ' · rebuilding when src/ changes' : ''}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
