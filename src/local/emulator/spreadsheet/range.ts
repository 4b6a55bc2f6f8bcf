/**
 * SpreadsheetApp's Range: a rectangle of one sheet. Every public method reports itself to
 * the host first (call counting, AuthMode); bulk reads and writes report their cell counts.
 * https://developers.google.com/apps-script/reference/spreadsheet/range
 */
import type { CallOptions } from '../execution';
import type { CellState, SheetState } from '../state';
import { columnLetters, quoteSheetName, toA1 } from './a1';
import type { SheetsContext } from './context';
import { cellForWrite, getCell } from './grid';
import { Protection } from './protection';
import type { Sheet } from './sheet';
import { DataValidation } from './validation';
import { TextFinder } from './text-finder';
import { setValidation, validationAt } from './validation-store';
import {
  AUTOMATIC_FORMAT_PATTERN,
  cellValue,
  displayValue,
  parseScriptValue,
  parseTypedInput,
  storeParsed,
  type ParsedInput,
} from './values';

/** Range.clear's advanced parameters. */
export interface ClearOptions {
  commentsOnly?: boolean;
  contentsOnly?: boolean;
  formatOnly?: boolean;
  validationsOnly?: boolean;
  skipFilteredRows?: boolean;
}

export const OUTSIDE_SHEET =
  'The coordinates of the range are outside the dimensions of the sheet.';

/** Throws Sheets' errors for a rectangle that is not inside the sheet's grid. */
export function checkBounds(
  sheet: SheetState,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): void {
  if (row < 1) throw new Error('The starting row of the range is too small.');
  if (column < 1) throw new Error('The starting column of the range is too small.');
  if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
    throw new Error(OUTSIDE_SHEET);
  }
}

/**
 * Google's errors when a 2-D array does not fit the range (setValues, setNumberFormats, …).
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues
 */
export function sizeMismatch(data: unknown, numRows: number, numColumns: number): string | null {
  if (!Array.isArray(data)) return "The parameters (String) don't match the method signature.";
  if (data.length !== numRows) {
    return `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`;
  }
  for (const row of data) {
    if (!Array.isArray(row)) {
      return "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.";
    }
    const width = row.length;
    if (width !== numColumns) {
      return `The number of columns in the data does not match the number of columns in the range. The data has ${width} but the range has ${numColumns}.`;
    }
  }
  return null;
}

export class Range {
  constructor(
    private readonly ctx: SheetsContext,
    readonly sheetState: SheetState,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
    /** Made from 'A:A' / '2:2' notation: getA1Notation() keeps the open bound. */
    private readonly openEnded: { rows: boolean; columns: boolean } = {
      rows: false,
      columns: false,
    },
  ) {}

  private get cellCount(): number {
    return this.numRows * this.numColumns;
  }

  private call(method: string, options?: CallOptions): void {
    this.ctx.host.call('Range', method, { ...options, sheetId: this.sheetState.sheetId });
  }

  private mayWrite(method: string): void {
    this.ctx.host.assertMayWrite(`Range.${method} ${this.a1WithSheet()}`);
  }

  private a1WithSheet(): string {
    return `${quoteSheetName(this.sheetState.name)}!${this.a1()}`;
  }

  private a1(): string {
    const lastRow = this.row + this.numRows - 1;
    const lastColumn = this.column + this.numColumns - 1;
    if (this.openEnded.rows) {
      return `${columnLetters(this.column)}${this.row === 1 ? '' : this.row}:${columnLetters(lastColumn)}`;
    }
    if (this.openEnded.columns) return `${this.row}:${lastRow}`;
    return toA1(this.row, this.column, this.numRows, this.numColumns);
  }

  /** The rectangle, 1-based (not an Apps Script method: TextFinder.startFrom uses it). */
  bounds(): { row: number; column: number; lastRow: number; lastColumn: number } {
    return {
      row: this.row,
      column: this.column,
      lastRow: this.row + this.numRows - 1,
      lastColumn: this.column + this.numColumns - 1,
    };
  }

  /** Used by DataValidationBuilder.requireValueInRange (not an Apps Script method). */
  getA1NotationWithSheet(): string {
    return this.a1WithSheet();
  }

  private read<T>(map: (cell: CellState | null) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const cells = this.sheetState.rows[this.row - 1 + r];
      const line: T[] = new Array<T>(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) line[c] = map(cells?.[this.column - 1 + c] ?? null);
      out.push(line);
    }
    return out;
  }

  private forEachCell(write: (cell: CellState, r: number, c: number) => void): void {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) {
        write(cellForWrite(this.sheetState, this.row + r, this.column + c), r, c);
      }
    }
  }

  /** Existing cells only: clearing must not create cells. */
  private forEachExistingCell(visit: (cell: CellState) => void): void {
    for (let r = 0; r < this.numRows; r++) {
      const cells = this.sheetState.rows[this.row - 1 + r];
      if (!cells) continue;
      for (let c = 0; c < this.numColumns; c++) {
        const cell = cells[this.column - 1 + c];
        if (cell) visit(cell);
      }
    }
  }

  private topLeft(): CellState | null {
    return getCell(this.sheetState, this.row, this.column);
  }

  // ------------------------------------------------------------------ geometry

  getRow(): number {
    this.call('getRow');
    return this.row;
  }
  getColumn(): number {
    this.call('getColumn');
    return this.column;
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.call('getNumColumns');
    return this.numColumns;
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.column + this.numColumns - 1;
  }
  getHeight(): number {
    this.call('getHeight');
    return this.numRows;
  }
  getWidth(): number {
    this.call('getWidth');
    return this.numColumns;
  }
  getA1Notation(): string {
    this.call('getA1Notation');
    return this.a1();
  }
  getSheet(): Sheet {
    this.call('getSheet');
    return this.ctx.sheet(this.sheetState);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    this.call('offset');
    const rows = numRows ?? this.numRows;
    const columns = numColumns ?? this.numColumns;
    const row = this.row + rowOffset;
    const column = this.column + columnOffset;
    checkBounds(this.sheetState, row, column, rows, columns);
    return new Range(this.ctx, this.sheetState, row, column, rows, columns);
  }

  // ------------------------------------------------------------------ values

  getValues(): unknown[][] {
    this.call('getValues', { cellsRead: this.cellCount });
    const timeZone = this.ctx.state.timeZone;
    return this.read((cell) => cellValue(cell, timeZone));
  }

  getValue(): unknown {
    this.call('getValue', { cellsRead: 1 });
    return cellValue(this.topLeft(), this.ctx.state.timeZone);
  }

  getDisplayValues(): string[][] {
    this.call('getDisplayValues', { cellsRead: this.cellCount });
    const timeZone = this.ctx.state.timeZone;
    return this.read((cell) => displayValue(cell, timeZone));
  }

  getDisplayValue(): string {
    this.call('getDisplayValue', { cellsRead: 1 });
    return displayValue(this.topLeft(), this.ctx.state.timeZone);
  }

  /** Parses everything before writing anything: a bad cell leaves the range unchanged. */
  private writeParsed(
    method: string,
    parse: (r: number, c: number, format?: string) => ParsedInput,
  ) {
    const parsed: ParsedInput[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const cells = this.sheetState.rows[this.row - 1 + r];
      const line: ParsedInput[] = [];
      for (let c = 0; c < this.numColumns; c++) {
        line.push(parse(r, c, cells?.[this.column - 1 + c]?.nf));
      }
      parsed.push(line);
    }
    this.mayWrite(method);
    this.forEachCell((cell, r, c) => storeParsed(cell, parsed[r][c]));
  }

  // Values are any[][] in @types: scripts pass mixed strings, numbers, Dates and booleans.
  setValues(values: unknown[][]): Range {
    const mismatch = sizeMismatch(values, this.numRows, this.numColumns);
    this.call('setValues', { cellsWritten: mismatch ? 0 : this.cellCount });
    if (mismatch) throw new Error(mismatch);
    const timeZone = this.ctx.state.timeZone;
    this.writeParsed('setValues', (r, c, format) =>
      parseScriptValue(values[r][c], format, timeZone),
    );
    return this;
  }

  setValue(value: unknown): Range {
    this.call('setValue', { cellsWritten: this.cellCount });
    const timeZone = this.ctx.state.timeZone;
    this.writeParsed('setValue', (_r, _c, format) => parseScriptValue(value, format, timeZone));
    return this;
  }

  getFormulas(): string[][] {
    this.call('getFormulas', { cellsRead: this.cellCount });
    return this.read((cell) => cell?.f ?? '');
  }

  getFormula(): string {
    this.call('getFormula', { cellsRead: 1 });
    return this.topLeft()?.f ?? '';
  }

  private static parseFormula(formula: string, format: string | undefined): ParsedInput {
    return formula.startsWith('=') ? { f: formula } : parseTypedInput(formula, format);
  }

  setFormulas(formulas: string[][]): Range {
    const mismatch = sizeMismatch(formulas, this.numRows, this.numColumns);
    this.call('setFormulas', { cellsWritten: mismatch ? 0 : this.cellCount });
    if (mismatch) throw new Error(mismatch);
    this.writeParsed('setFormulas', (r, c, format) =>
      Range.parseFormula(String(formulas[r][c] ?? ''), format),
    );
    return this;
  }

  setFormula(formula: string): Range {
    this.call('setFormula', { cellsWritten: this.cellCount });
    this.writeParsed('setFormula', (_r, _c, format) => Range.parseFormula(formula, format));
    return this;
  }

  clearContent(): Range {
    this.call('clearContent');
    this.mayWrite('clearContent');
    this.forEachExistingCell((cell) => {
      delete cell.v;
      delete cell.f;
    });
    return this;
  }

  /**
   * clear() and clear(options). "By default all data is cleared" — contents, format, data
   * validation rules and comments (the notes: Range's old comment methods became the note
   * methods) — and each "…Only" option restricts it; several together clear each of them.
   * "Clearing format also clears data validation rules". skipFilteredRows has nothing to
   * skip: the emulator keeps no filters, so no row is hidden by one.
   * https://developers.google.com/apps-script/reference/spreadsheet/range#clearoptions
   */
  clear(options?: ClearOptions): Range {
    this.call('clear');
    this.mayWrite('clear');
    const only = {
      contents: options?.contentsOnly === true,
      format: options?.formatOnly === true,
      validations: options?.validationsOnly === true,
      comments: options?.commentsOnly === true,
    };
    const all = !only.contents && !only.format && !only.validations && !only.comments;
    this.forEachExistingCell((cell) => {
      if (all || only.contents) {
        delete cell.v;
        delete cell.f;
      }
      if (all || only.format) {
        delete cell.nf;
        delete cell.bold;
      }
      if (all || only.comments) delete cell.note;
    });
    if (all || only.format || only.validations) this.storeValidationForAll(null);
    return this;
  }

  /**
   * "Clears formatting for this range. This clears text formatting for the cell or cells in
   * the range, but does not reset any number formatting rules": bold goes, nf stays.
   * https://developers.google.com/apps-script/reference/spreadsheet/range#clearformat
   */
  clearFormat(): Range {
    this.call('clearFormat');
    this.mayWrite('clearFormat');
    this.forEachExistingCell((cell) => {
      delete cell.bold;
    });
    return this;
  }

  clearNote(): Range {
    this.call('clearNote');
    this.mayWrite('clearNote');
    this.forEachExistingCell((cell) => {
      delete cell.note;
    });
    return this;
  }

  // ------------------------------------------------------------------ formats

  /** A cell with an automatic format reports '0.###############', as Apps Script does. */
  getNumberFormats(): string[][] {
    this.call('getNumberFormats', { cellsRead: this.cellCount });
    return this.read((cell) => cell?.nf || AUTOMATIC_FORMAT_PATTERN);
  }

  getNumberFormat(): string {
    this.call('getNumberFormat', { cellsRead: 1 });
    return this.topLeft()?.nf || AUTOMATIC_FORMAT_PATTERN;
  }

  private static storeFormat(cell: CellState, format: string): void {
    if (format === '' || /^general$/i.test(format)) delete cell.nf;
    else cell.nf = format;
  }

  setNumberFormats(numberFormats: string[][]): Range {
    const mismatch = sizeMismatch(numberFormats, this.numRows, this.numColumns);
    this.call('setNumberFormats', { cellsWritten: mismatch ? 0 : this.cellCount });
    if (mismatch) throw new Error(mismatch);
    this.mayWrite('setNumberFormats');
    this.forEachCell((cell, r, c) => Range.storeFormat(cell, String(numberFormats[r][c])));
    return this;
  }

  setNumberFormat(numberFormat: string): Range {
    this.call('setNumberFormat', { cellsWritten: this.cellCount });
    this.mayWrite('setNumberFormat');
    this.forEachCell((cell) => Range.storeFormat(cell, numberFormat));
    return this;
  }

  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): Range {
    this.call('setFontWeight');
    this.mayWrite('setFontWeight');
    this.forEachCell((cell) => {
      if (fontWeight === 'bold') cell.bold = true;
      else delete cell.bold;
    });
    return this;
  }

  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): Range {
    const mismatch = sizeMismatch(fontWeights, this.numRows, this.numColumns);
    this.call('setFontWeights');
    if (mismatch) throw new Error(mismatch);
    this.mayWrite('setFontWeights');
    this.forEachCell((cell, r, c) => {
      if (fontWeights[r][c] === 'bold') cell.bold = true;
      else delete cell.bold;
    });
    return this;
  }

  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.call('getFontWeight');
    return this.topLeft()?.bold ? 'bold' : 'normal';
  }

  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    this.call('getFontWeights');
    return this.read((cell): GoogleAppsScript.Spreadsheet.FontWeight =>
      cell?.bold ? 'bold' : 'normal',
    );
  }

  /** Counted and lock-checked like any write; the emulator does not keep colours. */
  setBackground(color: string | null): Range {
    this.call('setBackground');
    this.mayWrite('setBackground');
    void color;
    return this;
  }

  getNote(): string {
    this.call('getNote');
    return this.topLeft()?.note ?? '';
  }

  getNotes(): string[][] {
    this.call('getNotes');
    return this.read((cell) => cell?.note ?? '');
  }

  setNote(note: string | null): Range {
    this.call('setNote');
    this.mayWrite('setNote');
    this.forEachCell((cell) => {
      if (note) cell.note = String(note);
      else delete cell.note;
    });
    return this;
  }

  setNotes(notes: Array<Array<string | null>>): Range {
    const mismatch = sizeMismatch(notes, this.numRows, this.numColumns);
    this.call('setNotes');
    if (mismatch) throw new Error(mismatch);
    this.mayWrite('setNotes');
    this.forEachCell((cell, r, c) => {
      const note = notes[r][c];
      if (note) cell.note = String(note);
      else delete cell.note;
    });
    return this;
  }

  // ------------------------------------------------------------------ validation

  private storeValidation(r: number, c: number, rule: DataValidation | null): void {
    const cell = {
      row: this.row + r,
      column: this.column + c,
      lastRow: this.row + r,
      lastColumn: this.column + c,
    };
    setValidation(this.sheetState, cell, rule ? rule.state : null);
  }

  private storeValidationForAll(rule: DataValidation | null): void {
    const rect = {
      row: this.row,
      column: this.column,
      lastRow: this.row + this.numRows - 1,
      lastColumn: this.column + this.numColumns - 1,
    };
    setValidation(this.sheetState, rect, rule ? rule.state : null);
  }

  private forEachPosition(visit: (r: number, c: number) => void): void {
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numColumns; c++) visit(r, c);
  }

  private resolver = (a1: string): Range | null => this.ctx.rangeFromA1(a1);

  private ruleAt(r: number, c: number): DataValidation | null {
    const state = validationAt(this.sheetState, this.row + r, this.column + c);
    return state ? new DataValidation(this.ctx.host, state, this.resolver) : null;
  }

  setDataValidation(rule: DataValidation | null): Range {
    this.call('setDataValidation', { cellsWritten: this.cellCount });
    this.mayWrite('setDataValidation');
    this.storeValidationForAll(rule);
    return this;
  }

  setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
    const mismatch = sizeMismatch(rules, this.numRows, this.numColumns);
    this.call('setDataValidations', { cellsWritten: mismatch ? 0 : this.cellCount });
    if (mismatch) throw new Error(mismatch);
    this.mayWrite('setDataValidations');
    this.forEachPosition((r, c) => this.storeValidation(r, c, rules[r][c]));
    return this;
  }

  getDataValidation(): DataValidation | null {
    this.call('getDataValidation', { cellsRead: 1 });
    return this.ruleAt(0, 0);
  }

  getDataValidations(): Array<Array<DataValidation | null>> {
    this.call('getDataValidations', { cellsRead: this.cellCount });
    const out: Array<Array<DataValidation | null>> = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: Array<DataValidation | null> = [];
      for (let c = 0; c < this.numColumns; c++) line.push(this.ruleAt(r, c));
      out.push(line);
    }
    return out;
  }

  clearDataValidations(): Range {
    this.call('clearDataValidations');
    this.mayWrite('clearDataValidations');
    this.storeValidationForAll(null);
    return this;
  }

  // ------------------------------------------------------------------ search

  /** A TextFinder over this range (text-finder.ts). */
  createTextFinder(findText: string): TextFinder {
    this.call('createTextFinder');
    return new TextFinder(
      this.ctx,
      { kind: 'range', sheet: this.sheetState, ...this.bounds() },
      String(findText),
    );
  }

  // ------------------------------------------------------------------ selection, protection

  activate(): Range {
    this.call('activate');
    this.select();
    return this;
  }

  /** Makes this range the selection (Range.activate, Sheet.setActiveRange). */
  select(): void {
    const state = this.ctx.state;
    state.activeSheetIndex = state.sheets.indexOf(this.sheetState);
    state.activeCell = this.a1();
  }

  protect(): Protection {
    this.call('protect');
    this.mayWrite('protect');
    const protection = { range: this.a1(), description: '', warningOnly: false };
    this.sheetState.protections.push(protection);
    return new Protection(this.ctx, this.sheetState, protection);
  }
}
