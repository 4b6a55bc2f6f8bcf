/**
 * PropertiesService over WorkbookState.properties. Stores hold strings only: Google
 * converts any other value with its string form ("Data types that are not already strings
 * are automatically converted to strings", https://developers.google.com/apps-script/guides/properties).
 * Limits from the quotas page: 9 KB per value, 500 KB per store.
 */
import { COST_MODEL, type ServiceHost } from '../execution';
import { apiObject } from '../guard';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
/**
 * Apps Script's "Argument too large: <parameter>" error (seen verbatim for CacheService in
 * github.com/joseballester/muFunds/issues/13); not verified for this service.
 */
export const PROPERTY_VALUE_TOO_LARGE_MESSAGE = 'Argument too large: value';
/** Verbatim from github.com/lucasvtiradentes/gcal-sync/issues/115. */
export const PROPERTY_QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A store counts both keys and values (tanaikech.github.io/2023/05/22/report-specification-of-properties-service-for-google-apps-script). */
function storeBytes(store: Record<string, string>): number {
  return Object.entries(store).reduce((sum, [k, v]) => sum + utf8Bytes(k) + utf8Bytes(v), 0);
}

function createProperties(
  host: ServiceHost,
  readStore: () => Record<string, string> | undefined,
  writableStore: () => Record<string, string>,
): GoogleAppsScript.Properties.Properties {
  const read = (method: string) =>
    host.call('Properties', method, { costMs: COST_MODEL.propertyReadMs });
  const write = (method: string) =>
    host.call('Properties', method, { costMs: COST_MODEL.propertyWriteMs });

  /** Applies all changes or none, after checking Google's limits on the result. */
  const commit = (next: Record<string, string>): void => {
    for (const value of Object.values(next)) {
      if (utf8Bytes(value) > PROPERTY_VALUE_MAX_BYTES) {
        throw new Error(PROPERTY_VALUE_TOO_LARGE_MESSAGE);
      }
    }
    if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) throw new Error(PROPERTY_QUOTA_MESSAGE);
    const store = writableStore();
    for (const key of Object.keys(store)) delete store[key];
    Object.assign(store, next);
  };

  const properties: GoogleAppsScript.Properties.Properties = apiObject('Properties', {
    getProperty(key: string): string | null {
      read('getProperty');
      const store = readStore();
      const k = String(key);
      return store && Object.prototype.hasOwnProperty.call(store, k) ? store[k] : null;
    },
    getProperties(): { [key: string]: string } {
      read('getProperties');
      return { ...(readStore() ?? {}) };
    },
    getKeys(): string[] {
      read('getKeys');
      return Object.keys(readStore() ?? {});
    },
    setProperty(key: string, value: string) {
      write('setProperty');
      commit({ ...(readStore() ?? {}), [String(key)]: String(value) });
      return properties;
    },
    setProperties(values: { [key: string]: string }, deleteAllOthers?: boolean) {
      write('setProperties');
      const base = deleteAllOthers ? {} : { ...(readStore() ?? {}) };
      for (const [k, v] of Object.entries(values)) base[k] = String(v);
      commit(base);
      return properties;
    },
    deleteProperty(key: string) {
      write('deleteProperty');
      const store = readStore();
      if (store) delete store[String(key)];
      return properties;
    },
    deleteAllProperties() {
      write('deleteAllProperties');
      const store = readStore();
      if (store) for (const k of Object.keys(store)) delete store[k];
      return properties;
    },
  });
  return properties;
}

export function createPropertiesService(
  host: ServiceHost,
): GoogleAppsScript.Properties.PropertiesService {
  const { properties } = host.state;
  return {
    /**
     * Document properties are "shared among all users of an add-on in the open document"
     * (https://developers.google.com/apps-script/guides/properties). An add-on trigger belongs
     * to its document, and Kartoteka's daily job keeps its state there, so the store stays
     * available in time-driven runs too (unlike getDocumentLock, which is null there).
     */
    getDocumentProperties() {
      host.call('PropertiesService', 'getDocumentProperties');
      return createProperties(
        host,
        () => properties.document,
        () => properties.document,
      );
    },
    getScriptProperties() {
      host.call('PropertiesService', 'getScriptProperties');
      return createProperties(
        host,
        () => properties.script,
        () => properties.script,
      );
    },
    getUserProperties() {
      host.call('PropertiesService', 'getUserProperties');
      const user = host.user;
      return createProperties(
        host,
        () => properties.user[user],
        () => (properties.user[user] ??= {}),
      );
    },
  } as GoogleAppsScript.Properties.PropertiesService; // deprecated getters are not emulated
}
