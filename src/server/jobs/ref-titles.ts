/**
 * The whole-sheet refresh of the readable companion columns ("Customer name" beside
 * "Customer ID", src/domain/ref-titles.ts), run with the lifecycle recompute (the menu's
 * and the daily job's): names changed by hand in a tab, rows imported or merged, a title a
 * user typed over — all are put right here. One read of the title columns of the
 * referenced tabs and the reference and companion columns of the referring ones, and one
 * write of only the cells that differ (runs of adjacent rows as one range); nothing when
 * every companion is current.
 */
import {
  ENTITIES,
  recordTitle,
  type EntityName,
  type EntitySpec,
  type FieldSpec,
} from '../../domain/schema';
import { companionsOf, staleTitles, titledEntities } from '../../domain/ref-titles';
import { UserFacingError } from '../spreadsheet';
import { HEADER_ROW, adjacentRuns } from '../sheet/table';
import {
  columnLetters,
  quoteTab,
  readTables,
  writeRanges,
  type BatchTable,
  type RangeWrite,
  type SheetsTarget,
} from '../sheet/batch';
import { batchGet } from '../sheet/values';

interface Stale {
  spec: EntitySpec;
  ref: FieldSpec;
  /** 0-based sheet column of the reference and of the companion. */
  refColumn: number;
  column: number;
  /** Sheet rows and the titles they should show, with the reference they were read with. */
  cells: Array<{ row: number; title: string; ref: string }>;
}

/** Refreshes every companion column; the number of cells written. */
export function refreshRefTitles(target: SheetsTarget, timeZone: string, locked: boolean): number {
  const referring = Object.values(ENTITIES).filter((spec) => companionsOf(spec).length);
  if (!referring.length) return 0;
  const keys = new Map<EntityName, Set<string>>();
  const want = (entity: EntityName, wanted: readonly string[]) => {
    const set = keys.get(entity) ?? new Set<string>();
    wanted.forEach((key) => set.add(key));
    keys.set(entity, set);
  };
  for (const entity of titledEntities()) want(entity, ENTITIES[entity].titleFields);
  for (const spec of referring) {
    want(
      spec.name,
      companionsOf(spec).flatMap((c) => [c.ref.key, c.field.key]),
    );
  }
  let tables: Map<EntityName, BatchTable>;
  try {
    tables = readTables(
      target,
      [...keys].map(([entity, wanted]) => ({ entity, keys: [...wanted] })),
      timeZone,
    );
  } catch (error) {
    // A tab is missing or has no ID column: Set up tabs reports it; nothing to refresh.
    if (error instanceof UserFacingError) return 0;
    throw error;
  }
  const titles = titlesByEntity(tables);
  const stale = referring.flatMap((spec) => staleCells(spec, tables.get(spec.name), titles));
  const current = locked ? stale : stillReferring(target, stale);
  const writes = current.flatMap(rangesOf);
  writeRanges(target, writes);
  return current.reduce((sum, s) => sum + s.cells.length, 0);
}

function titlesByEntity(
  tables: ReadonlyMap<EntityName, BatchTable>,
): Map<EntityName, Map<string, string>> {
  const titles = new Map<EntityName, Map<string, string>>();
  for (const entity of titledEntities()) {
    const table = tables.get(entity);
    const spec = ENTITIES[entity];
    titles.set(
      entity,
      new Map(
        (table?.rows ?? []).map((r) => [String(r.values.id ?? ''), recordTitle(spec, r.values)]),
      ),
    );
  }
  return titles;
}

/** The companion cells of one tab that differ from their record's title now. */
function staleCells(
  spec: EntitySpec,
  table: BatchTable | undefined,
  titles: ReadonlyMap<EntityName, Map<string, string>>,
): Stale[] {
  if (!table) return [];
  const text = (cell: unknown) => (cell === null || cell === undefined ? '' : String(cell).trim());
  return companionsOf(spec).flatMap(({ field, ref, target }) => {
    const refColumn = table.columnOf.get(ref.key);
    const column = table.columnOf.get(field.key);
    if (refColumn === undefined || column === undefined) return [];
    const refs = table.cells.map((cells) => text(cells[refColumn]));
    const shown = table.cells.map((cells) => text(cells[column]));
    const known = titles.get(target);
    const cells = staleTitles(refs, shown, (id) => known?.get(id)).map(({ index, title }) => ({
      row: HEADER_ROW + 1 + index,
      title,
      ref: refs[index],
    }));
    return cells.length ? [{ spec, ref, refColumn, column, cells }] : [];
  });
}

/**
 * Without the document lock (a time-driven run) a row may have been inserted, deleted or
 * sorted since the read: the reference columns are read again (one call) and a title goes
 * only to a row that still holds the reference it was worked out for.
 */
function stillReferring(target: SheetsTarget, stale: readonly Stale[]): Stale[] {
  if (!stale.length) return [];
  const columns = batchGet(
    target.id,
    stale.map((s) => {
      const letters = columnLetters(s.refColumn + 1);
      return `${quoteTab(s.spec.tab)}!${letters}${HEADER_ROW + 1}:${letters}`;
    }),
  );
  return stale.map((s, i) => ({
    ...s,
    cells: s.cells.filter(
      (cell) => String(columns[i]?.[cell.row - HEADER_ROW - 1]?.[0] ?? '').trim() === cell.ref,
    ),
  }));
}

/** One range per run of adjacent rows. */
function rangesOf(stale: Stale): RangeWrite[] {
  const letters = columnLetters(stale.column + 1);
  return adjacentRuns(stale.cells.map((cell) => ({ ...cell, column: cell.row }))).map((run) => ({
    range: `${quoteTab(stale.spec.tab)}!${letters}${run[0].row}:${letters}${run[run.length - 1].row}`,
    values: run.map((cell) => [cell.title]),
  }));
}

/**
 * After an import, a merge or the undo of either (under its document lock): the companions
 * of the rows it added or re-pointed, and of rows whose referenced records it renamed. Those
 * rows were written with SpreadsheetApp, whose pending changes the Sheets API does not see
 * until flushed.
 */
export function refreshAfterBulkChange(request: {
  document: { spreadsheetId(): string };
  timeZone: string;
}): void {
  SpreadsheetApp.flush();
  refreshRefTitles({ id: request.document.spreadsheetId() }, request.timeZone, true);
}
