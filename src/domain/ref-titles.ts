/**
 * Reference columns hold ids ("Customer ID"); each may have a readable companion declared
 * beside it in the schema (a 'refTitle' field naming it in `titleOf`) that shows the
 * referenced record's title. This is what the schema says about them, and which cells of a
 * companion column are out of date; reading and writing them is the server's
 * (src/server/ref-titles.ts for a save, src/server/jobs/ref-titles.ts for the whole sheet).
 */
import { ENTITIES, type EntityName, type EntitySpec, type FieldSpec } from './schema';

export interface Companion {
  /** The 'refTitle' field. */
  field: FieldSpec;
  /** The reference field it explains. */
  ref: FieldSpec;
  /** The entity the reference points to. */
  target: EntityName;
}

/** The companions a tab declares, each with its reference field. */
export function companionsOf(spec: EntitySpec): Companion[] {
  return spec.fields.flatMap((field) => {
    if (field.kind !== 'refTitle') return [];
    const ref = spec.fields.find((f) => f.key === field.titleOf);
    if (!ref?.ref) {
      throw new Error(`${spec.name}.${field.key}: titleOf must name a reference field`);
    }
    return [{ field, ref, target: ref.ref }];
  });
}

/** Every tab's companions that show titles of `target`'s records. */
export function referrersOf(target: EntityName): Array<Companion & { entity: EntityName }> {
  return Object.values(ENTITIES).flatMap((spec) =>
    companionsOf(spec)
      .filter((companion) => companion.target === target)
      .map((companion) => ({ ...companion, entity: spec.name })),
  );
}

/** Every entity some companion shows titles of. */
export function titledEntities(): EntityName[] {
  return [
    ...new Set(Object.values(ENTITIES).flatMap((spec) => companionsOf(spec).map((c) => c.target))),
  ];
}

/**
 * The cells of a companion column that differ from the title they should show, by index
 * into the columns read: `refs[i]` the reference cell, `titles[i]` the companion's. A
 * reference `titleOf` does not know (an empty cell, a record not found) is left alone.
 */
export function staleTitles(
  refs: readonly string[],
  titles: readonly string[],
  titleOf: (id: string) => string | undefined,
): Array<{ index: number; title: string }> {
  const stale: Array<{ index: number; title: string }> = [];
  refs.forEach((ref, index) => {
    const id = ref.trim();
    if (!id) return;
    const title = titleOf(id);
    if (title !== undefined && title !== (titles[index] ?? '')) stale.push({ index, title });
  });
  return stale;
}
