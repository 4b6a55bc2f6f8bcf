/**
 * The reminder rules' settings, read from the Settings tab's text. Every value a person can
 * mistype is checked; a bad one keeps the default and yields a problem that names the key,
 * what was typed and what is allowed, so the job can show it where the team looks. The
 * defaults are the Settings tab's defaults (SETTINGS_DEFAULTS in schema.ts): one source.
 */
import { isIsoDate } from './calendar';
import { LIFECYCLE_STAGES, SETTINGS_DEFAULTS } from './schema';
import type { LifecycleStage } from './lifecycle';

export interface CadenceGap {
  /** Contact them again this many days after the last contact (yellow once past it). */
  idealDays: number;
  /** Never let more than this many days pass (red once past it). */
  maxDays: number;
}

export interface SeasonalGreeting {
  /** 'MM-DD'; '02-29' falls on 28 February in common years, like birthdays. */
  monthDay: string;
  label: string;
}

export interface ReminderSettings {
  /** Remind this many days before a birthday (0 = on the day). */
  birthdayLeadDays: number;
  /** What to do on a birthday, shown with the reminder. */
  birthdaySuggestion: string;
  /** A birthday missed while the job did not run is still sent up to this many days late. */
  birthdayMaxLateDays: number;
  /** Expected close date of an open deal: remind this many days before. */
  closeLeadDays: number;
  /** A one-time buyer reached this many days without a second purchase. */
  oneTimeNudgeDays: number;
  /** A customer's total spent crossed this amount (base currency) since the last run; null = off. */
  totalThreshold: number | null;
  /** Ideal and maximum gap between contacts per lifecycle stage; null = no cadence for it. */
  cadence: Record<LifecycleStage, CadenceGap | null>;
  /** Greetings to every consenting customer on these days; empty = off. */
  seasonalGreetings: SeasonalGreeting[];
  /** Who gets reminders about records without an owner; null = nobody (they are listed apart). */
  defaultRecipient: string | null;
}

type DayKey = 'birthdayLeadDays' | 'birthdayMaxLateDays' | 'closeLeadDays' | 'oneTimeNudgeDays';

/**
 * Ranges of the day counts. The lead days stay within the card's 60-day horizon; the late
 * window stays well under a year, so at most one missed occurrence of a birthday is in it.
 */
const DAY_LIMITS: Record<DayKey, [min: number, max: number]> = {
  birthdayLeadDays: [0, 60],
  birthdayMaxLateDays: [0, 30],
  closeLeadDays: [0, 90],
  oneTimeNudgeDays: [1, 3650],
};
const DAY_KEYS = Object.keys(DAY_LIMITS) as DayKey[];

const SUGGESTION_MAX = 200;
const LABEL_MAX = 60;
const GAP_MAX = 3650;
const STAGES: readonly string[] = LIFECYCLE_STAGES;

type Values = Record<string, string | undefined>;

interface Parsed<T> {
  value: T;
  problem?: string;
}

const notAllowed = (key: string, raw: string, allowed: string) =>
  `${key}: '${raw}' is not allowed; ${allowed}`;

function dayCount(key: DayKey, raw: string, fallback: number): Parsed<number> {
  const [min, max] = DAY_LIMITS[key];
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (n >= min && n <= max) return { value: n };
  return {
    value: fallback,
    problem: notAllowed(
      key,
      raw,
      `use a whole number of days from ${min} to ${max} (kept ${fallback})`,
    ),
  };
}

function threshold(raw: string, fallback: number | null): Parsed<number | null> {
  if (raw === '' || raw.toLowerCase() === 'off') return { value: null };
  // Spaces group thousands in Polish and Czech ("10 000"); a comma is a decimal comma only
  // before one or two digits, so "10,000" is refused rather than read as ten.
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  const n = /^\d+(?:[.,]\d{1,2})?$/.test(compact) ? Number(compact.replace(',', '.')) : NaN;
  if (n > 0) return { value: n };
  return {
    value: fallback,
    problem: notAllowed(
      'totalThreshold',
      raw,
      `use an amount above 0 in the default currency, digits only (e.g. 10000), or leave it empty to turn this reminder off (kept ${fallback ?? 'off'})`,
    ),
  };
}

function suggestion(raw: string, fallback: string): Parsed<string> {
  if (raw.length <= SUGGESTION_MAX) return { value: raw };
  return {
    value: fallback,
    problem: `birthdaySuggestion: at most ${SUGGESTION_MAX} characters (this has ${raw.length}); kept the default`,
  };
}

const CADENCE_HELP =
  'use entries like "returning=30/90" (ideal/maximum days between contacts, ideal ≤ maximum) or "lead=off", separated by ";", for the stages ' +
  LIFECYCLE_STAGES.join(', ');

function cadence(
  raw: string,
  fallback: Record<LifecycleStage, CadenceGap | null>,
): { value: Record<LifecycleStage, CadenceGap | null>; problems: string[] } {
  const value = { ...fallback };
  const problems: string[] = [];
  for (const entry of splitEntries(raw)) {
    const match = /^(.+?)\s*[=:]\s*(.+)$/.exec(entry);
    const stage = match?.[1].trim().toLowerCase() ?? '';
    const gap = match ? cadenceGap(match[2].trim()) : undefined;
    if (!STAGES.includes(stage) || gap === undefined) {
      problems.push(notAllowed('cadence', entry, `${CADENCE_HELP}; kept the default for it`));
      continue;
    }
    value[stage as LifecycleStage] = gap;
  }
  return { value, problems };
}

/** "30/90" → the gap; "off" → null; anything else → undefined. */
function cadenceGap(text: string): CadenceGap | null | undefined {
  if (text.toLowerCase() === 'off') return null;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (!match) return undefined;
  const [idealDays, maxDays] = [Number(match[1]), Number(match[2])];
  const fits = idealDays >= 1 && idealDays <= maxDays && maxDays <= GAP_MAX;
  return fits ? { idealDays, maxDays } : undefined;
}

const GREETING_HELP = `use entries like "01-01 New Year" (MM-DD, a space, a label of at most ${LABEL_MAX} characters) separated by ";", or leave it empty to turn greetings off`;

function greetings(raw: string): { value: SeasonalGreeting[]; problems: string[] } {
  const value: SeasonalGreeting[] = [];
  const problems: string[] = [];
  for (const entry of splitEntries(raw)) {
    const match = /^(\d{2}-\d{2})\s+(.+)$/.exec(entry);
    // 2000 is a leap year: '02-29' is a real month-day.
    if (!match || !isIsoDate(`2000-${match[1]}`) || match[2].length > LABEL_MAX) {
      problems.push(notAllowed('seasonalGreetings', entry, `${GREETING_HELP}; left it out`));
      continue;
    }
    value.push({ monthDay: match[1], label: match[2].trim() });
  }
  return { value, problems };
}

function recipient(raw: string, fallback: string | null): Parsed<string | null> {
  if (raw === '') return { value: null };
  const email = raw.toLowerCase();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { value: email };
  return {
    value: fallback,
    problem: notAllowed(
      'defaultRecipient',
      raw,
      `use one email address (a team member's Google account), or leave it empty (kept ${fallback ?? 'empty'})`,
    ),
  };
}

function splitEntries(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
}

/** Parses the Settings tab's text over `fallback`: absent keys keep the fallback silently. */
function parse(values: Values, fallback: ReminderSettings) {
  const settings: ReminderSettings = { ...fallback, cadence: { ...fallback.cadence } };
  const problems: string[] = [];
  const text = (key: keyof ReminderSettings) => {
    const raw = values[key];
    return raw === undefined ? undefined : raw.trim();
  };
  const take = <T>(parsed: Parsed<T>) => {
    if (parsed.problem) problems.push(parsed.problem);
    return parsed.value;
  };
  for (const key of DAY_KEYS) {
    const raw = text(key);
    if (raw !== undefined && raw !== '') settings[key] = take(dayCount(key, raw, fallback[key]));
  }
  const rawSuggestion = text('birthdaySuggestion');
  if (rawSuggestion)
    settings.birthdaySuggestion = take(suggestion(rawSuggestion, fallback.birthdaySuggestion));
  const rawThreshold = text('totalThreshold');
  if (rawThreshold !== undefined)
    settings.totalThreshold = take(threshold(rawThreshold, fallback.totalThreshold));
  const rawCadence = text('cadence');
  if (rawCadence !== undefined) {
    const parsed = cadence(rawCadence, fallback.cadence);
    settings.cadence = parsed.value;
    problems.push(...parsed.problems);
  }
  const rawGreetings = text('seasonalGreetings');
  if (rawGreetings !== undefined) {
    const parsed = greetings(rawGreetings);
    settings.seasonalGreetings = parsed.value;
    problems.push(...parsed.problems);
  }
  const rawRecipient = text('defaultRecipient');
  if (rawRecipient !== undefined)
    settings.defaultRecipient = take(recipient(rawRecipient, fallback.defaultRecipient));
  return { settings, problems };
}

/** What the defaults are parsed over; every field is then set from SETTINGS_DEFAULTS. */
const UNSET: ReminderSettings = {
  birthdayLeadDays: 0,
  birthdaySuggestion: '',
  birthdayMaxLateDays: 0,
  closeLeadDays: 0,
  oneTimeNudgeDays: 1,
  totalThreshold: null,
  cadence: Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, null])) as Record<
    LifecycleStage,
    null
  >, // fromEntries over exactly the stages
  seasonalGreetings: [],
  defaultRecipient: null,
};

const REMINDER_KEYS = Object.keys(UNSET) as Array<keyof ReminderSettings>;

function schemaDefaults(): ReminderSettings {
  const values: Values = {};
  for (const key of REMINDER_KEYS) {
    const row = SETTINGS_DEFAULTS.find((s) => s.key === key);
    if (!row) throw new Error(`SETTINGS_DEFAULTS lacks ${key}`);
    values[key] = row.value;
  }
  const unlisted = LIFECYCLE_STAGES.filter(
    (stage) =>
      !splitEntries(values.cadence ?? '').some((e) => e.toLowerCase().startsWith(`${stage}=`)),
  );
  const { settings, problems } = parse(values, UNSET);
  if (unlisted.length) problems.push(`cadence default lacks ${unlisted.join(', ')}`);
  if (problems.length) throw new Error(`SETTINGS_DEFAULTS: ${problems.join('; ')}`);
  return settings;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = schemaDefaults();

/**
 * The reminder settings from the Settings tab's text (key → value as typed). Values that are
 * absent keep the default; a bad value keeps the default and adds a problem naming the key
 * and the allowed values. An empty value turns off what can be off (threshold, greetings,
 * default recipient); for the day counts and the suggestion it keeps the default (the server
 * already reads an empty cell as the default).
 */
export function reminderSettings(values: Values): {
  settings: ReminderSettings;
  problems: string[];
} {
  return parse(values, DEFAULT_REMINDER_SETTINGS);
}
