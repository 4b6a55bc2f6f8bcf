/**
 * The pieces of the home list: a customer row, a contact found by search, the filter chips,
 * and arrow-key movement between the search box and the rows.
 */
import type { ContactMatch } from '../domain/customer-query';
import { isOverdue } from '../domain/customer-query';
import { formatDate } from '../domain/format';
import type { AnyRecord } from '../domain/schema';
import { display, titleOf } from './context';
import { h } from './dom';
import { icon } from './icons';
import { stageTone } from './stages';
import { avatar, iconButton, pill } from './ui';

export interface RowActions {
  openCard(id: string, title: string): void;
  editCustomer(record: AnyRecord): void;
}

export function customerRow(
  record: AnyRecord,
  actions: RowActions,
  lastPurchase?: string,
): HTMLElement {
  const title = titleOf('customers', record);
  const context = display();
  const details = [
    record.company !== record.name ? record.company : null,
    record.city,
    record.email,
  ]
    .filter((v) => typeof v === 'string' && v)
    .slice(0, 2)
    .join(' · ');
  const followUp = typeof record.followUp === 'string' ? record.followUp : '';
  const overdue = isOverdue(followUp, context.today);
  const stage = typeof record.lifecycle === 'string' ? record.lifecycle : '';
  return h(
    'li',
    { class: 'result-row' },
    h(
      'button',
      {
        type: 'button',
        class: 'result',
        'data-id': String(record.id),
        onclick: () => actions.openCard(String(record.id), title),
      },
      avatar(title),
      h(
        'span',
        { class: 'result-text' },
        h('span', { class: 'result-title' }, title),
        stage || details
          ? h(
              'span',
              { class: 'result-sub' },
              stage ? pill(stage, stageTone(stage)) : null,
              details ? h('span', { class: 'ellipsis' }, details) : null,
            )
          : null,
        lastPurchase
          ? h('span', { class: 'result-sub' }, `Last purchase ${formatDate(lastPurchase, context)}`)
          : null,
        followUp
          ? h(
              'span',
              { class: overdue ? 'result-sub overdue' : 'result-sub' },
              icon(overdue ? 'clock' : 'calendar', 14),
              overdue
                ? ` Overdue since ${formatDate(followUp, context)}`
                : ` Follow up ${formatDate(followUp, context)}`,
            )
          : null,
      ),
    ),
    iconButton('edit', `Edit ${title}`, () => actions.editCustomer(record)),
  );
}

export function filterChip(label: string, pressed: boolean, toggle: () => void): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'chip-filter',
      'aria-pressed': pressed ? 'true' : 'false',
      onclick: toggle,
    },
    pressed ? icon('check', 16) : null,
    label,
  );
}

export function selectChip(
  label: string,
  anyLabel: string,
  options: readonly string[],
  value: string,
  change: (value: string) => void,
): HTMLSelectElement {
  const select = h(
    'select',
    { class: value ? 'chip-select active' : 'chip-select', 'aria-label': label },
    h('option', { value: '' }, anyLabel),
    ...options.map((option) => h('option', { value: option }, option)),
  );
  select.value = value;
  select.addEventListener('change', () => change(select.value));
  return select;
}

/** Arrow keys between the search box and the rows; Enter opens (the rows are buttons). */
export function listKeys(input: HTMLInputElement, container: HTMLElement): void {
  const rows = () => [
    ...container.querySelectorAll<HTMLElement>('button.result, button.contact-result'),
  ];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      rows()[0]?.focus();
    } else if (event.key === 'Enter') {
      // Enter in the box opens the first match, as in Gmail's search.
      const first = rows()[0];
      if (first && !event.isComposing) {
        event.preventDefault();
        first.click();
      }
    }
  });
  container.addEventListener('keydown', (event) => {
    const all = rows();
    const index = all.indexOf(document.activeElement as HTMLElement);
    if (index === -1) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) input.focus();
      else all[index - 1]?.focus();
    }
  });
}

export function contactRow(match: ContactMatch, actions: RowActions): HTMLElement {
  const name = String(match.contact.name ?? '');
  return h(
    'li',
    { class: 'result-row' },
    h(
      'button',
      {
        type: 'button',
        class: 'contact-result',
        onclick: () => actions.openCard(match.customerId, match.customerTitle),
      },
      avatar(name || '?'),
      h(
        'span',
        { class: 'result-text' },
        h(
          'span',
          { class: 'result-title' },
          name,
          match.contact.role ? h('span', { class: 'muted' }, ` · ${match.contact.role}`) : null,
        ),
        h('span', { class: 'result-sub' }, `Contact at ${match.customerTitle}`),
      ),
    ),
  );
}
