/**
 * The shapes that cross google.script.run between the sidebar and the server: plain JSON
 * only (Google rejects Date and function values), dates as ISO strings. The functions
 * themselves are typed by the server's own code: src/sidebar/rpc.ts derives the client's
 * type from src/server/main.ts, so a renamed or re-typed server function breaks the build.
 */
import type { AnyRecord, EntityName, FieldValue, RecordOf } from './schema';

export interface ListQuery {
  /** Matches any field (name, email, phone digits, tag, company…), case-insensitive. */
  text?: string;
  tag?: string;
  /** Deal stage or customer lifecycle stage. */
  stage?: string;
  owner?: string;
  includeArchived?: boolean;
  sort?: { field: string; direction: 'asc' | 'desc' };
  page?: number;
  pageSize?: number;
}

export interface ListResult {
  items: AnyRecord[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SaveOptions {
  /** Save although a customer/contact with the same email or phone exists. */
  confirmDuplicate?: boolean;
  /**
   * The record's `updated` when the form was opened: refuse if any save moved it since. A
   * whole-record check that hand edits do not trip; `seen` is the per-field one.
   */
  expectedUpdated?: string;
  /**
   * Compare-and-set, field by field: for each field of an update, the value the user saw
   * before changing it (as the server gave it: a record from getRecord, a list or a card).
   * Under the document lock a field whose cell now holds something else is not written and
   * the save is refused with a `conflicts` entry for it; nothing of the save is written.
   * A field of the update that `seen` does not name is written without a compare (a script
   * that never read it asks for its value to be set, whatever is there).
   *
   * `updated` (and `updatedBy`) here are never compared: they are the stamps the user saw,
   * so a conflict can say who changed the record since — the stamps moved — or that it was
   * changed in the sheet itself (a hand edit leaves them as they were).
   */
  seen?: Record<string, FieldValue>;
}

/** A field of an update whose cell changed since the user saw it. */
export interface FieldConflict {
  field: string;
  /** The field's label ("City"). */
  label: string;
  /** What the cell holds now; its text when it cannot be read as the field's type. */
  sheet: FieldValue;
  /** What the user saw before changing it. */
  seen: FieldValue;
  /**
   * The record's Updated by and Updated, when those stamps moved since the user saw them:
   * the last save through Kartoteka, most likely the one that made this change.
   */
  changedBy?: string;
  changedAt?: string;
}

export type SaveResult =
  | {
      ok: true;
      record: AnyRecord;
      /**
       * Cells of the record that cannot be read as their field's type (a date typed as "next
       * week"): left as they are, and missing from `record`.
       */
      unreadable?: Problem[];
      /** Settings values the rules refuse that this save replaced by their defaults, in words. */
      settingsNotes?: string[];
    }
  | { ok: false; fieldErrors: Record<string, string> }
  | {
      ok: false;
      duplicate: { entity: EntityName; id: string; title: string; matchedOn: 'email' | 'phone' };
    }
  /** Nothing was written: these fields changed since the user saw them. `error` says so in words. */
  | { ok: false; conflicts: FieldConflict[]; error: string }
  | { ok: false; error: string };

/** An invalid hand-typed cell: where it is and what is wrong. */
export interface Problem {
  tab: string;
  /** 1-based sheet row. */
  row: number;
  /** The column's header. */
  column: string;
  message: string;
}

export interface PurchaseMetrics {
  purchaseCount: number;
  totalSpent: number;
  averageOrder: number;
  currency: string;
  firstPurchase: string | null;
  lastPurchase: string | null;
}

export interface LifecycleJson {
  stage: string;
  label?: string;
  /** Why, in words: "Slipping: 94 days since last purchase, usual gap 30". */
  reason?: string;
}

export interface CustomerCard {
  customer: RecordOf<'customers'>;
  contacts: RecordOf<'contacts'>[];
  deals: RecordOf<'deals'>[];
  /** Newest first. */
  activities: RecordOf<'activities'>[];
  metrics?: PurchaseMetrics;
  lifecycle?: LifecycleJson;
  /** Cells of the customer's row that cannot be read (typed by hand): shown, to be fixed. */
  problems?: Problem[];
}

export interface SidebarSettings {
  defaultCountry: string;
  defaultCurrency: string;
}

/** What "Set up tabs" did, for the user to read. */
export interface SetupReport {
  /** Tabs that did not exist and were created. */
  createdTabs: string[];
  /** Columns added to an existing tab because their header was not found. */
  addedColumns: Array<{ tab: string; header: string; column: string; suggestion: string }>;
  /** Hand-typed rows that had no id and got one. */
  idsAssigned: Array<{ tab: string; rows: number[] }>;
  /** Settings rows added with their default values. */
  settingsAdded: string[];
  /** Cells of columns that were there before that got Kartoteka's number format (they had none). */
  formatted?: Array<{ tab: string; cells: number }>;
  /** What Setup found and left alone for a person to fix (a formula in an id cell). */
  problems?: Problem[];
}

export interface SidebarBootstrap {
  /** True when the card index tabs do not exist yet: the sidebar offers "Set up tabs". */
  needsSetup: boolean;
  settings: SidebarSettings;
  user: string;
  timeZone: string;
  /** The spreadsheet's locale ("pl_PL"), for numbers and dates in the sidebar. */
  locale: string;
  today: string;
  firstPage: ListResult;
}
