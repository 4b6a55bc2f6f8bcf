/**
 * Import a CSV file and undo an import, in the sidebar: choose the file and the tab, check
 * the columns Kartoteka matched, read the preview (nothing is written until Import), then
 * watch the progress bar while the rows go to the server in chunks. The file is read and
 * parsed here in the browser; the server only ever sees rows.
 */
import { ENTITIES } from '../domain/schema';
import { parseCsv, type CsvEncoding, type CsvTable } from '../domain/import/csv';
import { suggestMapping, targetChoices, targetKey } from '../domain/import/mapping';
import { matchKeysFor, OWN_COLUMN_PREFIX } from '../domain/import/plan';
import {
  commitFile,
  importContext,
  ImportStopped,
  prepareFile,
  previewFile,
  type FilePreview,
  type ImportApi,
  type PreparedFile,
} from '../domain/import/driver';
import {
  IMPORT_ENTITIES,
  type ColumnTarget,
  type CommitProgress,
  type ImportEntity,
  type ImportOptions,
  type MatchKey,
  type UndoResult,
} from '../domain/import/types';
import { callServer, describeFailure } from './rpc';
import { h, replaceChildren } from './dom';
import { button, iconButton } from './ui';
import { duplicatesView } from './merge-view';

export interface ViewHost {
  show(view: HTMLElement): void;
  /** Back to the sidebar's home screen. */
  home(): void;
  toast(message: string): void;
}

const api: ImportApi = {
  importPreview: (chunk) => callServer('importPreview', chunk),
  importCommit: (chunk) => callServer('importCommit', chunk),
};

const MATCH_LABELS: Record<MatchKey, string> = {
  id: 'Kartoteka ID',
  email: 'Email',
  phone: 'Phone',
  customerNumber: 'Customer number',
};

/** A screen's title with Back before it, as the sidebar's other screens have it. */
export function screenHeader(title: string, onBack: () => void): HTMLElement {
  return h(
    'header',
    { class: 'form-header' },
    iconButton('back', 'Back', onBack),
    h('h2', {}, title),
  );
}

function status(): HTMLParagraphElement {
  return h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
}

/** The tools screen the home screen opens: import, past imports, duplicates. */
export function importHome(host: ViewHost): HTMLElement {
  const list = h('ul', { class: 'card-list', 'aria-label': 'Imports' });
  const note = status();
  const view = h(
    'div',
    { class: 'import-view' },
    screenHeader('Import and merge', () => host.home()),
    button('Import a CSV file…', () => host.show(chooseFileView(host)), { emphasis: 'primary' }),
    button('Find duplicates…', () =>
      host.show(duplicatesView(host, () => host.show(importHome(host)))),
    ),
    h('h3', {}, 'Earlier imports'),
    note,
    list,
  );
  note.textContent = 'Loading…';
  callServer('listImports')
    .then((imports) => {
      note.textContent = imports.length ? '' : 'No imports yet.';
      replaceChildren(
        list,
        ...imports.slice(0, 10).map((item) => {
          const undo =
            item.status === 'undone'
              ? h('span', { class: 'muted' }, ' (undone)')
              : button('Undo import', () => void undoImport(host, item.importId, note), {
                  emphasis: 'text',
                });
          return h(
            'li',
            {},
            h('strong', {}, item.fileName || ENTITIES[item.entity].tab),
            h(
              'span',
              { class: 'muted' },
              ` ${item.started.slice(0, 10)} · ${ENTITIES[item.entity].tab}: ${item.added} added, ${item.updated} updated`,
            ),
            ' ',
            undo,
          );
        }),
      );
    })
    .catch((error: unknown) => (note.textContent = describeFailure(error)));
  return view;
}

async function undoImport(host: ViewHost, importId: string, note: HTMLElement): Promise<void> {
  note.textContent = 'Undoing the import…';
  try {
    const result = await callServer('undoImport', importId);
    if (result.ok) {
      host.toast(`Import undone: ${result.removed} removed, ${result.restored} put back.`);
      host.show(importHome(host));
    } else {
      replaceChildren(note, refusal(result));
    }
  } catch (error) {
    note.textContent = describeFailure(error);
  }
}

/** An Undo that was refused: what changed since, record by record. */
export function refusal(result: Extract<UndoResult, { ok: false }>): HTMLElement {
  return h(
    'div',
    { class: 'banner', role: 'alert' },
    h('p', {}, result.error),
    result.conflicts.length
      ? h(
          'ul',
          { class: 'conflicts' },
          ...result.conflicts
            .slice(0, 20)
            .map((c) => h('li', {}, h('strong', {}, `${c.title}: `), c.fields.join(', '))),
        )
      : null,
  );
}

function chooseFileView(host: ViewHost): HTMLElement {
  const entity = h(
    'select',
    { id: 'import-entity' },
    ...IMPORT_ENTITIES.map((name) => h('option', { value: name }, ENTITIES[name].tab)),
  );
  const encoding = h(
    'select',
    { id: 'import-encoding' },
    h('option', { value: 'auto' }, 'Recognise it'),
    h('option', { value: 'utf-8' }, 'UTF-8'),
    h('option', { value: 'windows-1250' }, 'Windows-1250 (Polish, Czech Excel)'),
  );
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.tsv,.txt,text/csv' });
  const note = status();
  const next = button(
    'Next',
    () => {
      const chosen = file.files?.[0];
      if (!chosen) {
        note.textContent = 'Choose a file first.';
        return;
      }
      note.textContent = 'Reading the file…';
      chosen
        .arrayBuffer()
        .then((buffer) => {
          const table = parseCsv(new Uint8Array(buffer), {
            encoding: encoding.value as CsvEncoding | 'auto',
          });
          if (!table.rows.length) {
            note.textContent = 'The file has no rows under its header.';
            return;
          }
          const target = IMPORT_ENTITIES.find((name) => name === entity.value) ?? 'customers';
          host.show(mappingView(host, target, table, chosen.name));
        })
        .catch((error: unknown) => (note.textContent = describeFailure(error)));
    },
    { emphasis: 'primary' },
  );
  return h(
    'div',
    { class: 'import-view' },
    screenHeader('Import a CSV file', () => host.show(importHome(host))),
    h('label', { for: 'import-entity' }, 'Into'),
    entity,
    h('label', { for: 'import-file' }, 'File'),
    file,
    h('label', { for: 'import-encoding' }, 'Characters'),
    encoding,
    h(
      'p',
      { class: 'muted' },
      'Commas, semicolons or tabs; nothing is written until you have seen the preview.',
    ),
    next,
    note,
  );
}

function targetSelect(
  entity: ImportEntity,
  header: string,
  index: number,
  target: ColumnTarget,
): HTMLSelectElement {
  const select = h(
    'select',
    { id: `import-column-${index}`, 'data-column': header },
    h('option', { value: 'skip' }, 'Leave out'),
    h('option', { value: 'keep' }, 'Keep as my own column'),
    ...targetChoices(entity).map((choice) =>
      h('option', { value: targetKey(choice.target) }, choice.label),
    ),
  );
  select.value = targetKey(target);
  return select;
}

function targetOf(entity: ImportEntity, header: string, value: string): ColumnTarget {
  if (value === 'keep') return { to: 'keep', header };
  return targetChoices(entity).find((c) => targetKey(c.target) === value)?.target ?? { to: 'skip' };
}

function mappingView(
  host: ViewHost,
  entity: ImportEntity,
  table: CsvTable,
  fileName: string,
): HTMLElement {
  const suggested = suggestMapping(entity, table.header);
  const selects = table.header.map((header, i) => targetSelect(entity, header, i, suggested[i]));
  const keys = matchKeysFor(entity);
  const match = h(
    'select',
    { id: 'import-match' },
    ...keys.map((key) => h('option', { value: key }, MATCH_LABELS[key])),
  );
  match.value = keys.includes('email') ? 'email' : 'id';
  const hasCustomer = ENTITIES[entity].fields.some((f) => f.key === 'customerId');
  const createMissing = h('input', { type: 'checkbox', id: 'import-create-missing' });
  const note = status();
  const preview = button(
    'Preview',
    () => {
      const options: ImportOptions = {
        entity,
        match: match.value as MatchKey,
        createMissingCustomers: createMissing.checked,
        mapping: selects.map((select, i) => targetOf(entity, table.header[i], select.value)),
        fileName,
      };
      preview.disabled = true;
      note.textContent = `Checking ${table.rows.length} rows…`;
      runPreview(host, options, table, note)
        .catch((error: unknown) => (note.textContent = describeFailure(error)))
        .finally(() => (preview.disabled = false));
    },
    { emphasis: 'primary' },
  );
  return h(
    'div',
    { class: 'import-view' },
    screenHeader(`Columns of ${fileName}`, () => host.show(chooseFileView(host))),
    h(
      'p',
      { class: 'muted' },
      `${table.rows.length} rows, ${table.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1250'}, separated by ${table.delimiter === '\t' ? 'tabs' : `“${table.delimiter}”`}.`,
    ),
    ...table.warnings.map((warning) => h('p', { class: 'muted' }, warning)),
    ...table.header.map((header, i) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: `import-column-${i}` }, header),
        selects[i],
        h('span', { class: 'muted' }, table.rows[0]?.[i] ? `e.g. ${table.rows[0][i]}` : ''),
      ),
    ),
    h('label', { for: 'import-match' }, 'Match existing records on'),
    match,
    hasCustomer
      ? h(
          'label',
          { class: 'checkbox-row', for: 'import-create-missing' },
          createMissing,
          ' Add customers that do not exist yet',
        )
      : null,
    preview,
    note,
  );
}

async function runPreview(
  host: ViewHost,
  options: ImportOptions,
  table: CsvTable,
  note: HTMLElement,
): Promise<void> {
  const context = await importContext(api, options, table.header);
  const file = prepareFile(options, table, context);
  const preview = await previewFile(api, options, file, (done, total) => {
    note.textContent = `Checked ${done} of ${total} rows…`;
  });
  host.show(previewView(host, options, file, preview, table));
}

function fieldLabel(entity: ImportEntity, key: string): string {
  if (key.startsWith(OWN_COLUMN_PREFIX)) return key.slice(OWN_COLUMN_PREFIX.length);
  return ENTITIES[entity].fields.find((f) => f.key === key)?.label ?? key;
}

function countsList(preview: FilePreview, entity: ImportEntity): HTMLElement {
  const changed = Object.entries(preview.changedFields)
    .map(([key, count]) => `${fieldLabel(entity, key)} ${count}`)
    .join(', ');
  const missing = preview.missingCustomers.length;
  const item = (count: number, text: string, extra?: Node | null) =>
    h('li', {}, h('strong', {}, String(count)), text, extra);
  return h(
    'ul',
    { class: 'card-list import-counts' },
    item(preview.added, ' new'),
    item(
      preview.updated,
      ' updated',
      changed ? h('span', { class: 'muted' }, ` (${changed})`) : null,
    ),
    item(preview.unchanged, ' already up to date'),
    item(preview.duplicates, ' repeated in the file (left out)'),
    item(preview.invalid, ' with problems (left out)'),
    missing ? item(missing, ' new customers added for them') : null,
    preview.newColumns.length
      ? h('li', {}, `New own columns: ${preview.newColumns.join(', ')}`)
      : null,
  );
}

/** A titled list of the first rows of a kind (changes, problems), or nothing. */
function samples(title: string, className: string, items: HTMLElement[]): HTMLElement | null {
  if (!items.length) return null;
  return h('div', {}, h('h3', {}, title), h('ul', { class: `card-list ${className}` }, ...items));
}

function changeItems(preview: FilePreview): HTMLElement[] {
  return preview.updates
    .slice(0, 10)
    .map((u) =>
      h(
        'li',
        {},
        h('strong', {}, `${u.title}: `),
        u.changes
          .map((c) => `${c.label} ${String(c.before ?? '—')} → ${String(c.after ?? '—')}`)
          .join('; '),
      ),
    );
}

function problemItems(preview: FilePreview): HTMLElement[] {
  return preview.invalidRows.map((p) =>
    h('li', {}, h('strong', {}, `Row ${p.row}: `), Object.values(p.errors).join('; ')),
  );
}

/** The Import button, its progress bar and what it says; Import again goes on after a stop. */
function commitControls(
  host: ViewHost,
  options: ImportOptions,
  file: PreparedFile,
  writes: number,
): HTMLElement[] {
  const progress = h('progress', { max: String(Math.max(file.rows.length, 1)), value: '0' });
  progress.hidden = true;
  const note = status();
  /** Set when an import stopped half-way: Import again goes on with it. */
  let stopped: string | undefined;
  const onProgress = (p: CommitProgress) => {
    progress.value = p.done;
    note.textContent = `Imported ${p.done} of ${p.total} rows…`;
  };
  const commit = button(
    `Import ${writes} row${writes === 1 ? '' : 's'}`,
    () => {
      commit.disabled = true;
      progress.hidden = false;
      note.textContent = 'Importing…';
      commitFile(api, options, file, onProgress, { importId: stopped })
        .then((done) => host.show(doneView(host, options, done)))
        .catch((error: unknown) => {
          if (error instanceof ImportStopped) stopped = error.importId;
          note.textContent = `${describeFailure(error)} Choose Import again to go on from where it stopped.`;
          commit.disabled = false;
        });
    },
    { emphasis: 'primary' },
  );
  commit.disabled = writes === 0;
  return [commit, progress, note];
}

function previewView(
  host: ViewHost,
  options: ImportOptions,
  file: PreparedFile,
  preview: FilePreview,
  table: CsvTable,
): HTMLElement {
  const entity = options.entity;
  return h(
    'div',
    { class: 'import-view' },
    screenHeader(`Preview: ${ENTITIES[entity].tab}`, () =>
      host.show(mappingView(host, entity, table, options.fileName ?? 'the file')),
    ),
    countsList(preview, entity),
    samples('Changes', 'updates', changeItems(preview)),
    samples('Rows with problems', 'problems', problemItems(preview)),
    h('p', { class: 'muted' }, 'Nothing has been written yet.'),
    ...commitControls(host, options, file, preview.added + preview.updated),
  );
}

function doneView(
  host: ViewHost,
  options: ImportOptions,
  done: Awaited<ReturnType<typeof commitFile>>,
): HTMLElement {
  const note = status();
  return h(
    'div',
    { class: 'import-view' },
    h('h2', {}, 'Import finished'),
    h(
      'p',
      { role: 'status' },
      `${ENTITIES[options.entity].tab}: ${done.added} added, ${done.updated} updated` +
        (done.customersCreated ? `, ${done.customersCreated} customers added` : '') +
        '.',
    ),
    button('Undo import', () => void undoImport(host, done.importId, note)),
    button('Done', () => host.home(), { emphasis: 'primary' }),
    note,
  );
}
