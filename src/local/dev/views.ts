/** What the dev server's page reads: the workbook overview, one sheet's grid, executions. */
import type { ExecutionResult, Runtime } from '../runtime-api';
import { displayValue } from '../emulator/spreadsheet/index';
import { chartViews } from '../emulator/spreadsheet/chart-view';
import { lastColumnWithContent, lastRowWithContent } from '../emulator/spreadsheet/grid';

/** The largest part of a sheet sent to the page at once. */
const GRID_ROW_LIMIT = 500;

/** What one execution looks like to the page: value or error, counts, logs. */
export function describeExecution(functionName: string, result: ExecutionResult) {
  return {
    functionName,
    ok: result.ok,
    error: result.error ? { name: result.error.name, message: result.error.message } : undefined,
    counts: result.counts.toJSON(),
    logs: result.logs,
    modelledMs: result.modelledMs,
  };
}

export type ExecutionView = ReturnType<typeof describeExecution>;

export function sheetView(runtime: Runtime, name: string) {
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
    charts: chartViews(runtime.state, sheet),
  };
}

export function overview(
  runtime: Runtime,
  session: { version: number; executions: ExecutionView[]; entryPoints: string[] },
) {
  return {
    version: session.version,
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
    executions: session.executions,
    entryPoints: session.entryPoints,
  };
}
