/** Archived customers, each with Restore: the undo of an archive, days later. */
import type { AnyRecord } from '../domain/schema';
import { titleOf } from './context';
import { h } from './dom';
import { avatar, button, iconButton } from './ui';

export interface ArchiveActions {
  back(): void;
  restore(record: AnyRecord, trigger: HTMLButtonElement, row: HTMLElement): void;
}

export function renderArchive(
  items: AnyRecord[],
  total: number,
  actions: ArchiveActions,
): HTMLElement {
  return h(
    'div',
    { class: 'archive-view' },
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', actions.back),
      h('h2', {}, 'Archived customers'),
    ),
    h(
      'p',
      { class: 'muted' },
      total
        ? 'Archived customers keep their rows and history; they are left out of lists and reminders until restored.'
        : 'No archived customers.',
    ),
    h(
      'ul',
      { class: 'results', 'aria-label': 'Archived customers' },
      ...items.map((record) => {
        const title = titleOf('customers', record);
        const row = h('li', { class: 'result-row' });
        const restore: HTMLButtonElement = button(
          'Restore',
          () => actions.restore(record, restore, row),
          {
            emphasis: 'outlined',
            icon: 'undo',
          },
        );
        restore.setAttribute('aria-label', `Restore ${title}`);
        row.append(
          h(
            'span',
            { class: 'result static' },
            avatar(title),
            h(
              'span',
              { class: 'result-text' },
              h('span', { class: 'result-title' }, title),
              record.email ? h('span', { class: 'result-sub' }, String(record.email)) : null,
            ),
          ),
          restore,
        );
        return row;
      }),
    ),
    total > items.length
      ? h('p', { class: 'muted' }, `Showing ${items.length} of ${total}.`)
      : null,
  );
}
