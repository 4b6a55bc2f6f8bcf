/**
 * ISO 3166-1 alpha-2 country codes (officially assigned). A fixed list, like currencies.ts,
 * rather than Intl data the Apps Script runtime is not documented to carry.
 */
export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO ' +
    'BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ ' +
    'DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP ' +
    'GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG ' +
    'KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML ' +
    'MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE ' +
    'PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL ' +
    'SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM ' +
    'US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/**
 * Names people type for a country that Intl's names do not give: the former or everyday
 * ones (CLDR's English name for CZ is "Czechia", for GB "United Kingdom").
 */
const ALIASES: Record<string, string> = {
  czechrepublic: 'CZ',
  czesko: 'CZ',
  greatbritain: 'GB',
  england: 'GB',
  uk: 'GB',
  usa: 'US',
  unitedstatesofamerica: 'US',
  america: 'US',
  holland: 'NL',
};

/** "Czech Republic" → "czechrepublic": letters only, no accents, lower case. */
function squash(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

let byName: Map<string, string> | undefined;

/**
 * Country names in English and Polish from Intl.DisplayNames (CLDR's names, kept by the
 * JavaScript engine: nothing to ship or update here), with the aliases. A runtime without
 * region names knows the aliases only; a name it does not know is refused like any other
 * text, with the codes to use.
 */
function countryNames(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(ALIASES));
  for (const language of ['en', 'pl']) {
    try {
      const names = new Intl.DisplayNames([language], { type: 'region' });
      for (const code of ISO_3166_ALPHA2) {
        const name = names.of(code);
        if (name && name !== code && !byName.has(squash(name))) byName.set(squash(name), code);
      }
    } catch {
      // No Intl.DisplayNames in this runtime: codes and aliases only.
    }
  }
  return byName;
}

/** A country's ISO 3166 code from its code ("pl") or its name ("Poland", "Czech Republic"). */
export function countryCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (ISO_3166_ALPHA2.has(code)) return code;
  const key = squash(text);
  return key ? (countryNames().get(key) ?? null) : null;
}
