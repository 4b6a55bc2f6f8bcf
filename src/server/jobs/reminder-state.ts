/**
 * Who sends this document's reminders, at what hour, and how the daily job last went — in
 * document properties (per document, shared by its users; never script properties, which
 * every user of the add-on shares). Small JSON values, far below the 9 KB a value may hold.
 */
export interface ReminderOwner {
  /** The one teammate whose trigger runs the daily job: N teammates must not mean N runs. */
  owner: string;
  /** The hour of the day (0–23, the spreadsheet's time zone) the digests go out. */
  hour: number;
  /** When reminders were turned on (ISO). */
  since: string;
}

export interface JobStatus {
  /** The last run that did anything (ISO instant). */
  lastRun?: string;
  /** The last run that completed the day's work (ISO instant). */
  lastSuccess?: string;
  result?: 'ok' | 'partial' | 'error';
  /** In words, for the sidebar: what happened or what went wrong. */
  message?: string;
  /** The calendar day whose lifecycle recompute is done. */
  lifecycleOn?: string;
  /** The calendar day whose digests are all sent (or deferred for lack of quota). */
  completedOn?: string;
  /** Digests sent by the last run. */
  sent?: number;
  /** Recipients whose digest waits for tomorrow's mail quota: they go first next time. */
  deferred?: string[];
}

const OWNER_PROPERTY = 'kartoteka.reminders';
const STATUS_PROPERTY = 'kartoteka.dailyJob';

type Properties = GoogleAppsScript.Properties.Properties;

function documentProperties(): Properties {
  const properties = PropertiesService.getDocumentProperties();
  // Null only outside a document (a standalone script): Kartoteka is always in one.
  if (!properties)
    throw new Error('Kartoteka needs document properties: open it in a spreadsheet.');
  return properties;
}

function readJson<T>(key: string): T | null {
  const text = documentProperties().getProperty(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T; // written by this module only
  } catch {
    return null; // unreadable: treated as never set, and rewritten on the next change
  }
}

export function readOwner(): ReminderOwner | null {
  return readJson<ReminderOwner>(OWNER_PROPERTY);
}

export function writeOwner(owner: ReminderOwner | null): void {
  if (owner) documentProperties().setProperty(OWNER_PROPERTY, JSON.stringify(owner));
  else documentProperties().deleteProperty(OWNER_PROPERTY);
}

export function readStatus(): JobStatus {
  return readJson<JobStatus>(STATUS_PROPERTY) ?? {};
}

export function writeStatus(status: JobStatus): void {
  documentProperties().setProperty(STATUS_PROPERTY, JSON.stringify(status));
}
