/**
 * Created/Updated stamps of workbooks from before they were date-times are ISO text
 * ("2026-11-26T12:12:44.020Z"). They are still read as they are (cell-kinds.ts); when Set up
 * tabs formats a tab again it also turns them into date-times on the spreadsheet's wall
 * clock (serial-time.ts), so a user sees and sorts them like any other date: one read of
 * the tabs' date-time columns, and only the cells that hold such text are written (runs of
 * adjacent rows as one range). Anything else in those cells is left as it is; the columns
 * are read with formulas, so a formula giving such text stays a formula and is reported.
 */
import type { EntitySpec } from '../../domain/schema';
import { instantToSerial } from '../../domain/serial-time';
import type { Problem } from '../../domain/api-types';
import { columnsA1, quoteTab, columnLetters } from './layout';
import { adjacentRuns, HEADER_ROW, type PlacedField } from './table';
import type { Document } from '../document';
import { batchGet, type ValuesWrite } from './values';

/** An instant as Kartoteka wrote it: toISOString's form. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function stampWrites(
  doc: Document,
  tabs: ReadonlyArray<{ spec: EntitySpec; placed: readonly PlacedField[]; isNew: boolean }>,
): { writes: ValuesWrite[]; formulas: Problem[] } {
  const columns = tabs.flatMap(({ spec, placed, isNew }) =>
    isNew
      ? []
      : placed
          .filter((p) => p.field.kind === 'datetime')
          .map((p) => ({ tab: spec.tab, column: p.column, header: p.field.header })),
  );
  if (!columns.length) return { writes: [], formulas: [] };
  const values = batchGet(
    doc.spreadsheetId(),
    columns.map((c) => columnsA1(c.tab, HEADER_ROW + 1, c.column)),
    'FORMULA',
  );
  const formulas: Problem[] = [];
  let timeZone: string | undefined;
  const writes = columns.flatMap(({ tab, column, header }, i) => {
    const texts = (values[i] ?? []).flatMap((line, index) => {
      const cell = line?.[0];
      if (typeof cell === 'string' && cell.startsWith('=')) {
        formulas.push({
          tab,
          row: HEADER_ROW + 1 + index,
          column: header,
          message: `holds a formula (${cell.length > 40 ? `${cell.slice(0, 39)}…` : cell}); Kartoteka writes this column, and left it as it is.`,
        });
      }
      return typeof cell === 'string' && ISO_INSTANT.test(cell.trim())
        ? [{ column: HEADER_ROW + 1 + index, instant: Date.parse(cell.trim()) }]
        : [];
    });
    if (!texts.length) return [];
    timeZone ??= doc.timeZone();
    const zone = timeZone;
    const letters = columnLetters(column);
    // adjacentRuns groups by `column`: here the row numbers.
    return adjacentRuns(texts).map((run) => ({
      range: `${quoteTab(tab)}!${letters}${run[0].column}:${letters}${run[run.length - 1].column}`,
      values: run.map((cell) => [instantToSerial(cell.instant, zone)]),
    }));
  });
  return { writes, formulas };
}
