/**
 * SpreadsheetApp's Spreadsheet: the one emulated workbook.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 */
import type { CallOptions } from '../execution';
import { newSheetState, type SheetState } from '../state';
import { RANGE_NOT_FOUND, type SheetsContext } from './context';
import { assertWorkbookGrowth } from './grid';
import { Protection, type ProtectionTypeName } from './protection';
import type { Range } from './range';
import { duplicateSheetNameError, rangeOnSheet, type Sheet } from './sheet';
import { TextFinder } from './text-finder';

export class Spreadsheet {
  constructor(private readonly ctx: SheetsContext) {}

  private call(method: string, options?: CallOptions): void {
    this.ctx.host.call('Spreadsheet', method, options);
  }

  private get state() {
    return this.ctx.state;
  }

  private activeSheetState(): SheetState {
    return this.state.sheets[this.state.activeSheetIndex] ?? this.state.sheets[0];
  }

  getId(): string {
    this.call('getId');
    return this.state.id;
  }

  getName(): string {
    this.call('getName');
    return this.state.name;
  }

  rename(newName: string): void {
    this.call('rename');
    this.ctx.host.assertMayWrite('Spreadsheet.rename');
    this.state.name = newName;
  }

  getUrl(): string {
    this.call('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.state.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.state.timeZone;
  }

  /**
   * "Returns the spreadsheet's locale", e.g. 'en_US'
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetLocale()).
   */
  getSpreadsheetLocale(): string {
    this.call('getSpreadsheetLocale');
    return this.state.locale ?? 'en_US';
  }

  setSpreadsheetLocale(locale: string): void {
    this.call('setSpreadsheetLocale');
    this.ctx.host.assertMayWrite('Spreadsheet.setSpreadsheetLocale');
    this.state.locale = String(locale);
  }

  /** Stored serials keep their wall-clock meaning; the Dates scripts read change. */
  setSpreadsheetTimeZone(timezone: string): void {
    this.call('setSpreadsheetTimeZone');
    // Intl throws a RangeError for an unknown zone; Sheets rejects it too.
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    this.ctx.host.assertMayWrite('Spreadsheet.setSpreadsheetTimeZone');
    this.state.timeZone = timezone;
  }

  getSheets(): Sheet[] {
    this.call('getSheets');
    return this.state.sheets.map((sheet) => this.ctx.sheet(sheet));
  }

  getNumSheets(): number {
    this.call('getNumSheets');
    return this.state.sheets.length;
  }

  /** Sheet names are unique regardless of case, and the lookup ignores case too. */
  getSheetByName(name: string): Sheet | null {
    this.call('getSheetByName');
    const sheet =
      this.state.sheets.find((s) => s.name === name) ??
      this.state.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
    return sheet ? this.ctx.sheet(sheet) : null;
  }

  getSheetById(id: number): Sheet | null {
    this.call('getSheetById');
    const sheet = this.state.sheets.find((s) => s.sheetId === id);
    return sheet ? this.ctx.sheet(sheet) : null;
  }

  /**
   * insertSheet(), (sheetIndex), (sheetName), (sheetName, sheetIndex): the index is
   * 0-based; the new sheet becomes the active one.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname,-sheetindex
   */
  insertSheet(nameOrIndex?: string | number, index?: number): Sheet {
    this.call('insertSheet');
    if (typeof nameOrIndex === 'object' || typeof index === 'object') {
      throw new Error('The emulator does not support insertSheet with a template.');
    }
    const sheets = this.state.sheets;
    const position = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? sheets.length);
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    if (name !== undefined) {
      if (sheets.some((s) => s.name.toLowerCase() === name!.toLowerCase())) {
        throw duplicateSheetNameError(name);
      }
    } else {
      let n = sheets.length + 1;
      while (sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const id = sheets.reduce((max, s) => Math.max(max, s.sheetId), 0) + 1;
    const sheet = newSheetState(id, name);
    assertWorkbookGrowth(this.state, sheet.maxRows * sheet.maxColumns);
    this.ctx.host.assertMayWrite(`Spreadsheet.insertSheet ${name}`);
    const at = Math.max(0, Math.min(position, sheets.length));
    sheets.splice(at, 0, sheet);
    this.state.activeSheetIndex = at;
    this.state.activeCell = 'A1';
    return this.ctx.sheet(sheet);
  }

  deleteSheet(sheet: Sheet): void {
    this.call('deleteSheet');
    const sheets = this.state.sheets;
    const index = sheets.indexOf(sheet.state);
    if (index < 0) throw new Error('Sheet not found');
    if (sheets.length === 1) {
      throw new Error("You can't remove all the sheets in a document.");
    }
    this.ctx.host.assertMayWrite(`Spreadsheet.deleteSheet ${sheet.state.name}`);
    const active = sheets[this.state.activeSheetIndex];
    sheets.splice(index, 1);
    const stillActive = sheets.indexOf(active);
    this.state.activeSheetIndex = stillActive >= 0 ? stillActive : Math.max(0, index - 1);
    if (stillActive < 0) this.state.activeCell = 'A1';
  }

  getActiveSheet(): Sheet {
    this.call('getActiveSheet');
    return this.ctx.sheet(this.activeSheetState());
  }

  setActiveSheet(sheet: Sheet): Sheet {
    this.call('setActiveSheet');
    const index = this.state.sheets.indexOf(sheet.state);
    if (index < 0) throw new Error('Sheet not found');
    this.state.activeSheetIndex = index;
    this.state.activeCell = 'A1';
    return sheet;
  }

  getActiveRange(): Range | null {
    this.call('getActiveRange');
    return rangeOnSheet(this.ctx, this.state.activeCell, this.activeSheetState());
  }

  getCurrentCell(): Range | null {
    this.call('getCurrentCell');
    const first = this.state.activeCell.split(':')[0];
    return rangeOnSheet(this.ctx, first, this.activeSheetState());
  }

  /** A1 on the active sheet, or on the sheet it names ('Sheet2!A1'). */
  getRange(a1Notation: string): Range {
    this.call('getRange');
    const range = rangeOnSheet(this.ctx, a1Notation, this.activeSheetState());
    if (!range) throw new Error(RANGE_NOT_FOUND);
    return range;
  }

  /** A TextFinder over every sheet, in tab order (text-finder.ts). */
  createTextFinder(findText: string): TextFinder {
    this.call('createTextFinder');
    return new TextFinder(this.ctx, { kind: 'spreadsheet' }, String(findText));
  }

  getProtections(type: ProtectionTypeName): Protection[] {
    this.call('getProtections');
    const wanted = String(type);
    return this.state.sheets.flatMap((sheet) =>
      sheet.protections
        .filter((p) => (p.range === 'SHEET' ? 'SHEET' : 'RANGE') === wanted)
        .map((p) => new Protection(this.ctx, sheet, p)),
    );
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.call('toast');
    void timeoutSeconds; // the dev server shows toasts until dismissed
    const toast: { title?: string; message: string } = { message: String(msg) };
    if (title !== undefined) toast.title = String(title);
    this.ctx.ui.toasts.push(toast);
  }
}
