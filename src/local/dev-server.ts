/**
 * `npm start`: the local runtime in a browser. Serves a page that shows the workbook's
 * tabs as a grid, the add-on menu, the real dist/sidebar.html in the sidebar position
 * (with a google.script.run shim that calls the built bundle here), the outbox, and the
 * time-driven triggers with a simulated clock. Every change is saved to the workbook file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { createRuntime } from './runtime';
import { seedDemoWorkbook } from './demo';
import type { ExecutionResult, Runtime } from './runtime-api';
import type { ExecutionSource } from './emulator/execution';
import { displayValue } from './emulator/spreadsheet/index';
import { lastColumnWithContent, lastRowWithContent } from './emulator/spreadsheet/grid';
import { WorkbookFile } from './workbook-file';
import { executionMayChangeWorkbook } from './workbook-changes';
import { crossBoundary, ScriptRunBoundaryError } from './script-run';

export interface DevServerOptions {
  workbookPath: string;
  codePath: string;
  port: number;
  /** Fill a newly created workbook with the demo card index (npm start does). */
  demo?: boolean;
  /** Host to bind; loopback by default. */
  host?: string;
  user?: string;
  /** Called to rebuild dist/ when src/ changes (npm run dev); absent = no watching. */
  rebuild?: () => Promise<void>;
  watchDir?: string;
}

export interface DevServer {
  url: string;
  runtime(): Runtime;
  close(): Promise<void>;
}

/** The largest part of a sheet sent to the page at once. */
const GRID_ROW_LIMIT = 500;

const WEB_DIR = join(dirname(new URL(import.meta.url).pathname), 'web');

async function bundleWebAsset(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(WEB_DIR, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5_000_000) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** What one execution looks like to the page: value or error, counts, logs. */
function describeExecution(functionName: string, result: ExecutionResult) {
  return {
    functionName,
    ok: result.ok,
    error: result.error ? { name: result.error.name, message: result.error.message } : undefined,
    counts: result.counts.toJSON(),
    logs: result.logs,
    modelledMs: result.modelledMs,
  };
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  // Every change below is a read-modify-write of the file under its writer lock: a CLI
  // write made while the server runs is reloaded, never overwritten.
  const workbook = WorkbookFile.open(options.workbookPath);
  const { state, created } = workbook;
  const newRuntime = (): Runtime =>
    createRuntime({
      workbook: state,
      codePath: options.codePath,
      user: options.user,
      strictLocks: true,
    });
  let runtime = newRuntime();
  if (created && options.demo) workbook.update(() => seedDemoWorkbook(runtime));
  let entryPoints = runtime.entryPoints();
  let [shimJs, appJs] = await Promise.all([bundleWebAsset('shim.ts'), bundleWebAsset('app.ts')]);
  const appCss = readFileSync(join(WEB_DIR, 'app.css'), 'utf8');
  const executions: Array<ReturnType<typeof describeExecution>> = [];
  const reloadClients = new Set<ServerResponse>();
  let version = 0;

  const persist = <T>(change: () => T, unchanged?: (result: T) => boolean): T => {
    const result = workbook.update(change, unchanged);
    version++;
    return result;
  };

  const execute = (functionName: string, args: unknown[], source: ExecutionSource) => {
    const result = persist(
      () => runtime.run(functionName, args, { source }),
      (run) => !executionMayChangeWorkbook(run),
    );
    executions.push(describeExecution(functionName, result));
    if (executions.length > 50) executions.shift();
    return result;
  };

  const shellPage = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kartoteka — local runtime</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${appCss}</style></head>
<body><div id="root"></div><script>${appJs}</script></body></html>`;

  const sidebarPage = () => {
    const sidebar = runtime.ui.sidebars.at(-1);
    const html =
      sidebar?.html ?? readFileSync(join(dirname(options.codePath), 'sidebar.html'), 'utf8');
    const shim = `<script>${shimJs}</script>`;
    // The shim must exist before the sidebar's own scripts run.
    return /<head[^>]*>/i.test(html)
      ? html.replace(/<head[^>]*>/i, (head) => `${head}${shim}`)
      : shim + html;
  };

  const sheetView = (name: string) => {
    const sheet = runtime.state.sheets.find((s) => s.name === name) ?? runtime.state.sheets[0];
    // The extent Sheet.getLastRow/getLastColumn report, so the grid shows what scripts see.
    const lastRow = lastRowWithContent(sheet);
    const lastColumn = lastColumnWithContent(sheet);
    const rowCount = Math.min(sheet.maxRows, Math.max(lastRow + 20, 30), GRID_ROW_LIMIT);
    const columnCount = Math.min(sheet.maxColumns, Math.max(lastColumn + 3, 10));
    const cells = Array.from({ length: rowCount }, (_, r) =>
      Array.from({ length: columnCount }, (_, c) => {
        const cell = sheet.rows[r]?.[c];
        return {
          text: displayValue(cell, runtime.state.timeZone),
          formula: cell?.f,
          bold: cell?.bold,
          note: cell?.note,
          numeric: typeof cell?.v === 'number',
        };
      }),
    );
    return {
      name: sheet.name,
      frozenRows: sheet.frozenRows,
      columnWidths: sheet.columnWidths,
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      lastRow,
      lastColumn,
      truncated: lastRow > rowCount,
      cells,
      protections: sheet.protections,
    };
  };

  const overview = () => ({
    version,
    now: runtime.now().toISOString(),
    workbook: { id: runtime.state.id, name: runtime.state.name, timeZone: runtime.state.timeZone },
    sheets: runtime.state.sheets.map((s) => s.name),
    activeSheet: runtime.state.sheets[runtime.state.activeSheetIndex]?.name,
    menu: runtime.ui.addonMenu,
    sidebarTitle: runtime.ui.sidebars.at(-1)?.title ?? null,
    sidebarCount: runtime.ui.sidebars.length,
    alerts: runtime.ui.alerts,
    toasts: runtime.ui.toasts,
    triggers: runtime.state.triggers,
    outbox: runtime.state.outbox,
    executions,
    entryPoints,
  });

  const routes: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void
  > = {
    'GET /': (_req, res) => sendHtml(res, shellPage()),
    'GET /sidebar': (_req, res) => sendHtml(res, sidebarPage()),
    'GET /api/state': (_req, res) => sendJson(res, 200, overview()),
    'GET /api/sheet': (_req, res, url) =>
      sendJson(res, 200, sheetView(url.searchParams.get('name') ?? '')),
    'POST /api/open': (_req, res) => {
      // Opening the document: Sheets runs the simple trigger onOpen.
      // NONE until the add-on has been used in this document, LIMITED after (auth lifecycle).
      const authMode = runtime.state.addonEnabled ? 'LIMITED' : 'NONE';
      if (entryPoints.includes('onOpen')) execute('onOpen', [{ authMode }], 'simple-trigger');
      sendJson(res, 200, overview());
    },
    'POST /api/run': async (req, res) => {
      const body = await readJsonBody(req);
      const functionName = String(body.functionName ?? '');
      const source = (body.source as ExecutionSource | undefined) ?? 'script-run';
      let args: unknown[];
      try {
        if (!Array.isArray(body.args ?? []))
          throw new ScriptRunBoundaryError('args must be an array');
        args = crossBoundary((body.args as unknown[] | undefined) ?? [], 'arguments');
      } catch (error) {
        sendJson(res, 200, {
          ok: false,
          error: { name: 'Error', message: (error as Error).message },
        });
        return;
      }
      if (!entryPoints.includes(functionName)) {
        // Google's wording when the page calls a function the script does not define.
        sendJson(res, 200, {
          ok: false,
          error: { name: 'Error', message: `Script function not found: ${functionName}` },
        });
        return;
      }
      const result = execute(functionName, args, source);
      if (!result.ok) {
        sendJson(res, 200, { ok: false, error: result.error });
        return;
      }
      try {
        sendJson(res, 200, {
          ok: true,
          value: crossBoundary(result.value, 'return value') ?? null,
        });
      } catch (error) {
        sendJson(res, 200, {
          ok: false,
          error: { name: 'Error', message: (error as Error).message },
        });
      }
    },
    'POST /api/edit': async (req, res) => {
      const body = await readJsonBody(req);
      try {
        persist(() =>
          runtime.userEdit(String(body.sheet), String(body.a1), String(body.text ?? '')),
        );
        sendJson(res, 200, { ok: true });
      } catch (error) {
        sendJson(res, 200, {
          ok: false,
          error: { name: 'Error', message: (error as Error).message },
        });
      }
    },
    'POST /api/select': async (req, res) => {
      // The user's cursor: what getActiveSheet/getCurrentCell see ("Edit the selected row").
      const body = await readJsonBody(req);
      const index = runtime.state.sheets.findIndex((s) => s.name === String(body.sheet));
      if (index === -1 || !/^[A-Z]+\d+$/.test(String(body.a1))) {
        sendJson(res, 400, { ok: false, error: { name: 'Error', message: 'No such cell' } });
        return;
      }
      persist(() => {
        runtime.state.activeSheetIndex = index;
        runtime.state.activeCell = String(body.a1);
      });
      sendJson(res, 200, { ok: true });
    },
    'POST /api/now': async (req, res) => {
      const body = await readJsonBody(req);
      const now = new Date(String(body.now));
      if (Number.isNaN(now.getTime())) {
        sendJson(res, 400, {
          ok: false,
          error: { name: 'Error', message: `Not a date: ${String(body.now)}` },
        });
        return;
      }
      runtime.setNow(now);
      version++;
      sendJson(res, 200, overview());
    },
    'POST /api/triggers/run-due': (_req, res) => {
      const runs = persist(() => runtime.runDueTriggers());
      for (const run of runs) executions.push(describeExecution(run.trigger, run.result));
      sendJson(res, 200, { runs: runs.length, state: overview() });
    },
    'POST /api/triggers/run-now': async (req, res) => {
      const body = await readJsonBody(req);
      const trigger = runtime.state.triggers.find((t) => t.uniqueId === body.uniqueId);
      if (!trigger) {
        sendJson(res, 404, { ok: false, error: { name: 'Error', message: 'No such trigger' } });
        return;
      }
      const result = persist(() =>
        runtime.run(trigger.handlerFunction, [{ triggerUid: trigger.uniqueId }], {
          source: 'time-trigger',
          authMode: 'FULL',
          user: trigger.owner,
        }),
      );
      executions.push(describeExecution(trigger.handlerFunction, result));
      sendJson(res, 200, { ok: result.ok, state: overview() });
    },
    'GET /api/events': (req, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      reloadClients.add(res);
      req.on('close', () => reloadClients.delete(res));
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) {
      sendJson(res, 404, {
        ok: false,
        error: { name: 'Error', message: `No route ${req.method} ${url.pathname}` },
      });
      return;
    }
    Promise.resolve()
      .then(() => {
        // Another process (npm run gas) may have saved the workbook: show and use that.
        if (workbook.refresh()) version++;
        return route(req, res, url);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) {
          sendJson(res, 500, {
            ok: false,
            error: { name: 'Error', message: (error as Error).message },
          });
        }
      });
  });

  let watcher: FSWatcher | undefined;
  if (options.rebuild && options.watchDir) {
    let timer: NodeJS.Timeout | undefined;
    const rebuild = options.rebuild;
    watcher = watch(options.watchDir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        rebuild()
          .then(async () => {
            runtime = newRuntime();
            entryPoints = runtime.entryPoints();
            [shimJs, appJs] = await Promise.all([
              bundleWebAsset('shim.ts'),
              bundleWebAsset('app.ts'),
            ]);
            for (const client of reloadClients) client.write('event: reload\ndata: {}\n\n');
          })
          .catch((error: unknown) => console.error(`Rebuild failed: ${(error as Error).message}`));
      }, 200);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/`,
    runtime: () => runtime,
    close: async () => {
      watcher?.close();
      for (const client of reloadClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
