/**
 * The sidebar's Settings form: read the Settings tab's key/value rows, and save changed
 * values after checking each (ISO codes, thresholds in range). The list of settings is
 * SETTINGS_DEFAULTS; a row missing from the tab is added, the user's other rows and columns
 * are left alone.
 */
import { asTypedCell } from './sheet/typed-text';
import type { CellValue } from './sheet/cell-kinds';
import { ENTITIES, SETTINGS_DEFAULTS } from '../domain/schema';
import {
  checkSettings,
  settingRows,
  type SettingRow,
  type SettingsSaveResult,
} from '../domain/settings-rules';
import { readSettings } from './settings';
import { getSpreadsheet, UserFacingError, withDocumentLock } from './spreadsheet';
import { DocumentCache } from './document-cache';
import { HEADER_ROW, mapColumns } from './sheet/table';

export function getSettingsForm(): SettingRow[] {
  return settingRows(readSettings(getSpreadsheet()));
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Writes the values under the lock, re-reading the tab first. */
function writeSettings(sheet: Sheet, values: Record<string, string>): void {
  const data = sheet.getDataRange().getValues();
  const columns = mapColumns(ENTITIES.settings, data[0] ?? []);
  const keyColumn = columns.get('key');
  const valueColumn = columns.get('value');
  if (keyColumn === undefined || valueColumn === undefined) {
    throw new UserFacingError(
      'The Settings tab has lost its Setting or Value column. Run Set up tabs to repair it.',
    );
  }
  const rows = data.slice(HEADER_ROW);
  const keyAt = rows.map((row) => String(row[keyColumn] ?? '').trim());
  const changed = rows
    .map((row, index) => ({ index, key: keyAt[index], old: row[valueColumn] }))
    .filter(({ key, old }) => key in values && String(old ?? '').trim() !== values[key]);
  if (changed.length) {
    // One write from the first changed row to the last; rows between keep their values.
    const first = changed[0].index;
    const last = changed[changed.length - 1].index;
    const column = rows
      .slice(first, last + 1)
      .map((row, offset) => [
        asTypedCell(
          keyAt[first + offset] in values
            ? values[keyAt[first + offset]]
            : (row[valueColumn] as CellValue),
        ),
      ]);
    const range = sheet.getRange(HEADER_ROW + 1 + first, valueColumn + 1, column.length, 1);
    range.setNumberFormat('@');
    range.setValues(column);
  }
  const missing = SETTINGS_DEFAULTS.filter((s) => s.key in values && !keyAt.includes(s.key));
  if (missing.length) {
    const width = data[0]?.length ?? 3;
    const meaningColumn = columns.get('description');
    const added = missing.map((setting) => {
      const row: string[] = new Array(width).fill('');
      row[keyColumn] = setting.key;
      row[valueColumn] = values[setting.key];
      if (meaningColumn !== undefined) row[meaningColumn] = setting.description;
      return row;
    });
    const range = sheet.getRange(HEADER_ROW + rows.length + 1, 1, added.length, width);
    range.setNumberFormat('@');
    range.setValues(added.map((row) => row.map(asTypedCell)));
  }
}

export function saveSettings(values: Record<string, unknown>): SettingsSaveResult {
  const checked = checkSettings(values && typeof values === 'object' ? values : {});
  if (!checked.ok) return checked;
  const spreadsheet = getSpreadsheet();
  try {
    withDocumentLock(() => {
      const sheet = spreadsheet.getSheetByName(ENTITIES.settings.tab);
      if (!sheet) {
        throw new UserFacingError(
          'The Settings tab is missing. Run Extensions ▸ Kartoteka ▸ Set up tabs to create it.',
        );
      }
      writeSettings(sheet, checked.values);
    });
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
  // The next calls read the new settings, not the document cache's copy of the old ones.
  const cache = new DocumentCache();
  cache.updateSnapshot((snapshot) => {
    delete snapshot.settings;
  });
  cache.persist();
  return { ok: true, settings: settingRows(readSettings(spreadsheet)) };
}
