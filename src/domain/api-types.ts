/**
 * What crosses google.script.run between the sidebar and the server: plain JSON only
 * (Google rejects Date and function values), dates as ISO strings. The sidebar's
 * promise wrapper is typed against ServerApi, so renaming a server function breaks the
 * build.
 */
import type { EntityName, EntitySpec } from './schema';

export type RecordJson = Record<string, string | number | boolean | string[] | null>;

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
  items: RecordJson[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SaveOptions {
  /** Save although a customer/contact with the same email or phone exists. */
  confirmDuplicate?: boolean;
  /** The record's `updated` when the form was opened: refuse if someone changed it since. */
  expectedUpdated?: string;
}

export type SaveResult =
  | { ok: true; record: RecordJson }
  | { ok: false; fieldErrors: Record<string, string> }
  | {
      ok: false;
      duplicate: { entity: EntityName; id: string; title: string; matchedOn: 'email' | 'phone' };
    }
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
  customer: RecordJson;
  contacts: RecordJson[];
  deals: RecordJson[];
  /** Newest first. */
  activities: RecordJson[];
  metrics?: PurchaseMetrics;
  lifecycle?: LifecycleJson;
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
}

export interface SidebarBootstrap {
  /** True when the card index tabs do not exist yet: the sidebar offers "Set up tabs". */
  needsSetup: boolean;
  schema: Record<EntityName, EntitySpec>;
  settings: SidebarSettings;
  user: string;
  timeZone: string;
  today: string;
  firstPage: ListResult;
}

export type DeleteResult = { ok: true } | { ok: false; error: string };

export interface ServerApi {
  listRecords(entity: EntityName, query?: ListQuery): ListResult;
  getRecord(entity: EntityName, id: string): RecordJson | null;
  saveRecord(entity: EntityName, input: Record<string, unknown>, options?: SaveOptions): SaveResult;
  archiveRecord(entity: EntityName, id: string): SaveResult;
  restoreRecord(entity: EntityName, id: string): SaveResult;
  deleteRecord(entity: EntityName, id: string): DeleteResult;
  getCustomerCard(id: string): CustomerCard | null;
  logActivity(input: Record<string, unknown>): SaveResult;
  getSchema(): Record<EntityName, EntitySpec>;
  getProblems(): Problem[];
  getActiveRecord(): { entity: EntityName; record: RecordJson } | null;
  getSidebarBootstrap(): SidebarBootstrap;
  setupTabs(): SetupReport;
}
