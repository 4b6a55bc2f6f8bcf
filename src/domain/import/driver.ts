/**
 * The client's side of an import, shared by the sidebar and the command line: find the
 * file's repeated rows, send the rest in chunks small enough for one google.script.run call,
 * add the previews up, and commit chunk after chunk, resuming from wherever the server says
 * it stopped (a call that ran out of its time budget commits fewer rows than it was sent).
 */
import { fileDuplicates } from './plan';
import { addPreviews } from './preview';
import type {
  CommitChunk,
  CommitProgress,
  ImportChunk,
  ImportOptions,
  ImportPreview,
} from './types';

/** The two server functions an import needs, as promises (google.script.run or the runtime). */
export interface ImportApi {
  importPreview(chunk: ImportChunk): Promise<ImportPreview>;
  importCommit(chunk: CommitChunk): Promise<CommitProgress>;
}

/** Rows per call, and a size cap: a call's arguments stay well under a megabyte. */
export const CHUNK_ROWS = 2000;
const CHUNK_CHARS = 900_000;

export interface PreparedFile {
  header: string[];
  /** Rows to send (repeats left out), with their row numbers in the file. */
  rows: string[][];
  rowNumbers: number[];
  /** Repeats of an earlier row's match key: row number → the earlier row's number. */
  duplicates: Array<{ row: number; of: number }>;
}

/** File row number of data row i: the header is row 1. */
const fileRow = (index: number) => index + 2;

export function prepareFile(
  options: ImportOptions,
  table: { header: string[]; rows: string[][]; rowNumbers?: number[] },
  context: ImportPreview['context'],
): PreparedFile {
  const { header, rows } = table;
  const numberOf = (index: number) => table.rowNumbers?.[index] ?? fileRow(index);
  const repeats = fileDuplicates(options, rows, context);
  const prepared: PreparedFile = { header, rows: [], rowNumbers: [], duplicates: [] };
  rows.forEach((cells, index) => {
    const of = repeats.get(index);
    if (of !== undefined) prepared.duplicates.push({ row: numberOf(index), of: numberOf(of) });
    else {
      prepared.rows.push(cells);
      prepared.rowNumbers.push(numberOf(index));
    }
  });
  return prepared;
}

/** [start, end) of each chunk: at most CHUNK_ROWS rows and about CHUNK_CHARS characters. */
export function chunkBounds(rows: readonly string[][], from = 0): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  let start = from;
  while (start < rows.length) {
    let end = start;
    let chars = 0;
    while (end < rows.length && end - start < CHUNK_ROWS) {
      const size = rows[end].reduce((sum, cell) => sum + cell.length + 3, 2);
      if (end > start && chars + size > CHUNK_CHARS) break;
      chars += size;
      end++;
    }
    bounds.push([start, end]);
    start = end;
  }
  return bounds;
}

function chunkOf(
  options: ImportOptions,
  file: PreparedFile,
  start: number,
  end: number,
): ImportChunk {
  return {
    ...options,
    header: file.header,
    rows: file.rows.slice(start, end),
    rowNumbers: file.rowNumbers.slice(start, end),
  };
}

export interface FilePreview extends ImportPreview {
  duplicates: number;
  duplicateRows: Array<{ row: number; of: number }>;
}

/** The settings rows are checked with: one empty preview call (no rows read or sent). */
export async function importContext(
  api: ImportApi,
  options: ImportOptions,
  header: string[],
): Promise<ImportPreview['context']> {
  const empty = await api.importPreview({ ...options, header, rows: [], rowNumbers: [] });
  return empty.context;
}

export async function previewFile(
  api: ImportApi,
  options: ImportOptions,
  file: PreparedFile,
  onProgress?: (done: number, total: number) => void,
): Promise<FilePreview> {
  let total: ImportPreview | undefined;
  for (const [start, end] of chunkBounds(file.rows)) {
    const part = await api.importPreview(chunkOf(options, file, start, end));
    total = total ? addPreviews(total, part) : part;
    onProgress?.(end, file.rows.length);
  }
  total ??= await api.importPreview(chunkOf(options, file, 0, 0));
  return {
    ...total,
    duplicates: file.duplicates.length,
    duplicateRows: file.duplicates.slice(0, 20),
  };
}

/** A commit that stopped (calls kept failing): import again with `importId` to go on. */
export class ImportStopped extends Error {
  constructor(
    message: string,
    readonly importId: string,
    readonly done: number,
  ) {
    super(message);
    this.name = 'ImportStopped';
  }
}

export interface CommitOptions {
  /** Go on with this import (after an ImportStopped); a new id when absent. */
  importId?: string;
  /** Test hook passed to the server: stop each call after its first batch. */
  budgetMs?: number;
  /** Times a failed call is sent again before giving up (Apps Script has passing errors). */
  retries?: number;
}

function newImportId(): string {
  return globalThis.crypto.randomUUID();
}

export async function commitFile(
  api: ImportApi,
  options: ImportOptions,
  file: PreparedFile,
  onProgress?: (progress: CommitProgress) => void,
  commit: CommitOptions = {},
): Promise<CommitProgress> {
  const importId = commit.importId ?? newImportId();
  let done = 0;
  let progress: CommitProgress | undefined;
  let stalls = 0;
  let failures = 0;
  while (!progress?.finished) {
    const [start, end] = chunkBounds(file.rows, done)[0] ?? [done, done];
    try {
      progress = await api.importCommit({
        ...chunkOf(options, file, start, end),
        importId,
        offset: start,
        total: file.rows.length,
        budgetMs: commit.budgetMs,
      });
    } catch (error) {
      // The server rolls back a batch that died half-way; the same rows go again.
      if (++failures > (commit.retries ?? 2)) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ImportStopped(
          `The import stopped after ${done} of ${file.rows.length} rows (${reason}).`,
          importId,
          done,
        );
      }
      continue;
    }
    failures = 0;
    if (progress.done < done) throw new Error('The import went backwards; it was stopped.');
    stalls = progress.done === done && !progress.finished ? stalls + 1 : 0;
    if (stalls > 2) throw new Error(`The import stopped at row ${done} of ${file.rows.length}.`);
    done = progress.done;
    onProgress?.(progress);
  }
  return progress;
}
