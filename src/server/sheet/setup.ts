/**
 * "Set up tabs": creates the card index tabs and repairs them, from the schema alone.
 *
 * It never moves or deletes anything a user made: columns are found by header wherever the
 * user put them, the user's own columns are left alone, and a field whose header is gone
 * (renamed or deleted) is reported and added back at the end of the header row rather
 * than written over someone's column. Running it twice changes nothing the second time.
 */
import { ENTITIES, SETTINGS_DEFAULTS, type EntitySpec, type FieldSpec } from '../../domain/schema';
import type { SetupReport } from '../../domain/api-types';
import { columnBlocks, mapColumns, HEADER_ROW, type PlacedField } from './table';
import { CELL_KINDS, type IdRangeOf } from './cell-kinds';

export type { SetupReport };

const SYSTEM_PROTECTION = 'Kartoteka fills this column; edit it from the sidebar.';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

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
  sheet: Sheet;
  placed: PlacedField[];
  /** Columns this run created: they get the schema's width; existing ones keep the user's. */
  newColumns: Set<number>;
}

/** Phase 1: the tab exists and every field has a header cell. */
function ensureColumns(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: EntitySpec,
  report: SetupReport,
): PlacedTab {
  let sheet = spreadsheet.getSheetByName(spec.tab);
  const isNew = !sheet;
  if (!sheet) {
    sheet = spreadsheet.insertSheet(spec.tab);
    report.createdTabs.push(spec.tab);
  }
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn > 0 ? sheet.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()[0] : [];
  const columnOf = mapColumns(spec, header);
  const placed: PlacedField[] = [];
  const added: FieldSpec[] = [];
  for (const field of spec.fields) {
    const index = columnOf.get(field.key);
    if (index === undefined) added.push(field);
    else placed.push({ column: index + 1, field });
  }

  // Missing fields go after the last used column, never over a user's column.
  const firstNew = lastColumn + 1;
  if (added.length) {
    const needed = firstNew + added.length - 1;
    if (needed > sheet.getMaxColumns()) {
      sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
    }
    sheet.getRange(HEADER_ROW, firstNew, 1, added.length).setValues([added.map((f) => f.header)]);
    added.forEach((field, i) => {
      placed.push({ column: firstNew + i, field });
      if (!isNew) {
        const similar = renamedCandidate(field, header, columnOf);
        report.addedColumns.push({
          tab: spec.tab,
          header: field.header,
          column: columnLetter(firstNew + i),
          suggestion: similar
            ? `"${field.header}" was not found (is "${String(similar)}" the renamed column?). ` +
              `It was added as column ${columnLetter(firstNew + i)}; move its data there, or rename ` +
              `the old header back to "${field.header}" and delete the new column.`
            : `"${field.header}" was not found and was added as column ${columnLetter(firstNew + i)}.`,
        });
      }
    });
  }

  const newColumns = new Set(added.map((_, i) => firstNew + i));
  return { spec, sheet, placed, newColumns };
}

/** Phase 2: header style and notes, widths, formats, dropdowns, protections, frozen header. */
function formatTab(
  { spec, sheet, placed, newColumns }: PlacedTab,
  idRanges: IdRanges,
  report: SetupReport,
): void {
  const protectedRanges = new Set(
    sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => p.getDescription() === SYSTEM_PROTECTION)
      .map((p) => p.getRange().getA1Notation()),
  );
  const dataRows = sheet.getMaxRows() - HEADER_ROW;
  for (const block of columnBlocks(placed)) {
    const headerCells = sheet.getRange(HEADER_ROW, block.start, 1, block.fields.length);
    headerCells.setFontWeights([block.fields.map(() => 'bold')]);
    headerCells.setNotes([block.fields.map((f) => f.description)]);
  }
  for (const { column, field } of placed) {
    if (newColumns.has(column)) sheet.setColumnWidth(column, field.width);
  }
  if (dataRows > 0) {
    for (const block of columnBlocks(placed)) {
      // One call per block of adjacent columns, not one per column.
      const formats = block.fields.map((f) => f.numberFormat);
      sheet
        .getRange(HEADER_ROW + 1, block.start, dataRows, block.fields.length)
        .setNumberFormats(Array.from({ length: dataRows }, () => formats));
    }
    for (const { column, field } of placed) {
      const rule = CELL_KINDS[field.kind].rule(field, idRangeOf(idRanges));
      if (rule) sheet.getRange(HEADER_ROW + 1, column, dataRows, 1).setDataValidation(rule);
    }
    const systemColumns = placed.filter((p) => p.field.system);
    for (const block of columnBlocks(systemColumns)) {
      const cells = sheet.getRange(HEADER_ROW + 1, block.start, dataRows, block.fields.length);
      if (!protectedRanges.has(cells.getA1Notation())) {
        cells.protect().setDescription(SYSTEM_PROTECTION).setWarningOnly(true);
      }
    }
  }
  if (sheet.getFrozenRows() !== HEADER_ROW) sheet.setFrozenRows(HEADER_ROW);
  assignMissingIds(sheet, placed, report, spec);
}

/** Rows typed by hand have no id; Setup (an explicit action) gives them one. */
function assignMissingIds(
  sheet: Sheet,
  placed: PlacedField[],
  report: SetupReport,
  spec: EntitySpec,
): void {
  const idColumn = placed.find((p) => p.field.key === 'id')?.column;
  const lastRow = sheet.getLastRow();
  if (!idColumn || lastRow <= HEADER_ROW) return;
  const values = sheet
    .getRange(HEADER_ROW + 1, 1, lastRow - HEADER_ROW, sheet.getLastColumn())
    .getValues();
  const ids = values.map((row) => [row[idColumn - 1]]);
  const rows: number[] = [];
  values.forEach((row, i) => {
    const hasContent = row.some((cell) => cell !== '');
    if (hasContent && ids[i][0] === '') {
      ids[i][0] = Utilities.getUuid();
      rows.push(HEADER_ROW + 1 + i);
    }
  });
  if (rows.length) {
    sheet.getRange(HEADER_ROW + 1, idColumn, ids.length, 1).setValues(ids);
    report.idsAssigned.push({ tab: spec.tab, rows });
  }
}

export function ensureTabs(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SetupReport {
  const report: SetupReport = {
    createdTabs: [],
    addedColumns: [],
    idsAssigned: [],
    settingsAdded: [],
  };
  const tabs = Object.values(ENTITIES).map((spec) => ensureColumns(spreadsheet, spec, report));
  const idRanges: IdRanges = new Map();
  for (const { spec, sheet, placed } of tabs) {
    const idColumn = placed.find((p) => p.field.key === 'id')?.column;
    const dataRows = sheet.getMaxRows() - HEADER_ROW;
    if (idColumn && dataRows > 0) {
      idRanges.set(spec.tab, sheet.getRange(HEADER_ROW + 1, idColumn, dataRows, 1));
    }
  }
  for (const tab of tabs) formatTab(tab, idRanges, report);
  // Sheets activates each inserted sheet; leave the user on Customers, not on Settings.
  if (report.createdTabs.length) tabs.find((t) => t.spec.name === 'customers')?.sheet.activate();
  const settingsTab = tabs.find((t) => t.spec.name === 'settings');
  if (settingsTab) addMissingSettings(settingsTab, report);
  return report;
}

/** Settings rows Kartoteka reads: added with their default value when missing. */
function addMissingSettings({ sheet, placed }: PlacedTab, report: SetupReport): void {
  const column = (key: string) => placed.find((p) => p.field.key === key)?.column ?? 0;
  const [keyColumn, valueColumn, meaningColumn] = [
    column('key'),
    column('value'),
    column('description'),
  ];
  const lastRow = sheet.getLastRow();
  const width = Math.max(keyColumn, valueColumn, meaningColumn);
  const existing =
    lastRow > HEADER_ROW
      ? sheet
          .getRange(HEADER_ROW + 1, 1, lastRow - HEADER_ROW, width)
          .getValues()
          .map((row) => String(row[keyColumn - 1]).trim())
      : [];
  const missing = SETTINGS_DEFAULTS.filter((s) => !existing.includes(s.key));
  if (!missing.length) return;
  const rows = missing.map((setting) => {
    const row: string[] = new Array(width).fill('');
    row[keyColumn - 1] = setting.key;
    row[valueColumn - 1] = setting.value;
    row[meaningColumn - 1] = setting.description;
    return row;
  });
  const firstRow = Math.max(lastRow, HEADER_ROW) + 1;
  const range = sheet.getRange(firstRow, 1, rows.length, width);
  // The values are read as text; '@' keeps "0.2" or "PL" exactly as written.
  range.setNumberFormat('@');
  range.setValues(rows);
  report.settingsAdded.push(...missing.map((s) => s.key));
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
  return lines.length ? lines.join('\n') : 'All tabs are set up; nothing needed changing.';
}
