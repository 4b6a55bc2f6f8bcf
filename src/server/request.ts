/**
 * What every sidebar call starts from: the spreadsheet, its settings and time zone (from
 * the document cache when fresh, see document-cache.ts), the clock and the user — found
 * once per call — and the checks on the arguments that come in through google.script.run
 * (any user of the document can call a public function).
 */
import { calendarDateIn } from '../domain/calendar';
import {
  ENTITIES,
  RECORD_ENTITIES,
  type EntityName,
  type EntitySpec,
  type FieldValue,
} from '../domain/schema';
import type { ValidationContext } from '../domain/validate';
import type { SaveResult } from '../domain/api-types';
import type { Settings } from './settings';
import { Document } from './document';
import { getSpreadsheet, UserFacingError } from './spreadsheet';

export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RequestContext {
  spreadsheet: Spreadsheet;
  /** Tabs, time zone and settings, found once; `document.persist()` at the end of a call. */
  document: Document;
  settings: Settings;
  timeZone: string;
  now: Date;
  today: string;
  user: string;
}

/** The spec of an entity a user edits as rows; anything else is refused with a clear error. */
export function recordSpec(entity: unknown): EntitySpec {
  const spec = RECORD_ENTITIES.map((name) => ENTITIES[name]).find((s) => s.name === entity);
  if (!spec) throw new UserFacingError(`Unknown record type: ${String(entity)}`);
  return spec;
}

export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

/**
 * Spreadsheet, settings, time zone and today are found when first asked for: not every call
 * needs them, and most find them in the document cache.
 */
export function requestContext(): RequestContext {
  const document = new Document(getSpreadsheet);
  const now = new Date();
  let today: string | undefined;
  return {
    get spreadsheet() {
      return document.spreadsheet;
    },
    document,
    get settings() {
      return document.settings();
    },
    get timeZone() {
      return document.timeZone();
    },
    now,
    get today() {
      return (today ??= calendarDateIn(now, document.timeZone()));
    },
    user: currentUser(),
  };
}

/** Runs a call with its request, keeping what it learnt for the next call (also on failure). */
export function withRequest<T>(work: (request: RequestContext) => T): T {
  const request = requestContext();
  try {
    return work(request);
  } finally {
    request.document.persist();
  }
}

export function validationContext(
  request: RequestContext,
  refIds?: Map<EntityName, Set<string>>,
): ValidationContext {
  return {
    today: request.today,
    defaultCountry: request.settings.defaultCountry,
    defaultCurrency: request.settings.defaultCurrency,
    // Typed amounts are read as the spreadsheet writes numbers; found with the time zone
    // (one cached call), so a save makes no extra Spreadsheet call for it.
    locale: request.document.locale(),
    refExists: refIds ? (entity, id) => refIds.get(entity)?.has(id) ?? false : undefined,
  };
}

/** Turns a lock timeout or a user-facing error into a result the sidebar shows as is. */
export function asResult(action: () => SaveResult): SaveResult {
  try {
    return action();
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
}

/** A new record's values with its id and who-and-when stamps (a save, an import). */
export function stampedNew(
  request: Pick<RequestContext, 'user'>,
  values: Readonly<Record<string, FieldValue | undefined>>,
  stamp: string,
): Record<string, FieldValue> {
  return {
    ...(values as Record<string, FieldValue>),
    id: Utilities.getUuid(),
    created: stamp,
    updated: stamp,
    createdBy: request.user,
    updatedBy: request.user,
    archived: false,
  };
}
