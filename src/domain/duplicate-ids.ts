/**
 * Two rows with one id (a row copied and typed over): neither is "the" record, so Kartoteka
 * refuses to open, save, archive or restore it, and Check the tabs names every row, until a
 * person decides which one is the copy. Both words come from here.
 */
import type { Problem } from './api-types';
import type { EntitySpec } from './schema';

/** Each id held by more than one row, with its rows in order. */
export function duplicateIds(rows: Iterable<{ id: string; row: number }>): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  for (const { id, row } of rows) {
    if (!id) continue;
    const held = byId.get(id);
    if (held) held.push(row);
    else byId.set(id, [row]);
  }
  for (const [id, held] of byId) {
    if (held.length < 2) byId.delete(id);
    else held.sort((a, b) => a - b);
  }
  return byId;
}

/** "2 and 7", "2, 7 and 9". */
function rowList(rows: readonly number[]): string {
  return rows.length < 2
    ? rows.join('')
    : `${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;
}

const HOW_TO_RESOLVE =
  'clear the ID cell of the copy (or delete the copy) and run Set up tabs, which gives a row without an id a new one';

/** Why a record cannot be opened or changed by its id. */
export function duplicateIdMessage(spec: EntitySpec, id: string, rows: readonly number[]): string {
  return (
    `Rows ${rowList(rows)} of the ${spec.tab} tab hold the same id (${id}), so Kartoteka cannot ` +
    `tell which ${spec.singular} is meant and changes neither. To resolve it, ${HOW_TO_RESOLVE}.`
  );
}

/** One problem a row, each naming the other rows with its id. */
export function duplicateIdProblems(
  spec: EntitySpec,
  rows: Iterable<{ id: string; row: number }>,
): Problem[] {
  const column = spec.fields.find((field) => field.key === 'id')?.header ?? 'ID';
  const problems: Problem[] = [];
  for (const [id, held] of duplicateIds(rows)) {
    for (const row of held) {
      const others = held.filter((other) => other !== row);
      problems.push({
        tab: spec.tab,
        row,
        column,
        message: `the id ${id} is also in row${others.length > 1 ? 's' : ''} ${rowList(others)}: ${HOW_TO_RESOLVE}`,
      });
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}
