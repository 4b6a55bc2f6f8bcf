/**
 * The readable companions of a save (src/domain/ref-titles.ts): a record about to be
 * written gets the titles of the records it refers to, and a record renamed updates the
 * companion cells that show its title in other rows.
 *
 * Both cost nothing when nothing changed: a title is looked up only for a reference that is
 * new (or whose companion is empty) — one read of the referenced rows, found by their row
 * hints, or their id columns first — and a rename reads each referring tab's reference and
 * companion columns in one call and writes only the cells that differ, in the save's own
 * write. Titles a user typed over are put right by the next rename or whole-sheet refresh.
 */
import { recordTitle, ENTITIES, type EntityName, type EntitySpec } from '../domain/schema';
import { companionsOf, referrersOf, staleTitles } from '../domain/ref-titles';
import type { Document } from './document';
import { UserFacingError } from './spreadsheet';
import { rangeA1 } from './sheet/layout';
import { HEADER_ROW, type RecordValues } from './sheet/table';
import type { ValuesWrite } from './sheet/values';
import { columnTexts, locate, rowHolding } from './rows';

const text = (value: unknown) =>
  value === null || value === undefined ? '' : String(value).trim();

/**
 * Fills the companions of `values` (mutated): the title of each record it refers to. A
 * reference unchanged since `previous` (the row as read) keeps the companion it has.
 */
export function fillRefTitles(
  doc: Document,
  spec: EntitySpec,
  values: RecordValues,
  previous?: RecordValues,
): void {
  const wanted: Array<{ key: string; entity: EntityName; id: string }> = [];
  for (const { field, ref, target } of companionsOf(spec)) {
    const id = text(values[ref.key]);
    const kept = previous && text(previous[ref.key]) === id ? text(previous[field.key]) : '';
    if (!id) values[field.key] = null;
    else if (kept) values[field.key] = kept;
    else wanted.push({ key: field.key, entity: target, id });
  }
  if (!wanted.length) return;
  // The header of the tab being written rides along: the write needs it, and a save would
  // otherwise read it in a call of its own.
  const titles = titlesOf(doc, wanted, spec.name);
  for (const { key, entity, id } of wanted) {
    values[key] = titles.get(`${entity}\u0000${id}`) ?? null;
  }
}

/**
 * The titles of records, by "entity\0id": one read of their rows where row hints say they
 * are (the reference check before a save leaves one), a lookup for any that moved.
 */
function titlesOf(
  doc: Document,
  records: ReadonlyArray<{ entity: EntityName; id: string }>,
  writing: EntityName,
): Map<string, string> {
  const titles = new Map<string, string>();
  const placed = records.flatMap(({ entity, id }) => {
    const row = locate(doc, entity, id);
    return row === undefined ? [] : [{ entity, id, row }];
  });
  if (!placed.length) return titles;
  const values = doc.read([...placed.map((p) => p.entity), writing], () =>
    placed.map((p) => doc.tab(p.entity).rowsA1(p.row)),
  );
  placed.forEach(({ entity, id, row }, i) => {
    const tab = doc.tab(entity);
    let cells: unknown[] | undefined = tab.spanCells(values[i]?.[0]);
    if (tab.idOf(cells) !== id) cells = rowHolding(doc, tab, id, row)?.cells;
    if (!cells) return;
    const layout = tab.layout();
    const fields: RecordValues = { id };
    for (const key of tab.spec.titleFields) {
      const column = layout.columnOf.get(key);
      if (column !== undefined) fields[key] = text(cells[column - layout.first]) || null;
    }
    titles.set(`${entity}\u0000${id}`, recordTitle(tab.spec, fields));
  });
  return titles;
}

/**
 * When a save changes a record's title, the writes that show the new title in the
 * companion cells of the rows referring to it (one read of each referring tab's reference
 * and companion columns). A tab that is missing or lacks either column is left out: the
 * whole-sheet refresh has the same rule.
 */
export function renamedTitleWrites(
  doc: Document,
  spec: EntitySpec,
  previous: RecordValues,
  values: RecordValues,
): ValuesWrite[] {
  const id = text(values.id);
  const title = recordTitle(spec, values);
  if (!id || recordTitle(spec, previous) === title) return [];
  const referrers = referrersOf(spec.name);
  if (!referrers.length) return [];
  const plan = () =>
    referrers.flatMap((referrer) => {
      const tab = doc.tab(referrer.entity);
      const refs = tab.columnA1(referrer.ref.key);
      const titles = tab.columnA1(referrer.field.key);
      const column = tab.layout().columnOf.get(referrer.field.key);
      return refs && titles && column !== undefined ? [{ referrer, refs, titles, column }] : [];
    });
  let columns;
  try {
    columns = doc.read(
      referrers.map((r) => r.entity),
      () => plan().flatMap((p) => [p.refs, p.titles]),
    );
  } catch (error) {
    if (error instanceof UserFacingError) return []; // a tab is missing: Setup says so
    throw error;
  }
  return plan().flatMap(({ referrer, column }, i) =>
    staleTitles(columnTexts(columns[2 * i]), columnTexts(columns[2 * i + 1]), (ref) =>
      ref === id ? title : undefined,
    ).map(({ index, title: shown }) => ({
      range: rangeA1(ENTITIES[referrer.entity].tab, HEADER_ROW + 1 + index, column + 1),
      values: [[shown]],
    })),
  );
}

/**
 * A save's hook: fills the companions of the record about to be written (`values`,
 * mutated) and returns the writes a rename makes elsewhere, to go in the save's own write.
 */
export function keepRefTitles(
  doc: Document,
  spec: EntitySpec,
  values: RecordValues,
  previous: RecordValues,
): ValuesWrite[] {
  fillRefTitles(doc, spec, values, previous);
  return renamedTitleWrites(doc, spec, previous, values);
}
