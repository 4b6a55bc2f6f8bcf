/**
 * A record's row field by field, for a write that changes only some of its cells: every
 * cell that reads as its field's type, and the text of each one that does not. A row with
 * one bad cell (a Birthday typed as "next week") is no record for lists and jobs
 * (sheet/table.ts), but a patch of its other fields must neither fail on it nor treat the
 * bad cell as empty and overwrite it.
 */
import type { Problem } from '../../domain/api-types';
import { rangeA1 } from './layout';
import { fromCell } from './cell-kinds';
import { toRawValue } from './batch';
import { adjacentRuns, type RecordValues } from './table';
import type { RowRead, Tab } from './tab';
import { cellFromApi, type ApiValue, type ValuesWrite } from './values';

export interface RowFields {
  row: number;
  /** The fields whose cell reads as the field's type (absent: no column, or unreadable). */
  values: RecordValues;
  /** The fields whose cell does not: its text as it is, and what is wrong with it. */
  unreadable: Map<string, { text: string; problem: Problem }>;
}

export function fieldsOfRow(tab: Tab, read: RowRead, timeZone: string): RowFields {
  const layout = tab.layout();
  const values: RecordValues = {};
  const unreadable: RowFields['unreadable'] = new Map();
  for (const field of tab.spec.fields) {
    const column = layout.columnOf.get(field.key);
    if (column === undefined) continue;
    const raw = read.cells[column - layout.first] as ApiValue | undefined;
    const converted = fromCell(field, cellFromApi(field, raw, timeZone), timeZone);
    if ('value' in converted) {
      values[field.key] = converted.value;
    } else {
      const problem = {
        tab: tab.spec.tab,
        row: read.row,
        column: field.header,
        message: converted.problem,
      };
      unreadable.set(field.key, { text: String(raw ?? ''), problem });
    }
  }
  return { row: read.row, values, unreadable };
}

/**
 * The ranges that write only these fields of a row: one per run of adjacent columns, so
 * every other cell — the user's own columns, fields nobody changed — stays as it is. Fields
 * without a column in the tab are left out.
 */
export function fieldWrites(
  tab: Tab,
  row: number,
  values: RecordValues,
  keys: Iterable<string>,
  timeZone: string,
): ValuesWrite[] {
  const layout = tab.layout();
  const placed = [...new Set(keys)].flatMap((key) => {
    const column = layout.columnOf.get(key);
    const field = tab.spec.fields.find((f) => f.key === key);
    return column === undefined || !field ? [] : [{ column, field }];
  });
  return adjacentRuns(placed).map((run) => ({
    range: rangeA1(tab.spec.tab, row, run[0].column + 1, 1, run.length),
    values: [run.map(({ field }) => toRawValue(field, values[field.key], timeZone))],
  }));
}
