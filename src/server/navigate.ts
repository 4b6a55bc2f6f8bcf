/**
 * The sidebar and the grid together: jump to a cell ("Check the tabs" entries), and say
 * what is under the user's cursor ("Edit the selected row") — including why there is
 * nothing to edit (the header row, an empty row, a tab that holds no records).
 */
import { ENTITIES, RECORD_ENTITIES, type AnyRecord, type EntityName } from '../domain/schema';
import { getSpreadsheet, UserFacingError } from './spreadsheet';
import { HEADER_ROW, normaliseHeader, readTable, recordsOf } from './sheet/table';

/**
 * Selects the cell of `tab` at `row` under the column headed `column`, so the user sees it
 * in the grid (Range.activate also makes its sheet the active one:
 * https://developers.google.com/apps-script/reference/spreadsheet/range#activate()).
 */
export function goToCell(tab: string, row: number, column: string): { a1: string } {
  const spreadsheet = getSpreadsheet();
  const sheet = spreadsheet.getSheetByName(String(tab));
  if (!sheet) throw new UserFacingError(`There is no ${String(tab)} tab any more.`);
  const lastColumn = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()[0] ?? [];
  const index = header.findIndex((h) => normaliseHeader(h) === normaliseHeader(column));
  const rowNumber = Math.floor(Number(row));
  if (!Number.isFinite(rowNumber) || rowNumber < 1 || rowNumber > sheet.getMaxRows()) {
    throw new UserFacingError(`Row ${String(row)} is not in the ${sheet.getName()} tab.`);
  }
  const range = sheet.getRange(rowNumber, index === -1 ? 1 : index + 1);
  range.activate();
  return { a1: range.getA1Notation() };
}

export type Selection =
  | { kind: 'record'; entity: EntityName; record: AnyRecord }
  | { kind: 'header'; tab: string; singular: string }
  | { kind: 'blank'; tab: string; singular: string; row: number }
  | { kind: 'problem'; tab: string; row: number; message: string }
  | { kind: 'elsewhere'; tab: string; tabs: string[] };

/** The record under the cursor, or what the user should do instead. */
export function getSelectedRecord(): Selection {
  const spreadsheet = getSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  const tab = sheet.getName();
  const spec = RECORD_ENTITIES.map((e) => ENTITIES[e]).find((s) => s.tab === tab);
  if (!spec) return { kind: 'elsewhere', tab, tabs: RECORD_ENTITIES.map((e) => ENTITIES[e].tab) };
  const row = spreadsheet.getCurrentCell()?.getRow() ?? HEADER_ROW;
  if (row <= HEADER_ROW) return { kind: 'header', tab, singular: spec.singular };
  const { rows, problems } = recordsOf(readTable(spreadsheet, spec));
  const found = rows.find((r) => r.row === row);
  if (found) return { kind: 'record', entity: spec.name, record: found.values };
  const problem = problems.find((p) => p.row === row);
  if (problem)
    return { kind: 'problem', tab, row, message: `${problem.column}: ${problem.message}` };
  return { kind: 'blank', tab, singular: spec.singular, row };
}
