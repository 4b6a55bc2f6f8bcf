/**
 * The preview the user confirms: counts of what the import would do and the first rows of
 * each kind worth reading. Built per chunk on the server, added up by the client.
 */
import type { Plan } from './plan';
import type { ImportPreview } from './types';

/** How many updates and invalid rows a preview lists in full. */
export const PREVIEW_SAMPLES = 20;

export function summarisePlan(
  plan: Plan,
  titleOfRecord: (id: string, values: Record<string, unknown>) => string,
  context: ImportPreview['context'],
  newColumns: string[],
): ImportPreview {
  const preview: ImportPreview = {
    rows: plan.rows.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    changedFields: {},
    updates: [],
    invalidRows: [],
    missingCustomers: plan.newCustomers.map((c) => c.key),
    newColumns,
    context,
  };
  for (const row of plan.rows) {
    switch (row.kind) {
      case 'add':
        preview.added++;
        break;
      case 'unchanged':
        preview.unchanged++;
        break;
      case 'duplicate':
        // Repeats within one chunk; the client counts the file's repeats before sending.
        preview.invalid++;
        if (preview.invalidRows.length < PREVIEW_SAMPLES) {
          preview.invalidRows.push({
            row: row.row,
            errors: { row: `Repeats row ${row.of} of the file (same match key)` },
          });
        }
        break;
      case 'invalid':
        preview.invalid++;
        if (preview.invalidRows.length < PREVIEW_SAMPLES) {
          preview.invalidRows.push({ row: row.row, errors: row.errors });
        }
        break;
      case 'update':
        preview.updated++;
        for (const change of row.changes) {
          preview.changedFields[change.field] = (preview.changedFields[change.field] ?? 0) + 1;
        }
        if (preview.updates.length < PREVIEW_SAMPLES) {
          preview.updates.push({
            row: row.row,
            id: row.id,
            title: titleOfRecord(row.id, row.values),
            changes: row.changes,
          });
        }
        break;
    }
  }
  return preview;
}

/** Two chunks' previews as one (the client adds them up as the chunks come back). */
export function addPreviews(a: ImportPreview, b: ImportPreview): ImportPreview {
  const changedFields = { ...a.changedFields };
  for (const [key, count] of Object.entries(b.changedFields)) {
    changedFields[key] = (changedFields[key] ?? 0) + count;
  }
  return {
    rows: a.rows + b.rows,
    added: a.added + b.added,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    invalid: a.invalid + b.invalid,
    changedFields,
    updates: [...a.updates, ...b.updates].slice(0, PREVIEW_SAMPLES),
    invalidRows: [...a.invalidRows, ...b.invalidRows].slice(0, PREVIEW_SAMPLES),
    missingCustomers: [...new Set([...a.missingCustomers, ...b.missingCustomers])],
    newColumns: [...new Set([...a.newColumns, ...b.newColumns])],
    context: b.context,
  };
}
