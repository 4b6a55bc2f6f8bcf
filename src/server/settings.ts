/**
 * The Settings tab: key/value rows the team can edit by hand. Read once per request;
 * unknown or empty values fall back to the defaults of the schema.
 */
import { ENTITIES, SETTINGS_DEFAULTS } from '../domain/schema';
import { mapColumns } from './sheet/table';

export type Settings = Record<string, string>;

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTINGS_DEFAULTS.map((s) => [s.key, s.value]));
}

export function readSettings(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
  const sheet = spreadsheet.getSheetByName(ENTITIES.settings.tab);
  if (!sheet) return defaultSettings();
  const [header = [], ...rows] = sheet.getDataRange().getValues();
  return settingsFrom(mapColumns(ENTITIES.settings, header), rows);
}

/** Settings from the tab's rows, wherever its Setting and Value columns are. */
export function settingsFrom(columns: ReadonlyMap<string, number>, rows: unknown[][]): Settings {
  const settings = defaultSettings();
  const keyColumn = columns.get('key');
  const valueColumn = columns.get('value');
  if (keyColumn === undefined || valueColumn === undefined) return settings;
  for (const row of rows) {
    const key = String(row[keyColumn] ?? '').trim();
    const value = String(row[valueColumn] ?? '').trim();
    if (key && value) settings[key] = value;
  }
  return settings;
}
