/**
 * The Settings tab: key/value rows the team can edit by hand. Read once per request (or
 * taken from the document cache, see document-cache.ts); unknown or empty values fall back
 * to the defaults of the schema.
 */
import { ENTITIES, SETTINGS_DEFAULTS } from '../domain/schema';
import { mapColumns } from './sheet/table';

export type Settings = Record<string, string>;

/** Rows the quick read takes: the tab holds a dozen settings; a full row means read it all. */
const QUICK_ROWS = 50;

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTINGS_DEFAULTS.map((s) => [s.key, s.value]));
}

/** Settings from the tab's cells, header first; null when the key or value column is missing. */
export function settingsFromCells(cells: readonly unknown[][]): Settings | null {
  const [header = [], ...rows] = cells;
  const columns = mapColumns(ENTITIES.settings, header);
  const keyColumn = columns.get('key');
  const valueColumn = columns.get('value');
  if (keyColumn === undefined || valueColumn === undefined) return null;
  const settings = defaultSettings();
  for (const row of rows) {
    const key = String(row[keyColumn] ?? '').trim();
    const value = String(row[valueColumn] ?? '').trim();
    if (key && value) settings[key] = value;
  }
  return settings;
}

export function readSettings(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
  const sheet = spreadsheet.getSheetByName(ENTITIES.settings.tab);
  if (!sheet) return defaultSettings();
  return settingsFromCells(sheet.getDataRange().getValues()) ?? defaultSettings();
}

/**
 * The same in two calls instead of three: the first columns of the first rows, where Set up
 * tabs puts them. A tab laid out otherwise (or longer) is read whole.
 */
export function readSettingsQuickly(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): Settings {
  const width = ENTITIES.settings.fields.length;
  let cells: unknown[][];
  try {
    const tab = ENTITIES.settings.tab.replace(/'/g, "''");
    cells = spreadsheet
      .getRange(`'${tab}'!A1:${String.fromCharCode(64 + width)}${QUICK_ROWS}`)
      .getValues();
  } catch {
    return readSettings(spreadsheet); // no such tab, or a grid smaller than the quick read
  }
  const last = cells[cells.length - 1] ?? [];
  const full = last.some((cell) => cell !== '' && cell !== null);
  return (!full && settingsFromCells(cells)) || readSettings(spreadsheet);
}
