/**
 * Numbers as people type them. In Poland, Czechia, Croatia or Russia a decimal comma and a
 * space between thousands ("18 500,50"), in Germany "18.500,50", in English "18,500.50":
 * the spreadsheet's locale says which separator is the decimal one, and input that could
 * mean two different numbers is refused with a message that shows the expected form, never
 * guessed (reading "18 500,50" as 1,850,050 is the classic hundred-fold error).
 */

/** The spreadsheet's locale as Sheets names it ('pl_PL', 'en_US', 'de_DE'…). */
export type SheetLocale = string;

/** Locales that write numbers with a decimal point; the others use a comma. */
const DECIMAL_POINT = new Set(['en', 'ja', 'zh', 'ko', 'he', 'th', 'ga', 'cy', 'mt', 'ms', 'hi']);

/** Countries whose people write a decimal point, for when only the country is known. */
const POINT_COUNTRIES = new Set([
  'US',
  'GB',
  'IE',
  'AU',
  'NZ',
  'CA',
  'IN',
  'JP',
  'CN',
  'KR',
  'IL',
  'TH',
  'MY',
  'SG',
  'PH',
  'HK',
  'TW',
  'MX',
]);

/** The decimal separator of a locale ('pl_PL'), else of a country ('PL'), else the point. */
export function decimalSeparatorOf(locale: SheetLocale | undefined, country?: string): ',' | '.' {
  if (locale) {
    const language = locale.split(/[_-]/)[0].toLowerCase();
    return DECIMAL_POINT.has(language) ? '.' : ',';
  }
  if (country) return POINT_COUNTRIES.has(country.toUpperCase()) ? '.' : ',';
  return '.';
}

/** How a number looks in this locale, for messages: "1 234,50" or "1,234.50". */
export function exampleNumber(decimal: ',' | '.'): string {
  return decimal === ',' ? '1 234,50' : '1,234.50';
}

export type ParsedNumber = { value: number } | { problem: string };

const GROUPED = (separator: string) => new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`);

/**
 * A typed amount or count. Spaces (also non-breaking and thin ones) and apostrophes group
 * thousands; of '.' and ',', the rightmost is the decimal separator when both appear, and a
 * lone one is read as the locale says — or as grouping when it can only be grouping.
 */
export function parseLocaleNumber(text: string, decimal: ',' | '.'): ParsedNumber {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const example = exampleNumber(decimal);
  if (!/^-?[\d.,]+$/.test(compact) || !/\d/.test(compact)) {
    return { problem: `'${text.trim()}' is not a number (write it like ${example})` };
  }
  const negative = compact.startsWith('-');
  const digits = negative ? compact.slice(1) : compact;
  const lastPoint = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  if (lastPoint >= 0 && lastComma >= 0) {
    const decimal = lastPoint > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const at = digits.lastIndexOf(decimal);
    integer = digits.slice(0, at);
    fraction = digits.slice(at + 1);
    if (!GROUPED(group).test(integer) || fraction.includes(group) || !/^\d+$/.test(fraction)) {
      return { problem: `'${text.trim()}' mixes separators (write it like ${example})` };
    }
    integer = integer.split(group).join('');
  } else {
    const separator = lastPoint >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (separator === null) {
      integer = digits;
    } else if (digits.split(separator).length === 2) {
      // Once: the locale's decimal mark is decimal; the other mark groups thousands when it
      // can ("1.234" in Polish is 1234) and is a decimal point when it cannot ("18500.50").
      const grouping = separator !== decimal && GROUPED(separator).test(digits);
      if (grouping) integer = digits.split(separator).join('');
      else [integer, fraction] = digits.split(separator);
    } else if (GROUPED(separator).test(digits) && separator !== decimal) {
      integer = digits.split(separator).join('');
    } else {
      return {
        problem: `'${text.trim()}' could mean two different numbers here (write it like ${example})`,
      };
    }
  }
  if (!/^\d+$/.test(integer) && !(integer === '' && fraction)) {
    return { problem: `'${text.trim()}' is not a number (write it like ${example})` };
  }
  const value = Number(`${integer || '0'}.${fraction || '0'}`);
  return { value: negative ? -value : value };
}
