/**
 * When Set up tabs must not repair a tab: its first row is not a header row it can trust.
 * Repairing from such a row reinterprets the user's data — a customer taken for the
 * header, every Kartoteka column added again beside it, the rows below given new ids that
 * orphan their deals — so the whole run is refused with what was found and how to restore
 * the header, and nothing is written.
 *
 * The rule, for a tab that exists:
 * - row 1 is empty while rows below hold something (the header row was deleted or
 *   cleared), or
 * - row 1 holds none of Kartoteka's headers for the tab (a row of data, or someone else's
 *   table under Kartoteka's tab name), or
 * - row 1 holds something no header holds: a Kartoteka id, an email address or a TRUE/FALSE
 *   — a record moved up into the header row.
 * A tab with nothing in it at all is filled like a new one. Pure: unit-tested.
 */
import type { EntitySpec } from '../../domain/schema';
import type { ApiValue } from './values';
import { mapColumns } from './table';

/** Ids Kartoteka gives (Utilities.getUuid): a header cell never looks like one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const filled = (cell: ApiValue | null | undefined) =>
  cell !== '' && cell !== null && cell !== undefined;

/** Whether a cell of row 1 holds what only a record's row would. */
function recordLike(cell: ApiValue): boolean {
  if (typeof cell === 'boolean') return true;
  const text = String(cell).trim();
  return UUID.test(text) || EMAIL.test(text);
}

/** "a customer", "an activity". */
function aRecord(spec: EntitySpec): string {
  return `${/^[aeiou]/i.test(spec.singular) ? 'an' : 'a'} ${spec.singular}`;
}

/** The headers a person recognises the tab by: its first ones and the id ("Name, Type, Company, …, ID"). */
function expectedHeaders(spec: EntitySpec): string {
  const own = spec.fields.filter((f) => f.key !== 'id').map((f) => f.header);
  const id = spec.fields.find((f) => f.key === 'id');
  const more = spec.fields.length > Math.min(own.length, 3) + (id ? 1 : 0) ? ['…'] : [];
  return [...own.slice(0, 3), ...more, ...(id ? [id.header] : [])].join(', ');
}

/**
 * Why row 1 of an existing tab cannot be taken as its header, or null when it can.
 * `header`: row 1's cells as read; `rowsBelow`: whether anything is below row 1.
 */
export function headerRefusal(
  spec: EntitySpec,
  header: readonly ApiValue[],
  rowsBelow: boolean,
): string | null {
  const present = header.some(filled);
  let found: string;
  if (!present) {
    if (!rowsBelow) return null; // an empty tab: set up like a new one
    found = 'it is empty, and the rows below it hold data';
  } else if (header.some((cell) => filled(cell) && recordLike(cell))) {
    found = `it holds what looks like ${aRecord(spec)}`;
  } else if (mapColumns(spec, [...header]).size === 0) {
    found = `none of its cells is one of Kartoteka's headers for this tab`;
  } else {
    return null;
  }
  return (
    `The ${spec.tab} tab's first row should hold the column headers (${expectedHeaders(spec)}); ` +
    `${found}. Restore the header row (Edit ▸ Undo, or insert a row above and type the ` +
    `headers) and run Set up tabs again.`
  );
}

/** The refusal of a whole run: every tab that cannot be repaired, and that nothing changed. */
export function refusalMessage(reasons: readonly string[]): string {
  return `${reasons.join('\n')}\nNothing was changed.`;
}
