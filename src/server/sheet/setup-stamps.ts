/**
 * Created/Updated stamps of workbooks from before they were date-times are ISO text
 * ("2026-11-26T12:12:44.020Z"). They are still read as they are (cell-kinds.ts); when Set up
 * tabs formats a tab again it also turns them into date-times on the spreadsheet's wall
 * clock (serial-time.ts), so a user sees and sorts them like any other date: one read of
 * the tabs' date-time columns, and only the cells that hold such text are written (runs of
 * adjacent rows as one range). Anything else in those cells is left as it is.
 */
import type { EntitySpec } from '../../domain/schema';
import { instantToSerial } from '../../domain/serial-time';
import { columnsA1, quoteTab, columnLetters } from './layout';
import { adjacentRuns, HEADER_ROW, type PlacedField } from './table';
import type { Document } from '../document';
import type { ValuesWrite } from './values';

/** An instant as Kartoteka wrote it: toISOString's form. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function stampWrites(
  doc: Document,
  tabs: ReadonlyArray<{ spec: EntitySpec; placed: readonly PlacedField[]; isNew: boolean }>,
): ValuesWrite[] {
  const columns = tabs.flatMap(({ spec, placed, isNew }) =>
    isNew
      ? []
      : placed
          .filter((p) => p.field.kind === 'datetime')
          .map((p) => ({ tab: spec.tab, column: p.column })),
  );
  if (!columns.length) return [];
  const values = doc.read([], () => columns.map((c) => columnsA1(c.tab, HEADER_ROW + 1, c.column)));
  let timeZone: string | undefined;
  return columns.flatMap(({ tab, column }, i) => {
    const texts = (values[i] ?? []).flatMap((line, index) => {
      const cell = line?.[0];
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
}
