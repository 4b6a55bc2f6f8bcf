/**
 * Interactive calls read and write through the Sheets advanced service, like the whole-sheet
 * jobs (batch.ts): one `Values.batchGet` reads any number of ranges on any tabs — a header
 * row, a record's row, a lookup column — so a save, a card or the first load needs one or
 * two reads where SpreadsheetApp needs two calls a range. Values come unformatted, dates as
 * serial numbers; writes are RAW, so text is never parsed as a formula, number or date
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), whatever
 * the cell's number format.
 */
import type { FieldSpec } from '../../domain/schema';
import { serialToInstant, serialToIsoDate } from '../../domain/serial-time';
import { messageOf } from './layout';

export type ApiValue = string | number | boolean;

export function api(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets) {
    throw new Error(
      'The Sheets advanced service is not enabled: appsscript.json must list it under dependencies.enabledAdvancedServices.',
    );
  }
  return Sheets;
}

/**
 * How cells come back: their values, or (FORMULA) the formula of a cell that has one and
 * the value of any other — "Values will not be calculated. The reply will include the
 * formulas" (https://developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption).
 * Set up tabs reads with formulas, so a formula is never taken for a value to rewrite.
 */
export type ValueRender = 'UNFORMATTED_VALUE' | 'FORMULA';

/** The values of each range, row by row (trailing empty rows and cells are not sent). */
export function batchGet(
  spreadsheetId: string,
  ranges: readonly string[],
  render: ValueRender = 'UNFORMATTED_VALUE',
): ApiValue[][][] {
  return batchGetRanges(spreadsheetId, ranges, render).values;
}

/**
 * The same, with the range each answer covers: Google bounds an open range by the grid
 * ("'Deals'!B2:B" comes back as "Deals!B2:B70100"), so a column read tells the grid's height.
 */
export function batchGetRanges(
  spreadsheetId: string,
  ranges: readonly string[],
  render: ValueRender = 'UNFORMATTED_VALUE',
): { values: ApiValue[][][]; ranges: string[] } {
  if (!ranges.length) return { values: [], ranges: [] };
  const response = api().Spreadsheets!.Values!.batchGet(spreadsheetId, {
    ranges: [...ranges],
    valueRenderOption: render,
    dateTimeRenderOption: 'SERIAL_NUMBER',
  });
  return {
    values: ranges.map((_, i) => (response.valueRanges?.[i]?.values ?? []) as ApiValue[][]),
    ranges: ranges.map((_, i) => response.valueRanges?.[i]?.range ?? ''),
  };
}

/** The last row an answered range covers ("Deals!B2:B70100" → 70100). */
export function lastRowOf(range: string): number | undefined {
  const match = /(\d+)$/.exec(range);
  return match ? Number(match[1]) : undefined;
}

export interface ValuesWrite {
  range: string;
  values: Array<Array<ApiValue | null>>;
}

/** Every range in one RAW batchUpdate: all written or, if one range is bad, none. */
export function batchUpdate(spreadsheetId: string, writes: readonly ValuesWrite[]): void {
  if (!writes.length) return;
  api().Spreadsheets!.Values!.batchUpdate(
    { valueInputOption: 'RAW', data: writes.map((w) => ({ range: w.range, values: w.values })) },
    spreadsheetId,
  );
}

/**
 * Appends one row below the table that `range` starts (RAW; null leaves a cell as it is)
 * and returns the sheet row it went to. Google finds the end of the table on its side, and
 * adds a row when the grid is full.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append
 */
export function appendRow(
  spreadsheetId: string,
  range: string,
  values: Array<ApiValue | null>,
): number | undefined {
  const response = api().Spreadsheets!.Values!.append({ values: [values] }, spreadsheetId, range, {
    valueInputOption: 'RAW',
  });
  const updated = response.updates?.updatedRange ?? '';
  const row = /![A-Z]+(\d+)/.exec(updated)?.[1];
  return row ? Number(row) : undefined;
}

/** The spreadsheet's time zone and locale, in one call. */
export function spreadsheetProperties(spreadsheetId: string): {
  timeZone: string;
  locale: string;
} {
  const response = api().Spreadsheets!.get(spreadsheetId, {
    fields: 'properties(timeZone,locale)',
  });
  return {
    timeZone: response.properties?.timeZone ?? Session.getScriptTimeZone(),
    locale: response.properties?.locale || 'en_US',
  };
}

/** Every tab's grid size, by title, in one call. */
export function sheetGrids(
  spreadsheetId: string,
): Map<string, { maxRows: number; maxColumns: number }> {
  const response = api().Spreadsheets!.get(spreadsheetId, {
    fields: 'sheets.properties(title,gridProperties(rowCount,columnCount))',
  });
  const found = new Map<string, { maxRows: number; maxColumns: number }>();
  for (const sheet of response.sheets ?? []) {
    const title = sheet.properties?.title;
    const grid = sheet.properties?.gridProperties;
    if (title) {
      found.set(title, { maxRows: grid?.rowCount ?? 0, maxColumns: grid?.columnCount ?? 0 });
    }
  }
  return found;
}

/** Whether a failed call named this tab as a range it cannot parse (the tab is missing). */
export function namesMissingTab(error: unknown, tab: string): boolean {
  const message = messageOf(error);
  return /Unable to parse range/i.test(message) && message.includes(tab);
}

/**
 * A value as SpreadsheetApp's getValues would have given it, for the cell kinds
 * (cell-kinds.ts): a date's serial as its ISO date, a date-time's as the instant its wall
 * clock time means in the spreadsheet's time zone.
 */
export function cellFromApi(
  field: FieldSpec,
  value: ApiValue | undefined,
  timeZone: string,
): unknown {
  if (value === undefined) return '';
  if (typeof value !== 'number') return value;
  if (field.kind === 'datetime') return serialToInstant(value, timeZone);
  if (field.kind !== 'date') return value;
  return serialToIsoDate(value);
}
