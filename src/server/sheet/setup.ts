/**
 * "Set up tabs": creates the card index tabs and repairs them, from the schema alone.
 *
 * It never moves or deletes anything a user made: columns are found by header wherever the
 * user put them, the user's own columns are left alone, and a field whose header is gone
 * (renamed or deleted) is reported and added back at the end of the header row rather
 * than written over someone's column. Running it twice changes nothing the second time.
 * So a new tab has the schema's order (ID last, each reference's readable companion beside
 * it), while a workbook set up before keeps its columns where they are and gets new ones
 * (the companions) at the end: moving a column with the Sheets API's MoveDimension keeps
 * its data (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#MoveDimensionRequest)
 * but shifts the user's own columns and any formulas that name them by position, which is
 * the user's call, not Setup's.
 *
 * It reads what it compares — each tab's header row, the first columns of its rows (for
 * rows typed without an id) and the Settings keys, with formulas — and formats a tab
 * (formats, dropdowns, notes, protections for every row) only when it is new or changed
 * since the last run (setup-record.ts): on an unchanged workbook it writes nothing.
 *
 * It never reinterprets: a tab whose first row is not a header it can trust refuses the
 * whole run before anything is written (setup-guard.ts); a formula in an id cell is left
 * and reported; a row with nothing in Kartoteka's columns is the user's, not a record
 * without an id; a number format the user chose is kept (setup-formats.ts).
 */
import {
  ENTITIES,
  SETTINGS_DEFAULTS,
  type EntityName,
  type EntitySpec,
  type FieldSpec,
} from '../../domain/schema';
import type { Problem, SetupReport } from '../../domain/api-types';
import { columnBlocks, mapColumns, HEADER_ROW, type PlacedField } from './table';
import { CELL_KINDS, type IdRangeOf } from './cell-kinds';
import { columnLetters, rangeA1 } from './layout';
import { surveyTabs, type TabSurvey } from './setup-survey';
import { stampWrites } from './setup-stamps';
import { refusalMessage } from './setup-guard';
import { appliedFormats, formatsEntry, plannedFormats, sameFormat } from './setup-formats';
import type { ValuesWrite } from './values';
import { Document } from '../document';
import { UserFacingError, withDocumentLock } from '../spreadsheet';
import {
  readSetupRecord,
  sameTab,
  schemaVersion,
  writeSetupRecord,
  type SetupRecord,
} from './setup-record';

export type { SetupReport };

const SYSTEM_PROTECTION = 'Kartoteka fills this column; edit it from the sidebar.';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Letters and digits only, lower case: "E-mail address" → "emailaddress". */
function squash(text: unknown): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * A header in the tab that no field claims and that looks like the missing field's
 * ("E-mail address" for Email, "Phone no" for Phone): probably the renamed column.
 */
function renamedCandidate(
  field: FieldSpec,
  header: unknown[],
  columnOf: Map<string, number>,
): string | undefined {
  const claimed = new Set(columnOf.values());
  const wanted = squash(field.header);
  return header
    .map((text, index) => ({ text: String(text), index }))
    .filter(({ text, index }) => text.trim() && !claimed.has(index))
    .find(({ text }) => {
      const candidate = squash(text);
      return (
        candidate.includes(wanted) ||
        wanted.includes(candidate) ||
        editDistance(candidate, wanted) <= 2
      );
    })?.text;
}

/** Where each tab's id column is, once every tab exists: targets of reference dropdowns. */
type IdRanges = Map<string, GoogleAppsScript.Spreadsheet.Range>;

function idRangeOf(idRanges: IdRanges): IdRangeOf {
  return (field) => {
    const tab = field.ref ? ENTITIES[field.ref].tab : undefined;
    const range = tab ? idRanges.get(tab) : undefined;
    return tab && range ? { tab, range } : undefined;
  };
}

interface PlacedTab {
  spec: EntitySpec;
  /** Looked up only when the tab is formatted or grows columns. */
  sheet?: Sheet;
  placed: PlacedField[];
  /** Columns this run created: they get the schema's width; existing ones keep the user's. */
  newColumns: Set<number>;
  /** Header texts after this run, trailing empty cells left off. */
  header: string[];
  /** Created or given columns in this run: formatted whatever the record says. */
  changed: boolean;
  maxRows: number;
  /** What the survey read of the rows, when the tab existed with its id column. */
  survey?: TabSurvey;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function sheetOf(spreadsheet: Spreadsheet, tab: PlacedTab): Sheet {
  tab.sheet ??= spreadsheet.getSheetByName(tab.spec.tab) ?? undefined;
  if (!tab.sheet) throw new Error(`The ${tab.spec.tab} tab disappeared during setup.`);
  return tab.sheet;
}

/** Phase 1: the tab exists and every field has a header cell. */
function ensureColumns(
  spreadsheet: Spreadsheet,
  spec: EntitySpec,
  report: SetupReport,
  survey: TabSurvey | undefined,
): PlacedTab {
  let sheet: Sheet | undefined;
  const isNew = !survey;
  if (isNew) {
    sheet = spreadsheet.insertSheet(spec.tab);
    report.createdTabs.push(spec.tab);
  }
  const header: string[] = [...(survey?.header ?? [])];
  const columnOf = mapColumns(spec, header);
  const placed: PlacedField[] = [];
  const added: FieldSpec[] = [];
  for (const field of spec.fields) {
    const index = columnOf.get(field.key);
    if (index === undefined) added.push(field);
    else placed.push({ column: index + 1, field });
  }
  const tab: PlacedTab = {
    spec,
    sheet,
    placed,
    newColumns: new Set(),
    header,
    changed: isNew,
    maxRows: survey?.maxRows ?? 0,
    survey,
  };
  if (isNew) tab.maxRows = sheetOf(spreadsheet, tab).getMaxRows();
  if (!added.length) return tab;
  const original = [...header];

  // Missing fields go after the last used column, never over a user's column.
  sheet = sheetOf(spreadsheet, tab);
  const lastColumn = Math.max(sheet.getLastColumn(), header.length);
  const firstNew = lastColumn + 1;
  const needed = firstNew + added.length - 1;
  if (needed > sheet.getMaxColumns()) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
  }
  sheet.getRange(HEADER_ROW, firstNew, 1, added.length).setValues([added.map((f) => f.header)]);
  added.forEach((field, i) => {
    placed.push({ column: firstNew + i, field });
    tab.newColumns.add(firstNew + i);
    while (header.length < firstNew - 1) header.push('');
    header[firstNew - 1 + i] = field.header;
    if (!isNew) {
      const similar = renamedCandidate(field, original, columnOf);
      report.addedColumns.push({
        tab: spec.tab,
        header: field.header,
        column: columnLetters(firstNew + i),
        suggestion: similar
          ? `"${field.header}" was not found (is "${String(similar)}" the renamed column?). ` +
            `It was added as column ${columnLetters(firstNew + i)}; move its data there, or rename ` +
            `the old header back to "${field.header}" and delete the new column.`
          : `"${field.header}" was not found and was added as column ${columnLetters(firstNew + i)}.`,
      });
    }
  });
  tab.changed = true;
  return tab;
}

/**
 * Phase 2: header style and notes, widths, formats, dropdowns, protections, frozen header.
 * Returns how many cells of columns that were there before got a number format.
 */
function formatTab(
  sheet: Sheet,
  { placed, newColumns, survey }: PlacedTab,
  idRanges: IdRanges,
  /** The formats the last run applied to this tab's fields, if it kept them. */
  applied: Readonly<Record<string, string>> | undefined,
  /** The first row to format: rows above it were formatted by an earlier run. */
  fromRow = HEADER_ROW + 1,
): number {
  let formatted = 0;
  const protectedRanges = new Set(
    sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => p.getDescription() === SYSTEM_PROTECTION)
      .map((p) => p.getRange().getA1Notation()),
  );
  const dataRows = sheet.getMaxRows() - fromRow + 1;
  if (fromRow === HEADER_ROW + 1) {
    for (const block of columnBlocks(placed)) {
      const headerCells = sheet.getRange(HEADER_ROW, block.start, 1, block.fields.length);
      headerCells.setFontWeights([block.fields.map(() => 'bold')]);
      headerCells.setNotes([block.fields.map((f) => f.description)]);
    }
    for (const { column, field } of placed) {
      if (newColumns.has(column)) sheet.setColumnWidth(column, field.width);
    }
  }
  if (dataRows > 0) {
    for (const block of columnBlocks(placed)) {
      // One call per block of adjacent columns, not one per column; a new tab has no
      // formats of its user's to keep.
      const cells = sheet.getRange(fromRow, block.start, dataRows, block.fields.length);
      const current = survey
        ? cells.getNumberFormats()
        : Array.from({ length: dataRows }, () => block.fields.map(() => ''));
      const planned = plannedFormats(current, block.fields, applied);
      if (!planned.changed) continue;
      cells.setNumberFormats(planned.formats);
      if (survey)
        formatted += changedInOldColumns(current, planned.formats, block.start, newColumns);
    }
    for (const { column, field } of placed) {
      const rule = CELL_KINDS[field.kind].rule(field, idRangeOf(idRanges));
      if (rule) sheet.getRange(fromRow, column, dataRows, 1).setDataValidation(rule);
    }
    const systemColumns = placed.filter((p) => p.field.system);
    for (const block of columnBlocks(systemColumns)) {
      const cells = sheet.getRange(fromRow, block.start, dataRows, block.fields.length);
      if (!protectedRanges.has(cells.getA1Notation())) {
        cells.protect().setDescription(SYSTEM_PROTECTION).setWarningOnly(true);
      }
    }
  }
  if (sheet.getFrozenRows() !== HEADER_ROW) sheet.setFrozenRows(HEADER_ROW);
  return formatted;
}

/** Cells whose format changed, not counting the columns this run added. */
function changedInOldColumns(
  before: readonly (readonly string[])[],
  after: readonly (readonly string[])[],
  start: number,
  newColumns: ReadonlySet<number>,
): number {
  let count = 0;
  after.forEach((row, r) =>
    row.forEach((format, c) => {
      if (!newColumns.has(start + c) && !sameFormat(format, before[r]?.[c] ?? '')) count++;
    }),
  );
  return count;
}

/**
 * Rows typed by hand have no id; Setup (an explicit action) gives them one: the rows the
 * survey found with something in Kartoteka's columns and nothing in the id column (every
 * such row when the ID column is only now added). A row with content only in the user's
 * own columns is theirs, and an id cell holding a formula is left as it is.
 */
function missingIds(tab: PlacedTab, report: SetupReport): ValuesWrite[] {
  const idColumn = tab.placed.find((p) => p.field.key === 'id')?.column;
  const survey = tab.survey;
  if (!idColumn || !survey) return []; // a new tab has no rows
  const rows = survey.withoutId;
  if (!rows.length) return [];
  report.idsAssigned.push({ tab: tab.spec.tab, rows });
  return rows.map((row) => ({
    range: rangeA1(tab.spec.tab, row, idColumn),
    values: [[Utilities.getUuid()]],
  }));
}

/** Whether a survey finds the workbook as the last run left it: nothing to write. */
function unchanged(surveys: Map<EntityName, TabSurvey>, previous: SetupRecord | null): boolean {
  if (!previous || previous.schema !== schemaVersion()) return false;
  return Object.values(ENTITIES).every((spec) => {
    const survey = surveys.get(spec.name);
    if (!survey || survey.withoutId.length) return false;
    if (mapColumns(spec, survey.header).size !== spec.fields.length) return false;
    if (spec.name === 'settings') {
      const placed = mapColumns(spec, survey.header).get('key') ?? 0;
      const keys = (survey.settingsRows ?? []).map((line) => String(line[placed] ?? '').trim());
      if (SETTINGS_DEFAULTS.some((s) => !keys.includes(s.key))) return false;
    }
    return sameTab(previous.tabs[spec.name], { header: survey.header, maxRows: survey.maxRows });
  });
}

/**
 * Creates and repairs the tabs. The survey is made without the lock; a workbook as the last
 * run left it needs nothing more (no lock, no write). Otherwise the document lock is taken
 * and the survey made again under it, so two people running Setup at once do not both
 * create a tab.
 */
export function ensureTabs(spreadsheet: Spreadsheet): SetupReport {
  const doc = new Document(() => spreadsheet);
  const previous = readSetupRecord();
  const survey = () => surveyTabs(spreadsheet, doc.spreadsheetId(), doc.cache.snapshot().headers);
  const first = survey();
  refuseUntrustedHeaders(first);
  if (unchanged(first, previous)) {
    rememberHeaders(
      doc,
      Object.values(ENTITIES).map((spec) => first.get(spec.name)!),
    );
    const problems = [...first.values()].flatMap((s) => s.formulas);
    return {
      createdTabs: [],
      addedColumns: [],
      idsAssigned: [],
      settingsAdded: [],
      ...(problems.length ? { problems } : {}),
    };
  }
  return withDocumentLock(() => {
    const surveys = survey();
    refuseUntrustedHeaders(surveys); // again: the tabs may have changed before the lock
    return repair(doc, surveys, previous);
  });
}

/** Throws, before anything is written, when a tab's first row is not a header to trust. */
function refuseUntrustedHeaders(surveys: Map<EntityName, TabSurvey>): void {
  const reasons = [...surveys.values()].flatMap((s) => (s.refusal ? [s.refusal] : []));
  if (reasons.length) throw new UserFacingError(refusalMessage(reasons));
}

/** The headers as they are now are the next calls' layouts; settings may have changed. */
function rememberHeaders(
  doc: Document,
  tabs: ReadonlyArray<{ spec: EntitySpec; header: string[] }>,
): void {
  const id = doc.spreadsheetId();
  doc.cache.forget();
  doc.cache.updateSnapshot((snapshot) => {
    snapshot.spreadsheetId = id;
    for (const tab of tabs) snapshot.headers[tab.spec.name] = tab.header;
  });
  doc.persist();
}

function repair(
  doc: Document,
  surveys: Map<EntityName, TabSurvey>,
  previous: SetupRecord | null,
): SetupReport {
  const spreadsheet = doc.spreadsheet;
  const report: SetupReport = {
    createdTabs: [],
    addedColumns: [],
    idsAssigned: [],
    settingsAdded: [],
  };
  const record: SetupRecord = { schema: schemaVersion(), tabs: {}, formats: {} };
  const tabs = Object.values(ENTITIES).map((spec) =>
    ensureColumns(spreadsheet, spec, report, surveys.get(spec.name)),
  );
  const problems: Problem[] = [...surveys.values()].flatMap((s) => s.formulas);
  // What SpreadsheetApp added (tabs, header cells) is committed before the Sheets API reads
  // or writes there: the two do not share SpreadsheetApp's pending changes.
  if (report.createdTabs.length || report.addedColumns.length) SpreadsheetApp.flush();
  // Ids and settings in one write: RAW, so "0.2" or "PL" stay text as typed.
  const writes = tabs.flatMap((tab) =>
    tab.spec.name === 'settings' ? missingSettings(tab, report) : missingIds(tab, report),
  );
  doc.write(writes);
  const stale = tabs.filter((tab) => {
    const now = { header: tab.header, maxRows: tab.maxRows };
    record.tabs[tab.spec.name] = now;
    return (
      tab.changed ||
      previous?.schema !== record.schema ||
      !sameTab(previous.tabs[tab.spec.name], now)
    );
  });
  if (stale.length) {
    const idRanges: IdRanges = new Map();
    for (const tab of tabs) {
      const idColumn = tab.placed.find((p) => p.field.key === 'id')?.column;
      const dataRows = tab.maxRows - HEADER_ROW;
      if (idColumn && dataRows > 0) {
        idRanges.set(
          tab.spec.tab,
          sheetOf(spreadsheet, tab).getRange(HEADER_ROW + 1, idColumn, dataRows, 1),
        );
      }
    }
    for (const tab of stale) {
      const applied = appliedFormats(previous?.formats?.[tab.spec.name]);
      const sheet = sheetOf(spreadsheet, tab);
      const cells = formatTab(sheet, tab, idRanges, applied, firstUnformatted(tab, previous));
      if (cells) (report.formatted ??= []).push({ tab: tab.spec.tab, cells });
    }
    const stamps = stampWrites(
      doc,
      stale.map((tab) => ({ ...tab, isNew: !tab.survey })),
    );
    problems.push(...stamps.formulas);
    doc.write(stamps.writes);
  }
  // A tab not formatted now was last formatted under this same schema (else it is stale).
  for (const tab of tabs) {
    record.formats![tab.spec.name] = formatsEntry(tab.spec.fields);
  }
  if (problems.length) report.problems = problems;
  // Sheets activates each inserted sheet; leave the user on Customers, not on Settings.
  if (report.createdTabs.length) {
    const customers = tabs.find((t) => t.spec.name === 'customers');
    if (customers) sheetOf(spreadsheet, customers).activate();
  }
  writeSetupRecord(record, previous);
  rememberHeaders(doc, tabs);
  return report;
}

/**
 * Where formatting starts: below the rows an earlier run formatted when only the grid grew
 * since (records appended past its end), else at the first data row.
 */
function firstUnformatted(tab: PlacedTab, previous: SetupRecord | null): number {
  const before = previous?.tabs[tab.spec.name];
  const grewOnly =
    !tab.changed &&
    previous?.schema === schemaVersion() &&
    before !== undefined &&
    before.maxRows < tab.maxRows &&
    sameTab(before, { header: tab.header, maxRows: before.maxRows });
  return grewOnly ? before.maxRows + 1 : HEADER_ROW + 1;
}

/** Settings rows Kartoteka reads: added below the others with their default value when missing. */
function missingSettings(tab: PlacedTab, report: SetupReport): ValuesWrite[] {
  const column = (key: string) => tab.placed.find((p) => p.field.key === key)?.column ?? 0;
  const [keyColumn, valueColumn, meaningColumn] = [
    column('key'),
    column('value'),
    column('description'),
  ];
  const width = Math.max(keyColumn, valueColumn, meaningColumn);
  // The survey read the first columns up to the last settings column (none for a new tab).
  const cells = tab.survey?.settingsRows ?? [];
  const existing = cells.map((line) => String(line[keyColumn - 1] ?? '').trim());
  const missing = SETTINGS_DEFAULTS.filter((s) => !existing.includes(s.key));
  if (!missing.length) return [];
  const lastRow = HEADER_ROW + cells.length;
  report.settingsAdded.push(...missing.map((s) => s.key));
  return [
    {
      range: rangeA1(tab.spec.tab, lastRow + 1, 1, missing.length, width),
      values: missing.map((setting) => {
        const row: Array<string | null> = new Array(width).fill(null);
        row[keyColumn - 1] = setting.key;
        row[valueColumn - 1] = setting.value;
        row[meaningColumn - 1] = setting.description;
        return row;
      }),
    },
  ];
}

export function describeSetup(report: SetupReport): string {
  const lines: string[] = [];
  if (report.createdTabs.length) lines.push(`Created tabs: ${report.createdTabs.join(', ')}.`);
  if (report.settingsAdded.length)
    lines.push(`Settings added: ${report.settingsAdded.join(', ')}.`);
  for (const added of report.addedColumns) lines.push(`${added.tab}: ${added.suggestion}`);
  for (const ids of report.idsAssigned) {
    lines.push(
      `${ids.tab}: gave an id to ${ids.rows.length} hand-typed row(s) (${ids.rows.join(', ')}).`,
    );
  }
  for (const { tab, cells } of report.formatted ?? []) {
    lines.push(
      `${tab}: set Kartoteka's number format on ${cells} cell(s) that had none; formats you chose were kept.`,
    );
  }
  for (const problem of report.problems ?? []) {
    lines.push(`${problem.tab} row ${problem.row}, ${problem.column}: ${problem.message}`);
  }
  return lines.length ? lines.join('\n') : 'All tabs are set up; nothing needed changing.';
}
