/**
 * What a value on the Settings tab may be. The list of settings is SETTINGS_DEFAULTS
 * (schema.ts); each known key has a rule here, and a key added there later gets a rule
 * from its default (a number stays a number). The ranges of the lifecycle thresholds are
 * those lifecycle.ts accepts, so a value saved here is never silently replaced by a
 * default when the job reads it.
 */
import { countryCode } from './countries';
import { ISO_4217 } from './currencies';
import { SETTINGS_DEFAULTS } from './schema';
import { parseRates } from './purchases';
import { reminderSettings } from './reminder-settings';

export type SettingCheck = { value: string } | { error: string };

interface SettingRule {
  label: string;
  /** What to type, where the Settings tab's description does not say it already. */
  hint?: string;
  check(text: string, label: string): SettingCheck;
}

function numberIn(
  min: number,
  max: number,
  options: { integer?: boolean; percent?: boolean } = {},
) {
  return (text: string, label: string): SettingCheck => {
    const cleaned = text.replace(/\s/g, '').replace(',', '.');
    const isPercent = options.percent && cleaned.endsWith('%');
    const number = Number(isPercent ? cleaned.slice(0, -1) : cleaned) / (isPercent ? 100 : 1);
    const range = options.percent
      ? `${min * 100}% and ${max * 100}% (or ${min} to ${max})`
      : `${min} and ${max}`;
    if (cleaned === '' || !Number.isFinite(number)) {
      return { error: `${label}: '${text}' is not a number` };
    }
    if (options.integer && !Number.isInteger(number)) {
      return { error: `${label}: use a whole number of days` };
    }
    if (number < min || number > max) return { error: `${label}: use a number between ${range}` };
    // Rounded so 20% is stored as 0.2, not 0.20000000000000001.
    return { value: String(Math.round(number * 1e6) / 1e6) };
  };
}

const RULES: Record<string, SettingRule> = {
  defaultCountry: {
    label: 'Default country',
    check: (text, label) => {
      // A name people type ("Poland", "Czech Republic") is stored as its code.
      const code = countryCode(text);
      return code
        ? { value: code }
        : {
            error: `${label}: '${text}' is not a country: use a two-letter ISO 3166 country code (PL, CZ, DE, …)`,
          };
    },
  },
  defaultCurrency: {
    label: 'Default currency',
    check: (text, label) => {
      const code = text.trim().toUpperCase();
      return ISO_4217.has(code)
        ? { value: code }
        : {
            error: `${label}: '${text}' is not a currency code: use an ISO 4217 code (PLN, EUR, USD, …)`,
          };
    },
  },
  newWindowDays: {
    label: 'New customer for (days)',
    check: numberIn(0, 3650, { integer: true }),
  },
  topShare: {
    label: 'Top customers share',
    hint: 'e.g. 0.2 or 20%',
    check: numberIn(0.01, 1, { percent: true }),
  },
  slippingFactor: {
    label: 'Slipping factor',
    check: numberIn(1, 100),
  },
  slippingDays: {
    label: 'One-time buyers slip after (days)',
    check: numberIn(1, 3650, { integer: true }),
  },
  slippingChance: {
    label: 'Slipping below chance active',
    hint: 'e.g. 0.3 or 30%',
    check: numberIn(0.01, 0.99, { percent: true }),
  },
  ambassadorReferrals: {
    label: 'Ambassador after referrals',
    check: numberIn(1, 1000, { integer: true }),
  },
  exchangeRates: {
    label: 'Exchange rates',
    hint: 'e.g. EUR=4.30; USD=3.95',
    check: (text, label) => {
      const { problems } = parseRates(text);
      return problems.length ? { error: `${label}: ${problems[0]}` } : { value: text };
    },
  },
  ...Object.fromEntries(
    [
      ['birthdayLeadDays', 'Birthday reminder (days before)'],
      ['birthdaySuggestion', 'Birthday suggestion'],
      ['birthdayMaxLateDays', 'Late birthdays kept for (days)'],
      ['closeLeadDays', 'Close date reminder (days before)'],
      ['oneTimeNudgeDays', 'Nudge one-time buyers after (days)'],
      ['totalThreshold', 'Total spent threshold'],
      ['cadence', 'Contact cadence per stage'],
      ['seasonalGreetings', 'Seasonal greetings'],
      ['defaultRecipient', 'Default recipient'],
    ].map(([key, label]) => [key, { label, check: viaReminderSettings(key) }]),
  ),
};

/** A reminder setting is what the reminder rules themselves accept (reminder-settings.ts). */
function viaReminderSettings(key: string) {
  return (text: string, label: string): SettingCheck => {
    const problem = reminderSettings({ [key]: text }).problems[0];
    return problem ? { error: `${label}: ${problem}` } : { value: text };
  };
}

function fallbackRule(key: string): SettingRule {
  const byDefault = SETTINGS_DEFAULTS.find((s) => s.key === key)?.value ?? '';
  // "slippingDays" → "Slipping days".
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  if (byDefault !== '' && Number.isFinite(Number(byDefault))) {
    return { label, check: numberIn(0, Number.MAX_SAFE_INTEGER) };
  }
  return {
    label,
    check: (text, name) =>
      text.length > 200 ? { error: `${name}: at most 200 characters` } : { value: text },
  };
}

export function settingRule(key: string): SettingRule {
  return RULES[key] ?? fallbackRule(key);
}

/** The value to store, or a message that starts with the setting's label. */
export function checkSetting(key: string, raw: unknown): SettingCheck {
  const rule = settingRule(key);
  const text = String(raw ?? '').trim();
  // A setting whose default is empty may stay empty: it is off (no exchange rates, no greetings).
  const optional = SETTINGS_DEFAULTS.find((s) => s.key === key)?.value === '';
  if (text === '') return optional ? { value: '' } : { error: `${rule.label} is required` };
  return rule.check(text, rule.label);
}

/** Every setting of `values` checked: the values to store, or the errors by key. */
export function checkSettings(
  values: Record<string, unknown>,
):
  | { ok: true; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string> } {
  const checked: Record<string, string> = {};
  const fieldErrors: Record<string, string> = {};
  for (const { key } of SETTINGS_DEFAULTS) {
    if (!(key in values)) continue;
    const result = checkSetting(key, values[key]);
    if ('error' in result) fieldErrors[key] = result.error;
    else checked[key] = result.value;
  }
  return Object.keys(fieldErrors).length
    ? { ok: false, fieldErrors }
    : { ok: true, values: checked };
}

/** One setting as the sidebar's Settings form shows it. */
export interface SettingRow {
  key: string;
  label: string;
  hint?: string;
  value: string;
  /** The Settings tab's "Meaning". */
  description: string;
}

export type SettingsSaveResult =
  | { ok: true; settings: SettingRow[] }
  | { ok: false; fieldErrors: Record<string, string> }
  | { ok: false; error: string };

/** The form's rows, in SETTINGS_DEFAULTS order, from the values as read (defaults filled in). */
export function settingRows(values: Record<string, string>): SettingRow[] {
  return SETTINGS_DEFAULTS.map(({ key, value, description }) => {
    const rule = settingRule(key);
    return { key, label: rule.label, hint: rule.hint, value: values[key] ?? value, description };
  });
}

/** A setting typed in the Settings tab that its rule refuses, and what was used instead. */
export interface SettingFallback {
  key: string;
  /** As typed. */
  value: string;
  /** The default used in its place ('' for a setting that is then off). */
  used: string;
  /** "Settings: defaultCurrency 'złoty' is not a currency code: …; PLN was used." */
  message: string;
}

/**
 * The Settings tab's values (as typed, defaults for missing keys) made safe to use: each
 * setting checked by the rule the sidebar's Settings form applies, a valid one stored in
 * its normal form ("pl" → "PL", "20%" → "0.2"), an invalid one replaced by its default and
 * listed — so a hand-typed "złoty" never breaks a save, and the save and Check the tabs say
 * what was used. Keys Kartoteka does not know are passed through as they are.
 */
export function resolveSettings(typed: Readonly<Record<string, string>>): {
  values: Record<string, string>;
  fallbacks: SettingFallback[];
} {
  const values: Record<string, string> = { ...typed };
  const fallbacks: SettingFallback[] = [];
  for (const { key, value: byDefault } of SETTINGS_DEFAULTS) {
    if (!(key in typed)) continue;
    const checked = checkSetting(key, typed[key]);
    if ('value' in checked) {
      values[key] = checked.value;
      continue;
    }
    values[key] = byDefault;
    fallbacks.push({
      key,
      value: String(typed[key] ?? ''),
      used: byDefault,
      message: fallbackMessage(key, String(typed[key] ?? ''), checked.error, byDefault),
    });
  }
  return { values, fallbacks };
}

function fallbackMessage(key: string, value: string, error: string, used: string): string {
  const label = settingRule(key).label;
  const reason = error.startsWith(`${label}: `) ? error.slice(label.length + 2) : error;
  const what = reason.includes(`'${value}'`) ? `${key} ${reason}` : `${key} '${value}': ${reason}`;
  return `Settings: ${what}; ${used === '' ? 'it was left off' : `${used} was used`}.`;
}
