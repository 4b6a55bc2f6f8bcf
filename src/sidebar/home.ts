/**
 * Home: find a customer and start work. Search (customers and their contacts), filters
 * (mine, overdue follow-up, stage, tag), sort, "Show more", and the one primary action — a
 * new customer. The list's query, rows and scroll position live here between visits, so
 * coming back from a card shows the same list at the same place.
 */
import type { ListResult } from '../domain/api-types';
import {
  CUSTOMER_SORTS,
  DEFAULT_LIST_SIZE,
  isOverdue,
  MAX_LIST_SIZE,
  type CustomerList,
  type CustomerQuery,
  type CustomerSort,
} from '../domain/customer-query';
import { formatDate } from '../domain/format';
import { LIFECYCLE_STAGES, type AnyRecord } from '../domain/schema';
import { display, getBoot, remember, titleOf } from './context';
import { h, replaceChildren } from './dom';
import { icon } from './icons';
import { callServer, describeFailure } from './rpc';
import { currentView } from './shell';
import { stageTone } from './stages';
import { avatar, button, iconButton, overflowMenu, pill, progressBar, type MenuItem } from './ui';

export interface HomeActions {
  openCard(id: string, title: string): void;
  editCustomer(record: AnyRecord): void;
  newCustomer(): void;
  editSelectedRow(status: HTMLElement, trigger: HTMLButtonElement): void;
  checkTabs(): void;
  menu: MenuItem[];
}

interface Filters {
  text: string;
  mine: boolean;
  overdue: boolean;
  stage: string;
  tag: string;
  sort: CustomerSort;
}

const state: { filters: Filters; list: CustomerList; tagsComplete: boolean } = {
  filters: { text: '', mine: false, overdue: false, stage: '', tag: '', sort: 'updated' },
  list: {
    items: [],
    total: 0,
    page: 1,
    pageSize: DEFAULT_LIST_SIZE,
    lastPurchase: {},
    contacts: [],
    tags: [],
  },
  tagsComplete: false,
};

/** The start-up page of customers, before the first search of this session. */
export function seedList(first: ListResult): void {
  const tags = new Set<string>();
  for (const item of first.items)
    if (Array.isArray(item.tags)) item.tags.forEach((t) => tags.add(t));
  state.list = { ...first, lastPurchase: {}, contacts: [], tags: [...tags].sort() };
}

/** Leaves a customer out of the list shown (archived), before the fresh list arrives. */
export function forgetCustomer(id: string): void {
  const items = state.list.items.filter((item) => item.id !== id);
  state.list = {
    ...state.list,
    items,
    total: state.list.total - (state.list.items.length - items.length),
  };
}

export function setList(list: CustomerList): void {
  state.list = list;
  state.tagsComplete = true;
}

/** The query the list shows now; `rows` asks for as many rows as are loaded, to keep them. */
export function currentQuery(rows = DEFAULT_LIST_SIZE): CustomerQuery {
  const f = state.filters;
  return {
    text: f.text,
    owner: f.mine ? getBoot().user : undefined,
    overdue: f.overdue || undefined,
    stage: f.stage || undefined,
    tag: f.tag || undefined,
    sort: f.sort,
    page: 1,
    pageSize: Math.min(Math.max(rows, DEFAULT_LIST_SIZE), MAX_LIST_SIZE),
  };
}

function hasFilters(): boolean {
  const f = state.filters;
  return Boolean(f.text.trim() || f.mine || f.overdue || f.stage || f.tag);
}

function customerRow(record: AnyRecord, actions: HomeActions, lastPurchase?: string): HTMLElement {
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

function filterChip(label: string, pressed: boolean, toggle: () => void): HTMLButtonElement {
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

function selectChip(
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
function listKeys(input: HTMLInputElement, container: HTMLElement): void {
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

export function renderHome(
  actions: HomeActions,
  refresh: boolean,
): { view: HTMLElement; search: HTMLInputElement } {
  const boot = getBoot();
  const progress = progressBar();
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const results = h('ul', { class: 'results', 'aria-label': 'Customers' });
  const contacts = h('section', {
    class: 'contact-results',
    'aria-label': 'Contacts found',
    hidden: true,
  });
  const more = h('div', { class: 'more-row' });
  const listHead = h('div', { class: 'list-head' }, count);
  const empty = h('div', { class: 'empty-state', hidden: true });
  const filterRow = h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' });
  const sortSelect = h(
    'select',
    { class: 'sort-select', 'aria-label': 'Sort by' },
    ...CUSTOMER_SORTS.map((s) => h('option', { value: s.key }, s.label)),
  );
  sortSelect.value = state.filters.sort;
  listHead.append(h('label', { class: 'sort' }, icon('sort', 16), sortSelect));
  const input = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Search customers, contacts',
    autocomplete: 'off',
    'aria-label': 'Search customers and contacts',
    'aria-keyshortcuts': '/',
  });
  input.value = state.filters.text;
  const newCustomer = button('New customer', () => actions.newCustomer(), {
    emphasis: 'primary',
    icon: 'plus',
    shortcut: 'N',
  });
  newCustomer.classList.add('grow');

  let requestNumber = 0;
  const load = (page: number, pageSize: number, trigger?: HTMLButtonElement) => {
    const mine = ++requestNumber;
    progress.hidden = false;
    results.setAttribute('aria-busy', 'true');
    if (trigger) {
      trigger.disabled = true;
      trigger.textContent = 'Loading…';
    }
    const query = { ...currentQuery(pageSize), page, pageSize };
    callServer('searchCustomers', query)
      .then((list) => {
        if (mine !== requestNumber) return;
        state.tagsComplete = true;
        if (page > 1) {
          // Someone may have added a customer meanwhile: never show a row twice.
          const seen = new Set(state.list.items.map((item) => item.id));
          state.list = {
            ...list,
            items: [...state.list.items, ...list.items.filter((item) => !seen.has(item.id))],
            lastPurchase: { ...state.list.lastPurchase, ...list.lastPurchase },
          };
        } else {
          state.list = list;
        }
        render();
      })
      .catch((error: unknown) => {
        if (mine !== requestNumber) return;
        count.textContent = describeFailure(error);
        if (trigger) {
          trigger.disabled = false;
          trigger.textContent = 'Try again';
        }
      })
      .finally(() => {
        if (mine !== requestNumber) return;
        progress.hidden = true;
        results.removeAttribute('aria-busy');
      });
  };
  const reload = () => load(1, DEFAULT_LIST_SIZE);
  /** The next page; a list of uneven length (kept across a refresh) is fetched again, longer. */
  const showMore = (shown: number, trigger: HTMLButtonElement) => {
    if (shown % DEFAULT_LIST_SIZE === 0)
      load(shown / DEFAULT_LIST_SIZE + 1, DEFAULT_LIST_SIZE, trigger);
    else load(1, Math.min(shown + DEFAULT_LIST_SIZE, MAX_LIST_SIZE), trigger);
  };

  const renderFilters = () => {
    const f = state.filters;
    replaceChildren(
      filterRow,
      filterChip('Mine', f.mine, () => {
        f.mine = !f.mine;
        renderFilters();
        reload();
      }),
      filterChip('Overdue', f.overdue, () => {
        f.overdue = !f.overdue;
        renderFilters();
        reload();
      }),
      selectChip('Stage', 'Any stage', LIFECYCLE_STAGES, f.stage, (value) => {
        f.stage = value;
        renderFilters();
        reload();
      }),
      selectChip(
        'Tag',
        'Any tag',
        state.list.tags.includes(f.tag) || !f.tag ? state.list.tags : [...state.list.tags, f.tag],
        f.tag,
        (value) => {
          f.tag = value;
          renderFilters();
          reload();
        },
      ),
    );
    // The tags of the first page are a start; the first full answer brings all of them.
    filterRow.querySelector('select[aria-label="Tag"]')?.addEventListener('focus', () => {
      if (!state.tagsComplete) reload();
    });
  };

  const render = () => {
    // Fresh rows replace the old ones in place: the reading position and the focused row
    // stay where they were (Chrome drops the scroll position when the focused row goes).
    const scroller = currentView();
    const scrollTop = scroller.scrollTop;
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.id;
    draw();
    if (focusedId)
      results
        .querySelector<HTMLElement>(`button.result[data-id="${CSS.escape(focusedId)}"]`)
        ?.focus({ preventScroll: true });
    scroller.scrollTop = scrollTop;
  };

  const draw = () => {
    const { items, total, contacts: people } = state.list;
    remember('customers', items);
    const filtered = hasFilters();
    const shown = items.length;
    count.textContent =
      total === 0
        ? ''
        : shown < total
          ? `${shown} of ${total} customers`
          : `${total} customer${total === 1 ? '' : 's'}`;
    replaceChildren(
      results,
      ...items.map((record) =>
        customerRow(record, actions, state.list.lastPurchase[String(record.id)]),
      ),
    );
    replaceChildren(
      contacts,
      people.length ? h('h2', { class: 'section-title' }, 'Contacts') : null,
      people.length
        ? h(
            'ul',
            { class: 'results' },
            ...people.map((match) =>
              h(
                'li',
                { class: 'result-row' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'contact-result',
                    onclick: () => actions.openCard(match.customerId, match.customerTitle),
                  },
                  avatar(String(match.contact.name ?? '?')),
                  h(
                    'span',
                    { class: 'result-text' },
                    h(
                      'span',
                      { class: 'result-title' },
                      String(match.contact.name ?? ''),
                      match.contact.role
                        ? h('span', { class: 'muted' }, ` · ${match.contact.role}`)
                        : null,
                    ),
                    h('span', { class: 'result-sub' }, `Contact at ${match.customerTitle}`),
                  ),
                ),
              ),
            ),
          )
        : null,
    );
    contacts.hidden = !people.length;
    const left = total - shown;
    replaceChildren(
      more,
      left > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-outlined show-more',
              onclick: (event: Event) => showMore(shown, event.currentTarget as HTMLButtonElement),
            },
            `Show ${Math.min(left, DEFAULT_LIST_SIZE)} more (${left} left)`,
          )
        : null,
    );
    const firstRun = total === 0 && !filtered && !people.length;
    // Nothing to filter or sort yet: the first-run message alone says what to do.
    newCustomer.hidden = firstRun;
    filterRow.hidden = firstRun;
    listHead.hidden = firstRun;
    empty.hidden = total > 0 || people.length > 0;
    if (firstRun) {
      replaceChildren(
        empty,
        icon('person', 40),
        h('h2', {}, 'No customers yet'),
        h(
          'p',
          { class: 'muted' },
          'Add your first customer here — or type customers into the Customers tab, then run Extensions ▸ Kartoteka ▸ Set up tabs to bring them in.',
        ),
        button('Add your first customer', () => actions.newCustomer(), {
          emphasis: 'primary',
          icon: 'plus',
        }),
      );
    } else if (total === 0 && !people.length) {
      replaceChildren(
        empty,
        h(
          'p',
          {},
          state.filters.text.trim()
            ? `No customer or contact matches “${state.filters.text.trim()}”.`
            : 'No customers match these filters.',
        ),
        button(
          'Clear search and filters',
          () => {
            state.filters = {
              ...state.filters,
              text: '',
              mine: false,
              overdue: false,
              stage: '',
              tag: '',
            };
            input.value = '';
            renderFilters();
            reload();
          },
          { emphasis: 'text' },
        ),
      );
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    state.filters.text = input.value;
    clearTimeout(timer);
    timer = setTimeout(reload, 250);
  });
  sortSelect.addEventListener('change', () => {
    state.filters.sort = sortSelect.value as CustomerSort;
    reload();
  });

  renderFilters();
  draw();
  // Back from a card: the rows already loaded, fresh (others may have changed them).
  if (refresh) load(1, Math.max(state.list.items.length, DEFAULT_LIST_SIZE));

  const status = h('p', { class: 'status', role: 'status' });
  const editSelected: HTMLButtonElement = button(
    'Edit the selected row',
    () => actions.editSelectedRow(status, editSelected),
    { emphasis: 'text', icon: 'row' },
  );
  const listBody = h('div', { class: 'list-body' }, results, more, contacts, empty);
  listKeys(input, listBody);
  const view = h(
    'div',
    { class: 'home-view' },
    progress,
    h('div', { class: 'search-box' }, icon('search'), input),
    h('div', { class: 'toolbar' }, newCustomer, overflowMenu('More actions', actions.menu)),
    filterRow,
    listHead,
    listBody,
    h(
      'section',
      { class: 'sheet-actions', 'aria-label': 'Work in the sheet' },
      h('h2', { class: 'section-title' }, 'In the sheet'),
      h(
        'div',
        { class: 'row-buttons' },
        editSelected,
        button('Check the tabs', () => actions.checkTabs(), { emphasis: 'text', icon: 'check' }),
      ),
      status,
    ),
  );
  return { view, search: input };
}
