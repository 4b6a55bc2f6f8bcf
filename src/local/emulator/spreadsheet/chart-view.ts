/**
 * What the dev server's grid page shows of a sheet's charts: a title line and, read from
 * the chart's ranges the way Sheets lays out a simple chart (first column = categories,
 * further columns = series, header rows naming them), the numbers to draw. A sketch for
 * the developer, not a chart renderer: styling options are ignored.
 */
import type { CellState, ChartState, SheetState, WorkbookState } from '../state';
import { parseA1, quoteSheetName, toA1 } from './a1';
import { getCell, lastColumnWithContent, lastRowWithContent } from './grid';
import { displayValue } from './values';

export interface ChartView {
  chartId: number;
  title: string;
  /** Charts.ChartType name; null when the script never set one. */
  type: string | null;
  /** A1 of each range, with the sheet name when it is on another sheet. */
  ranges: string[];
  /** The anchor cell, e.g. 'E2'. */
  anchor: string;
  labels: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

/** Enough for a sketch; a chart over a whole column must not read 1000 rows. */
const MAX_ROWS = 200;
const MAX_COLUMNS = 20;

type Table = Array<Array<CellState | null>>;

function rangeTable(state: WorkbookState, ref: ChartState['ranges'][number]): Table {
  const sheet = state.sheets.find((s) => s.sheetId === ref.sheetId);
  const parsed = parseA1(ref.a1);
  if (!sheet || !parsed) return [];
  const firstRow = parsed.startRow ?? 1;
  const firstColumn = parsed.startColumn ?? 1;
  const lastRow = Math.min(parsed.endRow ?? lastRowWithContent(sheet), firstRow + MAX_ROWS - 1);
  const lastColumn = Math.min(
    parsed.endColumn ?? lastColumnWithContent(sheet),
    firstColumn + MAX_COLUMNS - 1,
  );
  const table: Table = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const row: Array<CellState | null> = [];
    for (let c = firstColumn; c <= lastColumn; c++) row.push(getCell(sheet, r, c));
    table.push(row);
  }
  return table;
}

/** MERGE_COLUMNS puts the ranges side by side, MERGE_ROWS one under another. */
function mergedTable(state: WorkbookState, chart: ChartState): Table {
  const tables = chart.ranges.map((ref) => rangeTable(state, ref));
  if (chart.mergeStrategy === 'MERGE_ROWS') return tables.flat();
  const height = Math.max(0, ...tables.map((t) => t.length));
  return Array.from({ length: height }, (_, r) =>
    tables.flatMap((t) => t[r] ?? new Array<CellState | null>(t[0]?.length ?? 0).fill(null)),
  );
}

function transpose(table: Table): Table {
  const width = Math.max(0, ...table.map((row) => row.length));
  return Array.from({ length: width }, (_, c) => table.map((row) => row[c] ?? null));
}

/** Negative numHeaders: a first row without numbers is taken as headers, as Sheets does. */
function headerRows(table: Table, numHeaders: number): number {
  if (numHeaders >= 0) return Math.min(numHeaders, table.length);
  const first = table[0];
  const textOnly = !!first && !first.some((cell) => typeof cell?.v === 'number');
  return table.length > 1 && textOnly ? 1 : 0;
}

function chartView(state: WorkbookState, sheet: SheetState, chart: ChartState): ChartView {
  let table = mergedTable(state, chart);
  if (chart.transposeRowsAndColumns) table = transpose(table);
  const headers = headerRows(table, chart.numHeaders);
  const body = table.slice(headers);
  const width = Math.max(0, ...table.map((row) => row.length));
  const text = (cell: CellState | null) => displayValue(cell, state.timeZone);
  // One column: it is the series, its categories are the row numbers.
  const labelColumn = width > 1 ? 0 : -1;
  const labels = body.map((row, i) => (labelColumn < 0 ? String(i + 1) : text(row[0])));
  const series = [];
  for (let c = labelColumn + 1; c < width; c++) {
    const name = table
      .slice(0, headers)
      .map((row) => text(row[c]))
      .filter(Boolean)
      .join(' ');
    series.push({
      name: name || `Series ${series.length + 1}`,
      values: body.map((row) => (typeof row[c]?.v === 'number' ? (row[c]!.v as number) : null)),
    });
  }
  const title = chart.options.title;
  return {
    chartId: chart.chartId,
    title: typeof title === 'string' ? title : '',
    type: chart.chartType,
    ranges: chart.ranges.map((ref) => {
      const on = state.sheets.find((s) => s.sheetId === ref.sheetId);
      if (!on) return `#REF!`;
      return on === sheet ? ref.a1 : `${quoteSheetName(on.name)}!${ref.a1}`;
    }),
    anchor: toA1(chart.position.anchorRow, chart.position.anchorColumn, 1, 1),
    labels,
    series,
  };
}

export function chartViews(state: WorkbookState, sheet: SheetState): ChartView[] {
  return (sheet.charts ?? []).map((chart) => chartView(state, sheet, chart));
}
