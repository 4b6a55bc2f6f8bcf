/**
 * The emulated SpreadsheetApp (the subset Kartoteka uses) and the helpers the runtime and
 * dev server share with it: user edits, stored-cell → script value, A1 parsing.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 */
import { validationAt } from './validation-store';
import type { ServiceHost, UiSink } from '../execution';
import { guardApi, registerApiClass } from '../guard';
import type { SheetState, WorkbookState } from '../state';
import { parseA1 } from './a1';
import { RANGE_NOT_FOUND, type SheetsContext } from './context';
import { cellForWrite, getCell } from './grid';
import { Protection, ProtectionType } from './protection';
import { Range } from './range';
import { rangeOnSheet, Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';
import { Menu, Ui } from './ui';
import {
  DataValidation,
  DataValidationBuilder,
  DataValidationCriteria,
  rejectionMessage,
  satisfiesRule,
} from './validation';
import { parseTypedInput, storeParsed } from './values';

export { parseA1, toA1, columnLetters, columnNumber, type ParsedA1 } from './a1';
export {
  cellValue,
  displayValue,
  dateToSerial,
  serialToDate,
  formatNumber,
  isDateFormat,
} from './values';

class SpreadsheetAppImpl {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  private readonly ctx: SheetsContext;
  private readonly spreadsheet: Spreadsheet;

  constructor(
    private readonly host: ServiceHost,
    ui: UiSink,
  ) {
    const sheets = new WeakMap<SheetState, Sheet>();
    let spreadsheet: Spreadsheet | undefined;
    const ctx: SheetsContext = {
      host,
      ui,
      state: host.state,
      sheet(state) {
        let sheet = sheets.get(state);
        if (!sheet) {
          sheet = new Sheet(ctx, state);
          sheets.set(state, sheet);
        }
        return sheet;
      },
      spreadsheet: () => spreadsheet!,
      rangeFromA1(a1, defaultSheet) {
        const sheet = defaultSheet ?? host.state.sheets[host.state.activeSheetIndex];
        return sheet ? rangeOnSheet(ctx, a1, sheet) : null;
      },
    };
    this.ctx = ctx;
    spreadsheet = new Spreadsheet(ctx);
    this.spreadsheet = spreadsheet;
  }

  private call(method: string, options?: Parameters<ServiceHost['call']>[2]): void {
    this.host.call('SpreadsheetApp', method, options);
  }

  /** Null in a time-driven trigger: there is no active document then. */
  getActiveSpreadsheet(): Spreadsheet | null {
    this.call('getActiveSpreadsheet');
    return this.host.source === 'time-trigger' ? null : this.spreadsheet;
  }

  getActive(): Spreadsheet | null {
    this.call('getActive');
    return this.host.source === 'time-trigger' ? null : this.spreadsheet;
  }

  getActiveSheet(): Sheet | null {
    this.call('getActiveSheet');
    if (this.host.source === 'time-trigger') return null;
    const state = this.host.state;
    return this.ctx.sheet(state.sheets[state.activeSheetIndex] ?? state.sheets[0]);
  }

  getActiveRange(): Range | null {
    this.call('getActiveRange');
    if (this.host.source === 'time-trigger') return null;
    return this.ctx.rangeFromA1(this.host.state.activeCell);
  }

  /** Only this workbook exists; other ids fail as a missing or unshared file does. */
  openById(id: string): Spreadsheet {
    this.call('openById');
    if (id !== this.host.state.id) {
      throw new Error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return this.spreadsheet;
  }

  openByUrl(url: string): Spreadsheet {
    this.call('openByUrl');
    const id = /\/spreadsheets\/d\/([^/]+)/.exec(url)?.[1];
    if (id !== this.host.state.id) {
      throw new Error(
        'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
      );
    }
    return this.spreadsheet;
  }

  getUi(): Ui {
    this.call('getUi', { needsAuthorization: false });
    if (this.host.source === 'time-trigger') {
      throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    return new Ui(this.host, this.ctx.ui);
  }

  /** Writes are applied at once here; flush only costs what it costs (cost-model.ts). */
  flush(): void {
    this.call('flush');
  }

  newDataValidation(): DataValidationBuilder {
    this.call('newDataValidation');
    return new DataValidationBuilder(this.host, (a1) => this.ctx.rangeFromA1(a1));
  }
}

// The classes whose instances scripts receive, under their Apps Script names (guard.ts).
registerApiClass(Spreadsheet, 'Spreadsheet');
registerApiClass(Sheet, 'Sheet');
registerApiClass(Range, 'Range');
registerApiClass(Protection, 'Protection');
registerApiClass(DataValidation, 'DataValidation');
registerApiClass(DataValidationBuilder, 'DataValidationBuilder');
registerApiClass(Ui, 'Ui');
registerApiClass(Menu, 'Menu');

/**
 * The SpreadsheetApp global, guarded (guard.ts): every object reached from it names the
 * member the emulator lacks instead of failing with "x is not a function".
 */
export function createSpreadsheetApp(
  host: ServiceHost,
  ui: UiSink,
): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  // The emulator implements the subset Kartoteka uses, each method with the @types
  // signature; the full interface has hundreds of members we deliberately leave out.
  const app = guardApi('SpreadsheetApp', new SpreadsheetAppImpl(host, ui));
  return app as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

/**
 * A person typing `text` into one cell in Sheets: parsed as typed input like script
 * writes, but a data validation rule that rejects invalid input (allowInvalid = false)
 * refuses it with Sheets' message. Not counted, no lock: it is not a script.
 */
export function applyUserEdit(
  state: WorkbookState,
  sheetName: string,
  a1: string,
  text: string,
): void {
  const sheet = state.sheets.find((s) => s.name === sheetName);
  const parsed = parseA1(a1);
  if (
    !sheet ||
    !parsed ||
    parsed.sheetName !== undefined ||
    parsed.startRow === null ||
    parsed.startColumn === null ||
    parsed.startRow > sheet.maxRows ||
    parsed.startColumn > sheet.maxColumns
  ) {
    throw new Error(RANGE_NOT_FOUND);
  }
  const { startRow: row, startColumn: column } = parsed;
  const existing = getCell(sheet, row, column);
  const input = parseTypedInput(text, existing?.nf);
  const key = `${a1.replace(/\$/g, '').split(':')[0].toUpperCase()}`;
  const rule = validationAt(sheet, row, column);
  if (rule && !rule.allowInvalid) {
    const candidate = { ...(existing ?? {}) };
    storeParsed(candidate, input);
    if (!satisfiesRule(state, rule, candidate)) throw new Error(rejectionMessage(key, rule));
  }
  storeParsed(cellForWrite(sheet, row, column), input);
}
