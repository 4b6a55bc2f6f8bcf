/**
 * Merge duplicates in the sidebar: the groups of records sharing an email or a phone, then
 * for a pair, which record to keep and, field by field, which value wins. The merge
 * re-points the other record's contacts, deals and activities and archives it; Undo merge
 * puts both back as they were.
 */
import { ENTITIES, type AnyRecord, type FieldValue } from '../domain/schema';
import type { DuplicateGroup, MergeEntity } from '../domain/import/merge';
import { callServer, describeFailure } from './rpc';
import { h, replaceChildren } from './dom';
import { refusal, screenHeader, type ViewHost } from './import-view';
import { button } from './ui';

function shown(value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return Array.isArray(value) ? value.join(', ') || '—' : String(value);
}

/** A way into Find duplicates from another screen (Check the tabs). */
export function duplicatesEntry(host: ViewHost, back: () => void): HTMLElement {
  return h(
    'section',
    { class: 'card-section', 'aria-label': 'Duplicates' },
    h('div', { class: 'section-head' }, h('h3', {}, 'Duplicates')),
    h('p', { class: 'muted' }, 'Customers or contacts that share an email or phone can be merged.'),
    button('Find duplicates…', () => host.show(duplicatesView(host, back))),
  );
}

export function duplicatesView(host: ViewHost, back: () => void): HTMLElement {
  const list = h('div', { class: 'duplicates' });
  const note = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' }, 'Looking…');
  const view = h('div', { class: 'merge-view' }, screenHeader('Duplicates', back), note, list);
  const entities: MergeEntity[] = ['customers', 'contacts'];
  Promise.all(entities.map((entity) => callServer('findDuplicates', entity)))
    .then((results) => {
      const groups = results.flat();
      note.textContent = groups.length
        ? `${groups.length} group${groups.length === 1 ? '' : 's'} share an email or phone.`
        : 'No two records share an email or phone.';
      replaceChildren(
        list,
        ...groups.map((group) =>
          h(
            'section',
            { class: 'duplicate-group' },
            h('h3', {}, `${ENTITIES[group.entity].tab}: ${group.matchedOn} ${group.value}`),
            h('ul', { class: 'card-list' }, ...group.records.map((r) => h('li', {}, r.title))),
            mergeButton(host, group, back),
          ),
        ),
      );
    })
    .catch((error: unknown) => (note.textContent = describeFailure(error)));
  return view;
}

function mergeButton(host: ViewHost, group: DuplicateGroup, back: () => void): HTMLElement {
  const [first, second] = group.records;
  const open = button('Merge…', () =>
    host.show(
      mergeView(host, group.entity, first.id, second.id, () =>
        host.show(duplicatesView(host, back)),
      ),
    ),
  );
  open.setAttribute('aria-label', `Merge ${first.title} and ${second.title}`);
  return open;
}

/** The merge screen for two records; the first is kept unless the user swaps them. */
export function mergeView(
  host: ViewHost,
  entity: MergeEntity,
  keepId: string,
  otherId: string,
  back: () => void,
): HTMLElement {
  const body = h('div', {});
  const note = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const view = h(
    'div',
    { class: 'merge-view' },
    screenHeader(`Merge two ${ENTITIES[entity].tab.toLowerCase()}`, back),
    body,
    note,
  );
  callServer('mergePreview', entity, keepId, otherId)
    .then((preview) => {
      note.textContent = '';
      replaceChildren(body, ...mergeForm(host, entity, preview, back, note, view));
    })
    .catch((error: unknown) => (note.textContent = describeFailure(error)));
  return view;
}

interface MergePreview {
  fields: string[];
  keep: AnyRecord;
  other: AnyRecord;
  references: number;
}

const titleOf = (record: AnyRecord) => String(record.name ?? record.id);

/** One differing field: a radio for each record's value; an empty own value yields by default. */
function fieldChoice(entity: MergeEntity, key: string, keep: AnyRecord, other: AnyRecord) {
  const field = ENTITIES[entity].fields.find((f) => f.key === key);
  const name = `merge-${key}`;
  const mineEmpty = shown(keep[key]) === '—';
  const option = (which: 'keep' | 'other', value: FieldValue | undefined, checked: boolean) =>
    h(
      'label',
      { class: 'checkbox-row' },
      h('input', { type: 'radio', name, value: which, checked }),
      ` ${shown(value)}`,
    );
  return h(
    'fieldset',
    { class: 'merge-field', 'data-field': key },
    h('legend', {}, field?.label ?? key),
    option('keep', keep[key], !mineEmpty),
    option('other', other[key], mineEmpty),
  );
}

function picked(choices: readonly HTMLElement[]): Record<string, 'keep' | 'other'> {
  const result: Record<string, 'keep' | 'other'> = {};
  for (const element of choices) {
    const checked = element.querySelector<HTMLInputElement>('input:checked');
    result[element.dataset.field ?? ''] = checked?.value === 'other' ? 'other' : 'keep';
  }
  return result;
}

function mergedView(
  host: ViewHost,
  view: HTMLElement,
  preview: MergePreview,
  result: { mergeId: string; repointed: number },
) {
  replaceChildren(
    view,
    h('h2', {}, 'Merged'),
    h(
      'p',
      { role: 'status' },
      `${titleOf(preview.other)} was merged into ${titleOf(preview.keep)}; ${result.repointed} related record(s) now point to it.`,
    ),
    undoButton(host, result.mergeId, view),
    button('Done', () => host.home(), { emphasis: 'primary' }),
  );
}

function mergeForm(
  host: ViewHost,
  entity: MergeEntity,
  preview: MergePreview,
  back: () => void,
  note: HTMLElement,
  view: HTMLElement,
): HTMLElement[] {
  const { keep, other } = preview;
  const swap = button(`Keep ${titleOf(other)} instead`, () =>
    host.show(mergeView(host, entity, String(other.id), String(keep.id), back)),
  );
  const choices = preview.fields.map((key) => fieldChoice(entity, key, keep, other));
  const merge = button(
    'Merge',
    () => {
      merge.disabled = true;
      note.textContent = 'Merging…';
      const request = { entity, keepId: String(keep.id), otherId: String(other.id) };
      callServer('mergeRecords', { ...request, choices: picked(choices) })
        .then((result) => {
          if (result.ok) return mergedView(host, view, preview, result);
          merge.disabled = false;
          const details = result.fieldErrors ? Object.values(result.fieldErrors).join('; ') : '';
          note.textContent = `${result.error} ${details}`.trim();
        })
        .catch((error: unknown) => {
          merge.disabled = false;
          note.textContent = describeFailure(error);
        });
    },
    { emphasis: 'primary' },
  );
  return [
    h(
      'p',
      {},
      'Keep ',
      h('strong', {}, titleOf(keep)),
      ' and merge ',
      h('strong', {}, titleOf(other)),
      ' into it.',
    ),
    swap,
    h(
      'p',
      { class: 'muted' },
      `${preview.references} contact(s), deal(s) and activities of the other move to the kept one; the other is archived.`,
    ),
    ...(choices.length
      ? [h('h3', {}, 'Which value wins'), ...choices]
      : [h('p', { class: 'muted' }, 'The two agree on every field.')]),
    merge,
  ];
}

function undoButton(host: ViewHost, mergeId: string, view: HTMLElement): HTMLButtonElement {
  const undo = button('Undo merge', () => {
    undo.disabled = true;
    callServer('undoMerge', mergeId)
      .then((result) => {
        if (result.ok) {
          host.toast('Merge undone: both records are back as they were.');
          host.home();
        } else {
          view.appendChild(refusal(result));
        }
      })
      .catch((error: unknown) => host.toast(describeFailure(error)));
  });
  return undo;
}
