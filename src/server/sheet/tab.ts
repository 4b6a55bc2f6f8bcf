/**
 * Targeted access to one tab: the A1 of a record's row, of a lookup column, of the header;
 * a row's cells as a record; a record as the ranges that write it. The reads themselves are
 * batched by the Document (document.ts): one Values.batchGet carries every range a step
 * needs, together with the header rows they depend on, so a layout taken from the cache is
 * confirmed by the same call that uses it, and the number of calls never depends on how
 * many rows a tab has.
 */
import type { EntityName, EntitySpec } from '../../domain/schema';
import type { Problem } from '../../domain/api-types';
import { columnsA1, layoutOf, rangeA1, sameColumns, type TabLayout } from './layout';
import { HEADER_ROW, isBlankRow, recordFromRow, type RecordValues } from './table';
import { toRawValue } from './batch';
import { cellFromApi, type ApiValue } from './values';

/** A record's row as read: its cells over the layout's span (first to last column). */
export interface RowRead {
  row: number;
  cells: unknown[];
}

export class Tab {
  private layoutValue?: TabLayout;
  /** The header row was read in this call: the layout is the tab's as it is now. */
  verified = false;

  constructor(
    readonly spec: EntitySpec,
    /** Row 1 as the document cache last saw it, if it did. */
    private readonly cachedHeader: () => string[] | undefined,
    /** The spreadsheet's time zone, asked for when a date-time is written. */
    private readonly timeZone: () => string,
  ) {}

  get entity(): EntityName {
    return this.spec.name;
  }

  /**
   * The layout to plan reads by: as read in this call, else as cached, else the one Set up
   * tabs makes (the schema's order from column A). Reads always carry the header row of a
   * tab not yet verified, and are planned again when it says otherwise.
   */
  layout(): TabLayout {
    this.layoutValue ??= layoutOf(
      this.spec,
      this.cachedHeader() ?? this.spec.fields.map((field) => field.header),
    );
    return this.layoutValue;
  }

  /** Takes the header row just read; true when Kartoteka's columns are not where planned. */
  acceptHeader(row: readonly ApiValue[]): boolean {
    const fresh = layoutOf(this.spec, row);
    const moved = !this.layoutValue || !sameColumns(this.layoutValue, fresh);
    this.layoutValue = fresh;
    this.verified = true;
    return moved;
  }

  headerA1(): string {
    return `${quotedTab(this.spec.tab)}!${HEADER_ROW}:${HEADER_ROW}`;
  }

  /** Rows [row, row + count) over the layout's span. */
  rowsA1(row: number, count = 1): string {
    const { first, last } = this.layout();
    return rangeA1(this.spec.tab, row, first + 1, count, last - first + 1);
  }

  /** A field's column below the header, to the end of the grid; null when it has no column. */
  columnA1(key: string): string | null {
    const column = this.layout().columnOf.get(key);
    return column === undefined ? null : columnsA1(this.spec.tab, HEADER_ROW + 1, column + 1);
  }

  /** The cells of a row read over the span, padded to its width (trailing blanks are not sent). */
  spanCells(values: readonly ApiValue[] | undefined): unknown[] {
    const { first, last } = this.layout();
    return Array.from({ length: last - first + 1 }, (_, i) => values?.[i] ?? '');
  }

  /** The id in a row read over the span. */
  idOf(cells: readonly unknown[]): string {
    const column = this.layout().columnOf.get('id');
    return column === undefined ? '' : String(cells[column - this.layout().first] ?? '').trim();
  }

  /**
   * The record in a row read over the span, or the problems that keep it from being one.
   * `partial`: a row with an id is a record even when some of its cells cannot be read
   * (a date column holding "next week"); those fields are left out and listed as problems.
   */
  record(
    read: RowRead,
    timeZone: string,
    partial = false,
  ): { values?: RecordValues; problems: Problem[] } {
    const layout = this.layout();
    // A row with content only in the user's own columns (between Kartoteka's) is theirs.
    const kartoteka = [...layout.columnOf.values()].map(
      (column) => read.cells[column - layout.first] ?? '',
    );
    if (isBlankRow(kartoteka)) return { problems: [] };
    // The API's unformatted values, as SpreadsheetApp gives them, field by field.
    const cells = [...read.cells];
    for (const field of this.spec.fields) {
      const column = layout.columnOf.get(field.key);
      if (column === undefined) continue;
      const i = column - layout.first;
      cells[i] = cellFromApi(field, cells[i] as ApiValue | undefined, timeZone);
    }
    return recordFromRow(
      this.spec,
      layout.columnOf,
      cells,
      read.row,
      timeZone,
      layout.first,
      partial,
    );
  }

  /**
   * A new record as the row Values.append writes, from column A: its values in Kartoteka's
   * columns, null (left as it is) in any other.
   */
  appendValues(values: RecordValues): Array<ApiValue | null> {
    const layout = this.layout();
    const row: Array<ApiValue | null> = new Array(layout.last + 1).fill(null);
    const timeZone = this.timeZone();
    for (const field of this.spec.fields) {
      const column = layout.columnOf.get(field.key);
      if (column !== undefined) row[column] = toRawValue(field, values[field.key], timeZone);
    }
    return row;
  }

  /** The range Values.append looks for the table in: the header row down, A to the last column. */
  appendA1(): string {
    return columnsA1(this.spec.tab, HEADER_ROW, 1, this.layout().last + 1);
  }
}

function quotedTab(tab: string): string {
  return `'${tab.replace(/'/g, "''")}'`;
}
