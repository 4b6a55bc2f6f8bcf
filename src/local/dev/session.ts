/**
 * What one running dev server holds: the runtime over the workbook file, the page assets,
 * the executions shown in the page, the request token, and the pages waiting for a reload.
 * Every change is one read-modify-write of the workbook file under its writer lock
 * (WorkbookFile.update): a CLI write made while the server runs is reloaded, never erased.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { createRuntime } from '../runtime';
import type { ExecutionResult, Runtime } from '../runtime-api';
import type { ExecutionSource } from '../emulator/execution';
import type { WorkbookFile } from '../workbook-file';
import { executionMayChangeWorkbook } from '../workbook-changes';
import { buildWebAssets, shellPage, sidebarPage, type WebAssets } from './pages';
import { newRequestToken } from './request-check';
import { describeExecution, overview, sheetView, type ExecutionView } from './views';

/** How many executions the page lists. */
const EXECUTIONS_SHOWN = 50;

export interface SessionOptions {
  workbookPath: string;
  codePath: string;
  user?: string;
}

export class DevSession {
  runtime: Runtime;
  entryPoints: string[];
  readonly token = newRequestToken();
  readonly executions: ExecutionView[] = [];
  readonly reloadClients = new Set<ServerResponse>();
  /** Bumped on every change, so the page can tell its view is stale. */
  version = 0;

  constructor(
    private readonly options: SessionOptions,
    private readonly workbook: WorkbookFile,
    private assets: WebAssets,
  ) {
    this.runtime = this.newRuntime();
    this.entryPoints = this.runtime.entryPoints();
  }

  private newRuntime(): Runtime {
    return createRuntime({
      workbook: this.workbook.state,
      codePath: this.options.codePath,
      user: this.options.user,
      strictLocks: true,
    });
  }

  /** After a rebuild: the new bundle and page scripts, then every open page reloads. */
  async reload(): Promise<void> {
    this.runtime = this.newRuntime();
    this.entryPoints = this.runtime.entryPoints();
    this.assets = await buildWebAssets();
    for (const client of this.reloadClients) client.write('event: reload\ndata: {}\n\n');
  }

  /** Runs `change` as one read-modify-write of the workbook file, and marks the view stale. */
  change<T>(change: () => T, unchanged?: (result: T) => boolean): T {
    const result = this.workbook.update(change, unchanged);
    this.version++;
    return result;
  }

  /** Another process (npm run gas) may have saved the workbook: show and use that. */
  refresh(): void {
    if (this.workbook.refresh()) this.version++;
  }

  record(functionName: string, result: ExecutionResult): void {
    this.executions.push(describeExecution(functionName, result));
    if (this.executions.length > EXECUTIONS_SHOWN) this.executions.shift();
  }

  execute(functionName: string, args: unknown[], source: ExecutionSource): ExecutionResult {
    const result = this.change(
      () => this.runtime.run(functionName, args, { source }),
      (run) => !executionMayChangeWorkbook(run),
    );
    this.record(functionName, result);
    return result;
  }

  overview() {
    return overview(this.runtime, this);
  }

  sheetView(name: string) {
    return sheetView(this.runtime, name);
  }

  shellPage(): string {
    return shellPage(this.assets, this.token);
  }

  sidebarPage(): string {
    const html =
      this.runtime.ui.sidebars.at(-1)?.html ??
      readFileSync(join(dirname(this.options.codePath), 'sidebar.html'), 'utf8');
    return sidebarPage(html, this.assets, this.token);
  }
}
