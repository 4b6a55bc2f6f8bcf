/**
 * A CSV file as the user exported it from their old list: bytes in UTF-8 (with or without a
 * byte order mark) or Windows-1250 (Polish and Czech Excel exports), separated by commas,
 * semicolons (Excel in locales whose decimal mark is a comma) or tabs. Parsing is
 * papaparse's: quoted fields with embedded separators, quotes and newlines, CRLF line ends.
 * Runs in the sidebar (the browser) and in Node (the command line); the server only ever
 * sees rows.
 */
import Papa from 'papaparse';

export type CsvEncoding = 'utf-8' | 'windows-1250';
export const CSV_ENCODINGS: readonly CsvEncoding[] = ['utf-8', 'windows-1250'];
export type CsvDelimiter = ',' | ';' | '\t';
const DELIMITERS: CsvDelimiter[] = [',', ';', '\t'];

export interface CsvTable {
  header: string[];
  /** Data rows, every row as long as the header (short rows padded with ''). */
  rows: string[][];
  /** Each row's number in the file, counting records from the header (row 1) and blank lines. */
  rowNumbers: number[];
  delimiter: CsvDelimiter;
  encoding: CsvEncoding;
  /** Parse problems worth showing (an unclosed quote), with the 1-based row they start in. */
  warnings: string[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/**
 * Bytes → text. 'auto': a BOM or bytes that are valid UTF-8 mean UTF-8, anything else is
 * read as Windows-1250 (an export from Excel in Poland or Czechia). Valid UTF-8 by accident
 * is practically impossible for Windows-1250 text with diacritics (its letters are single
 * high bytes, which UTF-8 never allows alone).
 */
export function decodeCsv(
  bytes: Uint8Array,
  encoding: CsvEncoding | 'auto' = 'auto',
): { text: string; encoding: CsvEncoding } {
  if (encoding === 'windows-1250') {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding };
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(UTF8_BOM.length) : bytes;
  if (encoding === 'utf-8') return { text: new TextDecoder('utf-8').decode(body), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1250').decode(bytes), encoding: 'windows-1250' };
  }
}

/**
 * The separator of the header line: the candidate that splits it into the most fields
 * outside quotes. The header decides because data rows may hold commas in amounts ("12,50").
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let headerLine = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === '\n' || char === '\r')) {
      if (headerLine.trim()) break;
      headerLine = '';
      continue;
    }
    headerLine += char;
  }
  const counts = DELIMITERS.map((d) => {
    let count = 0;
    let inQuotes = false;
    for (const char of headerLine) {
      if (char === '"') inQuotes = !inQuotes;
      else if (!inQuotes && char === d) count++;
    }
    return count;
  });
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] > 0 ? DELIMITERS[best] : ',';
}

function isBlank(row: string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** Text → header and rows. Empty lines (and lines of separators only) are skipped. */
export function parseCsvText(
  text: string,
  delimiter: CsvDelimiter | 'auto' = 'auto',
): Omit<CsvTable, 'encoding'> {
  const chosen = delimiter === 'auto' ? detectDelimiter(text) : delimiter;
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: chosen,
    skipEmptyLines: false,
    header: false,
  });
  const warnings = parsed.errors
    .filter((e) => e.type === 'Quotes')
    .slice(0, 5)
    .map((e) => `Row ${(e.row ?? 0) + 1}: ${e.message}`);
  const numbered = parsed.data
    .map((row, index) => ({ row, number: index + 1 }))
    .filter(({ row }) => !isBlank(row));
  const [first, ...rest] = numbered;
  const headerRow = first?.row ?? [];
  const data = rest.map((r) => r.row);
  const rowNumbers = rest.map((r) => r.number - (first?.number ?? 1) + 1);
  const header = headerRow.map((cell, i) => cell.trim() || `Column ${i + 1}`);
  const width = header.length;
  let longRows = 0;
  const rows = data.map((row) => {
    if (row.length > width && !isBlank(row.slice(width))) longRows++;
    const cells = row.slice(0, width);
    while (cells.length < width) cells.push('');
    return cells;
  });
  if (longRows) {
    warnings.push(
      `${longRows} row(s) have more cells than the header; the extra cells are left out`,
    );
  }
  return { header, rows, rowNumbers, delimiter: chosen, warnings };
}

export function parseCsv(
  bytes: Uint8Array,
  options: { encoding?: CsvEncoding | 'auto'; delimiter?: CsvDelimiter | 'auto' } = {},
): CsvTable {
  const { text, encoding } = decodeCsv(bytes, options.encoding ?? 'auto');
  return { ...parseCsvText(text, options.delimiter ?? 'auto'), encoding };
}
