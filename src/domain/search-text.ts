/**
 * Search text folding: what a salesperson types and what the sheet holds are compared after
 * both are brought to one plain form, so `lukasz` finds "Łukaszewska", `Łukasz` finds
 * "Lukasz", `zelinski` finds "Zieliński" only if typed so, and `sergei` finds "Сергей".
 *
 * Folding is applied to both sides (query and record), which is what makes it work "both
 * ways". The Latin table is explicit rather than relying on `String.prototype.normalize`
 * alone: a JavaScript engine built without ICU leaves `normalize` as the identity, and
 * some letters (ł, đ, ø, ß) do not decompose at all. `normalize('NFD')` is still used after
 * the table as a backstop for letters the table does not list.
 */

/** Latin letters with diacritics of Polish, Czech, Slovak, Croatian, Slovene and neighbours. */
const LATIN: Record<string, string> = {
  // Polish
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  // Czech and Slovak
  á: 'a',
  č: 'c',
  ď: 'd',
  é: 'e',
  ě: 'e',
  í: 'i',
  ň: 'n',
  ř: 'r',
  š: 's',
  ť: 't',
  ú: 'u',
  ů: 'u',
  ý: 'y',
  ž: 'z',
  ä: 'a',
  ĺ: 'l',
  ľ: 'l',
  ô: 'o',
  ŕ: 'r',
  // Croatian, Serbian Latin, Slovene
  đ: 'd',
  // German, Hungarian, Romanian, Nordic and the common Western ones
  ö: 'o',
  ü: 'u',
  ß: 'ss',
  ő: 'o',
  ű: 'u',
  ă: 'a',
  â: 'a',
  î: 'i',
  ș: 's',
  ş: 's',
  ț: 't',
  ţ: 't',
  à: 'a',
  ã: 'a',
  å: 'a',
  æ: 'ae',
  ç: 'c',
  è: 'e',
  ê: 'e',
  ë: 'e',
  ì: 'i',
  ï: 'i',
  ñ: 'n',
  ò: 'o',
  õ: 'o',
  ø: 'o',
  œ: 'oe',
  ù: 'u',
  û: 'u',
  ÿ: 'y',
  ı: 'i',
  ğ: 'g',
};

/**
 * Russian Cyrillic in a plain Latin transliteration (close to the Russian passport system),
 * with the extra letters of Ukrainian, Belarusian, Serbian and Macedonian.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian and Belarusian
  і: 'i',
  ї: 'i',
  є: 'e',
  ґ: 'g',
  ў: 'u',
  // Serbian and Macedonian
  ђ: 'd',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'g',
  ќ: 'k',
  ѕ: 'dz',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Spellings that differ only by transliteration habit, brought together after the letters
 * are plain: Sergey/Sergei/Сергей, Yuri/Юрий, Tatyana/Tatiana/Татьяна, Khabarov/Habarov,
 * Alexander/Aleksandr, and Polish sz/cz/c against Russian ш/ч/ц (Łukasz Czarnecki/Лукаш
 * Чарнецки; Tsvetkov/Cvetkov/Цветков). `y` and `i`
 * meet (so a Latin `y` is found by `i` as well); `j` is left alone, because "jan" must not
 * find "Brian".
 */
function canonicalSpelling(text: string): string {
  return text
    .replace(/sz/g, 'sh')
    .replace(/cz/g, 'ch')
    .replace(/ts/g, 'c')
    .replace(/kh/g, 'h')
    .replace(/x/g, 'ks')
    .replace(/y/g, 'i');
}

/** The form both a query and a record are compared in: lower case, plain Latin letters. */
export function foldForSearch(text: string): string {
  let out = '';
  for (const char of text.toLowerCase()) {
    out += LATIN[char] ?? CYRILLIC[char] ?? char;
  }
  // A backstop for accented letters the table does not list (é in a name typed as e + ´).
  if (typeof out.normalize === 'function') out = out.normalize('NFD').replace(COMBINING_MARKS, '');
  return canonicalSpelling(out);
}

/** The words of a query, folded: each must appear for a record to match. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

/**
 * Whether every word of `query` appears in `haystack` once both are folded, in any order
 * ("wawel hotel" finds "Hotel Wawel"); a blank query matches everything.
 */
export function matchesFolded(haystack: string, query: string): boolean {
  const terms = searchTerms(query);
  if (!terms.length) return true;
  const folded = foldForSearch(haystack);
  return terms.every((term) => folded.includes(term));
}
