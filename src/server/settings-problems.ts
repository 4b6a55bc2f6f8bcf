/**
 * What Check the tabs says about the Settings tab: each value the rules refuse (the rules
 * the sidebar's Settings form applies, settings-rules.ts), on the row it is typed in, with
 * what to type and the default used meanwhile. One read of the tab as it is now.
 */
import { ENTITIES } from '../domain/schema';
import { resolveSettings } from '../domain/settings-rules';
import type { Problem } from '../domain/api-types';
import type { Document } from './document';
import { quoteTab } from './sheet/layout';
import { HEADER_ROW, mapColumns } from './sheet/table';
import { batchGet, namesMissingTab } from './sheet/values';

export function settingsProblems(doc: Document): Problem[] {
  const spec = ENTITIES.settings;
  let cells: unknown[][];
  try {
    // The tab's name alone is every cell of it (https://developers.google.com/sheets/api/guides/concepts).
    [cells] = batchGet(doc.spreadsheetId(), [quoteTab(spec.tab)]);
  } catch (error) {
    if (namesMissingTab(error, spec.tab)) return []; // Set up tabs creates it
    throw error;
  }
  const [header = [], ...rows] = cells ?? [];
  const columns = mapColumns(spec, header);
  const keyColumn = columns.get('key');
  const valueColumn = columns.get('value');
  if (keyColumn === undefined || valueColumn === undefined) return [];
  // As settingsFrom reads them: a key's last row with a value is the one used.
  const typed = new Map<string, { value: string; row: number }>();
  rows.forEach((line, index) => {
    const key = String(line?.[keyColumn] ?? '').trim();
    const value = String(line?.[valueColumn] ?? '').trim();
    if (key && value) typed.set(key, { value, row: HEADER_ROW + 1 + index });
  });
  const { fallbacks } = resolveSettings(
    Object.fromEntries([...typed].map(([key, { value }]) => [key, value])),
  );
  const column = String(header[valueColumn] ?? 'Value');
  return fallbacks.map((fallback) => ({
    tab: spec.tab,
    row: typed.get(fallback.key)?.row ?? HEADER_ROW,
    column,
    message: fallback.message,
  }));
}
