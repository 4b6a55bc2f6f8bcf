/**
 * What Set up tabs needs to know before it changes anything, in a few calls whatever the
 * workbook's size: which tabs exist and how tall their grids are (one Spreadsheets.get);
 * every tab's header row, id column and Settings keys (one Values.batchGet); each record
 * tab's last row with content (getLastRow); and, only when some row below the header has
 * no id, those rows (one more batchGet) — so rows typed by hand are found exactly, by
 * Kartoteka's cells in them, without reading the tabs.
 *
 * Everything is read with formulas (values.ts, ValueRender): a formula in an id cell is
 * a formula to leave alone and report, not an empty or odd value to write over.
 */
import { ENTITIES, type EntityName, type EntitySpec } from '../../domain/schema';
import type { Problem } from '../../domain/api-types';
import { columnsA1, headerA1, rangeA1 } from './layout';
import { HEADER_ROW, mapColumns } from './table';
import { headerRefusal } from './setup-guard';
import { referrersOf } from '../../domain/ref-titles';
import { batchGet, sheetGrids, type ApiValue } from './values';

export interface TabSurvey {
  spec: EntitySpec;
  /** Row 1's texts, trailing empty cells left off. */
  header: string[];
  maxRows: number;
  maxColumns: number;
  /** Why row 1 cannot be taken as the header (setup-guard.ts): the run is refused. */
  refusal?: string;
  /** The id column (1-based) the rows below were checked by. */
  idColumn?: number;
  /** Rows with something in Kartoteka's columns and no id (typed by hand). */
  withoutId: number[];
  /** Id cells holding a formula: left as they are, and reported. */
  formulas: Problem[];
  /** Settings only: the rows below the header, first columns up to the last settings column. */
  settingsRows?: ApiValue[][];
}

const RENDER = 'FORMULA';

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
const isFormula = (cell: unknown) => typeof cell === 'string' && cell.startsWith('=');

function lastRowOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: EntitySpec) {
  return spreadsheet.getSheetByName(spec.tab)?.getLastRow() ?? HEADER_ROW;
}

/** Rows below the header a tab's id column says nothing about: to be read whole. */
interface Candidates {
  survey: TabSurvey;
  rows: number[];
  /** Read as one range (the id column was not found: every row is a candidate). */
  span: boolean;
}

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
  const values = batchGet(
    spreadsheetId,
    [
      ...present.map((spec) => headerA1(spec.tab)),
      ...present.flatMap((spec, i) => (planned[i] ? [below(spec, planned[i]!)] : [])),
    ],
    RENDER,
  );
  let next = present.length;
  const surveys = present.map((spec, i) => {
    const cells = values[i]?.[0] ?? [];
    const header = textsOf(cells);
    const read = planned[i] ? values[next++] : undefined;
    const at = lookAt(spec, header);
    const same = at && planned[i]?.column === at.column && planned[i]?.width === at.width;
    return { spec, cells, header, at, rows: same ? (read ?? []) : undefined };
  });
  const again = surveys.filter((s) => s.at && !s.rows);
  if (again.length) {
    // A header not as cached: read those columns again, where they are.
    const reread = batchGet(
      spreadsheetId,
      again.map((s) => below(s.spec, s.at!)),
      RENDER,
    );
    again.forEach((s, i) => (s.rows = reread[i] ?? []));
  }
  const result = new Map<EntityName, TabSurvey>();
  const candidates: Candidates[] = [];
  for (const { spec, cells, header, at, rows } of surveys) {
    const survey: TabSurvey = {
      spec,
      header,
      ...grid.get(spec.tab)!,
      withoutId: [],
      formulas: [],
    };
    result.set(spec.name, survey);
    // Only an empty row 1 needs to know whether rows below hold anything.
    const empty = !cells.some(filled);
    const refusal = headerRefusal(spec, cells, empty && lastRowOf(spreadsheet, spec) > HEADER_ROW);
    if (refusal) {
      survey.refusal = refusal;
      continue;
    }
    if (spec.name === 'settings') {
      survey.settingsRows = rows ?? [];
      continue;
    }
    const hasId = spec.fields.some((f) => f.key === 'id');
    if (!at && (!hasId || empty)) continue;
    const lastRow = lastRowOf(spreadsheet, spec);
    if (!at) {
      // Kartoteka's headers without its id column: every row with content is a candidate.
      const rows = Array.from({ length: lastRow - HEADER_ROW }, (_, i) => HEADER_ROW + 1 + i);
      if (rows.length) candidates.push({ survey, rows, span: true });
      continue;
    }
    survey.idColumn = at.column;
    const ids = rows ?? [];
    const unsure: number[] = [];
    for (let row = HEADER_ROW + 1; row <= lastRow; row++) {
      const id = ids[row - HEADER_ROW - 1]?.[0];
      if (isFormula(id)) survey.formulas.push(formulaProblem(spec, row, String(id)));
      else if (!filled(id)) unsure.push(row);
    }
    if (unsure.length) candidates.push({ survey, rows: unsure, span: false });
  }
  if (candidates.length) findHandTyped(spreadsheetId, candidates);
  refuseLostIds(spreadsheetId, result);
  return result;
}

/**
 * A tab whose ID column is gone (deleted, or its header renamed) while other tabs still
 * name its records by id: giving its rows new ids would cut every one of those links (the
 * deals of a customer would belong to nobody), so the run is refused with how to restore
 * the column. One more read, of the referring columns, only in that case.
 */
function refuseLostIds(spreadsheetId: string, surveys: Map<EntityName, TabSurvey>): void {
  const lost = [...surveys.values()].filter(
    (s) => !s.refusal && s.idColumn === undefined && s.withoutId.length > 0,
  );
  const reads = lost.flatMap((survey) =>
    referrersOf(survey.spec.name).flatMap(({ entity, ref }) => {
      const referrer = surveys.get(entity);
      const column = referrer && mapColumns(referrer.spec, referrer.header).get(ref.key);
      return referrer && !referrer.refusal && column !== undefined
        ? [{ survey, referrer, ref, column }]
        : [];
    }),
  );
  if (!reads.length) return;
  const values = batchGet(
    spreadsheetId,
    reads.map((r) => columnsA1(r.referrer.spec.tab, HEADER_ROW + 1, r.column + 1)),
    RENDER,
  );
  const links = new Map<TabSurvey, string[]>();
  reads.forEach(({ survey, referrer, ref }, i) => {
    const count = (values[i] ?? []).filter((line) => filled(line?.[0])).length;
    if (!count) return;
    const where = `${count} row${count === 1 ? '' : 's'} of ${referrer.spec.tab} (${ref.header})`;
    links.set(survey, [...(links.get(survey) ?? []), where]);
  });
  for (const [survey, where] of links) {
    const id = survey.spec.fields.find((f) => f.key === 'id')?.header ?? 'ID';
    survey.refusal =
      `The ${survey.spec.tab} tab has no "${id}" column, but ${where.join(' and ')} ` +
      `refer to its rows by id (${survey.spec.singular} ids): new ids would cut those links. Restore the ` +
      `column (Edit ▸ Undo, or insert a column headed "${id}" and paste the ids back) and run ` +
      `Set up tabs again; to start afresh instead, clear those reference cells first.`;
  }
}

/** Rows without an id: typed by hand when one of Kartoteka's cells (not the id) has content. */
function findHandTyped(spreadsheetId: string, candidates: readonly Candidates[]): void {
  const ranges = candidates.flatMap(({ survey, rows, span }) => {
    const width = Math.max(1, survey.maxColumns);
    return span
      ? [rangeA1(survey.spec.tab, rows[0], 1, rows.length, width)]
      : rows.map((row) => rangeA1(survey.spec.tab, row, 1, 1, width));
  });
  const read = batchGet(spreadsheetId, ranges, RENDER);
  let i = 0;
  for (const { survey, rows, span } of candidates) {
    const columns = [...mapColumns(survey.spec, survey.header)]
      .filter(([key]) => key !== 'id')
      .map(([, column]) => column);
    const kartoteka = (line: readonly ApiValue[] | undefined) =>
      columns.some((column) => filled(line?.[column]));
    if (span) {
      const lines = read[i++] ?? [];
      rows.forEach((row, r) => kartoteka(lines[r]) && survey.withoutId.push(row));
    } else {
      for (const row of rows) if (kartoteka(read[i++]?.[0])) survey.withoutId.push(row);
    }
  }
}

function formulaProblem(spec: EntitySpec, row: number, formula: string): Problem {
  const id = spec.fields.find((f) => f.key === 'id')?.header ?? 'ID';
  const shown = formula.length > 40 ? `${formula.slice(0, 39)}…` : formula;
  return {
    tab: spec.tab,
    row,
    column: id,
    message:
      `holds a formula (${shown}) instead of an id; it was left as it is. Replace it with ` +
      `the row's id, or clear it and run Set up tabs to give the row a new one.`,
  };
}
