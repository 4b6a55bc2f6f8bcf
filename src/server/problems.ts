/**
 * "Check the tabs": rows typed by hand that break a rule — cells of the wrong type and
 * values the forms would refuse — named by tab, row and column. Such rows are skipped by
 * everything else, never fixed or deleted.
 */
import { ENTITIES, RECORD_ENTITIES, type EntityName } from '../domain/schema';
import { validateInput } from '../domain/validate';
import type { Problem } from '../domain/api-types';
import { requestContext, validationContext } from './request';
import { readTable, recordsOf } from './sheet/table';

export function getProblems(): Problem[] {
  const request = requestContext();
  const parsed = new Map<EntityName, ReturnType<typeof recordsOf>>();
  const ids = new Map<EntityName, Set<string>>();
  for (const entity of RECORD_ENTITIES) {
    const result = recordsOf(readTable(request.spreadsheet, ENTITIES[entity]));
    parsed.set(entity, result);
    ids.set(entity, new Set(result.rows.map((r) => String(r.values.id))));
  }
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
  return problems;
}
