/**
 * What the last "Set up tabs" left each tab like, kept in the document's properties: the
 * schema it applied, each tab's header and grid height. A tab whose header and height are
 * as recorded, under the same schema, already has its formats, dropdowns, notes and
 * protections: Setup compares these instead of rewriting millions of cells, and formats a
 * tab again only when something changed (a column added or renamed, rows added to the
 * grid, a new version of Kartoteka's columns) — and then sets number formats only where the
 * user did not choose their own (setup-formats.ts).
 */
import { ENTITIES, type EntityName } from '../../domain/schema';

const PROPERTY = 'kartoteka.setup.v1';

export interface TabRecord {
  header: string[];
  maxRows: number;
}

export interface SetupRecord {
  schema: string;
  tabs: Partial<Record<EntityName, TabRecord>>;
  /**
   * The number formats Setup last applied to each tab's fields, format → field keys
   * (setup-formats.ts): a cell still holding its field's is Kartoteka's to change, any
   * other format the user's. Absent in records written before formats were kept.
   */
  formats?: Partial<Record<EntityName, Record<string, string>>>;
}

/** A short hash of everything Setup applies from the schema. */
export function schemaVersion(): string {
  const text = JSON.stringify(
    Object.values(ENTITIES).map((spec) => [
      spec.tab,
      spec.fields.map((f) => [
        f.key,
        f.header,
        f.kind,
        f.numberFormat,
        f.description,
        f.options,
        f.system,
        f.ref,
        f.width,
      ]),
    ]),
  );
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function properties(): GoogleAppsScript.Properties.Properties | null {
  try {
    return PropertiesService.getDocumentProperties();
  } catch {
    return null;
  }
}

export function readSetupRecord(): SetupRecord | null {
  try {
    const raw = properties()?.getProperty(PROPERTY);
    const parsed = raw ? (JSON.parse(raw) as SetupRecord) : null;
    return parsed && typeof parsed === 'object' && parsed.tabs ? parsed : null;
  } catch {
    return null; // no record: every tab is formatted, as on the first run
  }
}

export function writeSetupRecord(record: SetupRecord, previous: SetupRecord | null): void {
  const text = JSON.stringify(record);
  if (previous && JSON.stringify(previous) === text) return;
  try {
    properties()?.setProperty(PROPERTY, text);
  } catch {
    // Too large or the service failed: the next run formats again, nothing is lost.
  }
}

export function sameTab(a: TabRecord | undefined, b: TabRecord): boolean {
  return (
    !!a &&
    a.maxRows === b.maxRows &&
    a.header.length === b.header.length &&
    a.header.every((text, i) => text === b.header[i])
  );
}
