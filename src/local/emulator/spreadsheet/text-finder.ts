/**
 * TextFinder: find or replace text within a range, sheet or spreadsheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/text-finder
 *
 * What Google documents, and the emulator does:
 * - defaults: case-insensitive ("otherwise the search defaults to case-insensitive
 *   matching") and partial matching ("otherwise, the search defaults to partial matching");
 * - a cell is matched on its displayed value; with matchFormulaText(true) a formula cell is
 *   matched on its formula text ("otherwise cells with formulas are considered based on
 *   their displayed value"); the emulator does not evaluate formulas, so a formula cell
 *   displays '#ERROR!';
 * - ignoreDiacritics(true) ignores accents and cedillas, signs "written above or below a
 *   letter": Unicode combining marks after canonical decomposition. Letters with a stroke
 *   (ł, ø, đ) are letters of their own there, so "Lodz" does not find "Łódź";
 * - useRegularExpression(true): the search text is a regular expression; Google's are Java
 *   regular expressions (Sheets API FindReplaceRequest.searchByRegex), the emulator uses
 *   JavaScript's, which agree on common patterns; "$1" in a replacement refers to a group
 *   (with ignoreDiacritics too, a regular expression sees the text without its accents, and
 *   a cell it replaces in loses them);
 * - replaceAllWith returns "the number of occurrences replaced, which may be different from
 *   the number of matched cells"; replaceWith replaces within the current match only;
 * - startFrom(range): "start searching immediately after the specified cell range".
 *
 * Not documented, so chosen here: the search goes sheet by sheet (tab order), row by row,
 * left to right; blank cells never match; findNext after the last match returns null
 * rather than wrapping to the first (the common `while ((r = f.findNext()))` loop ends);
 * findPrevious before any findNext returns null; "after" a multi-cell startFrom range means
 * after its bottom-right cell; findAll ignores startFrom. Replacement text is stored as if
 * typed into the cell (a number stays a number); a formula cell is only rewritten when
 * matchFormulaText is on (FindReplaceRequest.includeFormulas: "False to skip cells with
 * formulas").
 *
 * Cost: each method is one Spreadsheet call named 'TextFinder.<method>'. A search runs on
 * Google's side, so findAll/findNext do not count the scanned cells as cells read; the
 * cost model prices the call by its name. Replacements count the cells they change as
 * cells written.
 */
import type { CellState, SheetState } from '../state';
import type { SheetsContext } from './context';
import type { Range } from './range';
import { displayValue, parseTypedInput, storeParsed } from './values';

/** Where a finder searches: one rectangle, one sheet's grid, or every sheet. */
export type FinderScope =
  | {
      kind: 'range';
      sheet: SheetState;
      row: number;
      column: number;
      lastRow: number;
      lastColumn: number;
    }
  | { kind: 'sheet'; sheet: SheetState }
  | { kind: 'spreadsheet' };

interface Match {
  sheet: SheetState;
  row: number;
  column: number;
  cell: CellState;
  /** Sheet index, row, column: the search order. */
  key: [number, number, number];
}

interface Options {
  matchCase: boolean;
  matchEntireCell: boolean;
  matchFormulaText: boolean;
  useRegularExpression: boolean;
  ignoreDiacritics: boolean;
}

const COMBINING_MARKS = /\p{M}/gu;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '');
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export class TextFinder {
  private readonly options: Options = {
    matchCase: false,
    matchEntireCell: false,
    matchFormulaText: false,
    useRegularExpression: false,
    ignoreDiacritics: false,
  };
  /** Position the next findNext/findPrevious searches from; null = before the first cell. */
  private cursor: [number, number, number] | null = null;
  private current: Match | null = null;

  constructor(
    private readonly ctx: SheetsContext,
    private readonly scope: FinderScope,
    private readonly findText: string,
  ) {
    if (findText === '') {
      // Google's reaction to empty search text is not documented; the wording is ours.
      throw new Error('Invalid argument: findText (the text to find is empty)');
    }
  }

  private call(method: string, cellsWritten = 0): void {
    this.ctx.host.call('TextFinder', method, { cellsWritten });
  }

  private configure(method: keyof Options, value: unknown): TextFinder {
    this.call(method);
    this.options[method] = value === true;
    return this;
  }

  matchCase(matchCase: boolean): TextFinder {
    return this.configure('matchCase', matchCase);
  }
  matchEntireCell(matchEntireCell: boolean): TextFinder {
    return this.configure('matchEntireCell', matchEntireCell);
  }
  matchFormulaText(matchFormulaText: boolean): TextFinder {
    return this.configure('matchFormulaText', matchFormulaText);
  }
  useRegularExpression(useRegEx: boolean): TextFinder {
    return this.configure('useRegularExpression', useRegEx);
  }
  ignoreDiacritics(ignoreDiacritics: boolean): TextFinder {
    return this.configure('ignoreDiacritics', ignoreDiacritics);
  }

  startFrom(startRange: Range): TextFinder {
    this.call('startFrom');
    const sheetIndex = this.ctx.state.sheets.indexOf(startRange.sheetState);
    const bounds = startRange.bounds();
    this.cursor = [sheetIndex, bounds.lastRow, bounds.lastColumn];
    this.current = null;
    return this;
  }

  findAll(): Range[] {
    this.call('findAll');
    return this.matches().map((m) => this.cellRange(m));
  }

  findNext(): Range | null {
    this.call('findNext');
    const cursor = this.cursor;
    const next = this.matches().find((m) => cursor === null || compareKeys(m.key, cursor) > 0);
    return this.moveTo(next ?? null);
  }

  findPrevious(): Range | null {
    this.call('findPrevious');
    const cursor = this.cursor;
    if (cursor === null) return this.moveTo(null);
    const before = this.matches().filter((m) => compareKeys(m.key, cursor) < 0);
    return this.moveTo(before[before.length - 1] ?? null);
  }

  getCurrentMatch(): Range | null {
    this.call('getCurrentMatch');
    const m = this.current;
    return m ? this.cellRange(m) : null;
  }

  replaceAllWith(replaceText: string): number {
    const replaced = this.matches().map((m) => this.replaceIn(m, String(replaceText)));
    const changed = replaced.filter((r) => r.count > 0);
    this.call('replaceAllWith', changed.length);
    if (changed.length > 0) this.ctx.host.assertMayWrite('TextFinder.replaceAllWith');
    changed.forEach((r) => r.apply());
    return changed.reduce((sum, r) => sum + r.count, 0);
  }

  replaceWith(replaceText: string): number {
    const m = this.current;
    const replaced = m ? this.replaceIn(m, String(replaceText)) : null;
    this.call('replaceWith', replaced && replaced.count > 0 ? 1 : 0);
    if (!replaced || replaced.count === 0) return 0;
    this.ctx.host.assertMayWrite('TextFinder.replaceWith');
    replaced.apply();
    return replaced.count;
  }

  // ---------------------------------------------------------------- matching

  /** The one-cell Range a finder returns (not a call of its own). */
  private cellRange(m: Match): Range {
    return this.ctx.sheet(m.sheet).cell(m.row, m.column);
  }

  private moveTo(match: Match | null): Range | null {
    this.current = match;
    if (!match) return null;
    this.cursor = match.key;
    return this.cellRange(match);
  }

  /** The text a cell is searched in. */
  private searchedText(cell: CellState): string {
    if (this.options.matchFormulaText && cell.f !== undefined) return cell.f;
    return displayValue(cell, this.ctx.state.timeZone);
  }

  /**
   * The search as a global regular expression over a cell's text. Plain text with
   * ignoreDiacritics allows combining marks after every character, so the match covers the
   * accented letters themselves and a replacement keeps the rest of the cell intact.
   */
  private pattern(): RegExp {
    const o = this.options;
    let source: string;
    let flags = 'g';
    if (o.useRegularExpression) {
      source = o.ignoreDiacritics ? stripDiacritics(this.findText) : this.findText;
    } else if (o.ignoreDiacritics) {
      source = [...stripDiacritics(this.findText)]
        .map((ch) => `${ch.replace(REGEX_SYNTAX, '\\$&')}\\p{M}*`)
        .join('');
      flags += 'u';
    } else {
      source = this.findText.replace(REGEX_SYNTAX, '\\$&');
    }
    if (o.matchEntireCell) source = `^(?:${source})$`;
    if (!o.matchCase) flags += 'i';
    try {
      return new RegExp(source, flags);
    } catch (error) {
      // Google's text for a bad pattern is not documented; this says what is wrong.
      throw new Error(`Invalid regular expression: ${(error as Error).message}`);
    }
  }

  /** The text matched against: decomposed for ignoreDiacritics (marks stripped for regex). */
  private comparable(text: string): string {
    if (!this.options.ignoreDiacritics) return text;
    return this.options.useRegularExpression ? stripDiacritics(text) : text.normalize('NFD');
  }

  private matches(): Match[] {
    const pattern = this.pattern();
    const out: Match[] = [];
    this.ctx.state.sheets.forEach((sheet, sheetIndex) => {
      const rect = this.rectOn(sheet);
      if (!rect) return;
      for (let r = rect.row; r <= Math.min(rect.lastRow, sheet.rows.length); r++) {
        const cells = sheet.rows[r - 1];
        if (!cells) continue;
        for (let c = rect.column; c <= Math.min(rect.lastColumn, cells.length); c++) {
          const cell = cells[c - 1];
          if (!cell) continue;
          const text = this.searchedText(cell);
          pattern.lastIndex = 0;
          if (text === '' || !pattern.test(this.comparable(text))) continue;
          out.push({ sheet, row: r, column: c, cell, key: [sheetIndex, r, c] });
        }
      }
    });
    return out;
  }

  private rectOn(
    sheet: SheetState,
  ): { row: number; column: number; lastRow: number; lastColumn: number } | null {
    const scope = this.scope;
    if (scope.kind === 'spreadsheet' || (scope.kind === 'sheet' && scope.sheet === sheet)) {
      return { row: 1, column: 1, lastRow: sheet.maxRows, lastColumn: sheet.maxColumns };
    }
    return scope.kind === 'range' && scope.sheet === sheet ? scope : null;
  }

  // ---------------------------------------------------------------- replacing

  /** How many occurrences a replacement in this cell changes, and how to store it. */
  private replaceIn(match: Match, replaceText: string): { count: number; apply: () => void } {
    const cell = match.cell;
    const isFormula = cell.f !== undefined;
    if (isFormula && !this.options.matchFormulaText) return { count: 0, apply: () => {} };
    const pattern = this.pattern();
    const text = this.comparable(this.searchedText(cell));
    const count = [...text.matchAll(pattern)].length;
    // A regular expression's replacement may refer to its groups ("$1"); plain text is literal.
    const replaced = this.options.useRegularExpression
      ? text.replace(pattern, replaceText)
      : text.replace(pattern, () => replaceText);
    const next = this.options.ignoreDiacritics ? replaced.normalize('NFC') : replaced;
    return {
      count,
      apply: () => {
        if (isFormula && next.startsWith('=')) storeParsed(cell, { f: next });
        else storeParsed(cell, parseTypedInput(next, cell.nf));
      },
    };
  }
}
