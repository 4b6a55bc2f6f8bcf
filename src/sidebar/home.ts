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
  MAX_LIST_SIZE,
  type CustomerList,
  type CustomerQuery,
  type CustomerSort,
} from '../domain/customer-query';
import { LIFECYCLE_STAGES, type AnyRecord } from '../domain/schema';
import { getBoot, remember } from './context';
import { h, replaceChildren } from './dom';
import { icon } from './icons';
import { contactRow, customerRow, filterChip, listKeys, selectChip } from './list-rows';
import { callServer, describeFailure } from './rpc';
import {
  customerIndexArriving,
  customerIndexStale,
  localCustomerList,
  onCustomerIndex,
} from './customer-index';
import { currentView } from './shell';
import { button, overflowMenu, progressBar, type MenuItem } from './ui';

export interface HomeActions {
  openCard(id: string, title: string): void;
  editCustomer(record: AnyRecord): void;
  newCustomer(): void;
  editSelectedRow(status: HTMLElement, trigger: HTMLButtonElement): void;
  checkTabs(): void;
  /** The daily reminders need someone: a banner on top of the list (reminder-banner.ts). */
  banner?: HTMLElement;
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

function countText(shown: number, total: number): string {
  if (total === 0) return '';
  if (shown < total) return `${shown} of ${total} customers`;
  return `${total} customer${total === 1 ? '' : 's'}`;
}

/**
 * The home screen's elements and the list's behaviour: each method does one thing (load a
 * page, draw the rows, draw the filters, say why the list is empty).
 */
class HomeView {
  readonly progress = progressBar();
  readonly count = h('p', { class: 'count', 'aria-live': 'polite' });
  readonly results = h('ul', { class: 'results', 'aria-label': 'Customers' });
  readonly contacts = h('section', {
    class: 'contact-results',
    'aria-label': 'Contacts found',
    hidden: true,
  });
  readonly more = h('div', { class: 'more-row' });
  readonly listHead = h('div', { class: 'list-head' }, this.count);
  readonly empty = h('div', { class: 'empty-state', hidden: true });
  readonly filterRow = h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' });
  readonly input = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Search customers, contacts',
    autocomplete: 'off',
    'aria-label': 'Search customers and contacts',
    'aria-keyshortcuts': '/',
  });
  readonly newCustomer: HTMLButtonElement;
  private requestNumber = 0;

  constructor(private readonly actions: HomeActions) {
    this.newCustomer = button('New customer', () => actions.newCustomer(), {
      emphasis: 'primary',
      icon: 'plus',
      shortcut: 'N',
    });
    this.newCustomer.classList.add('grow');
    this.input.value = state.filters.text;
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.input.addEventListener('input', () => {
      state.filters.text = this.input.value;
      clearTimeout(timer);
      timer = setTimeout(() => this.reload(), 250);
    });
    const sort = h(
      'select',
      { class: 'sort-select', 'aria-label': 'Sort by' },
      ...CUSTOMER_SORTS.map((s) => h('option', { value: s.key }, s.label)),
    );
    sort.value = state.filters.sort;
    sort.addEventListener('change', () => {
      state.filters.sort = sort.value as CustomerSort;
      this.reload();
    });
    this.listHead.append(h('label', { class: 'sort' }, icon('sort', 16), sort));
  }

  reload(): void {
    this.load(1, DEFAULT_LIST_SIZE);
  }

  /** The next page; a list of uneven length (kept across a refresh) is fetched again, longer. */
  showMore(shown: number, trigger: HTMLButtonElement): void {
    if (shown % DEFAULT_LIST_SIZE === 0) {
      this.load(shown / DEFAULT_LIST_SIZE + 1, DEFAULT_LIST_SIZE, trigger);
    } else {
      this.load(1, Math.min(shown + DEFAULT_LIST_SIZE, MAX_LIST_SIZE), trigger);
    }
  }

  load(page: number, pageSize: number, trigger?: HTMLButtonElement): void {
    const mine = ++this.requestNumber;
    // The index in the browser answers at once when it can (customer-index.ts).
    const query = { ...currentQuery(pageSize), page, pageSize };
    const local = localCustomerList(query, () => this.load(1, Math.max(pageSize, page * pageSize)));
    if (local) {
      state.tagsComplete = true;
      state.list = page > 1 ? appended(local) : local;
      this.render();
      return;
    }
    this.progress.hidden = false;
    this.results.setAttribute('aria-busy', 'true');
    if (trigger) {
      trigger.disabled = true;
      trigger.textContent = 'Loading…';
    }
    // The index is on its way (just after the first load): it answers sooner than a
    // server search of the whole tab would.
    const arriving = query.sort === 'lastPurchase' ? undefined : customerIndexArriving();
    if (arriving) {
      const retry = () => {
        if (mine === this.requestNumber) this.load(page, pageSize, trigger);
      };
      void arriving.then(retry, retry);
      return;
    }
    callServer('searchCustomers', { ...currentQuery(pageSize), page, pageSize })
      .then((list) => {
        if (mine !== this.requestNumber) return;
        state.tagsComplete = true;
        state.list = page > 1 ? appended(list) : list;
        this.render();
      })
      .catch((error: unknown) => {
        if (mine !== this.requestNumber) return;
        this.count.textContent = describeFailure(error);
        if (trigger) {
          trigger.disabled = false;
          trigger.textContent = 'Try again';
        }
      })
      .finally(() => {
        if (mine !== this.requestNumber) return;
        this.progress.hidden = true;
        this.results.removeAttribute('aria-busy');
      });
  }

  /**
   * Fresh rows replace the old ones in place: the reading position and the focused row stay
   * where they were (Chrome drops the scroll position when the focused row goes).
   */
  render(): void {
    const scroller = currentView();
    const scrollTop = scroller.scrollTop;
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.id;
    this.draw();
    if (focusedId) {
      this.results
        .querySelector<HTMLElement>(`button.result[data-id="${CSS.escape(focusedId)}"]`)
        ?.focus({ preventScroll: true });
    }
    scroller.scrollTop = scrollTop;
  }

  draw(): void {
    const { items, total, contacts: people, lastPurchase } = state.list;
    remember('customers', items);
    const shown = items.length;
    this.count.textContent = countText(shown, total);
    replaceChildren(
      this.results,
      ...items.map((record) => customerRow(record, this.actions, lastPurchase[String(record.id)])),
    );
    replaceChildren(
      this.contacts,
      people.length ? h('h2', { class: 'section-title' }, 'Contacts') : null,
      people.length
        ? h('ul', { class: 'results' }, ...people.map((m) => contactRow(m, this.actions)))
        : null,
    );
    this.contacts.hidden = !people.length;
    const left = total - shown;
    const more: HTMLButtonElement | null =
      left > 0
        ? button(`Show ${Math.min(left, DEFAULT_LIST_SIZE)} more (${left} left)`, () =>
            this.showMore(shown, more as HTMLButtonElement),
          )
        : null;
    more?.classList.add('show-more');
    replaceChildren(this.more, more);
    this.drawEmpty(total === 0 && !people.length);
  }

  /** With no customers at all, the first-run message alone says what to do. */
  private drawEmpty(nothing: boolean): void {
    const firstRun = nothing && !hasFilters();
    this.newCustomer.hidden = firstRun;
    this.filterRow.hidden = firstRun;
    this.listHead.hidden = firstRun;
    this.empty.hidden = !nothing;
    if (firstRun) {
      replaceChildren(
        this.empty,
        icon('person', 40),
        h('h2', {}, 'No customers yet'),
        h(
          'p',
          { class: 'muted' },
          'Add your first customer here — or type customers into the Customers tab, then run Extensions ▸ Kartoteka ▸ Set up tabs to bring them in.',
        ),
        button('Add your first customer', () => this.actions.newCustomer(), {
          emphasis: 'primary',
          icon: 'plus',
        }),
      );
    } else if (nothing) {
      const text = state.filters.text.trim();
      replaceChildren(
        this.empty,
        h(
          'p',
          {},
          text ? `No customer or contact matches “${text}”.` : 'No customers match these filters.',
        ),
        button('Clear search and filters', () => this.clearFilters(), { emphasis: 'text' }),
      );
    }
  }

  private clearFilters(): void {
    state.filters = { ...state.filters, text: '', mine: false, overdue: false, stage: '', tag: '' };
    this.input.value = '';
    this.drawFilters();
    this.reload();
  }

  drawFilters(): void {
    const f = state.filters;
    const change = (apply: () => void) => () => {
      apply();
      this.drawFilters();
      this.reload();
    };
    const tags =
      !f.tag || state.list.tags.includes(f.tag) ? state.list.tags : [...state.list.tags, f.tag];
    const tag = selectChip('Tag', 'Any tag', tags, f.tag, (value) =>
      change(() => (f.tag = value))(),
    );
    // The tags of the first page are a start; the first full answer brings all of them.
    tag.addEventListener('focus', () => {
      if (!state.tagsComplete) this.reload();
    });
    replaceChildren(
      this.filterRow,
      filterChip(
        'Mine',
        f.mine,
        change(() => (f.mine = !f.mine)),
      ),
      filterChip(
        'Overdue',
        f.overdue,
        change(() => (f.overdue = !f.overdue)),
      ),
      selectChip('Stage', 'Any stage', LIFECYCLE_STAGES, f.stage, (value) =>
        change(() => (f.stage = value))(),
      ),
      tag,
    );
  }
}

/** A further page added to the rows shown; someone may have added a customer meanwhile. */
function appended(list: CustomerList): CustomerList {
  const seen = new Set(state.list.items.map((item) => item.id));
  return {
    ...list,
    items: [...state.list.items, ...list.items.filter((item) => !seen.has(item.id))],
    lastPurchase: { ...state.list.lastPurchase, ...list.lastPurchase },
  };
}

function sheetActions(actions: HomeActions): HTMLElement {
  const status = h('p', { class: 'status', role: 'status' });
  const editSelected: HTMLButtonElement = button(
    'Edit the selected row',
    () => actions.editSelectedRow(status, editSelected),
    { emphasis: 'text', icon: 'row' },
  );
  return h(
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
  );
}

export function renderHome(
  actions: HomeActions,
  refresh: boolean,
): { view: HTMLElement; search: HTMLInputElement } {
  const home = new HomeView(actions);
  home.drawFilters();
  home.draw();
  // The index in: the rows loaded, from it (tags, filters and search now answer at once).
  onCustomerIndex(() => {
    if (home.results.isConnected)
      home.load(1, Math.max(state.list.items.length, DEFAULT_LIST_SIZE));
  });
  // Back from a card: the rows already loaded, fresh (others may have changed them).
  if (refresh) {
    customerIndexStale(); // a visit shows the list as it is now: fetched behind the one shown
    home.load(1, Math.max(state.list.items.length, DEFAULT_LIST_SIZE));
  }
  const listBody = h(
    'div',
    { class: 'list-body' },
    home.results,
    home.more,
    home.contacts,
    home.empty,
  );
  listKeys(home.input, listBody);
  const view = h(
    'div',
    { class: 'home-view' },
    home.progress,
    actions.banner ?? null,
    h('div', { class: 'search-box' }, icon('search'), home.input),
    h('div', { class: 'toolbar' }, home.newCustomer, overflowMenu('More actions', actions.menu)),
    home.filterRow,
    home.listHead,
    listBody,
    sheetActions(actions),
  );
  return { view, search: home.input };
}
