/**
 * What one running dev server holds: the runtime over the workbook file, the page assets,
 * the executions shown in the page, the request token, and the pages waiting for a reload.
 * Every change an execution makes is saved to the workbook file at once.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { createRuntime } from '../runtime';
import type { ExecutionResult, Runtime } from '../runtime-api';
import type { ExecutionSource } from '../emulator/execution';
import type { WorkbookState } from '../emulator/state';
import { saveWorkbook } from '../workbook-file';
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
    private readonly workbook: WorkbookState,
    private assets: WebAssets,
  ) {
    this.runtime = this.newRuntime();
    this.entryPoints = this.runtime.entryPoints();
  }

  private newRuntime(): Runtime {
    return createRuntime({
      workbook: this.workbook,
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

  persist(): void {
    saveWorkbook(this.options.workbookPath, this.runtime.state);
    this.version++;
  }

  record(functionName: string, result: ExecutionResult): void {
    this.executions.push(describeExecution(functionName, result));
    if (this.executions.length > EXECUTIONS_SHOWN) this.executions.shift();
  }

  execute(functionName: string, args: unknown[], source: ExecutionSource): ExecutionResult {
    const result = this.runtime.run(functionName, args, { source });
    this.record(functionName, result);
    this.persist();
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
