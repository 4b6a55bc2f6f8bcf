/**
 * Merging two records of the same person: which records look like duplicates (the same
 * email or phone, as the duplicate warning of the forms decides), and the record that a
 * merge keeps, field by field from the user's choices.
 */
import { ENTITIES, inputFields, recordTitle, type AnyRecord, type EntityName } from '../schema';
import { normalisedEmail, normalisedPhone } from '../dedupe';

export const MERGE_ENTITIES = ['customers', 'contacts'] as const;
export type MergeEntity = (typeof MERGE_ENTITIES)[number];

export interface DuplicateGroup {
  entity: MergeEntity;
  matchedOn: 'email' | 'phone';
  value: string;
  records: Array<{ id: string; title: string; record: AnyRecord }>;
}

/** Groups of active records sharing an email or a phone; a record joins one group at most. */
export function duplicateGroups(
  entity: MergeEntity,
  records: ReadonlyArray<{ id: string; record: AnyRecord }>,
): DuplicateGroup[] {
  const active = records.filter((r) => r.record.archived !== true);
  const grouped = new Set<string>();
  const groups: DuplicateGroup[] = [];
  for (const matchedOn of ['email', 'phone'] as const) {
    const normalise = matchedOn === 'email' ? normalisedEmail : normalisedPhone;
    const byValue = new Map<string, Array<{ id: string; record: AnyRecord }>>();
    for (const r of active) {
      const value = normalise(r.record[matchedOn]);
      if (!value || grouped.has(r.id)) continue;
      byValue.set(value, [...(byValue.get(value) ?? []), r]);
    }
    for (const [value, list] of byValue) {
      if (list.length < 2) continue;
      list.forEach((r) => grouped.add(r.id));
      groups.push({
        entity,
        matchedOn,
        value,
        records: list.map((r) => ({
          id: r.id,
          title: recordTitle(ENTITIES[entity], r.record),
          record: r.record,
        })),
      });
    }
  }
  return groups;
}

/** Fields a user chooses between when merging: input fields where the two differ. */
export function differingFields(entity: EntityName, keep: AnyRecord, other: AnyRecord): string[] {
  return inputFields(ENTITIES[entity])
    .map((f) => f.key)
    .filter((key) => JSON.stringify(keep[key] ?? null) !== JSON.stringify(other[key] ?? null));
}

/**
 * The kept record's input fields after the merge: its own values, except where the user
 * chose the other record's, and empty fields filled from the other record by default.
 */
export function mergedValues(
  entity: EntityName,
  keep: AnyRecord,
  other: AnyRecord,
  choices: Readonly<Record<string, 'keep' | 'other'>>,
): AnyRecord {
  const merged: AnyRecord = {};
  for (const field of inputFields(ENTITIES[entity])) {
    const mine = keep[field.key];
    const theirs = other[field.key];
    const empty =
      mine === null || mine === undefined || mine === '' || (Array.isArray(mine) && !mine.length);
    const choice = choices[field.key] ?? (empty ? 'other' : 'keep');
    merged[field.key] = choice === 'other' ? (theirs ?? null) : (mine ?? null);
  }
  return merged;
}
