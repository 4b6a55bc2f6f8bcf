/**
 * What crosses google.script.run for an import: plain JSON only. The sidebar (and the
 * command line) parse the file and send its rows in chunks; the server plans each chunk
 * against the tab and, on commit, writes it.
 */
import type { FieldValue } from '../schema';

export const IMPORT_ENTITIES = ['customers', 'contacts', 'deals', 'services'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** The field an imported row is matched on: a match updates, no match adds. */
export const MATCH_KEYS = ['id', 'email', 'phone', 'customerNumber'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** How a row names its customer (contacts and deals): by one of these customer fields. */
export const CUSTOMER_REF_KEYS = ['id', 'customerNumber', 'email', 'phone', 'name'] as const;
export type CustomerRefKey = (typeof CUSTOMER_REF_KEYS)[number];

/** Where one column of the file goes. */
export type ColumnTarget =
  | { to: 'skip' }
  /** An input field of the target entity. */
  | { to: 'field'; key: string }
  /** Parts of the name, joined with a space ("Imię" + "Nazwisko"). */
  | { to: 'firstName' }
  | { to: 'lastName' }
  /** The row's customer, found by this customer field (deals, contacts). */
  | { to: 'customer'; by: CustomerRefKey }
  /** The deal's service, by id or by name. */
  | { to: 'service'; by: 'id' | 'name' }
  /** Kept as the user's own column of the tab, under this header. */
  | { to: 'keep'; header: string };

export interface ImportOptions {
  entity: ImportEntity;
  match: MatchKey;
  /** Deals and contacts whose customer is not found: create it (from the customer columns). */
  createMissingCustomers: boolean;
  /** One target per column of the header. */
  mapping: ColumnTarget[];
  /** The file's name, for the Log tab. */
  fileName?: string;
}

export interface ImportChunk extends ImportOptions {
  header: string[];
  rows: string[][];
  /** The row number in the file of each row (the header is row 1), for messages. */
  rowNumbers: number[];
}

export interface CommitChunk extends ImportChunk {
  /**
   * The import's id, chosen by the client before its first chunk (a UUID), so that a call
   * that failed can be sent again as the same import. Absent: the server picks one.
   */
  importId?: string;
  /** Index of rows[0] among all the rows sent for this import (duplicates left out). */
  offset: number;
  /** How many rows the whole import sends. */
  total: number;
  /** Test hook: stop after the first batch of this call, as when the time budget runs out. */
  budgetMs?: number;
}

export interface FieldChange {
  field: string;
  label: string;
  before: FieldValue;
  after: FieldValue;
}

export interface RowProblem {
  row: number;
  /** Field key → message, the same words as the forms (customer problems under 'customer'). */
  errors: Record<string, string>;
}

export interface ImportPreview {
  /** Rows planned (duplicates within the file are counted by the client). */
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  invalid: number;
  /** Field key → how many matched rows would change it. */
  changedFields: Record<string, number>;
  /** The first updates, with what would change. */
  updates: Array<{ row: number; id: string; title: string; changes: FieldChange[] }>;
  /** The first invalid rows with their messages. */
  invalidRows: RowProblem[];
  /** Customers the rows name that do not exist: created when asked (keys like 'email:x'). */
  missingCustomers: string[];
  /** Headers of kept columns the tab does not have yet (added on commit). */
  newColumns: string[];
  /** The settings the rows were checked with (the client needs them for matching keys). */
  context: { today: string; defaultCountry: string; defaultCurrency: string };
}

export interface CommitProgress {
  importId: string;
  /** Rows of the import committed so far (the next chunk starts here). */
  done: number;
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  invalid: number;
  customersCreated: number;
  finished: boolean;
}

export interface ImportSummary {
  importId: string;
  entity: ImportEntity;
  fileName: string;
  started: string;
  user: string;
  status: 'running' | 'finished' | 'undone';
  done: number;
  total: number;
  added: number;
  updated: number;
  customersCreated: number;
}

/** An Undo refused: the fields someone changed since, record by record. */
export interface UndoConflict {
  entity: string;
  id: string;
  title: string;
  fields: string[];
}

export type UndoResult =
  | { ok: true; removed: number; restored: number }
  | { ok: false; error: string; conflicts: UndoConflict[] };
