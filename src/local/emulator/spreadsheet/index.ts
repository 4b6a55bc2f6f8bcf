/**
 * SpreadsheetApp, Spreadsheet, Sheet, Range, data validation, protection and Ui over the
 * workbook state. Method names and signatures are those of @types/google-apps-script;
 * every public method is counted through the execution's ServiceHost, and every write
 * first asks the host whether it may write (strict-lock mode).
 * Reference: https://developers.google.com/apps-script/reference/spreadsheet
 */
import type { ServiceHost, UiSink } from '../execution';
import type {
  DataValidationCriteria as CriteriaState,
  DataValidationState,
  ProtectionState,
  SheetState,
  WorkbookState,
} from '../state';
import { newSheetState } from '../state';
import { parseA1, splitSheetName, toA1, type GridRect } from './a1';
import {
  assertCellBudget,
  cellAt,
  deleteColumns,
  deleteRows,
  insertColumns,
  insertRows,
  lastColumnWithContent,
  lastRowWithContent,
  setValidation,
  updateCell,
  validationAt,
} from './grid';
import {
  cellValue,
  displayValue,
  isDateFormat,
  SheetsError,
  typedInput,
  CELL_CHARACTER_LIMIT,
  TOO_LONG_MESSAGE,
} from './values';

export { cellValue, displayValue } from './values';
export { parseA1, toA1, columnToLetters } from './a1';

const OUTSIDE_GRID = 'The coordinates of the range are outside the dimensions of the sheet.';
const DEFAULT_COLUMN_WIDTH = 100;

export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CHECKBOX: 'CHECKBOX',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
} as const;
export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

/** Everything the objects of one execution share. */
class Context {
  constructor(
    readonly host: ServiceHost,
    readonly ui: UiSink,
  ) {}
  get state(): WorkbookState {
    return this.host.state;
  }
  get timeZone(): string {
    return this.state.timeZone;
  }
  sheetByName(name: string): SheetState | undefined {
    return this.state.sheets.find((s) => s.name === name);
  }
}

// --- data validation -----------------------------------------------------------------------

class EmuDataValidation {
  constructor(
    readonly rule: DataValidationState,
    private readonly context: Context,
  ) {}
  getCriteriaType(): string {
    this.context.host.call('DataValidation', 'getCriteriaType');
    return this.rule.criteria.type;
  }
  getCriteriaValues(): unknown[] {
    this.context.host.call('DataValidation', 'getCriteriaValues');
    const c = this.rule.criteria;
    switch (c.type) {
      case 'VALUE_IN_LIST':
        return [[...c.values], c.showDropdown];
      case 'VALUE_IN_RANGE':
        return [c.range, c.showDropdown];
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return [c.min];
      case 'NUMBER_BETWEEN':
        return [c.min, c.max];
      default:
        return [];
    }
  }
  getAllowInvalid(): boolean {
    this.context.host.call('DataValidation', 'getAllowInvalid');
    return this.rule.allowInvalid;
  }
  getHelpText(): string | null {
    this.context.host.call('DataValidation', 'getHelpText');
    return this.rule.helpText ?? null;
  }
  copy(): EmuDataValidationBuilder {
    this.context.host.call('DataValidation', 'copy');
    return new EmuDataValidationBuilder(this.context, structuredClone(this.rule));
  }
}

class EmuDataValidationBuilder {
  private rule: Partial<DataValidationState>;
  constructor(
    private readonly context: Context,
    rule?: DataValidationState,
  ) {
    this.rule = rule ?? { allowInvalid: true };
  }
  private set(method: string, criteria: CriteriaState): this {
    this.context.host.call('DataValidationBuilder', method);
    this.rule.criteria = criteria;
    return this;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    return this.set('requireValueInList', {
      type: 'VALUE_IN_LIST',
      values: values.map(String),
      showDropdown,
    });
  }
  requireValueInRange(range: EmuRange, showDropdown = true): this {
    return this.set('requireValueInRange', {
      type: 'VALUE_IN_RANGE',
      range: range.qualifiedA1(),
      showDropdown,
    });
  }
  requireCheckbox(): this {
    return this.set('requireCheckbox', { type: 'CHECKBOX' });
  }
  requireDate(): this {
    return this.set('requireDate', { type: 'DATE_IS_VALID_DATE' });
  }
  requireNumberGreaterThanOrEqualTo(min: number): this {
    return this.set('requireNumberGreaterThanOrEqualTo', {
      type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      min,
    });
  }
  requireNumberBetween(min: number, max: number): this {
    return this.set('requireNumberBetween', { type: 'NUMBER_BETWEEN', min, max });
  }
  setAllowInvalid(allowInvalid: boolean): this {
    this.context.host.call('DataValidationBuilder', 'setAllowInvalid');
    this.rule.allowInvalid = allowInvalid;
    return this;
  }
  setHelpText(helpText: string): this {
    this.context.host.call('DataValidationBuilder', 'setHelpText');
    this.rule.helpText = helpText;
    return this;
  }
  build(): EmuDataValidation {
    this.context.host.call('DataValidationBuilder', 'build');
    if (!this.rule.criteria) throw new SheetsError('You must specify a validation criteria.');
    return new EmuDataValidation(structuredClone(this.rule as DataValidationState), this.context);
  }
}

// --- protection ---------------------------------------------------------------------------

class EmuProtection {
  constructor(
    private readonly context: Context,
    private readonly sheet: SheetState,
    readonly protection: ProtectionState,
  ) {}
  private write(method: string): void {
    this.context.host.call('Protection', method);
    this.context.host.assertMayWrite(`Protection.${method} ${this.sheet.name}`);
  }
  setDescription(description: string): this {
    this.write('setDescription');
    this.protection.description = description;
    return this;
  }
  getDescription(): string {
    this.context.host.call('Protection', 'getDescription');
    return this.protection.description;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.write('setWarningOnly');
    this.protection.warningOnly = warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    this.context.host.call('Protection', 'isWarningOnly');
    return this.protection.warningOnly;
  }
  getProtectionType(): string {
    this.context.host.call('Protection', 'getProtectionType');
    return this.protection.range === 'SHEET' ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
  getRange(): EmuRange {
    this.context.host.call('Protection', 'getRange');
    const rect =
      this.protection.range === 'SHEET'
        ? { row: 1, column: 1, lastRow: this.sheet.maxRows, lastColumn: this.sheet.maxColumns }
        : (parseA1(this.protection.range, this.sheet.maxRows, this.sheet.maxColumns) as GridRect);
    return new EmuRange(this.context, this.sheet, rect);
  }
  canEdit(): boolean {
    this.context.host.call('Protection', 'canEdit');
    return true;
  }
  remove(): void {
    this.write('remove');
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.protection);
  }
}

// --- range --------------------------------------------------------------------------------

type Matrix<T> = T[][];

class EmuRange {
  constructor(
    private readonly context: Context,
    readonly sheet: SheetState,
    readonly rect: GridRect,
  ) {}

  private get rows(): number {
    return this.rect.lastRow - this.rect.row + 1;
  }
  private get columns(): number {
    return this.rect.lastColumn - this.rect.column + 1;
  }
  private get cells(): number {
    return this.rows * this.columns;
  }
  qualifiedA1(): string {
    return `'${this.sheet.name.replace(/'/g, "''")}'!${toA1(this.rect)}`;
  }
  private call(method: string, options?: { cellsRead?: number; cellsWritten?: number }): void {
    this.context.host.call('Range', method, options);
  }
  private write(method: string, cellsWritten = 0): void {
    this.call(method, { cellsWritten });
    this.context.host.assertMayWrite(`Range.${method} ${this.sheet.name}!${toA1(this.rect)}`);
  }
  private map<T>(read: (row: number, column: number) => T): Matrix<T> {
    const out: Matrix<T> = [];
    for (let r = this.rect.row; r <= this.rect.lastRow; r++) {
      const line: T[] = [];
      for (let c = this.rect.column; c <= this.rect.lastColumn; c++) line.push(read(r, c));
      out.push(line);
    }
    return out;
  }
  private forEach(write: (row: number, column: number, i: number, j: number) => void): void {
    for (let r = this.rect.row; r <= this.rect.lastRow; r++) {
      for (let c = this.rect.column; c <= this.rect.lastColumn; c++) {
        write(r, c, r - this.rect.row, c - this.rect.column);
      }
    }
  }
  /** Google's errors for a 2-D array whose size differs from the range. */
  private checkSize(data: unknown, what = 'data'): asserts data is unknown[][] {
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) {
      throw new SheetsError(
        `The parameters (${typeof data}) don't match the method signature for SpreadsheetApp.Range.set${what}.`,
      );
    }
    if (data.length !== this.rows) {
      throw new SheetsError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.rows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this.columns) {
        throw new SheetsError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.columns}.`,
        );
      }
    }
  }
  private writeValue(row: number, column: number, value: unknown): void {
    const timeZone = this.context.timeZone;
    updateCell(this.sheet, row, column, (cell) => {
      const typed = typedInput(value, cell.nf, timeZone);
      return { ...cell, v: typed.v, f: typed.f, nf: typed.nf };
    });
  }

  getValues(): unknown[][] {
    this.call('getValues', { cellsRead: this.cells });
    const tz = this.context.timeZone;
    return this.map((r, c) => cellValue(cellAt(this.sheet, r, c), tz));
  }
  getValue(): unknown {
    this.call('getValue', { cellsRead: 1 });
    return cellValue(cellAt(this.sheet, this.rect.row, this.rect.column), this.context.timeZone);
  }
  getDisplayValues(): string[][] {
    this.call('getDisplayValues', { cellsRead: this.cells });
    return this.map((r, c) => displayValue(cellAt(this.sheet, r, c)));
  }
  getDisplayValue(): string {
    this.call('getDisplayValue', { cellsRead: 1 });
    return displayValue(cellAt(this.sheet, this.rect.row, this.rect.column));
  }
  setValues(values: unknown[][]): this {
    this.write('setValues', Array.isArray(values) ? values.length * (values[0]?.length ?? 0) : 0);
    this.checkSize(values, 'Values');
    // Check every value first: a failing write changes nothing.
    for (const row of values) {
      for (const value of row) {
        if (typeof value === 'string' && value.length > CELL_CHARACTER_LIMIT)
          throw new SheetsError(TOO_LONG_MESSAGE);
      }
    }
    this.forEach((r, c, i, j) => this.writeValue(r, c, values[i][j]));
    return this;
  }
  /** Sets every cell of the range to the value (as Apps Script does). */
  setValue(value: unknown): this {
    this.write('setValue', this.cells);
    if (typeof value === 'string' && value.length > CELL_CHARACTER_LIMIT)
      throw new SheetsError(TOO_LONG_MESSAGE);
    this.forEach((r, c) => this.writeValue(r, c, value));
    return this;
  }
  getFormulas(): string[][] {
    this.call('getFormulas', { cellsRead: this.cells });
    return this.map((r, c) => cellAt(this.sheet, r, c)?.f ?? '');
  }
  getFormula(): string {
    this.call('getFormula', { cellsRead: 1 });
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.f ?? '';
  }
  setFormula(formula: string): this {
    this.write('setFormula', this.cells);
    this.forEach((r, c) =>
      this.writeValue(r, c, formula.startsWith('=') ? formula : `=${formula}`),
    );
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.write('setFormulas', this.cells);
    this.checkSize(formulas, 'Formulas');
    this.forEach((r, c, i, j) => this.writeValue(r, c, formulas[i][j]));
    return this;
  }
  getNumberFormats(): string[][] {
    this.call('getNumberFormats', { cellsRead: this.cells });
    return this.map((r, c) => cellAt(this.sheet, r, c)?.nf ?? 'General');
  }
  getNumberFormat(): string {
    this.call('getNumberFormat', { cellsRead: 1 });
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.nf ?? 'General';
  }
  private storeFormat(row: number, column: number, format: string): void {
    updateCell(this.sheet, row, column, (cell) => ({
      ...cell,
      nf: format === 'General' || format === '' ? undefined : format,
    }));
  }
  setNumberFormat(format: string): this {
    this.write('setNumberFormat', this.cells);
    this.forEach((r, c) => this.storeFormat(r, c, format));
    return this;
  }
  setNumberFormats(formats: string[][]): this {
    this.write('setNumberFormats', this.cells);
    this.checkSize(formats, 'NumberFormats');
    this.forEach((r, c, i, j) => this.storeFormat(r, c, formats[i][j]));
    return this;
  }
  setDataValidation(rule: EmuDataValidation | null): this {
    this.write('setDataValidation', this.cells);
    setValidation(this.sheet, this.rect, rule ? structuredClone(rule.rule) : null);
    return this;
  }
  setDataValidations(rules: Array<Array<EmuDataValidation | null>>): this {
    this.write('setDataValidations', this.cells);
    this.checkSize(rules, 'DataValidations');
    this.forEach((r, c, i, j) => {
      const rule = rules[i][j];
      setValidation(
        this.sheet,
        { row: r, column: c, lastRow: r, lastColumn: c },
        rule ? structuredClone(rule.rule) : null,
      );
    });
    return this;
  }
  getDataValidation(): EmuDataValidation | null {
    this.call('getDataValidation', { cellsRead: 1 });
    const rule = validationAt(this.sheet, this.rect.row, this.rect.column);
    return rule ? new EmuDataValidation(structuredClone(rule), this.context) : null;
  }
  getDataValidations(): Array<Array<EmuDataValidation | null>> {
    this.call('getDataValidations', { cellsRead: this.cells });
    return this.map((r, c) => {
      const rule = validationAt(this.sheet, r, c);
      return rule ? new EmuDataValidation(structuredClone(rule), this.context) : null;
    });
  }
  clearDataValidations(): this {
    this.write('clearDataValidations');
    setValidation(this.sheet, this.rect, null);
    return this;
  }
  clearContent(): this {
    this.write('clearContent');
    this.forEach((r, c) =>
      updateCell(this.sheet, r, c, (cell) => ({ ...cell, v: undefined, f: undefined })),
    );
    return this;
  }
  clearFormat(): this {
    this.write('clearFormat');
    this.forEach((r, c) =>
      updateCell(this.sheet, r, c, (cell) => ({ ...cell, nf: undefined, bold: undefined })),
    );
    return this;
  }
  /** Contents and formats (and notes); data validation stays, as in Sheets. */
  clear(): this {
    this.write('clear');
    this.forEach((r, c) => updateCell(this.sheet, r, c, () => ({})));
    return this;
  }
  setFontWeight(weight: string | null): this {
    this.write('setFontWeight');
    this.forEach((r, c) =>
      updateCell(this.sheet, r, c, (cell) => ({
        ...cell,
        bold: weight === 'bold' ? true : undefined,
      })),
    );
    return this;
  }
  setFontWeights(weights: string[][]): this {
    this.write('setFontWeights');
    this.checkSize(weights, 'FontWeights');
    this.forEach((r, c, i, j) =>
      updateCell(this.sheet, r, c, (cell) => ({
        ...cell,
        bold: weights[i][j] === 'bold' ? true : undefined,
      })),
    );
    return this;
  }
  getFontWeight(): string {
    this.call('getFontWeight');
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.bold ? 'bold' : 'normal';
  }
  getFontWeights(): string[][] {
    this.call('getFontWeights');
    return this.map((r, c) => (cellAt(this.sheet, r, c)?.bold ? 'bold' : 'normal'));
  }
  setNote(note: string | null): this {
    this.write('setNote');
    this.forEach((r, c) =>
      updateCell(this.sheet, r, c, (cell) => ({ ...cell, note: note || undefined })),
    );
    return this;
  }
  setNotes(notes: Array<Array<string | null>>): this {
    this.write('setNotes');
    this.checkSize(notes, 'Notes');
    this.forEach((r, c, i, j) =>
      updateCell(this.sheet, r, c, (cell) => ({ ...cell, note: notes[i][j] || undefined })),
    );
    return this;
  }
  getNote(): string {
    this.call('getNote');
    return cellAt(this.sheet, this.rect.row, this.rect.column)?.note ?? '';
  }
  getNotes(): string[][] {
    this.call('getNotes');
    return this.map((r, c) => cellAt(this.sheet, r, c)?.note ?? '');
  }
  /** Backgrounds are not part of the workbook model; the call is counted and accepted. */
  setBackground(_color: string | null): this {
    this.write('setBackground');
    return this;
  }
  getRow(): number {
    this.call('getRow');
    return this.rect.row;
  }
  getColumn(): number {
    this.call('getColumn');
    return this.rect.column;
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.rect.lastRow;
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.rect.lastColumn;
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.rows;
  }
  getNumColumns(): number {
    this.call('getNumColumns');
    return this.columns;
  }
  getA1Notation(): string {
    this.call('getA1Notation');
    return toA1(this.rect);
  }
  getSheet(): EmuSheet {
    this.call('getSheet');
    return new EmuSheet(this.context, this.sheet);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): EmuRange {
    this.call('offset');
    const row = this.rect.row + rowOffset;
    const column = this.rect.column + columnOffset;
    return rangeOf(
      this.context,
      this.sheet,
      row,
      column,
      numRows ?? this.rows,
      numColumns ?? this.columns,
    );
  }
  activate(): this {
    this.call('activate');
    this.context.state.activeSheetIndex = this.context.state.sheets.indexOf(this.sheet);
    this.context.state.activeCell = toA1(this.rect);
    return this;
  }
  protect(): EmuProtection {
    this.write('protect');
    const protection: ProtectionState = {
      range: toA1(this.rect),
      description: '',
      warningOnly: false,
    };
    this.sheet.protections.push(protection);
    return new EmuProtection(this.context, this.sheet, protection);
  }
}

function rangeOf(
  context: Context,
  sheet: SheetState,
  row: number,
  column: number,
  numRows = 1,
  numColumns = 1,
): EmuRange {
  if (numRows < 1) throw new SheetsError('The number of rows in the range must be at least 1.');
  if (numColumns < 1)
    throw new SheetsError('The number of columns in the range must be at least 1.');
  const rect = { row, column, lastRow: row + numRows - 1, lastColumn: column + numColumns - 1 };
  if (row < 1 || column < 1 || rect.lastRow > sheet.maxRows || rect.lastColumn > sheet.maxColumns) {
    throw new SheetsError(OUTSIDE_GRID);
  }
  return new EmuRange(context, sheet, rect);
}

function rangeFromA1(context: Context, defaultSheet: SheetState | undefined, a1: string): EmuRange {
  const { sheetName, range } = splitSheetName(a1);
  const sheet = sheetName !== undefined ? context.sheetByName(sheetName) : defaultSheet;
  if (!sheet) throw new SheetsError(`Range not found`);
  const rect = parseA1(range, sheet.maxRows, sheet.maxColumns);
  if (!rect) throw new SheetsError('Range not found');
  return rangeOf(
    context,
    sheet,
    rect.row,
    rect.column,
    rect.lastRow - rect.row + 1,
    rect.lastColumn - rect.column + 1,
  );
}

// --- sheet --------------------------------------------------------------------------------

class EmuSheet {
  constructor(
    private readonly context: Context,
    readonly sheet: SheetState,
  ) {}
  private call(method: string, options?: { cellsRead?: number }): void {
    this.context.host.call('Sheet', method, options);
  }
  private write(method: string): void {
    this.call(method);
    this.context.host.assertMayWrite(`Sheet.${method} ${this.sheet.name}`);
  }
  private checkLine(n: number, max: number): void {
    if (!Number.isInteger(n) || n < 1 || n > max) throw new SheetsError(OUTSIDE_GRID);
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): EmuRange {
    this.call('getRange');
    if (typeof rowOrA1 === 'string') return rangeFromA1(this.context, this.sheet, rowOrA1);
    if (column === undefined)
      throw new SheetsError(
        "Exception: The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    return rangeOf(this.context, this.sheet, rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange(): EmuRange {
    this.call('getDataRange');
    const rows = Math.max(1, lastRowWithContent(this.sheet));
    const columns = Math.max(1, lastColumnWithContent(this.sheet));
    return new EmuRange(this.context, this.sheet, {
      row: 1,
      column: 1,
      lastRow: rows,
      lastColumn: columns,
    });
  }
  getLastRow(): number {
    this.call('getLastRow');
    return lastRowWithContent(this.sheet);
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return lastColumnWithContent(this.sheet);
  }
  getMaxRows(): number {
    this.call('getMaxRows');
    return this.sheet.maxRows;
  }
  getMaxColumns(): number {
    this.call('getMaxColumns');
    return this.sheet.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.write('insertRowsAfter');
    this.checkLine(afterPosition, this.sheet.maxRows);
    insertRows(this.context.state, this.sheet, afterPosition + 1, howMany);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.write('insertRowsBefore');
    this.checkLine(beforePosition, this.sheet.maxRows);
    insertRows(this.context.state, this.sheet, beforePosition, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.write('insertRows');
    this.checkLine(rowIndex, this.sheet.maxRows);
    insertRows(this.context.state, this.sheet, rowIndex, numRows);
  }
  deleteRow(rowPosition: number): this {
    this.write('deleteRow');
    this.checkLine(rowPosition, this.sheet.maxRows);
    deleteRows(this.sheet, rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.write('deleteRows');
    this.checkLine(rowPosition, this.sheet.maxRows);
    this.checkLine(rowPosition + howMany - 1, this.sheet.maxRows);
    deleteRows(this.sheet, rowPosition, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.write('insertColumnsAfter');
    this.checkLine(afterPosition, this.sheet.maxColumns);
    insertColumns(this.context.state, this.sheet, afterPosition + 1, howMany);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.write('insertColumnsBefore');
    this.checkLine(beforePosition, this.sheet.maxColumns);
    insertColumns(this.context.state, this.sheet, beforePosition, howMany);
    return this;
  }
  deleteColumn(columnPosition: number): this {
    this.write('deleteColumn');
    this.checkLine(columnPosition, this.sheet.maxColumns);
    deleteColumns(this.sheet, columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.write('deleteColumns');
    this.checkLine(columnPosition + howMany - 1, this.sheet.maxColumns);
    deleteColumns(this.sheet, columnPosition, howMany);
  }
  appendRow(rowContents: unknown[]): this {
    this.write('appendRow');
    const row = lastRowWithContent(this.sheet) + 1;
    if (row > this.sheet.maxRows)
      insertRows(this.context.state, this.sheet, this.sheet.maxRows + 1, 1);
    if (rowContents.length > this.sheet.maxColumns) {
      insertColumns(
        this.context.state,
        this.sheet,
        this.sheet.maxColumns + 1,
        rowContents.length - this.sheet.maxColumns,
      );
    }
    const tz = this.context.timeZone;
    rowContents.forEach((value, i) =>
      updateCell(this.sheet, row, i + 1, (cell) => {
        const typed = typedInput(value, cell.nf, tz);
        return { ...cell, v: typed.v, f: typed.f, nf: typed.nf };
      }),
    );
    return this;
  }
  setFrozenRows(rows: number): void {
    this.write('setFrozenRows');
    if (rows < 0 || rows > this.sheet.maxRows) throw new SheetsError(OUTSIDE_GRID);
    this.sheet.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.call('getFrozenRows');
    return this.sheet.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.write('setFrozenColumns');
    this.sheet.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    this.call('getFrozenColumns');
    return this.sheet.frozenColumns;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.write('setColumnWidth');
    this.checkLine(columnPosition, this.sheet.maxColumns);
    this.sheet.columnWidths[columnPosition] = width;
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.call('getColumnWidth');
    return this.sheet.columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH;
  }
  getName(): string {
    this.call('getName');
    return this.sheet.name;
  }
  setName(name: string): this {
    this.write('setName');
    if (
      this.context.state.sheets.some(
        (s) => s !== this.sheet && s.name.toLowerCase() === name.toLowerCase(),
      )
    ) {
      throw new SheetsError(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    this.sheet.name = name;
    return this;
  }
  getSheetId(): number {
    this.call('getSheetId');
    return this.sheet.sheetId;
  }
  getIndex(): number {
    this.call('getIndex');
    return this.context.state.sheets.indexOf(this.sheet) + 1;
  }
  getParent(): EmuSpreadsheet {
    this.call('getParent');
    return new EmuSpreadsheet(this.context);
  }
  protect(): EmuProtection {
    this.write('protect');
    const protection: ProtectionState = { range: 'SHEET', description: '', warningOnly: false };
    this.sheet.protections.push(protection);
    return new EmuProtection(this.context, this.sheet, protection);
  }
  getProtections(type: string): EmuProtection[] {
    this.call('getProtections');
    return this.sheet.protections
      .filter((p) => (type === ProtectionType.SHEET ? p.range === 'SHEET' : p.range !== 'SHEET'))
      .map((p) => new EmuProtection(this.context, this.sheet, p));
  }
  clear(): this {
    this.write('clear');
    this.sheet.rows = [];
    return this;
  }
  clearContents(): this {
    this.write('clearContents');
    for (const cells of this.sheet.rows) {
      cells?.forEach((cell, i) => {
        if (cell) cells[i] = { ...cell, v: undefined, f: undefined };
      });
    }
    return this;
  }
  activate(): this {
    this.call('activate');
    this.context.state.activeSheetIndex = this.context.state.sheets.indexOf(this.sheet);
    return this;
  }
  setActiveRange(range: EmuRange): EmuRange {
    this.call('setActiveRange');
    this.context.state.activeSheetIndex = this.context.state.sheets.indexOf(this.sheet);
    this.context.state.activeCell = toA1(range.rect);
    return range;
  }
}

// --- spreadsheet --------------------------------------------------------------------------

class EmuSpreadsheet {
  constructor(private readonly context: Context) {}
  private call(method: string): void {
    this.context.host.call('Spreadsheet', method);
  }
  private get state(): WorkbookState {
    return this.context.state;
  }
  getId(): string {
    this.call('getId');
    return this.state.id;
  }
  getName(): string {
    this.call('getName');
    return this.state.name;
  }
  getUrl(): string {
    this.call('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.state.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.state.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): void {
    this.call('setSpreadsheetTimeZone');
    this.context.host.assertMayWrite('Spreadsheet.setSpreadsheetTimeZone');
    this.state.timeZone = timeZone;
  }
  getSheets(): EmuSheet[] {
    this.call('getSheets');
    return this.state.sheets.map((s) => new EmuSheet(this.context, s));
  }
  getSheetByName(name: string): EmuSheet | null {
    this.call('getSheetByName');
    const sheet = this.context.sheetByName(name);
    return sheet ? new EmuSheet(this.context, sheet) : null;
  }
  insertSheet(nameOrIndex?: string | number, index?: number): EmuSheet {
    this.call('insertSheet');
    this.context.host.assertMayWrite('Spreadsheet.insertSheet');
    const taken = new Set(this.state.sheets.map((s) => s.name.toLowerCase()));
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    if (name !== undefined && taken.has(name.toLowerCase())) {
      throw new SheetsError(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    if (name === undefined) {
      let n = this.state.sheets.length + 1;
      while (taken.has(`sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const position =
      typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? this.state.sheets.length);
    const sheetId =
      Math.max(0, ...this.state.sheets.map((s) => s.sheetId)) + 1 + Math.floor(Math.random() * 1e6);
    const sheet = newSheetState(sheetId, name);
    assertCellBudget(this.state, sheet.maxRows * sheet.maxColumns);
    this.state.sheets.splice(Math.min(position, this.state.sheets.length), 0, sheet);
    // Sheets makes the new sheet the active one.
    this.state.activeSheetIndex = this.state.sheets.indexOf(sheet);
    this.state.activeCell = 'A1';
    return new EmuSheet(this.context, sheet);
  }
  deleteSheet(sheet: EmuSheet): void {
    this.call('deleteSheet');
    this.context.host.assertMayWrite('Spreadsheet.deleteSheet');
    if (this.state.sheets.length === 1)
      throw new SheetsError("You can't remove all the sheets in a document.");
    const active = this.state.sheets[this.state.activeSheetIndex];
    this.state.sheets = this.state.sheets.filter((s) => s !== sheet.sheet);
    this.state.activeSheetIndex = Math.max(0, this.state.sheets.indexOf(active));
  }
  getActiveSheet(): EmuSheet {
    this.call('getActiveSheet');
    return new EmuSheet(
      this.context,
      this.state.sheets[this.state.activeSheetIndex] ?? this.state.sheets[0],
    );
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    this.call('setActiveSheet');
    this.state.activeSheetIndex = this.state.sheets.indexOf(sheet.sheet);
    return sheet;
  }
  getActiveRange(): EmuRange | null {
    this.call('getActiveRange');
    return this.activeRange();
  }
  getCurrentCell(): EmuRange | null {
    this.call('getCurrentCell');
    const range = this.activeRange();
    if (!range) return null;
    const { row, column } = range.rect;
    return new EmuRange(this.context, range.sheet, {
      row,
      column,
      lastRow: row,
      lastColumn: column,
    });
  }
  private activeRange(): EmuRange | null {
    const sheet = this.state.sheets[this.state.activeSheetIndex];
    const rect = sheet && parseA1(this.state.activeCell, sheet.maxRows, sheet.maxColumns);
    return sheet && rect ? new EmuRange(this.context, sheet, rect) : null;
  }
  getRange(a1: string): EmuRange {
    this.call('getRange');
    return rangeFromA1(this.context, this.state.sheets[this.state.activeSheetIndex], a1);
  }
  toast(message: string, title?: string): void {
    this.call('toast');
    this.context.ui.toasts.push({ title, message: String(message) });
  }
}

// --- ui -----------------------------------------------------------------------------------

class EmuMenu {
  private readonly items: UiSink['addonMenu'] = [];
  constructor(private readonly context: Context) {}
  private call(method: string): void {
    this.context.host.call('Menu', method, { needsAuthorization: false });
  }
  addItem(caption: string, functionName: string): this {
    this.call('addItem');
    this.items.push({ label: caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.call('addSeparator');
    this.items.push({ separator: true });
    return this;
  }
  addToUi(): void {
    this.call('addToUi');
    this.context.ui.addonMenu = [...this.items];
  }
}

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number;
}

class EmuUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly context: Context) {}
  createAddonMenu(): EmuMenu {
    this.context.host.call('Ui', 'createAddonMenu', { needsAuthorization: false });
    return new EmuMenu(this.context);
  }
  createMenu(_caption: string): EmuMenu {
    this.context.host.call('Ui', 'createMenu', { needsAuthorization: false });
    return new EmuMenu(this.context);
  }
  showSidebar(userInterface: HtmlLike): void {
    this.context.host.call('Ui', 'showSidebar');
    this.context.ui.sidebars.push({
      title: userInterface.getTitle(),
      html: userInterface.getContent(),
      width: userInterface.getWidth?.(),
    });
  }
  alert(titleOrPrompt: string, prompt?: string, _buttons?: string): string {
    this.context.host.call('Ui', 'alert');
    if (prompt === undefined) this.context.ui.alerts.push({ prompt: String(titleOrPrompt) });
    else this.context.ui.alerts.push({ title: String(titleOrPrompt), prompt: String(prompt) });
    return Button.OK;
  }
}

// --- SpreadsheetApp -----------------------------------------------------------------------

export function createSpreadsheetApp(
  host: ServiceHost,
  ui: UiSink,
): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const context = new Context(host, ui);
  const app = {
    DataValidationCriteria,
    ProtectionType,
    /** In an add-on's time-driven trigger there is no active document. */
    getActiveSpreadsheet(): EmuSpreadsheet | null {
      host.call('SpreadsheetApp', 'getActiveSpreadsheet');
      return host.source === 'time-trigger' ? null : new EmuSpreadsheet(context);
    },
    getActive(): EmuSpreadsheet | null {
      host.call('SpreadsheetApp', 'getActive');
      return host.source === 'time-trigger' ? null : new EmuSpreadsheet(context);
    },
    getActiveSheet(): EmuSheet | null {
      host.call('SpreadsheetApp', 'getActiveSheet');
      if (host.source === 'time-trigger') return null;
      return new EmuSheet(
        context,
        context.state.sheets[context.state.activeSheetIndex] ?? context.state.sheets[0],
      );
    },
    openById(id: string): EmuSpreadsheet {
      host.call('SpreadsheetApp', 'openById');
      if (id !== context.state.id) {
        throw new SheetsError(
          'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
        );
      }
      return new EmuSpreadsheet(context);
    },
    getUi(): EmuUi {
      host.call('SpreadsheetApp', 'getUi', { needsAuthorization: false });
      if (host.source === 'time-trigger')
        throw new SheetsError('Cannot call SpreadsheetApp.getUi() from this context.');
      return new EmuUi(context);
    },
    flush(): void {
      host.call('SpreadsheetApp', 'flush');
    },
    newDataValidation(): EmuDataValidationBuilder {
      host.call('SpreadsheetApp', 'newDataValidation');
      return new EmuDataValidationBuilder(context);
    },
  };
  // The emulator implements the subset Kartoteka uses; the cast gives scripts and tests the
  // real type so a method we lack shows up as a runtime "not a function", as in a typo.
  return app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

// --- a user typing into a cell --------------------------------------------------------------

function violates(
  state: WorkbookState,
  rule: DataValidationState,
  cell: { v?: unknown; nf?: string },
): boolean {
  const c = rule.criteria;
  const v = cell.v;
  switch (c.type) {
    case 'VALUE_IN_LIST':
      return v !== undefined && !c.values.includes(displayValue(cell as never));
    case 'VALUE_IN_RANGE': {
      const { sheetName, range } = splitSheetName(c.range);
      const sheet = state.sheets.find((s) => s.name === sheetName);
      const rect = sheet && parseA1(range, sheet.maxRows, sheet.maxColumns);
      if (!sheet || !rect || v === undefined) return false;
      for (let r = rect.row; r <= rect.lastRow; r++) {
        for (let col = rect.column; col <= rect.lastColumn; col++) {
          if (displayValue(cellAt(sheet, r, col)) === displayValue(cell as never)) return false;
        }
      }
      return true;
    }
    case 'CHECKBOX':
      return v !== undefined && typeof v !== 'boolean';
    case 'DATE_IS_VALID_DATE':
      return v !== undefined && !(typeof v === 'number' && isDateFormat(cell.nf));
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return v !== undefined && !(typeof v === 'number' && v >= c.min);
    case 'NUMBER_BETWEEN':
      return v !== undefined && !(typeof v === 'number' && v >= c.min && v <= c.max);
  }
}

/**
 * A person typing `text` into a cell in Sheets: parsed as typed input, refused (and
 * nothing changed) when it breaks a rejecting data validation rule. Not counted, no lock:
 * it is not a script.
 */
export function applyUserEdit(
  state: WorkbookState,
  sheetName: string,
  a1: string,
  text: string,
): void {
  const sheet = state.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new SheetsError(`There is no sheet named "${sheetName}".`);
  const rect = parseA1(a1, sheet.maxRows, sheet.maxColumns);
  if (!rect || rect.row > sheet.maxRows || rect.column > sheet.maxColumns)
    throw new SheetsError(OUTSIDE_GRID);
  const current = cellAt(sheet, rect.row, rect.column) ?? {};
  const typed = typedInput(text, current.nf, state.timeZone);
  const rule = validationAt(sheet, rect.row, rect.column);
  if (rule && !rule.allowInvalid && violates(state, rule, typed)) {
    throw new SheetsError(
      `The data you entered in cell ${toA1(rect)} violates the data validation rules set on this cell.` +
        (rule.helpText ? ` ${rule.helpText}` : ''),
    );
  }
  updateCell(sheet, rect.row, rect.column, (cell) => ({
    ...cell,
    v: typed.v,
    f: typed.f,
    nf: typed.nf,
  }));
}
