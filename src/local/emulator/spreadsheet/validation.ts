/**
 * Data validation rules: the builder and rule objects of Apps Script, and the check Sheets
 * applies when a *user* types into a validated cell. Scripts writing with setValue(s) are
 * not checked by Sheets: the invalid value is stored (and flagged in the UI), so the
 * emulator checks only user edits (applyUserEdit).
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 */
import type { ServiceHost } from '../execution';
import type {
  CellState,
  DataValidationCriteria as CriteriaState,
  DataValidationState,
  WorkbookState,
} from '../state';
import { parseA1 } from './a1';
import { getCell } from './grid';
import { displayValue, isDateFormat } from './values';

/** SpreadsheetApp.DataValidationCriteria: the criteria this emulator supports. */
export const DataValidationCriteria = Object.freeze({
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CHECKBOX: 'CHECKBOX',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
} as const);
export type CriteriaType = CriteriaState['type'];

/** Turns a stored 'Sheet'!A1 range back into a Range object (for getCriteriaValues). */
export type RangeResolver = (a1: string) => unknown;

export class DataValidation {
  constructor(
    private readonly host: ServiceHost,
    readonly state: DataValidationState,
    private readonly resolveRange: RangeResolver,
  ) {}

  getCriteriaType(): CriteriaType {
    this.host.call('DataValidation', 'getCriteriaType');
    return this.state.criteria.type;
  }

  /** Shapes as documented: list → [values, showDropdown], range → [Range, showDropdown]. */
  // Returns any[] like @types: the elements are of mixed types per criteria.
  getCriteriaValues(): unknown[] {
    this.host.call('DataValidation', 'getCriteriaValues');
    const criteria = this.state.criteria;
    switch (criteria.type) {
      case 'VALUE_IN_LIST':
        return [[...criteria.values], criteria.showDropdown];
      case 'VALUE_IN_RANGE':
        return [this.resolveRange(criteria.range), criteria.showDropdown];
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return [criteria.min];
      case 'NUMBER_BETWEEN':
        return [criteria.min, criteria.max];
      default:
        return [];
    }
  }

  getAllowInvalid(): boolean {
    this.host.call('DataValidation', 'getAllowInvalid');
    return this.state.allowInvalid;
  }

  getHelpText(): string | null {
    this.host.call('DataValidation', 'getHelpText');
    return this.state.helpText ?? null;
  }

  copy(): DataValidationBuilder {
    this.host.call('DataValidation', 'copy');
    return new DataValidationBuilder(this.host, this.resolveRange, structuredClone(this.state));
  }
}

/** What requireValueInRange needs from a Range: its A1 with the sheet name. */
export interface RangeLike {
  getA1NotationWithSheet(): string;
}

export class DataValidationBuilder {
  private criteria: CriteriaState | null;
  private allowInvalid: boolean;
  private helpText: string | undefined;

  constructor(
    private readonly host: ServiceHost,
    private readonly resolveRange: RangeResolver,
    from?: DataValidationState,
  ) {
    this.criteria = from?.criteria ?? null;
    // New rules allow invalid input (show a warning) unless setAllowInvalid(false).
    this.allowInvalid = from?.allowInvalid ?? true;
    this.helpText = from?.helpText;
  }

  private set(method: string, criteria: CriteriaState): this {
    this.host.call('DataValidationBuilder', method);
    this.criteria = criteria;
    return this;
  }

  requireValueInList(values: string[], showDropdown = true): DataValidationBuilder {
    return this.set('requireValueInList', {
      type: 'VALUE_IN_LIST',
      values: values.map(String),
      showDropdown,
    });
  }

  requireValueInRange(range: RangeLike, showDropdown = true): DataValidationBuilder {
    return this.set('requireValueInRange', {
      type: 'VALUE_IN_RANGE',
      range: range.getA1NotationWithSheet(),
      showDropdown,
    });
  }

  requireCheckbox(): DataValidationBuilder {
    return this.set('requireCheckbox', { type: 'CHECKBOX' });
  }

  requireDate(): DataValidationBuilder {
    return this.set('requireDate', { type: 'DATE_IS_VALID_DATE' });
  }

  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilder {
    return this.set('requireNumberGreaterThanOrEqualTo', {
      type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      min: number,
    });
  }

  requireNumberBetween(start: number, end: number): DataValidationBuilder {
    return this.set('requireNumberBetween', {
      type: 'NUMBER_BETWEEN',
      min: Math.min(start, end),
      max: Math.max(start, end),
    });
  }

  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.host.call('DataValidationBuilder', 'setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): DataValidationBuilder {
    this.host.call('DataValidationBuilder', 'setHelpText');
    this.helpText = helpText;
    return this;
  }

  build(): DataValidation {
    this.host.call('DataValidationBuilder', 'build');
    if (!this.criteria) throw new Error('You must set a criteria type for data validation.');
    const state: DataValidationState = {
      criteria: structuredClone(this.criteria),
      allowInvalid: this.allowInvalid,
    };
    if (this.helpText !== undefined) state.helpText = this.helpText;
    return new DataValidation(this.host, state, this.resolveRange);
  }
}

function valuesOfRange(state: WorkbookState, a1: string): Set<string> {
  const parsed = parseA1(a1);
  const sheet = state.sheets.find((s) => s.name === parsed?.sheetName);
  const allowed = new Set<string>();
  if (!parsed || !sheet) return allowed;
  const lastRow = parsed.endRow ?? sheet.maxRows;
  const lastColumn = parsed.endColumn ?? sheet.maxColumns;
  const firstRow = parsed.startRow ?? 1;
  for (let r = firstRow; r <= Math.min(lastRow, sheet.rows.length); r++) {
    for (let c = parsed.startColumn ?? 1; c <= lastColumn; c++) {
      const shown = displayValue(getCell(sheet, r, c), state.timeZone);
      if (shown !== '') allowed.add(shown);
    }
  }
  return allowed;
}

/** Whether a stored cell satisfies a rule. Blank cells always do. */
export function satisfiesRule(
  state: WorkbookState,
  rule: DataValidationState,
  cell: CellState | null,
): boolean {
  if (!cell || cell.v === undefined || cell.v === '') return true;
  const value = cell.v;
  const criteria = rule.criteria;
  switch (criteria.type) {
    case 'VALUE_IN_LIST':
      return criteria.values.includes(displayValue(cell, state.timeZone));
    case 'VALUE_IN_RANGE':
      return valuesOfRange(state, criteria.range).has(displayValue(cell, state.timeZone));
    case 'CHECKBOX':
      return typeof value === 'boolean';
    case 'DATE_IS_VALID_DATE':
      return typeof value === 'number' && isDateFormat(cell.nf);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof value === 'number' && value >= criteria.min;
    case 'NUMBER_BETWEEN':
      return typeof value === 'number' && value >= criteria.min && value <= criteria.max;
  }
}

/** The message Sheets shows when a user's entry is rejected by a rule. */
export function rejectionMessage(a1: string, rule: DataValidationState): string {
  const base = `The data you entered in cell ${a1} violates the data validation rules set on this cell.`;
  return rule.helpText ? `${base}\n${rule.helpText}` : base;
}
