/**
 * Text for Range.setValue/setValues, which Sheets reads as if typed: a leading apostrophe
 * there is the "keep as text" prefix, not part of the value — the Sheets API says of a
 * cell's stringValue "Leading single quotes are not included. For example, if the user
 * typed '123 into the UI, this would be represented as a stringValue of "123""
 * (https://developers.google.com/sheets/api/reference/rest/v4/other#ExtendedValue). RAW
 * writes (Values.update/batchUpdate/append) store a string "as-is"
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), apostrophe
 * included, so they need nothing. Through setValues, text that starts with an apostrophe
 * gets one more: Sheets takes that one as the prefix and stores the text as it was.
 */
import type { CellValue } from './cell-kinds';

export function asTypedCell(cell: CellValue): CellValue {
  return typeof cell === 'string' && cell.startsWith("'") ? `'${cell}` : cell;
}
