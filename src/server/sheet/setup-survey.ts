/**
 * What Set up tabs needs to know before it changes anything, in a few calls whatever the
 * workbook's size: which tabs exist and how tall their grids are (one Spreadsheets.get);
 * every tab's header row, id column and Settings keys (one Values.batchGet); each record
 * tab's last row with content (getLastRow); and, only when some row below the header has
 * no id, those rows (one more batchGet) — so rows typed by hand are found exactly, by any
 * cell they have, without reading the tabs.
 */
import { ENTITIES, type EntityName, type EntitySpec } from '../../domain/schema';
import { columnsA1, headerA1, rangeA1 } from './layout';
import { HEADER_ROW, mapColumns } from './table';
import { batchGet, sheetGrids, type ApiValue } from './values';

export interface TabSurvey {
  spec: EntitySpec;
  /** Row 1's texts, trailing empty cells left off. */
  header: string[];
  maxRows: number;
  maxColumns: number;
  /** The id column (1-based) the rows below were checked by. */
  idColumn?: number;
  /** Rows with something in them and no id (typed by hand). */
  withoutId: number[];
  /** Settings only: the rows below the header, first columns up to the last settings column. */
  settingsRows?: ApiValue[][];
}

function textsOf(row: readonly ApiValue[]): string[] {
  const header = row.map((cell) => String(cell ?? ''));
  while (header.length && !header[header.length - 1].trim()) header.pop();
  return header;
}

/** Where a tab's second read looks: its id column, or the Settings tab's first columns. */
function lookAt(
  spec: EntitySpec,
  header: readonly string[],
): { column: number; width: number } | undefined {
  const columns = mapColumns(spec, [...header]);
  if (spec.name === 'settings') {
    const width = Math.max(0, ...[...columns.values()].map((c) => c + 1));
    return width ? { column: 1, width } : undefined;
  }
  const id = columns.get('id');
  return id === undefined ? undefined : { column: id + 1, width: 1 };
}

const filled = (cell: unknown) => cell !== '' && cell !== null && cell !== undefined;

/**
 * Surveys the tabs. `cachedHeaders` plans the id columns to read with the headers; a tab
 * whose header says otherwise has its id column read again where it is.
 */
export function surveyTabs(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spreadsheetId: string,
  cachedHeaders: Partial<Record<EntityName, string[]>>,
): Map<EntityName, TabSurvey> {
  const grid = sheetGrids(spreadsheetId);
  const present = Object.values(ENTITIES).filter((spec) => grid.has(spec.tab));
  const planned = present.map((spec) =>
    lookAt(spec, cachedHeaders[spec.name] ?? spec.fields.map((f) => f.header)),
  );
  const below = (spec: EntitySpec, at: { column: number; width: number }) =>
    columnsA1(spec.tab, HEADER_ROW + 1, at.column, at.width);
  const values = batchGet(spreadsheetId, [
    ...present.map((spec) => headerA1(spec.tab)),
    ...present.flatMap((spec, i) => (planned[i] ? [below(spec, planned[i]!)] : [])),
  ]);
  let next = present.length;
  const surveys = present.map((spec, i) => {
    const header = textsOf(values[i]?.[0] ?? []);
    const read = planned[i] ? values[next++] : undefined;
    const at = lookAt(spec, header);
    const same = at && planned[i]?.column === at.column && planned[i]?.width === at.width;
    return { spec, header, at, rows: same ? (read ?? []) : undefined };
  });
  const again = surveys.filter((s) => s.at && !s.rows);
  if (again.length) {
    // A header not as cached: read those columns again, where they are.
    const reread = batchGet(
      spreadsheetId,
      again.map((s) => below(s.spec, s.at!)),
    );
    again.forEach((s, i) => (s.rows = reread[i] ?? []));
  }
  const result = new Map<EntityName, TabSurvey>();
  const candidates: Array<{ survey: TabSurvey; rows: number[] }> = [];
  for (const { spec, header, at, rows } of surveys) {
    const survey: TabSurvey = { spec, header, ...grid.get(spec.tab)!, withoutId: [] };
    result.set(spec.name, survey);
    if (!at) continue;
    if (spec.name === 'settings') {
      survey.settingsRows = rows ?? [];
      continue;
    }
    survey.idColumn = at.column;
    const ids = rows ?? [];
    const sheet = spreadsheet.getSheetByName(spec.tab);
    const lastRow = sheet ? sheet.getLastRow() : HEADER_ROW;
    const unsure: number[] = [];
    for (let row = HEADER_ROW + 1; row <= lastRow; row++) {
      if (!filled(ids[row - HEADER_ROW - 1]?.[0])) unsure.push(row);
    }
    if (unsure.length) candidates.push({ survey, rows: unsure });
  }
  if (candidates.length) {
    // Rows without an id: typed by hand when anything is in them (any column).
    const ranges = candidates.flatMap(({ survey, rows }) =>
      rows.map((row) => rangeA1(survey.spec.tab, row, 1, 1, Math.max(1, survey.maxColumns))),
    );
    const read = batchGet(spreadsheetId, ranges);
    let i = 0;
    for (const { survey, rows } of candidates) {
      for (const row of rows) {
        if ((read[i++]?.[0] ?? []).some(filled)) survey.withoutId.push(row);
      }
    }
  }
  return result;
}
