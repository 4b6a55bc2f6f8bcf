/**
 * Merge duplicates: keep one record, take the chosen fields from the other, point the
 * contacts, deals, activities (and referrals) of the other at the kept one, and archive the
 * other — journaled in the History tab with a snapshot of both, so Undo merge puts both back
 * exactly. Everything under the document lock, after re-reading the tabs it changes.
 */
import { refreshAfterBulkChange } from './jobs/ref-titles';
import { ENTITIES, RECORD_ENTITIES, recordTitle, type EntityName } from '../domain/schema';
import { validateInput } from '../domain/validate';
import {
  differingFields,
  duplicateGroups,
  mergedValues,
  MERGE_ENTITIES,
  type DuplicateGroup,
  type MergeEntity,
} from '../domain/import/merge';
import type { UndoResult } from '../domain/import/types';
import { requestContext, validationContext, type RequestContext } from './request';
import { getSpreadsheet, UserFacingError, withDocumentLock } from './spreadsheet';
import {
  appendRecords,
  readTable,
  recordsOf,
  type RecordValues,
  type TableRow,
  type TableSnapshot,
} from './sheet/table';
import {
  journal,
  logEntry,
  pick,
  saveOperation,
  undoOperationOf,
  writeRows,
  type HistoryEntry,
  type OperationState,
} from './history';

function mergeEntity(entity: unknown): MergeEntity {
  const found = MERGE_ENTITIES.find((e) => e === entity);
  if (!found) throw new UserFacingError(`Kartoteka merges ${MERGE_ENTITIES.join(' and ')} only.`);
  return found;
}

/** Groups of records that share an email or phone (for "Check the tabs"). */
export function findDuplicates(entity: MergeEntity): DuplicateGroup[] {
  const spec = ENTITIES[mergeEntity(entity)];
  const { rows } = recordsOf(readTable(getSpreadsheet(), spec));
  return duplicateGroups(
    spec.name as MergeEntity,
    rows.map((r) => ({ id: String(r.values.id), record: r.values })),
  ).slice(0, 100);
}

export interface MergeRequest {
  entity: MergeEntity;
  keepId: string;
  otherId: string;
  /** Field key → which record's value wins; absent = the kept one's (or the other's if empty). */
  choices?: Record<string, 'keep' | 'other'>;
}

export type MergeResult =
  | { ok: true; mergeId: string; repointed: number; record: RecordValues }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** Fields that differ between two records: what the merge screen asks about. */
export function mergePreview(
  entity: MergeEntity,
  keepId: string,
  otherId: string,
): { fields: string[]; keep: RecordValues; other: RecordValues; references: number } {
  const spec = ENTITIES[mergeEntity(entity)];
  const spreadsheet = getSpreadsheet();
  const { rows } = recordsOf(readTable(spreadsheet, spec));
  const keep = rows.find((r) => r.values.id === keepId)?.values;
  const other = rows.find((r) => r.values.id === otherId)?.values;
  if (!keep || !other) throw new UserFacingError('One of the two records no longer exists.');
  let references = 0;
  for (const name of RECORD_ENTITIES) {
    const refs = ENTITIES[name].fields.filter((f) => f.ref === spec.name);
    if (!refs.length) continue;
    const tab = name === spec.name ? rows : recordsOf(readTable(spreadsheet, ENTITIES[name])).rows;
    references += tab.filter((r) => refs.some((f) => r.values[f.key] === otherId)).length;
  }
  return { fields: differingFields(spec.name, keep, other), keep, other, references };
}

/** Records of every tab that point at the merged-away record, re-pointed at the kept one. */
function planRepoint(
  request: RequestContext,
  entity: EntityName,
  keepId: string,
  otherId: string,
  stamp: string,
  entries: HistoryEntry[],
): Array<{ snapshot: TableSnapshot; updates: Map<number, RecordValues> }> {
  const writes: Array<{ snapshot: TableSnapshot; updates: Map<number, RecordValues> }> = [];
  for (const name of RECORD_ENTITIES) {
    const refs = ENTITIES[name].fields.filter((f) => f.ref === entity);
    if (!refs.length) continue;
    const snapshot = readTable(request.spreadsheet, ENTITIES[name], request.timeZone);
    const updates = new Map<number, RecordValues>();
    for (const { row, values } of recordsOf(snapshot).rows) {
      if (values.id === otherId || values.id === keepId) continue;
      const changed = refs.filter((f) => values[f.key] === otherId).map((f) => f.key);
      if (!changed.length) continue;
      const after: RecordValues = { updated: stamp, updatedBy: request.user };
      for (const key of changed) after[key] = keepId;
      entries.push({
        entity: name,
        recordId: String(values.id),
        change: 'updated',
        before: pick(values, Object.keys(after)),
        after,
      });
      updates.set(row, after);
    }
    if (updates.size) writes.push({ snapshot, updates });
  }
  return writes;
}

function mergeState(context: RequestContext, entity: MergeEntity, summary: string): OperationState {
  const stamp = context.now.toISOString();
  return {
    id: Utilities.getUuid(),
    kind: 'merge',
    entity,
    status: 'finished',
    started: stamp,
    stamp,
    user: context.user,
    summary,
    maxRowsBefore: {},
    addedColumns: {},
    done: 0,
    total: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    customersCreated: 0,
  };
}

/** The kept record's changed fields and the other's archiving, as journal entries. */
function recordEntries(
  entity: MergeEntity,
  keep: TableRow,
  other: TableRow,
  merged: RecordValues,
  context: RequestContext,
): { keptAfter: RecordValues; otherAfter: RecordValues; entries: HistoryEntry[] } {
  const stamp = context.now.toISOString();
  const keptAfter: RecordValues = {};
  for (const [key, value] of Object.entries(merged)) {
    if (JSON.stringify(keep.values[key] ?? null) !== JSON.stringify(value ?? null)) {
      keptAfter[key] = value;
    }
  }
  keptAfter.updated = stamp;
  keptAfter.updatedBy = context.user;
  const otherAfter: RecordValues = { archived: true, updated: stamp, updatedBy: context.user };
  const entries: HistoryEntry[] = [
    {
      entity,
      recordId: String(keep.values.id),
      change: 'updated',
      before: pick(keep.values, Object.keys(keptAfter)),
      after: keptAfter,
    },
    {
      entity,
      recordId: String(other.values.id),
      change: 'archived',
      // The whole record: Undo merge puts it back exactly.
      before: pick(
        other.values,
        ENTITIES[entity].fields.map((f) => f.key),
      ),
      after: otherAfter,
    },
  ];
  return { keptAfter, otherAfter, entries };
}

/** Under the lock: re-read, check, journal, then write the tab and the re-pointed records. */
function merge(context: RequestContext, request: MergeRequest, entity: MergeEntity): MergeResult {
  const spec = ENTITIES[entity];
  const { keepId, otherId } = request;
  const snapshot = readTable(context.spreadsheet, spec, context.timeZone);
  const rows = recordsOf(snapshot).rows;
  const keep = rows.find((r) => r.values.id === keepId);
  const other = rows.find((r) => r.values.id === otherId);
  if (!keep || !other) return { ok: false, error: 'One of the two records no longer exists.' };
  if (other.values.archived === true)
    return { ok: false, error: 'That record is archived already.' };
  const merged = mergedValues(entity, keep.values, other.values, request.choices ?? {});
  const checked = validateInput(entity, merged, validationContext(context));
  if (!checked.ok) {
    return {
      ok: false,
      error: 'The merged record would not pass the checks.',
      fieldErrors: checked.fieldErrors,
    };
  }
  const state = mergeState(
    context,
    entity,
    `Merged ${recordTitle(spec, other.values)} into ${recordTitle(spec, keep.values)}`,
  );
  const { keptAfter, otherAfter, entries } = recordEntries(
    entity,
    keep,
    other,
    checked.value,
    context,
  );
  const repoints = planRepoint(context, entity, keepId, otherId, state.stamp, entries);
  // The journal (with both snapshots) before any write: a merge that dies half-way can
  // still be undone.
  journal(context, state.id, entries);
  const ownTab = repoints.find((w) => w.snapshot.spec.name === entity);
  const ownUpdates = new Map<number, RecordValues>([
    [keep.row, keptAfter],
    [other.row, otherAfter],
  ]);
  // Referrals within the same tab: one batched write of the tab, not two.
  for (const [row, values] of ownTab?.updates ?? []) ownUpdates.set(row, values);
  writeRows(snapshot, ownUpdates);
  for (const write of repoints) if (write !== ownTab) writeRows(write.snapshot, write.updates);
  const repointed = repoints.reduce((sum, w) => sum + w.updates.size, 0);
  state.updated = repointed;
  saveOperation(state);
  appendRecords(context.spreadsheet, ENTITIES.log, [
    logEntry(
      context,
      'merge',
      `${state.summary}; ${repointed} record(s) re-pointed (merge ${state.id})`,
      state.id,
      entity === 'customers' ? keepId : undefined,
    ),
  ]);
  return { ok: true, mergeId: state.id, repointed, record: { ...keep.values, ...keptAfter } };
}

export function mergeRecords(request: MergeRequest): MergeResult {
  const entity = mergeEntity(request?.entity);
  const context = requestContext();
  const { keepId, otherId } = request;
  if (!keepId || !otherId || keepId === otherId) {
    return { ok: false, error: 'Choose two different records to merge.' };
  }
  try {
    return withDocumentLock(() => {
      const result = merge(context, request, entity);
      // The re-pointed rows still show the merged-away record's name beside its old id.
      if (result.ok) refreshAfterBulkChange(context);
      return result;
    });
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
}

export function undoMerge(mergeId: string): UndoResult {
  return undoOperationOf('merge', mergeId);
}
