/**
 * SpreadsheetApp's Sheet: one tab with a fixed grid (maxRows × maxColumns).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet
 */
import type { CallOptions } from '../execution';
import type { SheetState } from '../state';
import { parseA1 } from './a1';
import {
  chartIndexOnSheet,
  chartsOnSheet,
  chartToInsert,
  chartToStore,
  EmbeddedChartBuilder,
  newChartDraft,
  shiftCharts,
  type EmbeddedChart,
} from './chart';
import { RANGE_NOT_FOUND, type SheetsContext } from './context';
import {
  assertWorkbookGrowth,
  cellForWrite,
  deleteColumnsAt,
  deleteRowsAt,
  insertColumnsAt,
  insertRowsAt,
  lastColumnWithContent,
  lastRowWithContent,
} from './grid';
import { Protection, type ProtectionTypeName } from './protection';
import { checkBounds, Range } from './range';
import type { Spreadsheet } from './spreadsheet';
import { TextFinder } from './text-finder';
import { parseScriptValue, storeParsed, type ParsedInput } from './values';

export const DEFAULT_COLUMN_WIDTH = 100;
const DUPLICATE_NAME = (name: string) =>
  `A sheet with the name "${name}" already exists. Please enter another name.`;

export function duplicateSheetNameError(name: string): Error {
  return new Error(DUPLICATE_NAME(name));
}

/** Resolves A1 on a sheet; open bounds ('A:A', '2:2', 'A2:A') run to the grid's edge. */
export function rangeOnSheet(ctx: SheetsContext, a1: string, sheet: SheetState): Range | null {
  const parsed = parseA1(a1);
  if (!parsed) return null;
  let target = sheet;
  if (parsed.sheetName !== undefined) {
    const named = ctx.state.sheets.find((s) => s.name === parsed.sheetName);
    if (!named) return null;
    target = named;
  }
  const startRow = parsed.startRow ?? 1;
  const startColumn = parsed.startColumn ?? 1;
  const endRow = parsed.endRow ?? target.maxRows;
  const endColumn = parsed.endColumn ?? target.maxColumns;
  if (endRow > target.maxRows || endColumn > target.maxColumns) return null;
  return new Range(
    ctx,
    target,
    startRow,
    startColumn,
    endRow - startRow + 1,
    endColumn - startColumn + 1,
    { rows: parsed.endRow === null, columns: parsed.endColumn === null },
  );
}

export class Sheet {
  constructor(
    private readonly ctx: SheetsContext,
    readonly state: SheetState,
  ) {}

  private call(method: string, options?: CallOptions): void {
    this.ctx.host.call('Sheet', method, { ...options, sheetId: this.state.sheetId });
  }

  private mayWrite(method: string): void {
    this.ctx.host.assertMayWrite(`Sheet.${method} on ${this.state.name}`);
  }

  /** One cell, without counting a call (TextFinder returns its matches as such ranges). */
  cell(row: number, column: number): Range {
    return new Range(this.ctx, this.state, row, column, 1, 1);
  }

  /** A TextFinder over the whole sheet (text-finder.ts). */
  createTextFinder(findText: string): TextFinder {
    this.call('createTextFinder');
    return new TextFinder(this.ctx, { kind: 'sheet', sheet: this.state }, String(findText));
  }

  /** The whole grid, without counting a call (for Protection.getRange of a sheet). */
  fullRange(): Range {
    return new Range(this.ctx, this.state, 1, 1, this.state.maxRows, this.state.maxColumns);
  }

  getParent(): Spreadsheet {
    this.call('getParent');
    return this.ctx.spreadsheet();
  }

  getName(): string {
    this.call('getName');
    return this.state.name;
  }

  setName(name: string): Sheet {
    this.call('setName');
    this.mayWrite('setName');
    const clash = this.ctx.state.sheets.find(
      (s) => s !== this.state && s.name.toLowerCase() === name.toLowerCase(),
    );
    if (clash) throw duplicateSheetNameError(name);
    this.state.name = name;
    return this;
  }

  getSheetId(): number {
    this.call('getSheetId');
    return this.state.sheetId;
  }

  /** 1-based position among the tabs. */
  getIndex(): number {
    this.call('getIndex');
    return this.ctx.state.sheets.indexOf(this.state) + 1;
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): Range {
    this.call('getRange');
    if (typeof rowOrA1 === 'string') {
      const range = rangeOnSheet(this.ctx, rowOrA1, this.state);
      if (!range) throw new Error(RANGE_NOT_FOUND);
      return range;
    }
    if (typeof rowOrA1 !== 'number' || typeof column !== 'number') {
      throw new Error(
        "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    }
    const rows = numRows ?? 1;
    const columns = numColumns ?? 1;
    checkBounds(this.state, rowOrA1, column, rows, columns);
    return new Range(this.ctx, this.state, rowOrA1, column, rows, columns);
  }

  /** A1 to the last row and column with content; A1 alone on an empty sheet. */
  getDataRange(): Range {
    this.call('getDataRange');
    const rows = Math.max(1, lastRowWithContent(this.state));
    const columns = Math.max(1, lastColumnWithContent(this.state));
    return new Range(this.ctx, this.state, 1, 1, rows, columns);
  }

  getLastRow(): number {
    this.call('getLastRow');
    return lastRowWithContent(this.state);
  }

  getLastColumn(): number {
    this.call('getLastColumn');
    return lastColumnWithContent(this.state);
  }

  getMaxRows(): number {
    this.call('getMaxRows');
    return this.state.maxRows;
  }

  getMaxColumns(): number {
    this.call('getMaxColumns');
    return this.state.maxColumns;
  }

  private checkRowPosition(position: number): void {
    if (!Number.isInteger(position) || position < 1 || position > this.state.maxRows) {
      throw new Error(`Those rows are out of bounds.`);
    }
  }

  private checkColumnPosition(position: number): void {
    if (!Number.isInteger(position) || position < 1 || position > this.state.maxColumns) {
      throw new Error(`Those columns are out of bounds.`);
    }
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.call('insertRowsAfter');
    this.checkRowPosition(afterPosition);
    this.mayWrite('insertRowsAfter');
    insertRowsAt(this.ctx.state, this.state, afterPosition + 1, howMany);
    shiftCharts(this.ctx.state, this.state, 'row', afterPosition + 1, howMany, true);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.call('insertRowsBefore');
    this.checkRowPosition(beforePosition);
    this.mayWrite('insertRowsBefore');
    insertRowsAt(this.ctx.state, this.state, beforePosition, howMany);
    shiftCharts(this.ctx.state, this.state, 'row', beforePosition, howMany, true);
    return this;
  }

  insertRows(rowIndex: number, numRows = 1): void {
    this.call('insertRows');
    this.checkRowPosition(rowIndex);
    this.mayWrite('insertRows');
    insertRowsAt(this.ctx.state, this.state, rowIndex, numRows);
    shiftCharts(this.ctx.state, this.state, 'row', rowIndex, numRows, true);
  }

  insertRowAfter(afterPosition: number): Sheet {
    this.call('insertRowAfter');
    this.checkRowPosition(afterPosition);
    this.mayWrite('insertRowAfter');
    insertRowsAt(this.ctx.state, this.state, afterPosition + 1, 1);
    shiftCharts(this.ctx.state, this.state, 'row', afterPosition + 1, 1, true);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.call('insertColumnsAfter');
    this.checkColumnPosition(afterPosition);
    this.mayWrite('insertColumnsAfter');
    insertColumnsAt(this.ctx.state, this.state, afterPosition + 1, howMany);
    shiftCharts(this.ctx.state, this.state, 'column', afterPosition + 1, howMany, true);
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.call('insertColumnsBefore');
    this.checkColumnPosition(beforePosition);
    this.mayWrite('insertColumnsBefore');
    insertColumnsAt(this.ctx.state, this.state, beforePosition, howMany);
    shiftCharts(this.ctx.state, this.state, 'column', beforePosition, howMany, true);
    return this;
  }

  private deleteRowSpan(method: string, position: number, howMany: number): void {
    this.checkRowPosition(position);
    this.checkRowPosition(position + howMany - 1);
    // https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleterowsrowposition,-howmany
    if (howMany >= this.state.maxRows - this.state.frozenRows) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.mayWrite(method);
    deleteRowsAt(this.state, position, howMany);
    shiftCharts(this.ctx.state, this.state, 'row', position, howMany, false);
  }

  deleteRow(rowPosition: number): Sheet {
    this.call('deleteRow');
    this.deleteRowSpan('deleteRow', rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.call('deleteRows');
    this.deleteRowSpan('deleteRows', rowPosition, howMany);
  }

  private deleteColumnSpan(method: string, position: number, howMany: number): void {
    this.checkColumnPosition(position);
    this.checkColumnPosition(position + howMany - 1);
    if (howMany >= this.state.maxColumns - this.state.frozenColumns) {
      throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.mayWrite(method);
    deleteColumnsAt(this.state, position, howMany);
    shiftCharts(this.ctx.state, this.state, 'column', position, howMany, false);
  }

  deleteColumn(columnPosition: number): Sheet {
    this.call('deleteColumn');
    this.deleteColumnSpan('deleteColumn', columnPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.call('deleteColumns');
    this.deleteColumnSpan('deleteColumns', columnPosition, howMany);
  }

  setFrozenRows(rows: number): void {
    this.call('setFrozenRows');
    if (rows < 0 || rows > this.state.maxRows) throw new Error('Those rows are out of bounds.');
    this.mayWrite('setFrozenRows');
    this.state.frozenRows = rows;
  }

  getFrozenRows(): number {
    this.call('getFrozenRows');
    return this.state.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.call('setFrozenColumns');
    if (columns < 0 || columns > this.state.maxColumns) {
      throw new Error('Those columns are out of bounds.');
    }
    this.mayWrite('setFrozenColumns');
    this.state.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    this.call('getFrozenColumns');
    return this.state.frozenColumns;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.call('setColumnWidth');
    this.checkColumnPosition(columnPosition);
    this.mayWrite('setColumnWidth');
    this.state.columnWidths[columnPosition] = width;
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.call('getColumnWidth');
    return this.state.columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH;
  }

  /**
   * Appends after the last row with content; grows the grid when that row is past its
   * end, as Sheets does.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendrowrowcontents
   */
  // rowContents is any[] in @types: mixed cell values.
  appendRow(rowContents: unknown[]): Sheet {
    this.call('appendRow', { cellsWritten: rowContents.length });
    const row = lastRowWithContent(this.state) + 1;
    const timeZone = this.ctx.state.timeZone;
    const parsed: ParsedInput[] = rowContents.map((value, c) =>
      parseScriptValue(value, this.state.rows[row - 1]?.[c]?.nf, timeZone),
    );
    const extraRows = Math.max(0, row - this.state.maxRows);
    const extraColumns = Math.max(0, rowContents.length - this.state.maxColumns);
    assertWorkbookGrowth(
      this.ctx.state,
      extraRows * this.state.maxColumns + extraColumns * (this.state.maxRows + extraRows),
    );
    this.mayWrite('appendRow');
    this.state.maxRows += extraRows;
    this.state.maxColumns += extraColumns;
    parsed.forEach((input, c) => storeParsed(cellForWrite(this.state, row, c + 1), input));
    return this;
  }

  /**
   * Contents and formats of every cell; validations, notes' cells, grid size and charts
   * stay ("Clears the sheet of content and formatting information").
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#clear
   */
  clear(): Sheet {
    this.call('clear');
    this.mayWrite('clear');
    for (const cells of this.state.rows) {
      cells?.forEach((cell) => {
        if (!cell) return;
        delete cell.v;
        delete cell.f;
        delete cell.nf;
        delete cell.bold;
      });
    }
    return this;
  }

  clearContents(): Sheet {
    this.call('clearContents');
    this.mayWrite('clearContents');
    for (const cells of this.state.rows) {
      cells?.forEach((cell) => {
        if (!cell) return;
        delete cell.v;
        delete cell.f;
      });
    }
    return this;
  }

  activate(): Sheet {
    this.call('activate');
    this.ctx.state.activeSheetIndex = this.ctx.state.sheets.indexOf(this.state);
    this.ctx.state.activeCell = 'A1';
    return this;
  }

  setActiveRange(range: Range): Range {
    this.call('setActiveRange');
    if (range.sheetState !== this.state) {
      throw new Error('The range must be on the sheet it is activated on.');
    }
    range.select();
    return range;
  }

  getActiveRange(): Range | null {
    this.call('getActiveRange');
    return this.activeRange();
  }

  getCurrentCell(): Range | null {
    this.call('getCurrentCell');
    if (!this.isActive()) return new Range(this.ctx, this.state, 1, 1, 1, 1);
    const start = parseA1(this.ctx.state.activeCell);
    return new Range(this.ctx, this.state, start?.startRow ?? 1, start?.startColumn ?? 1, 1, 1);
  }

  private isActive(): boolean {
    return this.ctx.state.sheets[this.ctx.state.activeSheetIndex] === this.state;
  }

  private activeRange(): Range | null {
    if (!this.isActive()) return new Range(this.ctx, this.state, 1, 1, 1, 1);
    return rangeOnSheet(this.ctx, this.ctx.state.activeCell, this.state);
  }

  /**
   * The sheet's protection; if the sheet is already protected, that existing protection.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect
   */
  protect(): Protection {
    this.call('protect');
    let protection = this.state.protections.find((p) => p.range === 'SHEET');
    if (!protection) {
      this.mayWrite('protect');
      protection = { range: 'SHEET', description: '', warningOnly: false };
      this.state.protections.push(protection);
    }
    return new Protection(this.ctx, this.state, protection);
  }

  getProtections(type: ProtectionTypeName): Protection[] {
    this.call('getProtections');
    const wanted = String(type);
    return this.state.protections
      .filter((p) => (p.range === 'SHEET' ? 'SHEET' : 'RANGE') === wanted)
      .map((p) => new Protection(this.ctx, this.state, p));
  }

  /**
   * A builder for a new chart on this sheet; nothing changes until insertChart.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#newchart
   */
  newChart(): EmbeddedChartBuilder {
    this.call('newChart');
    return new EmbeddedChartBuilder(this.ctx, newChartDraft());
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertchartchart */
  insertChart(chart: EmbeddedChart): void {
    this.call('insertChart');
    const inserted = chartToInsert(this.ctx.state, chart);
    this.mayWrite('insertChart');
    (this.state.charts ??= []).push(inserted);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getcharts */
  getCharts(): EmbeddedChart[] {
    this.call('getCharts');
    return chartsOnSheet(this.ctx, this.state);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#updatechartchart */
  updateChart(chart: EmbeddedChart): void {
    this.call('updateChart');
    const index = chartIndexOnSheet(this.state, chart, 'updateChart');
    this.mayWrite('updateChart');
    this.state.charts![index] = chartToStore(chart);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#removechartchart */
  removeChart(chart: EmbeddedChart): void {
    this.call('removeChart');
    const index = chartIndexOnSheet(this.state, chart, 'removeChart');
    this.mayWrite('removeChart');
    this.state.charts!.splice(index, 1);
  }
}
