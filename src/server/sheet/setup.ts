/**
 * "Set up tabs": creates the card index tabs and repairs them, from the schema alone.
 *
 * It never moves or deletes anything a user made: columns are found by header wherever the
 * user put them, the user's own columns are left alone, and a field whose header is gone
 * (renamed or deleted) is reported and added back at the end of the header row rather
 * than written over someone's column. Running it twice changes nothing the second time.
 *
 * It reads what it compares — each tab's header row, the first columns of its rows (for
 * rows typed without an id) and the Settings keys — and formats a tab (formats, dropdowns,
 * notes, protections for every row) only when it is new or changed since the last run
 * (setup-record.ts): on an unchanged workbook it writes nothing.
 */
import { ENTITIES, SETTINGS_DEFAULTS, type EntitySpec, type FieldSpec } from '../../domain/schema';
import type { SetupReport } from '../../domain/api-types';
import { columnBlocks, mapColumns, HEADER_ROW, type PlacedField } from './table';
import { CELL_KINDS, type IdRangeOf } from './cell-kinds';
import { columnsA1, headerA1, isMissingRange, rangeA1 } from './layout';
import {
  readSetupRecord,
  sameTab,
  schemaVersion,
  writeSetupRecord,
  type SetupRecord,
} from './setup-record';
import { DocumentCache } from '../document-cache';

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
  /** Looked up only when the tab is formatted or grows columns. */
  sheet?: Sheet;
  placed: PlacedField[];
  /** Columns this run created: they get the schema's width; existing ones keep the user's. */
  newColumns: Set<number>;
  /** Header texts after this run, trailing empty cells left off. */
  header: string[];
  /** Created or given columns in this run: formatted whatever the record says. */
  changed: boolean;
  /** Grid height, once known. */
  maxRows?: number;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function sheetOf(spreadsheet: Spreadsheet, tab: PlacedTab): Sheet {
  tab.sheet ??= spreadsheet.getSheetByName(tab.spec.tab) ?? undefined;
  if (!tab.sheet) throw new Error(`The ${tab.spec.tab} tab disappeared during setup.`);
  return tab.sheet;
}

/** Row 1 of a tab by A1 (one call pair, no sheet lookup); null when there is no such tab. */
function readHeader(spreadsheet: Spreadsheet, spec: EntitySpec): string[] | null {
  let cells: unknown[];
  try {
    cells = spreadsheet.getRange(headerA1(spec.tab)).getValues()[0] ?? [];
  } catch (error) {
    if (isMissingRange(error)) return null;
    throw error;
  }
  const header = cells.map((cell) => String(cell ?? ''));
  while (header.length && !header[header.length - 1].trim()) header.pop();
  return header;
}

/** The Settings tab's first columns, header and rows, as Setup lays it out. */
interface SettingsCells {
  /** Row 1 of those columns: the whole header when Kartoteka's columns are all there. */
  header: string[];
  rows: unknown[][];
}

const SETTINGS_WIDTH = ENTITIES.settings.fields.length;

/**
 * One read for the Settings tab's header and keys, where Setup puts them (columns A to C);
 * undefined when the tab is missing or laid out otherwise (then read as any other tab).
 */
function readSettingsCells(spreadsheet: Spreadsheet): SettingsCells | undefined {
  let cells: unknown[][];
  try {
    cells = spreadsheet
      .getRange(columnsA1(ENTITIES.settings.tab, HEADER_ROW, 1, SETTINGS_WIDTH))
      .getValues();
  } catch (error) {
    if (isMissingRange(error)) return undefined;
    throw error;
  }
  const [first = [], ...rows] = cells;
  const header = first.map((cell) => String(cell ?? ''));
  if (mapColumns(ENTITIES.settings, header).size !== SETTINGS_WIDTH) return undefined;
  while (header.length && !header[header.length - 1].trim()) header.pop();
  return { header, rows };
}

/** Phase 1: the tab exists and every field has a header cell. */
function ensureColumns(
  spreadsheet: Spreadsheet,
  spec: EntitySpec,
  report: SetupReport,
  settingsCells?: SettingsCells,
): PlacedTab {
  const read =
    spec.name === 'settings' && settingsCells
      ? settingsCells.header
      : readHeader(spreadsheet, spec);
  let sheet: Sheet | undefined;
  const isNew = read === null;
  if (isNew) {
    sheet = spreadsheet.insertSheet(spec.tab);
    report.createdTabs.push(spec.tab);
  }
  const header: string[] = read ?? [];
  const columnOf = mapColumns(spec, header);
  const placed: PlacedField[] = [];
  const added: FieldSpec[] = [];
  for (const field of spec.fields) {
    const index = columnOf.get(field.key);
    if (index === undefined) added.push(field);
    else placed.push({ column: index + 1, field });
  }
  const tab: PlacedTab = { spec, sheet, placed, newColumns: new Set(), header, changed: isNew };
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
        column: columnLetter(firstNew + i),
        suggestion: similar
          ? `"${field.header}" was not found (is "${String(similar)}" the renamed column?). ` +
            `It was added as column ${columnLetter(firstNew + i)}; move its data there, or rename ` +
            `the old header back to "${field.header}" and delete the new column.`
          : `"${field.header}" was not found and was added as column ${columnLetter(firstNew + i)}.`,
      });
    }
  });
  tab.changed = true;
  return tab;
}

/** Phase 2: header style and notes, widths, formats, dropdowns, protections, frozen header. */
function formatTab(sheet: Sheet, { placed, newColumns }: PlacedTab, idRanges: IdRanges): void {
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
}

/** Columns read from the id column on to tell a row typed by hand from an empty one. */
const CONTENT_WINDOW = 6;

/**
 * Rows typed by hand have no id; Setup (an explicit action) gives them one. A row counts as
 * typed when it has something in the id column or the few columns after it (ID, Name, Type,
 * Company, Email, Phone in a Customers tab as Setup lays it out): one read, whatever the
 * tab's height. Returns the grid's height, which the read tells for free.
 */
function assignMissingIds(
  spreadsheet: Spreadsheet,
  tab: PlacedTab,
  report: SetupReport,
): number | undefined {
  const idColumn = tab.placed.find((p) => p.field.key === 'id')?.column;
  if (!idColumn) return undefined;
  const maxColumns = Math.max(tab.header.length, idColumn);
  const width = Math.max(1, Math.min(CONTENT_WINDOW, maxColumns - idColumn + 1));
  const cells = spreadsheet
    .getRange(columnsA1(tab.spec.tab, HEADER_ROW + 1, idColumn, width))
    .getValues();
  const filled = (cell: unknown) => cell !== '' && cell !== null;
  const rows: number[] = [];
  cells.forEach((line, i) => {
    if (!filled(line[0]) && line.some(filled)) rows.push(HEADER_ROW + 1 + i);
  });
  // One write per run of adjacent rows, only where an id was missing.
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end + 1 < rows.length && rows[end + 1] === rows[end] + 1) end++;
    spreadsheet
      .getRange(rangeA1(tab.spec.tab, rows[start], idColumn, end - start + 1, 1))
      .setValues(rows.slice(start, end + 1).map(() => [Utilities.getUuid()]));
    start = end + 1;
  }
  if (rows.length) report.idsAssigned.push({ tab: tab.spec.tab, rows });
  return cells.length + HEADER_ROW;
}

export function ensureTabs(spreadsheet: Spreadsheet): SetupReport {
  const report: SetupReport = {
    createdTabs: [],
    addedColumns: [],
    idsAssigned: [],
    settingsAdded: [],
  };
  const previous = readSetupRecord();
  const record: SetupRecord = { schema: schemaVersion(), tabs: {} };
  const settingsCells = readSettingsCells(spreadsheet);
  const tabs = Object.values(ENTITIES).map((spec) =>
    ensureColumns(spreadsheet, spec, report, settingsCells),
  );
  for (const tab of tabs) {
    tab.maxRows =
      tab.spec.name === 'settings'
        ? addMissingSettings(spreadsheet, tab, report, settingsCells)
        : assignMissingIds(spreadsheet, tab, report);
  }
  const stale = tabs.filter((tab) => {
    const now = { header: tab.header, maxRows: tab.maxRows ?? -1 };
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
      const dataRows = (tab.maxRows ?? 0) - HEADER_ROW;
      if (idColumn && dataRows > 0) {
        idRanges.set(
          tab.spec.tab,
          sheetOf(spreadsheet, tab).getRange(HEADER_ROW + 1, idColumn, dataRows, 1),
        );
      }
    }
    for (const tab of stale) formatTab(sheetOf(spreadsheet, tab), tab, idRanges);
  }
  // Sheets activates each inserted sheet; leave the user on Customers, not on Settings.
  if (report.createdTabs.length) {
    const customers = tabs.find((t) => t.spec.name === 'customers');
    if (customers) sheetOf(spreadsheet, customers).activate();
  }
  writeSetupRecord(record, previous);
  rememberHeaders(tabs);
  return report;
}

/** The headers just read or written are the calls' next cached layout (document-cache.ts). */
function rememberHeaders(tabs: PlacedTab[]): void {
  const cache = new DocumentCache();
  cache.forget();
  cache.updateSnapshot((snapshot) => {
    for (const tab of tabs) snapshot.headers[tab.spec.name] = tab.header;
  });
  cache.persist();
}

/**
 * Settings rows Kartoteka reads: added with their default value when missing. Returns the
 * grid's height (the read of the key column runs to its end).
 */
function addMissingSettings(
  spreadsheet: Spreadsheet,
  tab: PlacedTab,
  report: SetupReport,
  read: SettingsCells | undefined,
): number {
  const column = (key: string) => tab.placed.find((p) => p.field.key === key)?.column ?? 0;
  const [keyColumn, valueColumn, meaningColumn] = [
    column('key'),
    column('value'),
    column('description'),
  ];
  const width = Math.max(keyColumn, valueColumn, meaningColumn);
  const cells =
    read && width <= SETTINGS_WIDTH
      ? read.rows
      : spreadsheet.getRange(columnsA1(tab.spec.tab, HEADER_ROW + 1, 1, width)).getValues();
  const filled = (line: unknown[]) => line.some((cell) => cell !== '' && cell !== null);
  let lastRow = HEADER_ROW;
  cells.forEach((line, i) => {
    if (filled(line)) lastRow = HEADER_ROW + 1 + i;
  });
  const existing = cells.map((line) => String(line[keyColumn - 1]).trim());
  const missing = SETTINGS_DEFAULTS.filter((s) => !existing.includes(s.key));
  const maxRows = cells.length + HEADER_ROW;
  if (!missing.length) return maxRows;
  const rows = missing.map((setting) => {
    const row: string[] = new Array(width).fill('');
    row[keyColumn - 1] = setting.key;
    row[valueColumn - 1] = setting.value;
    row[meaningColumn - 1] = setting.description;
    return row;
  });
  const range = sheetOf(spreadsheet, tab).getRange(lastRow + 1, 1, rows.length, width);
  // The values are read as text; '@' keeps "0.2" or "PL" exactly as written.
  range.setNumberFormat('@');
  range.setValues(rows);
  report.settingsAdded.push(...missing.map((s) => s.key));
  return maxRows;
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
