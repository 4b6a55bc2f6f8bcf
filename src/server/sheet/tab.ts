/**
 * Targeted access to one tab: a record's row read or written in one Range call, found by
 * its id without reading the tab (a verified row hint, else a TextFinder on the id column),
 * and single columns read for lookups. The number of Spreadsheet calls never depends on
 * how many rows the tab has.
 *
 * Ranges are taken from the Spreadsheet by A1 ("'Deals'!A7:U7"), so no getSheetByName is
 * needed; the header row comes from the document cache when it is there, and every row
 * read through a cached header is checked against it (cell-fit.ts).
 */
import type { EntityName, EntitySpec } from '../../domain/schema';
import type { Problem } from '../../domain/api-types';
import type { DocumentCache } from '../document-cache';
import { cellFits } from './cell-fit';
import {
  cellOf,
  columnsA1,
  headerA1,
  headerMatches,
  isMissingRange,
  isOutsideGrid,
  layoutOf,
  rangeA1,
  sameColumns,
  type TabLayout,
} from './layout';
import { HEADER_ROW, missingTabError, recordFromRow, type RecordValues } from './table';
import { toCell } from './cell-kinds';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What a tab needs from the call it serves. */
export interface TabHost {
  readonly spreadsheet: Spreadsheet;
  readonly cache: DocumentCache;
  timeZone(): string;
}

export interface RowRead {
  row: number;
  /** The cells of the layout's span (its first to last column) in this row. */
  cells: unknown[];
  /** That span's range, for the write that follows. */
  range: Range;
}

/** Rows closer than this are read together: a few extra cells cost less than a call. */
const ROW_GAP = 3;
/** Columns closer than this are read together, for the same reason. */
const COLUMN_GAP = 2;

export class Tab {
  private layoutValue?: TabLayout;
  /** The layout was read from the sheet in this call (not taken from the cache). */
  private fresh = false;

  constructor(
    private readonly host: TabHost,
    readonly spec: EntitySpec,
  ) {}

  get entity(): EntityName {
    return this.spec.name;
  }

  private get spreadsheet(): Spreadsheet {
    return this.host.spreadsheet;
  }

  layout(): TabLayout {
    if (!this.layoutValue) {
      const cached = this.host.cache.snapshot().headers[this.spec.name];
      this.layoutValue = cached ? layoutOf(this.spec, cached) : this.readLayout();
    }
    return this.layoutValue;
  }

  /** Reads the header row again; true when Kartoteka's columns are not where they were. */
  refreshLayout(): boolean {
    const before = this.layoutValue;
    this.layoutValue = this.readLayout();
    return !before || !sameColumns(before, this.layoutValue);
  }

  /** A read by A1, with Sheets' "Range not found" for a missing tab said in our words. */
  private readOrMissing<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (isMissingRange(error)) throw missingTabError(this.spec);
      throw error;
    }
  }

  private readLayout(): TabLayout {
    const header = this.readOrMissing(
      () => this.spreadsheet.getRange(headerA1(this.spec.tab)).getValues()[0] ?? [],
    );
    const layout = layoutOf(this.spec, header);
    this.fresh = true;
    this.host.cache.updateSnapshot((snapshot) => {
      snapshot.headers[this.spec.name] = layout.header;
    });
    return layout;
  }

  private spanRange(row: number, numRows = 1): Range {
    const { first, last } = this.layout();
    return this.spreadsheet.getRange(
      rangeA1(this.spec.tab, row, first + 1, numRows, last - first + 1),
    );
  }

  idOf(cells: readonly unknown[]): string {
    return String(cellOf(this.layout(), cells, 'id') ?? '').trim();
  }

  /** Whether every Kartoteka cell of a row read over the span fits its column. */
  private fits(cells: readonly unknown[]): boolean {
    const layout = this.layout();
    return layout.blocks.every((block) =>
      block.fields.every((field, i) => cellFits(field, cells[block.start + i - layout.first])),
    );
  }

  /**
   * Reads rows [row, row + count) over the span. Rows read through a cached header that do
   * not fit it send us back to the header row, and are read again if the columns moved.
   */
  readRows(row: number, count = 1): { range: Range; rows: unknown[][] } {
    let range = this.spanRange(row, count);
    let rows = range.getValues();
    const misfit = !this.fresh && rows.some((cells) => !this.fits(cells));
    if (misfit && this.refreshLayout()) {
      range = this.spanRange(row, count);
      rows = range.getValues();
    }
    return { range, rows };
  }

  readRow(row: number): RowRead {
    const { range, rows } = this.readRows(row);
    return { row, cells: rows[0] ?? [], range };
  }

  /**
   * The row that holds this id, by TextFinder on the id column (exact, whole cell): no
   * cells travel to the script. Case is checked by the caller's read of the row.
   */
  lookup(id: string): number | undefined {
    const column = (this.layout().columnOf.get('id') ?? 0) + 1;
    const match = this.spreadsheet
      .getRange(columnsA1(this.spec.tab, HEADER_ROW + 1, column))
      .createTextFinder(id)
      .matchEntireCell(true)
      .findNext();
    if (!match) return undefined;
    const row = match.getRow();
    this.host.cache.rememberRows(this.entity, [[id, row]]);
    return row;
  }

  /** A record's row, read: its hint when the row still holds the id, else a lookup. */
  findRow(id: string): RowRead | null {
    const hint = this.host.cache.rowHint(this.entity, id);
    if (hint !== undefined && hint > HEADER_ROW) {
      const read = this.readRowIfInGrid(hint);
      if (read && this.idOf(read.cells) === id) return read;
    }
    const row = this.lookup(id);
    if (row === undefined) return null;
    const read = this.readRow(row);
    return this.idOf(read.cells) === id ? read : null;
  }

  /** The row a hint names, or null when the grid has since shrunk below it. */
  readRowIfInGrid(row: number): RowRead | null {
    try {
      return this.readRow(row);
    } catch (error) {
      if (isOutsideGrid(error) || isMissingRange(error)) return null;
      throw error;
    }
  }

  /** The record in a row read over the span, or the problems that keep it from being one. */
  record(read: { row: number; cells: readonly unknown[] }): {
    values?: RecordValues;
    problems: Problem[];
  } {
    const layout = this.layout();
    return recordFromRow(
      this.spec,
      layout.columnOf,
      read.cells,
      read.row,
      this.host.timeZone(),
      layout.first,
    );
  }

  /**
   * Values of some fields in every row below the header, one read per run of nearby
   * columns (read from row 1: the header cells that come with them confirm a cached
   * header). Missing fields are left out. `rows[i]` is sheet row i + 2.
   */
  readColumns(
    keys: readonly string[],
    maxGap = COLUMN_GAP,
  ): { rows: number; values: Map<string, unknown[]> } {
    for (let attempt = 0; ; attempt++) {
      const layout = this.layoutForColumns();
      const columns = [...new Set(keys)]
        .map((key) => ({ key, column: layout.columnOf.get(key) }))
        .filter((c): c is { key: string; column: number } => c.column !== undefined)
        .sort((a, b) => a.column - b.column);
      const groups: Array<typeof columns> = [];
      for (const c of columns) {
        const group = groups[groups.length - 1];
        if (group && c.column - group[group.length - 1].column <= maxGap) group.push(c);
        else groups.push([c]);
      }
      const values = new Map<string, unknown[]>();
      let rows = 0;
      let headerMoved = false;
      for (const group of groups) {
        const start = group[0].column;
        const width = group[group.length - 1].column - start + 1;
        const cells = this.readOrMissing(() =>
          this.spreadsheet
            .getRange(columnsA1(this.spec.tab, HEADER_ROW, start + 1, width))
            .getValues(),
        );
        const [header = [], ...data] = cells;
        rows = data.length;
        for (const { key, column } of group) {
          const field = this.spec.fields.find((f) => f.key === key);
          if (field && !headerMatches(field, header[column - start])) headerMoved = true;
          values.set(
            key,
            data.map((line) => line[column - start]),
          );
        }
      }
      if (!headerMoved) return { rows, values };
      if (attempt > 0 || !this.refreshLayout()) return { rows, values };
    }
  }

  /**
   * The layout to read whole columns by. Without a cached header, the one Set up tabs
   * makes (the schema's order from column A) is tried first: those reads start at row 1,
   * so the header cells that come with them confirm it or send us to the header row.
   */
  private layoutForColumns(): TabLayout {
    if (this.layoutValue || this.host.cache.snapshot().headers[this.spec.name]) {
      return this.layout();
    }
    return layoutOf(
      this.spec,
      this.spec.fields.map((field) => field.header),
    );
  }

  /** Sheet rows whose `key` cell equals `value` exactly (trimmed), from one column read. */
  rowsWhere(key: string, value: string): number[] {
    const column = this.readColumns([key]).values.get(key) ?? [];
    const rows: number[] = [];
    column.forEach((cell, i) => {
      if (String(cell ?? '').trim() === value) rows.push(i + HEADER_ROW + 1);
    });
    return rows;
  }

  /**
   * Reads these rows over the span: one call pair per run of nearby rows. Rows that no
   * longer hold the record expected are the caller's to drop.
   */
  readRowsAt(rows: readonly number[]): RowRead[] {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    const runs: number[][] = [];
    for (const row of sorted) {
      const run = runs[runs.length - 1];
      if (run && row - run[run.length - 1] <= ROW_GAP) run.push(row);
      else runs.push([row]);
    }
    const reads: RowRead[] = [];
    for (const run of runs) {
      const first = run[0];
      const { range, rows: cells } = this.readRows(first, run[run.length - 1] - first + 1);
      for (const row of run) reads.push({ row, cells: cells[row - first] ?? [], range });
    }
    return reads;
  }

  /**
   * Writes a record into a row: one setValues over the span when Kartoteka's columns are
   * side by side (reusing the range just read), else one per block, so a user's own
   * column between them is never touched. Number formats are set with it when asked: a row
   * typed or pasted by hand may have lost the plain-text format its text needs.
   */
  write(
    target: { row: number; range?: Range },
    values: RecordValues,
    options: { formats: boolean },
  ): void {
    const layout = this.layout();
    for (const block of layout.blocks) {
      const range =
        layout.contiguous && target.range
          ? target.range
          : this.spreadsheet.getRange(
              rangeA1(this.spec.tab, target.row, block.start + 1, 1, block.fields.length),
            );
      if (options.formats) range.setNumberFormats([block.fields.map((f) => f.numberFormat)]);
      range.setValues([block.fields.map((field) => toCell(field, values[field.key]))]);
    }
  }

  /** The last row with content in any column (the old data range's height). */
  lastRow(): number {
    const sheet = this.spreadsheet.getSheetByName(this.spec.tab);
    if (!sheet) throw missingTabError(this.spec);
    return sheet.getLastRow();
  }

  /**
   * Writes a new record into a row, past the end of the grid too: Sheets' grid is fixed (a
   * range beyond it throws), so the grid grows first and the new rows get their columns'
   * formats, as Set up tabs gave the rows it formatted.
   */
  writeNew(row: number, values: RecordValues): void {
    try {
      this.write({ row }, values, { formats: false });
      return;
    } catch (error) {
      if (!isOutsideGrid(error)) throw error;
    }
    const sheet = this.spreadsheet.getSheetByName(this.spec.tab);
    if (!sheet) throw missingTabError(this.spec);
    const maxRows = sheet.getMaxRows();
    const added = Math.max(100, row - maxRows);
    sheet.insertRowsAfter(maxRows, added);
    for (const block of this.layout().blocks) {
      const formats = block.fields.map((f) => f.numberFormat);
      sheet
        .getRange(maxRows + 1, block.start + 1, added, block.fields.length)
        .setNumberFormats(Array.from({ length: added }, () => formats));
    }
    this.write({ row }, values, { formats: false });
  }
}
