/** Reading the files people export: encodings, separators, quoting, blank lines, size. */
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, parseCsv, parseCsvText } from '../../../src/domain/import/csv';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Windows-1250 bytes for a text, from the decoder's own table (Node has no encoder for it). */
function windows1250(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1250');
  const byChar = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byChar.set(decoder.decode(new Uint8Array([byte])), byte);
  return new Uint8Array(
    [...text].map((char) => {
      const byte = byChar.get(char);
      if (byte === undefined) throw new Error(`not in windows-1250: ${char}`);
      return byte;
    }),
  );
}

describe('decoding', () => {
  it('reads UTF-8 with and without a byte order mark the same', () => {
    const text = 'Imię;Nazwisko\r\nŁucja;Żółć\r\n';
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(decodeCsv(withBom)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    expect(parseCsv(withBom).header).toEqual(['Imię', 'Nazwisko']);
  });

  it('recognises a Windows-1250 export (Polish and Czech) and reads it right', () => {
    const text = 'Jméno;Příjmení;Miasto\r\nŘehoř;Šťastný;Brno\r\nŁucja;Wąż-Źdźbło;Łódź\r\n';
    const bytes = windows1250(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const table = parseCsv(bytes);
    expect(table.encoding).toBe('windows-1250');
    expect(table.rows).toEqual([
      ['Řehoř', 'Šťastný', 'Brno'],
      ['Łucja', 'Wąż-Źdźbło', 'Łódź'],
    ]);
  });

  it('lets the user choose the encoding', () => {
    const bytes = windows1250('Příjmení\nNovák\n');
    expect(parseCsv(bytes, { encoding: 'windows-1250' }).header).toEqual(['Příjmení']);
    // Read as UTF-8 on purpose: replacement characters, not a crash.
    expect(parseCsv(bytes, { encoding: 'utf-8' }).header[0]).toContain('\uFFFD');
  });
});

describe('parsing', () => {
  it('finds the separator in the header: comma, semicolon or tab', () => {
    expect(detectDelimiter('a,b,c\n1;2,5;3')).toBe(',');
    expect(detectDelimiter('Imię;Nazwisko;Kwota\nJan;Nowak;12,50')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(parseCsvText('a\tb\n1\t2\n').rows).toEqual([['1', '2']]);
  });

  it('keeps quoted separators, doubled quotes and embedded newlines (CRLF ones too)', () => {
    const text =
      'Name;Notes;City\r\n' +
      '"Nowak; Anna";"She said ""call me""\r\nafter 5";Kraków\r\n' +
      'Jan;"line 1\nline 2";\r\n';
    expect(parseCsvText(text).rows).toEqual([
      ['Nowak; Anna', 'She said "call me"\r\nafter 5', 'Kraków'],
      ['Jan', 'line 1\nline 2', ''],
    ]);
  });

  it('skips empty lines and lines of separators, numbering rows as the file has them', () => {
    const table = parseCsvText('\r\na,b\r\n\r\n1,2\r\n,\r\n\r\n3,4\r\n\r\n');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table.rowNumbers).toEqual([3, 6]);
  });

  it('pads short rows, names empty headers, and warns about cells past the header', () => {
    const table = parseCsvText('a,,c\n1\n1,2,3,4\n');
    expect(table.header).toEqual(['a', 'Column 2', 'c']);
    expect(table.rows).toEqual([
      ['1', '', ''],
      ['1', '2', '3'],
    ]);
    expect(table.warnings).toEqual([
      '1 row(s) have more cells than the header; the extra cells are left out',
    ]);
  });

  it('reads a file over 1 MB', () => {
    const lines = ['Imię;Nazwisko;E-mail;Uwagi'];
    for (let i = 0; i < 13_000; i++) {
      lines.push(`Anna${i};Nowak;anna${i}@example.com;"Uwaga; z ""cudzysłowem""\nw dwóch liniach"`);
    }
    const bytes = utf8(lines.join('\r\n'));
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const table = parseCsv(bytes);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(table.rows).toHaveLength(13_000);
    expect(table.rows[12_999]).toEqual([
      'Anna12999',
      'Nowak',
      'anna12999@example.com',
      'Uwaga; z "cudzysłowem"\nw dwóch liniach',
    ]);
  });
});
