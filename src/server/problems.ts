/**
 * "Check the tabs": rows typed by hand that break a rule — cells of the wrong type and
 * values the forms would refuse, ids held by more than one row, Settings values the
 * Settings form would refuse — named by tab, row and column. Such rows are skipped by everything else, never fixed or deleted. One read of
 * every record tab's rows (Kartoteka's columns and the header rows) whatever their size.
 */
import { ENTITIES, RECORD_ENTITIES, type EntityName } from '../domain/schema';
import { validateInput } from '../domain/validate';
import { duplicateIdProblems } from '../domain/duplicate-ids';
import type { Problem } from '../domain/api-types';
import { validationContext, withRequest } from './request';
import { columnsA1 } from './sheet/layout';
import { HEADER_ROW, type TableRow } from './sheet/table';
import { settingsProblems } from './settings-problems';

export function getProblems(): Problem[] {
  return withRequest((request) => {
    const doc = request.document;
    const tabs = RECORD_ENTITIES.map((entity) => doc.tab(entity));
    const values = doc.read(RECORD_ENTITIES, () =>
      tabs.map((tab) => {
        const { first, last } = tab.layout();
        return columnsA1(tab.spec.tab, HEADER_ROW + 1, first + 1, last - first + 1);
      }),
    );
    const parsed = new Map<EntityName, { rows: TableRow[]; problems: Problem[] }>();
    const ids = new Map<EntityName, Set<string>>();
    tabs.forEach((tab, i) => {
      const rows: TableRow[] = [];
      const problems: Problem[] = [];
      const idRows: Array<{ id: string; row: number }> = [];
      (values[i] ?? []).forEach((line, index) => {
        const row = index + HEADER_ROW + 1;
        const cells = tab.spanCells(line);
        const result = tab.record({ row, cells }, request.timeZone);
        problems.push(...result.problems);
        if (result.values) rows.push({ row, values: result.values });
        idRows.push({ id: tab.idOf(cells), row });
      });
      // Two rows with one id, readable or not: every one of them is named.
      problems.push(...duplicateIdProblems(tab.spec, idRows));
      parsed.set(tab.entity, { rows, problems });
      ids.set(tab.entity, new Set(rows.map((r) => String(r.values.id))));
      // Every tab was just read whole: where each record is comes for free (and which ids
      // are in more than one row).
      doc.cache.replaceRows(
        tab.entity,
        idRows.map((r) => [r.id, r.row] as const),
      );
    });
    // Rows Kartoteka itself wrote may hold its own values (a 'stage change' activity).
    const context = { ...validationContext(request, ids), systemValues: true };
    const problems: Problem[] = [];
    for (const [entity, result] of parsed) {
      const spec = ENTITIES[entity];
      problems.push(...result.problems);
      for (const { row, values } of result.rows) {
        const check = validateInput(entity, values, context);
        if (check.ok) continue;
        for (const [key, message] of Object.entries(check.fieldErrors)) {
          const field = spec.fields.find((f) => f.key === key);
          problems.push({ tab: spec.tab, row, column: field?.header ?? key, message });
        }
      }
    }
    // Settings values the rules refuse: saves use their defaults meanwhile.
    return [...problems, ...settingsProblems(doc)];
  });
}
